// Fuzz target: a valid bundle's decoded fields, changed as the input says, re-assembled with
// every checksum recomputed (tests/fuzz/README.md). bundle_patch damages bytes, which the
// checksums then reject at the door; here the crafted bundle passes every checksum, so the
// claims it makes (sizes, offsets, counts, ids, the dictionary) reach the code that believes
// them. Built from the rule test's Draft (tests/runtime/crafted.hpp).
//
// Input: byte 0 = how many records to add (low 3 bits) and flags (bit 3: recompute every
// article's checksum from the frames after the edits; bit 4: add a dictionary; bit 5: packed;
// bit 6: add a SOURCES section); then edits of 6 bytes each: an opcode, an element number and
// a 4-byte little-endian value, where the value's top byte may pick an interesting number.
//
// The bundle is then read as the sheaf CLI reads it: the workspace Decoder::workspace_size()
// says and a frame buffer of max_frame_size, both unbounded, so that an allocation driven by a
// claim shows up under libFuzzer's -malloc_limit_mb (scripts/fuzz sets it); records walked in
// order with SPEC rule V9 checked and a one-frame cache, gathered piece by piece; then the
// lookups, verify_all and verify_bodies.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_runtime.hpp"
#include "runtime/crafted.hpp"

namespace {

using sheaf::test::Bytes;
using sheaf::test::Draft;
namespace fb = sheaf::fb;
namespace fmt = sheaf::format;

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool left(size_t n) const { return size_ - at_ >= n; }

  uint8_t u8() { return at_ < size_ ? data_[at_++] : 0; }

  uint32_t u32() {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      v |= uint32_t{u8()} << (8 * k);
    }
    return v;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

// The value of an edit: a top byte of 0xF0 to 0xFF picks a number at a limit, else the value
// as is (small values come from small inputs).
uint32_t value_of(uint32_t raw, uint32_t current) {
  static const uint32_t kInteresting[] = {0,
                                          1,
                                          7,
                                          8,
                                          0x7FFFFFFF,
                                          0x80000000,
                                          0xFFFFFFFE,
                                          0xFFFFFFFF,
                                          fmt::kMaxFrameSize,
                                          fmt::kMaxFrameSize + 1,
                                          static_cast<uint32_t>(fmt::kMaxDictionarySize + 1),
                                          uint32_t{1} << 30,
                                          uint32_t{1} << 31};
  const uint32_t top = raw >> 24;
  if (top >= 0xF0) {
    const uint32_t pick = top - 0xF0;
    if (pick < sizeof(kInteresting) / sizeof(kInteresting[0])) {
      return kInteresting[pick];
    }
    return current + (raw & 0xFF) - 128;  // a small step from the current value
  }
  return raw;
}

std::string record_from(Input& in, uint32_t n) {
  std::string id = "z" + std::to_string(n);
  std::string title(1 + in.u8() % 4, static_cast<char>('A' + n % 26));
  return sheaf::test::record(id, title);
}

// One edit of the decoded fields.
void edit(Draft& d, uint8_t op, uint32_t k, uint32_t raw) {
  const auto at = [](auto& v, uint32_t i) -> auto& {
    return v[i % v.size()];
  };
  switch (op % 20) {
    case 0:
    case 1:
      if (!d.frame_ends.empty()) {
        at(d.frame_ends, k) = value_of(raw, at(d.frame_ends, k));
      }
      break;
    case 2:  // a frame header's content size (bytes 5 to 8 of raw_zstd_frame's header)
      if (!d.frame_ends.empty()) {
        const size_t j = k % d.frame_ends.size();
        const size_t start = d.frame_start(j);
        if (start + 9 <= d.data.size()) {
          const uint32_t v = value_of(raw, sheaf::detail::load_le32(d.data.data() + start + 5));
          sheaf::test::set_le(d.data.data() + start + 5, v, 4);
        }
      }
      break;
    case 3:
    case 4:
    case 5:
    case 6:
      if (!d.articles.empty()) {
        fb::Article& a = at(d.articles, k);
        uint32_t v[4] = {a.first_frame(), a.offset(), a.size(), a.checksum()};
        v[op % 20 - 3] = value_of(raw, v[op % 20 - 3]);
        a = fb::Article(v[0], v[1], v[2], v[3]);
      }
      break;
    case 7:
      d.block_size = value_of(raw, d.block_size);
      break;
    case 8:
      d.max_frame_size = value_of(raw, d.max_frame_size);
      break;
    case 9:
      d.max_read_size = value_of(raw, d.max_read_size);
      break;
    case 10:
    case 11:
      if (!d.id_keys.empty()) {
        fb::TitleKey& t = at(d.id_keys, k);
        t = op % 20 == 10 ? fb::TitleKey(value_of(raw, t.hash()), t.article())
                          : fb::TitleKey(t.hash(), value_of(raw, t.article()));
      }
      break;
    case 12:
      if (!d.keys.empty()) {
        fb::TitleKey& t = at(d.keys, k);
        t = raw % 2 == 0 ? fb::TitleKey(value_of(raw, t.hash()), t.article())
                         : fb::TitleKey(t.hash(), value_of(raw, t.article()));
      }
      break;
    case 13:  // an article entry repeated (records that hop between frames)
      if (!d.articles.empty() && d.articles.size() < 256) {
        const fb::Article a = at(d.articles, k);
        d.articles.insert(
            d.articles.begin() + static_cast<std::ptrdiff_t>(raw % (d.articles.size() + 1)), a);
        d.keys.emplace_back(d.keys.empty() ? 0 : d.keys.back().hash(),
                            static_cast<uint32_t>(d.articles.size() - 1));
        d.id_keys.emplace_back(d.id_keys.empty() ? 0 : d.id_keys.back().hash(),
                               static_cast<uint32_t>(d.articles.size() - 1));
      }
      break;
    case 14:
      if (!d.articles.empty()) {
        d.articles.erase(d.articles.begin() + static_cast<std::ptrdiff_t>(k % d.articles.size()));
      }
      break;
    case 15:
      if (!d.frame_ends.empty()) {
        d.frame_ends.erase(d.frame_ends.begin() +
                           static_cast<std::ptrdiff_t>(k % d.frame_ends.size()));
      }
      break;
    case 16:
      if (!d.keys.empty()) {
        d.keys.erase(d.keys.begin() + static_cast<std::ptrdiff_t>(k % d.keys.size()));
      }
      break;
    case 17:
      if (d.sites.size() < 4) {
        d.sites.push_back("Site " + std::to_string(raw % 10));
      }
      break;
    case 18:
      if (d.sources.size() < 4) {
        d.sources.emplace_back(value_of(raw, 0), k);
      }
      break;
    default:
      if (!d.id_keys.empty() && raw % 2 == 0) {
        d.id_keys.pop_back();
      } else if (!d.id_keys.empty()) {
        d.id_keys.erase(d.id_keys.begin() + static_cast<std::ptrdiff_t>(k % d.id_keys.size()));
      }
      break;
  }
}

// Sets each article's checksum to that of the bytes its location names in the frames'
// contents (the records, one per frame as derive() laid them out), where they exist: records
// that span frames then pass B3 and reach the code after it.
void fix_checksums(Draft& d, const std::vector<std::string>& contents) {
  for (fb::Article& a : d.articles) {
    std::string bytes;
    uint64_t start = a.offset();
    for (size_t j = a.first_frame(); j < contents.size() && bytes.size() < a.size(); ++j) {
      if (start < contents[j].size()) {
        bytes += contents[j].substr(static_cast<size_t>(start), a.size() - bytes.size());
      }
      start = 0;
    }
    if (bytes.size() == a.size()) {
      a = fb::Article(a.first_frame(), a.offset(), a.size(),
                      static_cast<uint32_t>(sheaf::detail::xxh64(
                          reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())));
    }
  }
}

Bytes packed_dictionary_frame(uint32_t claimed) {
  Bytes frame = {0x28, 0xB5, 0x2F, 0xFD, 0xA4};  // single segment, 4-byte size, checksum
  sheaf::test::put_le(frame, claimed, 4);
  const Bytes dictionary = {0x37, 0xA4, 0x30, 0xEC, 1, 0, 0, 0};
  sheaf::test::put_le(frame, 1u | (uint32_t{8} << 3), 3);  // last raw block of 8 bytes
  frame.insert(frame.end(), dictionary.begin(), dictionary.end());
  sheaf::test::put_le(frame, sheaf::detail::xxh64(dictionary.data(), dictionary.size()), 4);
  return frame;
}

void add_sections(Draft& d, uint8_t flags, uint32_t claim) {
  using K = fmt::SectionKind;
  if ((flags & 0x10) != 0) {
    if ((flags & 0x20) != 0) {
      d.extra_sections.push_back(
          {static_cast<uint32_t>(K::packed_dictionary), 0, packed_dictionary_frame(claim), 0});
    } else {
      Bytes dictionary = {0x37, 0xA4, 0x30, 0xEC, 1, 0, 0, 0};
      dictionary.resize(8 + claim % 64, 0);
      d.extra_sections.push_back({static_cast<uint32_t>(K::dictionary), 0, dictionary, 0});
    }
  }
  if ((flags & 0x40) != 0) {
    d.extra_sections.push_back(
        {static_cast<uint32_t>(K::sources), 0, sheaf::test::raw_zstd_frame("kept"), 0});
  }
}

// What `sheaf ls` does: every record in order, V9 checked as it goes, each frame decoded into
// a max_frame_size buffer once (one-frame cache), pieces gathered into a string.
void walk_like_ls(const sheaf::Bundle& b, sheaf::Decoder& d, std::vector<uint8_t>& frame) {
  sheaf::FrameOrder order;
  uint32_t cached = UINT32_MAX;
  std::string gathered;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const auto a = b.article(i);
    const auto plan =
        a.ok() ? b.record_plan(a.value()) : sheaf::Result<sheaf::RecordPlan>(a.error());
    if (!plan.ok() || order.next(plan.value()) != sheaf::Errc::ok) {
      return;
    }
    gathered.clear();
    uint32_t start = plan.value().offset;
    for (uint32_t k = 0; k < plan.value().frame_count; ++k, start = 0) {
      const uint32_t j = plan.value().first_frame + k;
      if (cached != j) {
        cached = UINT32_MAX;
        if (!d.read_frame(j, sheaf::MutableByteSpan(frame.data(), frame.size())).ok()) {
          return;
        }
        cached = j;
      }
      const uint32_t raw = b.frame(j).value().raw_size;
      const uint32_t n = std::min<uint32_t>(
          raw - start, plan.value().size - static_cast<uint32_t>(gathered.size()));
      gathered.append(reinterpret_cast<const char*>(frame.data()) + start, n);
    }
    if (static_cast<uint32_t>(sheaf::detail::xxh64(
            reinterpret_cast<const uint8_t*>(gathered.data()), gathered.size())) !=
        a.value().checksum) {
      return;
    }
    (void)sheaf::parse_record(gathered);
  }
  (void)order.finish(b.frame_count());
}

void read_like_cli(const sheaf::ByteSpan bytes) {
  const auto opened = sheaf::Bundle::open(bytes);
  if (!opened.ok()) {
    return;
  }
  const sheaf::Bundle& b = opened.value();
  const bool verified = sheaf::verify_all(b) == sheaf::Errc::ok;
  std::vector<uint64_t> workspace(sheaf::Decoder::workspace_size(b) / 8 + 1);  // unbounded
  const auto init = sheaf::Decoder::init(
      b,
      sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  if (!init.ok()) {
    return;
  }
  sheaf::Decoder d = init.value();
  std::vector<uint8_t> frame(std::max<size_t>(b.info().max_frame_size, 1));  // unbounded
  walk_like_ls(b, d, frame);
  const sheaf::MutableByteSpan out(frame.data(), frame.size());
  (void)d.find_index("b-2", out);
  (void)d.find_index("z1", out);
  (void)d.find_title("Beta", out);
  // verify_bodies needs max_read_size bytes (sheaf verify reserves them untouched): only
  // after verify_all, which made it exact, and within the frame sizes I11 allows.
  if (verified && b.info().max_read_size <= 2 * size_t{sheaf::format::kMaxFrameSize}) {
    std::vector<uint8_t> whole(std::max<size_t>(b.info().max_read_size, 1));
    (void)sheaf::verify_bodies(b, d, sheaf::MutableByteSpan(whole.data(), whole.size()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  const uint8_t flags = in.u8();
  Draft d;
  for (uint32_t n = 0; n < (flags & 7u); ++n) {
    d.records.push_back(record_from(in, n));
  }
  std::sort(d.records.begin(), d.records.end());
  d.derive();
  const std::vector<std::string> contents = d.records;  // frame j holds record j
  const uint32_t claim = in.u32();
  for (uint32_t count = 0; in.left(6) && count < 64; ++count) {
    const uint8_t op = in.u8();
    const uint8_t k = in.u8();
    edit(d, op, k, in.u32());
  }
  if ((flags & 0x08) != 0) {
    fix_checksums(d, contents);
  }
  add_sections(d, flags, value_of(claim, 0));
  const sheaf::test::AlignedBytes bundle = d.assemble();
  read_like_cli(bundle.span());
  sheaf::fuzz::exercise_bundle(bundle.span().data(), bundle.size);
  return 0;
}
