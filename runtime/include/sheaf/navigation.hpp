// sheaf runtime: the NAVIGATION section (SPEC: "Navigation section"), read in place: the
// articles newest first, with their date keys, and the category tree of the breadcrumbs, each
// node with its name, its count and the articles filed exactly in it, newest first. A home
// screen, a category menu or a list screen reads it without decoding a record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/rules.hpp>

namespace sheaf {

/// The sort key of a record's date (SPEC: "Navigation section"): "YYYY-MM-DD" gives
/// 10000 * (YYYY + 1) + 100 * MM + DD, "--MM-DD" gives 100 * MM + DD, anything else (no date) 0.
/// Descending keys put full dates newest first, then dates without a year, then undated ones.
inline uint32_t date_key(std::string_view date) noexcept {
  auto digits = [&](size_t at, size_t n, uint32_t& v) {
    v = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (date[k] < '0' || date[k] > '9') {
        return false;
      }
      v = v * 10 + static_cast<uint32_t>(date[k] - '0');
    }
    return true;
  };
  uint32_t y = 0;
  uint32_t m = 0;
  uint32_t d = 0;
  if (date.size() == 10 && date[4] == '-' && date[7] == '-' && digits(0, 4, y) && digits(5, 2, m) &&
      digits(8, 2, d)) {
    return 10000 * (y + 1) + 100 * m + d;
  }
  if (date.size() == 7 && date[0] == '-' && date[1] == '-' && date[4] == '-' && digits(2, 2, m) &&
      digits(5, 2, d)) {
    return 100 * m + d;
  }
  return 0;
}

/// The date a key stands for, the inverse of date_key(): "YYYY-MM-DD", "--MM-DD", or "" for
/// key 0, written to `out` (not terminated). A list screen shows it from
/// Navigation::date_key_at() with no record decoded.
/// @return its length: 10, 7 or 0 (0 too for a key no date gives, above 100009999; a date
///   "--00-00" has key 0 and reads as no date).
inline size_t date_text(uint32_t key, char (&out)[10]) noexcept {
  auto put = [&](size_t at, uint32_t v, size_t n) {
    for (size_t k = n; k-- > 0; v /= 10) {
      out[at + k] = static_cast<char>('0' + v % 10);
    }
  };
  const uint32_t month = key / 100 % 100;
  const uint32_t day = key % 100;
  if (key == 0 || key > 100009999) {
    return 0;
  }
  if (key < 10000) {
    out[0] = out[1] = out[4] = '-';
    put(2, month, 2);
    put(5, day, 2);
    return 7;
  }
  put(0, key / 10000 - 1, 4);
  out[4] = out[7] = '-';
  put(5, month, 2);
  put(8, day, 2);
  return 10;
}

/// A view of a NAVIGATION section whose header and tree open() checked (rules N1 to N6).
/// Articles are numbered as in Bundle::article() (id order); a slot is a position in the
/// newest-first order. Reads check the entries they return (rules N7, N9); verify() checks the
/// tables whole.
class Navigation {
 public:
  static constexpr uint32_t kNoParent = 0xFFFFFFFF;  // the root's parent
  static constexpr size_t kHeaderBytes = 12;         // article_count, node_count, names_size
  static constexpr size_t kNodeBytes = 32;           // eight u32 fields

  Navigation() noexcept = default;

  /// Checks the section's sizes against `article_count` and its tree: O(nodes + names).
  /// @return the view, or corrupt_index.
  static Result<Navigation> open(ByteSpan section, uint32_t article_count) noexcept;

  /// Checks the per-article tables whole (rules N7 to N9): O(articles).
  Errc verify() const noexcept;

  uint32_t article_count() const noexcept { return n_; }

  uint32_t node_count() const noexcept { return m_; }

  /// The article at `slot` of the newest-first order. @return out_of_range past the end.
  Result<uint32_t> newest(uint32_t slot) const noexcept {
    if (slot >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t a = table(kNewest, slot);
    SHEAF_CHECK(a < n_, Rule::N7);
    return a;
  }

  /// The date key (see date_key()) of the article at `slot`; 0 past the end.
  uint32_t date_key_at(uint32_t slot) const noexcept { return slot < n_ ? table(kDates, slot) : 0; }

  /// Article `a`'s slot in the newest-first order. @return out_of_range past the end.
  Result<uint32_t> slot_of(uint32_t a) const noexcept {
    if (a >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t s = table(kRanks, a);
    SHEAF_CHECK(s < n_, Rule::N7);
    return s;
  }

  /// The node article `a` is filed in (its innermost breadcrumb; the root when it has none).
  Result<uint32_t> node_of(uint32_t a) const noexcept {
    if (a >= n_) {
      return Errc::out_of_range;
    }
    const uint32_t k = table(kNodes, a);
    SHEAF_CHECK(k < m_, Rule::N9);
    return k;
  }

  static constexpr uint32_t category_root() noexcept { return 0; }

  /// Node `k`'s parent (kNoParent for the root), name, children and counts; all 0 (the name
  /// empty) when k >= node_count().
  uint32_t parent(uint32_t k) const noexcept { return field(k, 0); }

  uint32_t child_count(uint32_t k) const noexcept { return field(k, 2); }

  /// The articles filed in node `k` or below it.
  uint32_t count(uint32_t k) const noexcept { return field(k, 5); }

  /// The articles filed exactly in node `k`.
  uint32_t filed_count(uint32_t k) const noexcept { return field(k, 7); }

  std::string_view name(uint32_t k) const noexcept {
    return {reinterpret_cast<const char*>(names_ + field(k, 3)), field(k, 4)};
  }

  /// Child `j` of node `k`, children in ascending name bytes. @return out_of_range past them.
  Result<uint32_t> child(uint32_t k, uint32_t j) const noexcept {
    if (k >= m_ || j >= child_count(k)) {
      return Errc::out_of_range;
    }
    return field(k, 1) + j;
  }

  /// The child of node `k` named `name`: a binary search. @return not_found when none.
  Result<uint32_t> find_child(uint32_t k, std::string_view name) const noexcept;

  /// The node of the path `parts[0] > parts[1] > ...` from the root (no parts: the root).
  /// @return not_found when a part is missing.
  Result<uint32_t> find_category(const std::string_view* parts, size_t count) const noexcept {
    uint32_t k = category_root();
    for (size_t p = 0; p < count; ++p) {
      const Result<uint32_t> c = find_child(k, parts[p]);
      if (!c.ok()) {
        return c.error();
      }
      k = c.value();
    }
    return k;
  }

  /// The `j`-th newest article filed exactly in node `k`. @return out_of_range past them.
  Result<uint32_t> articles_in(uint32_t k, uint32_t j) const noexcept {
    if (k >= m_ || j >= filed_count(k)) {
      return Errc::out_of_range;
    }
    const uint32_t slot = table(kFiled, field(k, 6) + j);
    SHEAF_CHECK(slot < n_, Rule::N9);
    return newest(slot);
  }

 private:
  enum Table : uint32_t { kNewest = 0, kDates = 1, kRanks = 2, kNodes = 3, kFiled = 4 };

  uint32_t table(Table t, uint32_t k) const noexcept {
    return detail::load_le32(tables_ + 4 * (size_t{t} * n_ + k));
  }

  uint32_t field(uint32_t k, uint32_t f) const noexcept {
    return k < m_ ? detail::load_le32(nodes_ + kNodeBytes * k + 4 * f) : 0;
  }

  Errc check_node(uint32_t k, uint32_t& next_child, uint32_t& next_filed) const noexcept;

  const uint8_t* tables_ = nullptr;
  const uint8_t* nodes_ = nullptr;
  const uint8_t* names_ = nullptr;
  uint32_t n_ = 0;
  uint32_t m_ = 0;
  uint32_t names_size_ = 0;
};

inline Result<Navigation> Navigation::open(ByteSpan section, uint32_t article_count) noexcept {
  SHEAF_CHECK(section.size() >= kHeaderBytes, Rule::N1);
  Navigation v;
  v.n_ = detail::load_le32(section.data());
  v.m_ = detail::load_le32(section.data() + 4);
  v.names_size_ = detail::load_le32(section.data() + 8);
  const uint64_t size =
      kHeaderBytes + uint64_t{20} * v.n_ + uint64_t{kNodeBytes} * v.m_ + uint64_t{v.names_size_};
  SHEAF_CHECK(v.n_ == article_count && v.m_ >= 1 && size == section.size(), Rule::N1);
  v.tables_ = section.data() + kHeaderBytes;
  v.nodes_ = v.tables_ + size_t{20} * v.n_;
  v.names_ = v.nodes_ + kNodeBytes * v.m_;
  SHEAF_CHECK(v.parent(0) == kNoParent && v.field(0, 4) == 0, Rule::N2);
  uint32_t next_child = 1;
  uint32_t next_filed = 0;
  for (uint32_t k = 0; k < v.m_; ++k) {
    const Errc e = v.check_node(k, next_child, next_filed);
    if (e != Errc::ok) {
      return e;
    }
  }
  SHEAF_CHECK(next_child == v.m_, Rule::N3);
  SHEAF_CHECK(next_filed == v.n_, Rule::N5);
  SHEAF_CHECK(v.count(0) == v.n_, Rule::N6);
  return v;
}

// SPEC: rules N2 to N6 for node `k`, whose children start at `next_child` and whose filed
// articles at `next_filed` (both advanced past them).
inline Errc Navigation::check_node(uint32_t k, uint32_t& next_child,
                                   uint32_t& next_filed) const noexcept {
  SHEAF_CHECK(k == 0 || parent(k) < k, Rule::N2);
  const uint32_t first = field(k, 1);
  const uint32_t children = child_count(k);
  SHEAF_CHECK(first == next_child && children <= m_ - first, Rule::N3);
  next_child += children;
  const uint64_t name_end = uint64_t{field(k, 3)} + field(k, 4);
  SHEAF_CHECK(name_end <= names_size_ && (k == 0 || field(k, 4) > 0), Rule::N4);
  SHEAF_CHECK(field(k, 6) == next_filed && filed_count(k) <= n_ - next_filed, Rule::N5);
  next_filed += filed_count(k);
  uint64_t total = filed_count(k);
  for (uint32_t j = 0; j < children; ++j) {
    const uint32_t c = first + j;
    SHEAF_CHECK(parent(c) == k, Rule::N3);
    const uint64_t name_end_c = uint64_t{field(c, 3)} + field(c, 4);
    SHEAF_CHECK(name_end_c <= names_size_, Rule::N4);
    SHEAF_CHECK(j == 0 || name(c - 1) < name(c), Rule::N4);
    total += count(c);
  }
  SHEAF_CHECK(total == count(k), Rule::N6);
  return Errc::ok;
}

inline Result<uint32_t> Navigation::find_child(uint32_t k, std::string_view want) const noexcept {
  if (k >= m_) {
    return Errc::out_of_range;
  }
  uint32_t lo = field(k, 1);
  uint32_t n = child_count(k);
  while (n > 0) {
    const uint32_t half = n / 2;
    if (name(lo + half) < want) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  if (lo < field(k, 1) + child_count(k) && name(lo) == want) {
    return lo;
  }
  return Errc::not_found;
}

inline Errc Navigation::verify() const noexcept {
  for (uint32_t s = 0; s < n_; ++s) {
    const uint32_t a = table(kNewest, s);
    SHEAF_CHECK(a < n_ && table(kRanks, a) == s, Rule::N7);
    if (s > 0) {
      const uint32_t before = table(kDates, s - 1);
      const uint32_t key = table(kDates, s);
      SHEAF_CHECK(before > key || (before == key && table(kNewest, s - 1) < a), Rule::N8);
    }
  }
  for (uint32_t k = 0; k < m_; ++k) {
    for (uint32_t j = 0; j < filed_count(k); ++j) {
      const uint32_t at = field(k, 6) + j;
      const uint32_t slot = table(kFiled, at);
      SHEAF_CHECK(slot < n_ && (j == 0 || table(kFiled, at - 1) < slot) &&
                      table(kNodes, table(kNewest, slot)) == k,
                  Rule::N9);
    }
  }
  return Errc::ok;
}

}  // namespace sheaf
