// bench/hostile: writes the checksum-valid crafted bundles of issue 13 ("Claims a bundle
// makes"), each a few KB that claims gigabytes, for bench/hostile/crafted_bundles (figures)
// and tests/cli/hostile_claims.sh (messages). Built from the rule test's Draft
// (tests/runtime/crafted.hpp): every section and header checksum is right, and every zstd
// frame is a real one (RLE blocks make 64 MiB of content from 2 KB), so only the claims are
// hostile.
//
//   sheaf_craft_hostile OUTPUT_DIR [--light]
//
// --light: the two 4 GiB frames state their content size but hold no blocks (readers now
// refuse them at open, before any decoding; without it their content is real, which takes
// seconds to hash).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/crafted.hpp"

namespace {

using sheaf::test::Bytes;
using sheaf::test::Draft;
using sheaf::test::put_le;
namespace fb = sheaf::fb;

constexpr uint32_t kBlock = 128 * 1024;  // zstd's largest block

/// One zstd frame whose content is `prefix` (raw blocks) then `fill` bytes of `byte` (RLE
/// blocks), with its content size and checksum. With `blocks` false: the header alone.
Bytes rle_frame(const std::string& prefix, uint64_t fill, uint8_t byte, bool blocks = true) {
  const uint64_t total = prefix.size() + fill;
  Bytes f = {0x28, 0xB5, 0x2F, 0xFD};
  const bool wide = total > 0xFFFFFFFFu;
  f.push_back(wide ? 0xE4 : 0xA4);  // single segment, 8- or 4-byte content size, checksum
  put_le(f, total, wide ? 8 : 4);
  if (!blocks) {
    return f;
  }
  sheaf::detail::Xxh64 hash;
  hash.update(reinterpret_cast<const uint8_t*>(prefix.data()), prefix.size());
  for (size_t at = 0; at < prefix.size(); at += kBlock) {
    const size_t n = std::min<size_t>(kBlock, prefix.size() - at);
    const bool last = fill == 0 && at + n == prefix.size();
    put_le(f, (last ? 1u : 0u) | (static_cast<uint32_t>(n) << 3), 3);  // raw block
    f.insert(f.end(), prefix.begin() + static_cast<std::ptrdiff_t>(at),
             prefix.begin() + static_cast<std::ptrdiff_t>(at + n));
  }
  const std::vector<uint8_t> chunk(kBlock, byte);
  for (uint64_t left = fill; left > 0;) {
    const auto n = static_cast<uint32_t>(std::min<uint64_t>(kBlock, left));
    left -= n;
    put_le(f, (left == 0 ? 1u : 0u) | (1u << 1) | (n << 3), 3);  // RLE block
    f.push_back(byte);
    hash.update(chunk.data(), n);
  }
  put_le(f, hash.digest(), 4);
  return f;
}

bool write(const std::string& dir, const std::string& name, const Draft& d) {
  const sheaf::test::AlignedBytes b = d.assemble();
  const std::string path = dir + "/" + name + ".sheaf";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  const bool ok = f != nullptr && std::fwrite(b.span().data(), 1, b.size, f) == b.size;
  if (f == nullptr || std::fclose(f) != 0 || !ok) {
    std::fprintf(stderr, "craft_hostile: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("%s %zu bytes\n", path.c_str(), b.size);
  return true;
}

uint32_t checksum_of(const std::string& r) {
  return static_cast<uint32_t>(
      sheaf::detail::xxh64(reinterpret_cast<const uint8_t*>(r.data()), r.size()));
}

/// The base bundle with a kept source whose table and frame header both claim `claimed`
/// bytes, of which the frame holds one raw block of 16.
Draft kept_source(uint64_t claimed) {
  Draft d = sheaf::test::valid_draft();
  Bytes frame = {0x28, 0xB5, 0x2F, 0xFD, 0xE4};  // single segment, 8-byte size, checksum
  put_le(frame, claimed, 8);
  put_le(frame, 16u << 3, 3);  // a raw block of 16 bytes, not the last
  frame.insert(frame.end(), 16, 'x');
  d.sources = {{0, frame.size()}};
  d.source_sizes = {claimed};
  frame.resize(static_cast<size_t>(sheaf::format::align_up(frame.size())), 0);
  d.extra_sections.push_back(
      {static_cast<uint32_t>(sheaf::format::SectionKind::sources), 0, frame, 0});
  return d;
}

/// As kept_source(), but the frame is not single-segment: a 1 MiB window, so a streaming
/// decoder accepts it, decodes its 16 bytes and then finds the frame cut short.
Draft kept_source_windowed(uint64_t claimed) {
  Draft d = kept_source(claimed);
  Bytes frame = {0x28, 0xB5, 0x2F, 0xFD, 0xC4, 0x50};  // 8-byte size, checksum; 1 MiB window
  put_le(frame, claimed, 8);
  put_le(frame, 16u << 3, 3);  // a raw block of 16 bytes, not the last
  frame.insert(frame.end(), 16, 'x');
  d.sources = {{0, frame.size()}};
  frame.resize(static_cast<size_t>(sheaf::format::align_up(frame.size())), 0);
  d.extra_sections.back().bytes = frame;
  return d;
}

/// `articles` records, article i in frame i % 2; each frame holds its records, then zero
/// bytes up to `frame_size`. Records in id order, every table consistent, checksums right:
/// only V9 (records hop between the frames) is broken.
Draft alternating(uint32_t articles, uint32_t frame_size) {
  Draft d = sheaf::test::valid_draft();
  std::string content[2];
  d.articles.clear();
  d.keys.clear();
  d.id_keys.clear();
  char id[16];
  for (uint32_t i = 0; i < articles; ++i) {
    std::snprintf(id, sizeof id, "a%07u", i);
    d.id_keys.emplace_back(sheaf::detail::title_hash(id), i);
    const std::string r = sheaf::test::record(id, "Notice");
    std::string& c = content[i % 2];
    d.articles.emplace_back(i % 2, static_cast<uint32_t>(c.size()), static_cast<uint32_t>(r.size()),
                            checksum_of(r));
    d.keys.emplace_back(sheaf::detail::title_hash("Notice"), i);
    c += r;
  }
  Draft::sort_keys(d.id_keys);
  d.data.clear();
  d.frame_ends.clear();
  for (const std::string& c : content) {
    const Bytes f = rle_frame(c, frame_size - c.size(), 0);
    d.data.insert(d.data.end(), f.begin(), f.end());
    d.frame_ends.push_back(static_cast<uint32_t>(d.data.size()));
  }
  d.data.resize(static_cast<size_t>(sheaf::format::align_up(d.data.size())), 0);
  d.block_size = d.max_frame_size = d.max_read_size = frame_size;
  return d;
}

/// Two frames of 4 GiB - 1 raw bytes each, one record at the start of each.
Draft huge_frames(bool light) {
  Draft d = sheaf::test::valid_draft();
  d.records.resize(2);
  d.derive();
  d.data.clear();
  for (uint32_t j = 0; j < 2; ++j) {
    const std::string& r = d.records[j];
    const Bytes f = rle_frame(r, 0xFFFFFFFFu - r.size(), 0, !light);
    d.data.insert(d.data.end(), f.begin(), f.end());
    d.frame_ends[j] = static_cast<uint32_t>(d.data.size());
  }
  d.data.resize(static_cast<size_t>(sheaf::format::align_up(d.data.size())), 0);
  d.block_size = d.max_frame_size = d.max_read_size = 0xFFFFFFFFu;
  return d;
}

/// A packed dictionary: a real zstd frame of 1 GiB, the dictionary magic then zero bytes.
Draft packed_dictionary() {
  Draft d = sheaf::test::valid_draft();
  const std::string magic = {'\x37', '\xA4', '\x30', '\xEC', '\x01', '\0', '\0', '\0'};
  Bytes frame = rle_frame(magic, (uint64_t{1} << 30) - magic.size(), 0);
  frame.resize(static_cast<size_t>(sheaf::format::align_up(frame.size())), 0);
  d.extra_sections.push_back(
      {static_cast<uint32_t>(sheaf::format::SectionKind::packed_dictionary), 0, frame, 0});
  return d;
}

Draft with_max_read_size(uint32_t v) {
  Draft d = sheaf::test::valid_draft();
  d.max_read_size = v;
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sheaf_craft_hostile OUTPUT_DIR [--light]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const bool light = argc > 2 && std::strcmp(argv[2], "--light") == 0;
  const bool ok = write(dir, "source-2gib", kept_source(uint64_t{2} << 30)) &&
                  write(dir, "source-1tib", kept_source(uint64_t{1} << 40)) &&
                  write(dir, "source-2gib-windowed", kept_source_windowed(uint64_t{2} << 30)) &&
                  write(dir, "max-read-2gib", with_max_read_size(uint32_t{2} << 30)) &&
                  write(dir, "max-read-ffffffff", with_max_read_size(0xFFFFFFFFu)) &&
                  write(dir, "alternating-64mib", alternating(20000, 64u << 20)) &&
                  write(dir, "frames-4gib", huge_frames(light)) &&
                  write(dir, "packed-dictionary-1gib", packed_dictionary());
  return ok ? 0 : 1;
}
