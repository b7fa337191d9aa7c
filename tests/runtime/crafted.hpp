// tests/runtime: bundles crafted byte by byte, for the rule-per-case test. A Draft holds a small
// valid bundle as editable parts (records, frames, the index's vectors, sections); a test
// changes one part and assembles it, and every checksum the change does not target is
// recomputed, so the damage reaches the rule it aims at. Frames are zstd frames of raw blocks
// (no compressor needed, so this also runs where only zstd's decoder is built).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <flatbuffers/flatbuffers.h>

#include <sheaf/sheaf.hpp>

#include "runtime/aligned_bytes.hpp"

namespace sheaf::test {

using Bytes = std::vector<uint8_t>;

inline void put_le(Bytes& out, uint64_t v, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    out.push_back(static_cast<uint8_t>(v >> (8 * k)));
  }
}

inline void set_le(uint8_t* p, uint64_t v, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    p[k] = static_cast<uint8_t>(v >> (8 * k));
  }
}

/// One zstd frame holding `content` in a raw block, with its content size and checksum.
inline Bytes raw_zstd_frame(const std::string& content) {
  Bytes f = {0x28, 0xB5, 0x2F, 0xFD, 0xA4};  // magic; single segment, 4-byte size, checksum
  put_le(f, content.size(), 4);
  put_le(f, 1u | (uint32_t{static_cast<uint32_t>(content.size())} << 3), 3);  // last, raw
  f.insert(f.end(), content.begin(), content.end());
  put_le(f, detail::xxh64(reinterpret_cast<const uint8_t*>(content.data()), content.size()), 4);
  return f;
}

/// A record: the id field, the title field, `extra` header bytes, the end tag, a body.
inline std::string record(const std::string& id, const std::string& title,
                          const std::string& extra = "") {
  std::string r;
  r += '\x01';
  r += static_cast<char>(id.size());
  r += id;
  r += '\x02';
  r += static_cast<char>(title.size());
  r += title + extra;
  r += '\0';
  return r + "Body of " + id + ".";
}

/// A section as the draft will lay it out.
struct DraftSection {
  uint32_t kind = 0;
  uint32_t flags = 0;
  Bytes bytes;
  uint64_t checksum_xor = 0;  ///< nonzero: store a wrong checksum
};

/// A zstd frame header that claims `raw` bytes of content, with an empty last raw block and no
/// checksum bytes: enough for a reader that plans reads from headers (rule B4), never decoded.
inline Bytes claiming_frame(uint32_t raw) {
  Bytes f = {0x28, 0xB5, 0x2F, 0xFD, 0xA4};  // magic; single segment, 4-byte size, checksum
  put_le(f, raw, 4);
  put_le(f, 1u, 3);  // last block, raw, empty
  put_le(f, 0, 4);   // a checksum that is never checked
  return f;
}

/// A small valid bundle as parts: three articles, one record per frame (format 3).
struct Draft {
  std::vector<std::string> records = {record("a-1", "Alpha"), record("b-2", "Beta"),
                                      record("c-3", "Gamma")};
  // Filled by derive() from the records; change them after.
  Bytes data;
  std::vector<uint32_t> frame_ends;
  std::vector<fb::Article> articles;
  std::vector<fb::TitleKey> id_keys;
  std::vector<uint32_t> frame_wraps;  ///< written only when not empty
  std::vector<fb::TitleKey> keys;
  uint32_t block_size = 8192, max_frame_size = 0, max_read_size = 0;
  bool omit_frame_ends = false;
  std::vector<std::string> sites;                      // Site names
  std::vector<std::pair<uint64_t, uint64_t>> sources;  // (offset, compressed_size)
  std::vector<uint64_t> source_sizes;                  // SourceFile.size of sources[k] (0 past)
  std::vector<DraftSection> extra_sections;            // after INDEX and DATA
  bool omit_data_section = false;
  uint64_t gap_before_first = 0;  ///< bytes of padding before the first section
  uint64_t trailing = 0;          ///< zero bytes past the end of the last section's padding

  /// Keys sorted by (hash, article), as the index stores them.
  static void sort_keys(std::vector<fb::TitleKey>& k) {
    std::sort(k.begin(), k.end(), [](const fb::TitleKey& a, const fb::TitleKey& b) {
      return a.hash() != b.hash() ? a.hash() < b.hash() : a.article() < b.article();
    });
  }

  /// Fills data, frame ends, articles, keys and the size fields from the records: frames back
  /// to back, DATA padded to 8 bytes after the last.
  void derive() {
    data.clear();
    frame_ends.clear();
    articles.clear();
    id_keys.clear();
    keys.clear();
    for (uint32_t i = 0; i < records.size(); ++i) {
      const std::string& r = records[i];
      const Bytes f = raw_zstd_frame(r);
      data.insert(data.end(), f.begin(), f.end());
      frame_ends.push_back(static_cast<uint32_t>(data.size()));
      const auto checksum = static_cast<uint32_t>(
          detail::xxh64(reinterpret_cast<const uint8_t*>(r.data()), r.size()));
      articles.emplace_back(i, 0, static_cast<uint32_t>(r.size()), checksum);
      const Result<Record> parsed = parse_record(r);
      id_keys.emplace_back(detail::title_hash(parsed.ok() ? parsed.value().id : "?"), i);
      keys.emplace_back(detail::title_hash(parsed.ok() ? parsed.value().title : ""), i);
      max_frame_size = std::max<uint32_t>(max_frame_size, static_cast<uint32_t>(r.size()));
    }
    data.resize(static_cast<size_t>(format::align_up(data.size())), 0);
    max_read_size = max_frame_size;
    sort_keys(id_keys);
    sort_keys(keys);
  }

  /// Where frame `j` starts in data.
  uint32_t frame_start(size_t j) const { return j == 0 ? 0 : frame_ends[j - 1]; }

  Bytes index() const {
    flatbuffers::FlatBufferBuilder b;
    std::vector<flatbuffers::Offset<fb::Site>> site_tables;
    for (const std::string& name : sites) {
      site_tables.push_back(fb::CreateSite(b, b.CreateString(name)));
    }
    std::vector<flatbuffers::Offset<fb::SourceFile>> source_tables;
    for (size_t k = 0; k < sources.size(); ++k) {
      const uint64_t size = k < source_sizes.size() ? source_sizes[k] : 0;
      source_tables.push_back(fb::CreateSourceFile(b, b.CreateString("in.txt"), sources[k].first,
                                                   sources[k].second, size));
    }
    const auto v_frame_ends = b.CreateVector(frame_ends);
    const auto v_frame_wraps = b.CreateVector(frame_wraps);
    const auto v_articles = b.CreateVectorOfStructs(articles);
    const auto v_id_keys = b.CreateVectorOfStructs(id_keys);
    const auto v_keys = b.CreateVectorOfStructs(keys);
    const auto v_sites = b.CreateVector(site_tables);
    const auto v_sources = b.CreateVector(source_tables);
    const auto title = b.CreateString("Crafted");
    // By hand rather than CreateBundle, whose Finish() asserts the required fields.
    const flatbuffers::uoffset_t start = b.StartTable();
    using B = fb::Bundle;
    b.AddOffset(B::VT_TITLE, title);
    b.AddElement<uint32_t>(B::VT_BLOCK_SIZE, block_size, 0);
    b.AddElement<uint32_t>(B::VT_MAX_FRAME_SIZE, max_frame_size, 0);
    b.AddElement<uint32_t>(B::VT_MAX_READ_SIZE, max_read_size, 0);
    b.AddOffset(B::VT_ARTICLES, v_articles);
    b.AddOffset(B::VT_TITLE_KEYS, v_keys);
    b.AddOffset(B::VT_SITES, v_sites);
    b.AddOffset(B::VT_SOURCES, v_sources);
    if (!omit_frame_ends) {
      b.AddOffset(B::VT_FRAME_ENDS, v_frame_ends);
    }
    b.AddOffset(B::VT_ID_KEYS, v_id_keys);
    if (!frame_wraps.empty()) {
      b.AddOffset(B::VT_FRAME_WRAPS, v_frame_wraps);
    }
    b.Finish(flatbuffers::Offset<B>(b.EndTable(start)), format::kIndexIdentifier);
    return Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  }

  std::vector<DraftSection> sections(const Bytes& index_bytes) const {
    std::vector<DraftSection> s;
    s.push_back({static_cast<uint32_t>(format::SectionKind::index), 0, index_bytes, 0});
    if (!omit_data_section) {
      s.push_back({static_cast<uint32_t>(format::SectionKind::data), 0, data, 0});
    }
    s.insert(s.end(), extra_sections.begin(), extra_sections.end());
    return s;
  }

  /// The bundle's bytes, every checksum computed.
  AlignedBytes assemble(const Bytes& index_bytes) const {
    const std::vector<DraftSection> list = sections(index_bytes);
    Bytes file(format::header_end(static_cast<uint32_t>(list.size())), 0);
    file.resize(static_cast<size_t>(file.size() + gap_before_first), 0);
    for (size_t k = 0; k < list.size(); ++k) {
      const DraftSection& s = list[k];
      file.resize(static_cast<size_t>(format::align_up(file.size())), 0);
      uint8_t* e = file.data() + format::kHeaderSize + k * format::kSectionEntrySize;
      set_le(e + format::kOffSectionKind, s.kind, 4);
      set_le(e + format::kOffSectionFlags, s.flags, 4);
      set_le(e + format::kOffSectionOffset, file.size(), 8);
      set_le(e + format::kOffSectionSize, s.bytes.size(), 8);
      set_le(e + format::kOffSectionChecksum,
             detail::xxh64(s.bytes.data(), s.bytes.size()) ^ s.checksum_xor, 8);
      file.insert(file.end(), s.bytes.begin(), s.bytes.end());
    }
    file.resize(static_cast<size_t>(format::align_up(file.size()) + trailing), 0);
    std::copy(format::kMagic, format::kMagic + 8, file.begin());
    set_le(file.data() + format::kOffVersionMajor, format::kVersionMajor, 2);
    set_le(file.data() + format::kOffFileSize, file.size(), 8);
    set_le(file.data() + format::kOffSectionCount, list.size(), 4);
    AlignedBytes out;
    out.words.assign(file.size() / 8 + 1, 0);
    out.size = file.size();
    std::copy(file.begin(), file.end(), out.data());
    seal_header(out);
    return out;
  }

  AlignedBytes assemble() const { return assemble(index()); }

  /// Recomputes the header checksum after a change to the header or section table.
  static void seal_header(AlignedBytes& bundle) {
    uint8_t* p = bundle.data();
    const uint32_t count = detail::load_le32(p + format::kOffSectionCount);
    const size_t end = format::header_end(std::min<uint32_t>(count, format::kMaxSections));
    set_le(p + format::kOffHeaderChecksum,
           detail::xxh64(p + format::kOffVersionMajor, end - format::kOffVersionMajor), 8);
  }
};

/// A draft with its parts derived from the records.
inline Draft valid_draft() {
  Draft d;
  d.derive();
  return d;
}

}  // namespace sheaf::test
