// sheaf runtime: the TITLES section (SPEC: "Titles section"), read in place: every article's
// title, sorted by its bytes, so that a title prefix is found by binary search, and reachable
// by article number, so that a list screen (with the NAVIGATION section's newest-first order
// and date keys) shows headlines and dates without decoding a record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/rules.hpp>

namespace sheaf {

/// A view of a TITLES section whose sizes open() checked (rule T1). Articles are numbered as
/// in Bundle::article() (id order); a position is a place in ascending title order. Each read
/// checks what it returns (rule T2); verify() checks the order and the tables whole (T3).
class Titles {
 public:
  static constexpr size_t kHeaderBytes = 8;  // article_count, titles_size

  /// Positions [begin, end) of the titles that start with a prefix.
  struct Range {
    uint32_t begin = 0;
    uint32_t end = 0;

    uint32_t size() const noexcept { return end - begin; }
  };

  Titles() noexcept = default;

  /// Checks the section's sizes against `article_count`: O(1).
  /// @return the view, or corrupt_index.
  static Result<Titles> open(ByteSpan section, uint32_t article_count) noexcept;

  /// Checks the tables whole (rule T3): O(articles + title bytes), no memory.
  Errc verify() const noexcept;

  uint32_t count() const noexcept { return n_; }

  /// The article whose title is at `pos` of the title order. @return out_of_range past the end.
  Result<uint32_t> article_at(uint32_t pos) const noexcept {
    if (pos >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t a = table(kSorted, pos);
    SHEAF_CHECK(a < n_, Rule::T2);
    return a;
  }

  /// The title at `pos` of the title order. @return out_of_range past the end.
  Result<std::string_view> title_at(uint32_t pos) const noexcept {
    if (pos >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t begin = offset(pos);
    const uint32_t end = offset(pos + 1);
    SHEAF_CHECK(begin <= end && end <= size_, Rule::T2);
    return std::string_view(reinterpret_cast<const char*>(titles_ + begin), end - begin);
  }

  /// Article `a`'s position in the title order. @return out_of_range past the end.
  Result<uint32_t> position_of(uint32_t a) const noexcept {
    if (a >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t pos = table(kPositions, a);
    SHEAF_CHECK(pos < n_, Rule::T2);
    return pos;
  }

  /// Article `a`'s title (a headline for a list screen): O(1).
  Result<std::string_view> title_of(uint32_t a) const noexcept {
    const Result<uint32_t> pos = position_of(a);
    if (!pos.ok()) {
      return pos.error();
    }
    return title_at(pos.value());
  }

  /// The positions of the titles that start with `prefix` (every title for an empty prefix),
  /// in ascending title order: two binary searches, O(log n) title reads.
  /// @return the range (empty when none), or corrupt_index when a title read fails.
  Result<Range> with_prefix(std::string_view prefix) const noexcept;

 private:
  enum Table : uint32_t { kSorted = 0, kPositions = 1, kOffsets = 2 };

  uint32_t table(Table t, uint32_t k) const noexcept {
    return detail::load_le32(tables_ + 4 * (size_t{t} * n_ + k));
  }

  uint32_t offset(uint32_t pos) const noexcept { return table(kOffsets, pos); }

  // The first position in [0, n) whose title is not `before` the prefix (rank 0: not less than
  // it; rank 1: not less than it and not starting with it), or n.
  Result<uint32_t> partition(std::string_view prefix, bool past_prefix) const noexcept;

  const uint8_t* tables_ = nullptr;
  const uint8_t* titles_ = nullptr;
  uint32_t n_ = 0;
  uint32_t size_ = 0;
};

inline Result<Titles> Titles::open(ByteSpan section, uint32_t article_count) noexcept {
  SHEAF_CHECK(section.size() >= kHeaderBytes, Rule::T1);
  Titles t;
  t.n_ = detail::load_le32(section.data());
  t.size_ = detail::load_le32(section.data() + 4);
  const uint64_t size = kHeaderBytes + uint64_t{12} * t.n_ + 4 + uint64_t{t.size_};
  SHEAF_CHECK(t.n_ == article_count && size == section.size(), Rule::T1);
  t.tables_ = section.data() + kHeaderBytes;
  t.titles_ = t.tables_ + size_t{12} * t.n_ + 4;
  SHEAF_CHECK(t.offset(0) == 0 && t.offset(t.n_) == t.size_, Rule::T1);
  return t;
}

inline Result<uint32_t> Titles::partition(std::string_view prefix,
                                          bool past_prefix) const noexcept {
  uint32_t lo = 0;
  uint32_t n = n_;
  while (n > 0) {
    const uint32_t half = n / 2;
    const Result<std::string_view> title = title_at(lo + half);
    if (!title.ok()) {
      return title.error();
    }
    // Titles starting with the prefix sort together, right after those less than it.
    const std::string_view head = title.value().substr(0, prefix.size());
    const bool before = past_prefix ? head <= prefix : title.value() < prefix;
    if (before) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  return lo;
}

inline Result<Titles::Range> Titles::with_prefix(std::string_view prefix) const noexcept {
  const Result<uint32_t> begin = partition(prefix, false);
  if (!begin.ok()) {
    return begin.error();
  }
  const Result<uint32_t> end = partition(prefix, true);
  if (!end.ok()) {
    return end.error();
  }
  return Range{begin.value(), end.value() < begin.value() ? begin.value() : end.value()};
}

inline Errc Titles::verify() const noexcept {
  for (uint32_t pos = 0; pos < n_; ++pos) {
    const uint32_t a = table(kSorted, pos);
    SHEAF_CHECK(a < n_ && table(kPositions, a) == pos, Rule::T3);
    SHEAF_CHECK(offset(pos) <= offset(pos + 1), Rule::T3);
    if (pos > 0) {
      const std::string_view before = title_at(pos - 1).value_or(std::string_view());
      const std::string_view title = title_at(pos).value_or(std::string_view());
      const int c = before.compare(title);
      SHEAF_CHECK(c < 0 || (c == 0 && table(kSorted, pos - 1) < a), Rule::T3);
    }
  }
  return Errc::ok;
}

}  // namespace sheaf
