// sheaf runtime: the HEADLINES section (SPEC: "Headlines section"), read in place: every
// article's title, compressed a few to a frame in the NAVIGATION section's newest-first order,
// so that a list screen of 10 to 20 lines decodes one or two small frames (no record), and
// the titles' byte order as a table of slots, so that a title prefix is found by binary search.
// Reading a title needs a Decoder (the frames use the bundle's dictionary) and a buffer of
// max_raw() bytes: those reads are defined in decoder.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/record.hpp>
#include <sheaf/rules.hpp>

namespace sheaf {

class Decoder;

/// A view of a HEADLINES section whose sizes open() checked (rule L1). A slot is a position in
/// the newest-first order of the NAVIGATION section (Navigation::newest() gives its article);
/// a position is a place in ascending title order. Each read checks what it touches (rules L2
/// to L4); verify_headlines() (verify.hpp) checks the section whole (L5, L6).
class Headlines {
 public:
  // article_count, min_group, frame_count, blob_size, max_raw
  static constexpr size_t kHeaderBytes = 20;
  static constexpr uint32_t kNoFrame = UINT32_MAX;

  /// Positions [begin, end) of the titles that start with a prefix.
  struct Range {
    uint32_t begin = 0;
    uint32_t end = 0;

    uint32_t size() const noexcept { return end - begin; }
  };

  /// A caller's one-frame cache: the frame whose content its buffer holds (kNoFrame for none).
  /// Reads of titles in one frame then decode it once. Reset it (Cache{}) when the buffer is
  /// used for anything else.
  struct Cache {
    uint32_t frame = kNoFrame;
    uint32_t size = 0;  ///< its content's bytes
  };

  Headlines() noexcept = default;

  /// Checks the section's sizes against `article_count`: O(1).
  /// @return the view, or corrupt_index.
  static Result<Headlines> open(ByteSpan section, uint32_t article_count) noexcept;

  uint32_t count() const noexcept { return n_; }

  /// The fewest titles a frame holds, frame 0 (the newest) aside, which may hold fewer
  /// (verify_headlines() checks it: rule L5). A screen of consecutive slots spans at most
  /// (lines - 1) / min_group() + 2 frames.
  uint32_t min_group() const noexcept { return g_; }

  uint32_t frame_count() const noexcept { return f_; }

  /// The largest frame content: the buffer a title read needs.
  uint32_t max_raw() const noexcept { return max_raw_; }

  /// The slot whose title is at `pos` of the title order. @return out_of_range past the end.
  Result<uint32_t> slot_at(uint32_t pos) const noexcept {
    if (pos >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t s = word(sorted_, pos);
    SHEAF_CHECK(s < n_, Rule::L2);
    return s;
  }

  /// Frame `k`'s bytes (one zstd frame), range-checked. @return out_of_range past the end.
  Result<ByteSpan> frame(uint32_t k) const noexcept {
    if (k >= f_) {
      return Errc::out_of_range;
    }
    const uint32_t begin = k == 0 ? 0 : word(ends_, k - 1);
    const uint32_t end = word(ends_, k);
    SHEAF_CHECK(begin < end && end <= blob_size_, Rule::L2);
    return ByteSpan(blob_ + begin, end - begin);
  }

  /// The first slot of frame `k` (k below frame_count()): the frames' first slots ascend from
  /// 0, frame 0 holding the newest titles (verify_all() checks the order: rule L2).
  uint32_t first_slot(uint32_t k) const noexcept { return word(first_, k); }

  /// How many titles frame `k` holds: 0 past the end or where first slots do not ascend.
  uint32_t entries_in(uint32_t k) const noexcept {
    if (k >= f_) {
      return 0;
    }
    const uint32_t end = k + 1 == f_ ? n_ : first_slot(k + 1);
    return end > first_slot(k) ? end - first_slot(k) : 0;
  }

  /// The frame meant to hold `slot`'s title (slot below count()): the last whose first slot is
  /// not above it, by binary search over the first slots. title_at_slot() checks that the frame
  /// holds it (rule L2).
  uint32_t frame_of(uint32_t slot) const noexcept {
    uint32_t k = 0;
    for (uint32_t count = f_; count > 1;) {
      const uint32_t half = count / 2;
      if (first_slot(k + half) <= slot) {
        k += half;
        count -= half;
      } else {
        count = half;
      }
    }
    return k;
  }

  /// Entry `j` of a frame's decoded `content` (entries: LEB128 length, then the title).
  /// @return the title (a view into `content`), or corrupt_index when an entry up to it is cut
  ///   short (rule L4).
  static Result<std::string_view> entry(ByteSpan content, uint32_t j) noexcept;

  /// The title at `slot`, its frame decoded into `buffer` (at least max_raw() bytes) unless
  /// `cache` says the buffer holds it. @return a view into `buffer`, out_of_range past the end,
  ///   output_too_small, or corrupt_index / corrupt_body (rules L2 to L4).
  Result<std::string_view> title_at_slot(Decoder& decoder, uint32_t slot, MutableByteSpan buffer,
                                         Cache& cache) const noexcept;

  Result<std::string_view> title_at_slot(Decoder& decoder, uint32_t slot,
                                         MutableByteSpan buffer) const noexcept {
    Cache cache;
    return title_at_slot(decoder, slot, buffer, cache);
  }

  /// The title at `pos` of the title order (see title_at_slot()).
  Result<std::string_view> title_at(Decoder& decoder, uint32_t pos, MutableByteSpan buffer,
                                    Cache& cache) const noexcept {
    const Result<uint32_t> s = slot_at(pos);
    if (!s.ok()) {
      return s.error();
    }
    return title_at_slot(decoder, s.value(), buffer, cache);
  }

  /// The positions of the titles that start with `prefix` (every title for an empty prefix),
  /// in ascending title order: two binary searches, each probe decoding its title's frame
  /// (O(log n) small frames). `buffer` as for title_at_slot().
  /// @return the range (empty when none), or an error from a title read.
  Result<Range> with_prefix(Decoder& decoder, std::string_view prefix,
                            MutableByteSpan buffer) const noexcept;

 private:
  static uint32_t word(const uint8_t* table, uint32_t k) noexcept {
    return detail::load_le32(table + 4 * size_t{k});
  }

  // The first position in [0, n) whose title is not before the prefix (not less than it; with
  // `past_prefix`, not less than it and not starting with it), or n.
  Result<uint32_t> partition(Decoder& decoder, std::string_view prefix, bool past_prefix,
                             MutableByteSpan buffer, Cache& cache) const noexcept;

  const uint8_t* sorted_ = nullptr;
  const uint8_t* first_ = nullptr;
  const uint8_t* ends_ = nullptr;
  const uint8_t* blob_ = nullptr;
  uint32_t n_ = 0;
  uint32_t g_ = 0;
  uint32_t f_ = 0;
  uint32_t blob_size_ = 0;
  uint32_t max_raw_ = 0;
};

inline Result<Headlines> Headlines::open(ByteSpan section, uint32_t article_count) noexcept {
  SHEAF_CHECK(section.size() >= kHeaderBytes, Rule::L1);
  Headlines h;
  h.n_ = detail::load_le32(section.data());
  h.g_ = detail::load_le32(section.data() + 4);
  h.f_ = detail::load_le32(section.data() + 8);
  h.blob_size_ = detail::load_le32(section.data() + 12);
  h.max_raw_ = detail::load_le32(section.data() + 16);
  SHEAF_CHECK(h.n_ == article_count && h.g_ != 0, Rule::L1);
  SHEAF_CHECK(h.f_ <= h.n_ && (h.f_ == 0) == (h.n_ == 0), Rule::L1);
  const uint64_t size = kHeaderBytes + uint64_t{4} * h.n_ + uint64_t{8} * h.f_ + h.blob_size_;
  SHEAF_CHECK(size == section.size() && h.max_raw_ <= format::kMaxFrameSize, Rule::L1);
  h.sorted_ = section.data() + kHeaderBytes;
  h.first_ = h.sorted_ + size_t{4} * h.n_;
  h.ends_ = h.first_ + size_t{4} * h.f_;
  h.blob_ = h.ends_ + size_t{4} * h.f_;
  SHEAF_CHECK(h.f_ == 0 || word(h.first_, 0) == 0, Rule::L1);
  SHEAF_CHECK((h.f_ == 0 ? 0 : word(h.ends_, h.f_ - 1)) == h.blob_size_, Rule::L1);
  return h;
}

inline Result<std::string_view> Headlines::entry(ByteSpan content, uint32_t j) noexcept {
  const char* p = reinterpret_cast<const char*>(content.data());
  const char* end = p + content.size();
  for (uint32_t k = 0;; ++k) {
    uint32_t size = 0;
    SHEAF_CHECK(detail::read_varint(p, end, size) && size <= static_cast<size_t>(end - p),
                Rule::L4);
    if (k == j) {
      return std::string_view(p, size);
    }
    p += size;
  }
}

}  // namespace sheaf
