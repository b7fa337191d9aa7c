// sheaf runtime: the CHARSET section (SPEC: "Charset section"), every code point the bundle's
// articles show, read in place: a bitmap of 256 code points for each block of Unicode the
// text touches. A firmware build subsets its font with it; a reader can ask whether a glyph
// will ever be needed, or walk them all.
#pragma once

#include <cstddef>
#include <cstdint>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/rules.hpp>

namespace sheaf {

/// A view of a verified CHARSET section: `block_count()` blocks of 256 code points, ascending,
/// each with a bitmap of the code points used, `code_point_count()` in all.
class Charset {
 public:
  static constexpr uint32_t kBlockBits = 256;             // code points per block
  static constexpr uint32_t kLastBlock = 0x10FFFF / 256;  // 0x10FF

  Charset() noexcept = default;

  /// Checks a CHARSET section's bytes, all of them: O(blocks) (rules C1 to C3).
  /// @return the view, or corrupt_index.
  static Result<Charset> open(ByteSpan section) noexcept;

  uint32_t block_count() const noexcept { return count_; }

  uint32_t code_point_count() const noexcept { return code_points_; }

  /// Whether the bundle's text uses `cp`: O(log blocks).
  bool contains(uint32_t cp) const noexcept {
    const uint32_t k = block_at_or_after(cp / kBlockBits);
    return k < count_ && block(k) == cp / kBlockBits && bit(k, cp % kBlockBits);
  }

  /// The smallest code point in the set that is `from` or above: walks the set in order.
  /// @return not_found past the last one.
  Result<uint32_t> next(uint32_t from) const noexcept {
    for (uint32_t k = block_at_or_after(from / kBlockBits); k < count_; ++k) {
      const uint32_t base = block(k) * kBlockBits;
      for (uint32_t i = from > base ? from - base : 0; i < kBlockBits; ++i) {
        if (bit(k, i)) {
          return base + i;
        }
      }
    }
    return Errc::not_found;
  }

 private:
  static constexpr size_t kHeaderBytes = 8;   // block_count, code_point_count
  static constexpr size_t kBitmapBytes = 32;  // one bit per code point of a block

  uint32_t block(uint32_t k) const noexcept { return detail::load_le32(blocks_ + 4 * k); }

  bool bit(uint32_t k, uint32_t i) const noexcept {
    return ((static_cast<uint32_t>(bitmaps_[kBitmapBytes * k + i / 8]) >> (i % 8)) & 1u) != 0;
  }

  // The first block whose number is `b` or above (count_ when none).
  uint32_t block_at_or_after(uint32_t b) const noexcept {
    uint32_t lo = 0;
    uint32_t n = count_;
    while (n > 0) {
      const uint32_t half = n / 2;
      if (block(lo + half) < b) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    return lo;
  }

  const uint8_t* blocks_ = nullptr;
  const uint8_t* bitmaps_ = nullptr;
  uint32_t count_ = 0;
  uint32_t code_points_ = 0;
};

inline Result<Charset> Charset::open(ByteSpan section) noexcept {
  SHEAF_CHECK(section.size() >= kHeaderBytes, Rule::C1);
  const uint32_t count = detail::load_le32(section.data());
  constexpr size_t kPerBlock = 4 + kBitmapBytes;
  SHEAF_CHECK((section.size() - kHeaderBytes) % kPerBlock == 0 &&
                  (section.size() - kHeaderBytes) / kPerBlock == count,
              Rule::C1);
  Charset c;
  c.blocks_ = section.data() + kHeaderBytes;
  c.bitmaps_ = c.blocks_ + size_t{4} * count;
  c.count_ = count;
  uint64_t total = 0;
  for (uint32_t k = 0; k < count; ++k) {
    SHEAF_CHECK(c.block(k) <= kLastBlock && (k == 0 || c.block(k) > c.block(k - 1)), Rule::C2);
    uint32_t used = 0;
    for (size_t j = 0; j < kBitmapBytes; ++j) {
      for (uint32_t byte = c.bitmaps_[kBitmapBytes * k + j]; byte != 0; byte &= byte - 1) {
        ++used;
      }
    }
    SHEAF_CHECK(used != 0, Rule::C2);
    total += used;
  }
  c.code_points_ = detail::load_le32(section.data() + 4);
  SHEAF_CHECK(total == c.code_points_, Rule::C3);
  return c;
}

}  // namespace sheaf
