// sheaf runtime: the SEARCH section (SPEC: "Search section"), an inverted index of the
// articles' normalised text read in place: a table folding the code points the text uses, a
// dictionary of one- and two-code-point keys (binary search, no heap), and compressed postings.
// search() answers a query of AND-ed terms with caller-provided memory only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/rules.hpp>
#include <sheaf/utf8.hpp>

namespace sheaf {

/// A search key: one code point (`second` 0) or two adjacent ones (`second` = code point + 1).
struct SearchKey {
  uint32_t first = 0;
  uint32_t second = 0;
};

/// One article of a postings list: its number, how often the key occurs in its normalised text
/// (overlapping occurrences), and whether it occurs in the title.
struct Posting {
  uint32_t article = 0;
  uint32_t frequency = 0;
  bool in_title = false;
};

namespace detail {

/// SPEC: "Search section": the code points that separate runs of text (Unicode White_Space).
/// Keys never span them, and a query is split into terms at them.
inline bool is_search_space(uint32_t cp) noexcept {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

/// SPEC: "Search section", the runtime's own fold for query code points the bundle's fold table
/// does not list (what a query may hold that the bundle's text does not): full-width ASCII to
/// ASCII, ideographic space to space, and the upper case letters of ASCII, Latin-1, Greek and
/// Cyrillic to lower case. Each maps to one code point, as NFKC and lowercasing do.
inline uint32_t builtin_fold(uint32_t cp) noexcept {
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    cp -= 0xFF01 - 0x21;  // full-width forms of '!' to '~'
  }
  if (cp == 0x3000) {
    return 0x20;
  }
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
      (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) {
    return cp + 0x20;
  }
  if (cp >= 0x400 && cp <= 0x40F) {
    return cp + 0x50;
  }
  return cp;
}

/// SPEC: "Search section", postings: one LEB128 number (at most 5 bytes, at most 2^32 - 1).
inline bool read_leb(const uint8_t*& p, const uint8_t* end, uint32_t& value) noexcept {
  uint64_t v = 0;
  for (uint32_t k = 0; k < 5; ++k) {
    if (p == end) {
      return false;
    }
    const uint8_t byte = *p++;
    v |= uint64_t{byte & 0x7Fu} << (7 * k);
    if ((byte & 0x80u) == 0) {
      value = static_cast<uint32_t>(v);
      return v <= UINT32_MAX;
    }
  }
  return false;
}

}  // namespace detail

/// Walks one postings list (SPEC: "Search section"): `count` entries, article numbers ascending.
/// Each step checks the bytes it reads (rule Q5).
class PostingCursor {
 public:
  PostingCursor() noexcept = default;

  /// The list in `bytes` for a bundle of `article_count` articles: reads its count.
  /// @return corrupt_index when the count is unreadable or 0 (rule Q5).
  static Result<PostingCursor> open(ByteSpan bytes, uint32_t article_count) noexcept {
    PostingCursor c;
    c.p_ = bytes.data();
    c.end_ = bytes.data() + bytes.size();
    c.n_ = article_count;
    SHEAF_CHECK(detail::read_leb(c.p_, c.end_, c.left_) && c.left_ > 0, Rule::Q5);
    c.count_ = c.left_;
    return c;
  }

  uint32_t count() const noexcept { return count_; }

  /// The next posting into `out`. @return not_found after the last one, corrupt_index when the
  ///   bytes break rule Q5 (an article not above the previous one or past the end, a number cut
  ///   short, bytes left after the last entry).
  Errc next(Posting& out) noexcept {
    if (left_ == 0) {
      SHEAF_CHECK(p_ == end_, Rule::Q5);
      return Errc::not_found;
    }
    uint32_t v = 0;
    SHEAF_CHECK(detail::read_leb(p_, end_, v), Rule::Q5);
    const uint64_t article = next_article_ + uint64_t{v >> 2};
    SHEAF_CHECK(article < n_, Rule::Q5);
    uint32_t extra = 0;
    SHEAF_CHECK((v & 2u) == 0 || (detail::read_leb(p_, end_, extra) && extra < UINT32_MAX - 1),
                Rule::Q5);
    out.article = static_cast<uint32_t>(article);
    out.frequency = (v & 2u) != 0 ? extra + 2 : 1;
    out.in_title = (v & 1u) != 0;
    next_article_ = out.article + 1;
    --left_;
    return Errc::ok;
  }

 private:
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  uint32_t n_ = 0;
  uint32_t count_ = 0;
  uint32_t left_ = 0;
  uint64_t next_article_ = 0;
};

/// A view of a SEARCH section whose header, fold table and first-code-point table open()
/// checked (rules Q1 to Q3). Lookups check the entries they read (rule Q4); verify() checks the
/// keys and every postings list whole (rules Q4, Q5).
class SearchIndex {
 public:
  static constexpr size_t kHeaderBytes = 24;  // six u32
  static constexpr size_t kFoldBytes = 12;    // code point, offset, size
  static constexpr size_t kHeadBytes = 8;     // code point, first key
  static constexpr size_t kKeyBytes = 8;      // second, postings offset
  static constexpr uint32_t kMaxFold = 18;    // longest fold, in UTF-8 bytes (NFKC of U+FDFA)

  SearchIndex() noexcept = default;

  /// Checks the section's sizes against `article_count`, its fold table and its first code
  /// points: O(folds + first code points). @return the view, or corrupt_index.
  static Result<SearchIndex> open(ByteSpan section, uint32_t article_count) noexcept;

  /// Checks every key and postings list (rules Q4, Q5): O(section size).
  Errc verify() const noexcept;

  uint32_t article_count() const noexcept { return n_; }

  uint32_t key_count() const noexcept { return keys_; }

  uint32_t fold_count() const noexcept { return folds_; }

  /// What code point `cp` of the text folds to (NFKC, then lower case) when the bundle's fold
  /// table lists it: UTF-8 bytes into the section. @return false when it is not listed (the text
  /// keeps it as it is).
  bool fold(uint32_t cp, std::string_view& out) const noexcept {
    if (cp < 0x10000 && (fold_blocks_[cp >> 14] >> ((cp >> 8) & 63) & 1u) == 0) {
      return false;  // no listed code point shares its block of 256 (most text: one test)
    }
    uint32_t lo = 0;
    uint32_t n = folds_;
    while (n > 0) {
      const uint32_t half = n / 2;
      if (fold_field(lo + half, 0) < cp) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    if (lo == folds_ || fold_field(lo, 0) != cp) {
      return false;
    }
    out = {reinterpret_cast<const char*>(fold_blob_ + fold_field(lo, 1)), fold_field(lo, 2)};
    return true;
  }

  /// Whether `cp` can stand in a record's folded text other than as itself: the table lists it,
  /// or the fold of a code point it lists holds it (or it is U+FFFD, what a byte that is not
  /// UTF-8 decodes to). O(fold table).
  bool folds_into(uint32_t cp) const noexcept {
    std::string_view own;
    if (cp == 0xFFFD || fold(cp, own)) {
      return true;
    }
    for (uint32_t k = 0; k < folds_; ++k) {
      const std::string_view f(reinterpret_cast<const char*>(fold_blob_ + fold_field(k, 1)),
                               fold_field(k, 2));
      for (size_t at = 0; at < f.size();) {
        const detail::Decoded d = detail::decode_utf8(f, at);
        at += d.size;
        if (d.cp == cp) {
          return true;
        }
      }
    }
    return false;
  }

  /// The postings list of `key`. @return not_found when no article holds it, corrupt_index when
  ///   the entry breaks rule Q4 or the list's count rule Q5.
  Result<PostingCursor> find(SearchKey key) const noexcept;

 private:
  uint32_t fold_field(uint32_t k, uint32_t f) const noexcept {
    return detail::load_le32(fold_table_ + kFoldBytes * k + 4 * f);
  }

  uint32_t head_field(uint32_t k, uint32_t f) const noexcept {
    return k == heads_ ? (f == 0 ? UINT32_MAX : keys_)
                       : detail::load_le32(head_table_ + kHeadBytes * k + 4 * f);
  }

  uint32_t key_field(uint32_t k, uint32_t f) const noexcept {
    return k == keys_ ? (f == 0 ? UINT32_MAX : postings_size_)
                      : detail::load_le32(key_table_ + kKeyBytes * k + 4 * f);
  }

  // The postings of key `k`, its offsets checked (rule Q4).
  Result<ByteSpan> postings(uint32_t k) const noexcept {
    const uint32_t begin = key_field(k, 1);
    const uint32_t end = key_field(k + 1, 1);
    SHEAF_CHECK(begin < end && end <= postings_size_, Rule::Q4);
    return ByteSpan(postings_ + begin, end - begin);
  }

  const uint8_t* fold_table_ = nullptr;
  const uint8_t* head_table_ = nullptr;
  const uint8_t* key_table_ = nullptr;
  const uint8_t* fold_blob_ = nullptr;
  const uint8_t* postings_ = nullptr;
  uint32_t n_ = 0;
  uint32_t folds_ = 0;
  uint32_t fold_size_ = 0;
  uint32_t heads_ = 0;
  uint32_t keys_ = 0;
  uint32_t postings_size_ = 0;
  uint64_t fold_blocks_[4] = {};  // bit b: the table lists a code point of [256 b, 256 b + 256)
};

inline Result<SearchIndex> SearchIndex::open(ByteSpan section, uint32_t article_count) noexcept {
  SHEAF_CHECK(section.size() >= kHeaderBytes, Rule::Q1);
  SearchIndex s;
  const uint8_t* p = section.data();
  s.n_ = detail::load_le32(p);
  s.folds_ = detail::load_le32(p + 4);
  s.fold_size_ = detail::load_le32(p + 8);
  s.heads_ = detail::load_le32(p + 12);
  s.keys_ = detail::load_le32(p + 16);
  s.postings_size_ = detail::load_le32(p + 20);
  const uint64_t size = kHeaderBytes + uint64_t{kFoldBytes} * s.folds_ +
                        uint64_t{kHeadBytes} * s.heads_ + uint64_t{kKeyBytes} * s.keys_ +
                        s.fold_size_ + s.postings_size_;
  SHEAF_CHECK(s.n_ == article_count && size == section.size(), Rule::Q1);
  s.fold_table_ = p + kHeaderBytes;
  s.head_table_ = s.fold_table_ + kFoldBytes * s.folds_;
  s.key_table_ = s.head_table_ + kHeadBytes * s.heads_;
  s.fold_blob_ = s.key_table_ + kKeyBytes * s.keys_;
  s.postings_ = s.fold_blob_ + s.fold_size_;
  for (uint32_t k = 0; k < s.folds_; ++k) {
    const uint64_t end = uint64_t{s.fold_field(k, 1)} + s.fold_field(k, 2);
    SHEAF_CHECK(s.fold_field(k, 0) <= 0x10FFFF &&
                    (k == 0 || s.fold_field(k, 0) > s.fold_field(k - 1, 0)) &&
                    s.fold_field(k, 2) <= kMaxFold && end <= s.fold_size_,
                Rule::Q2);
    const uint32_t cp = s.fold_field(k, 0);
    if (cp < 0x10000) {
      s.fold_blocks_[cp >> 14] |= uint64_t{1} << ((cp >> 8) & 63);
    }
  }
  SHEAF_CHECK((s.heads_ == 0) == (s.keys_ == 0) && (s.heads_ == 0 || s.head_field(0, 1) == 0),
              Rule::Q3);
  for (uint32_t k = 0; k < s.heads_; ++k) {
    SHEAF_CHECK(s.head_field(k, 0) <= 0x10FFFF && s.head_field(k, 1) < s.head_field(k + 1, 1) &&
                    (k == 0 || s.head_field(k, 0) > s.head_field(k - 1, 0)),
                Rule::Q3);
  }
  return s;
}

inline Result<PostingCursor> SearchIndex::find(SearchKey key) const noexcept {
  uint32_t lo = 0;
  uint32_t n = heads_;
  while (n > 0) {
    const uint32_t half = n / 2;
    if (head_field(lo + half, 0) < key.first) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  if (lo == heads_ || head_field(lo, 0) != key.first) {
    return Errc::not_found;
  }
  uint32_t first = head_field(lo, 1);
  n = head_field(lo + 1, 1) - first;  // open() checked they ascend
  while (n > 0) {
    const uint32_t half = n / 2;
    if (key_field(first + half, 0) < key.second) {
      first += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  if (first == head_field(lo + 1, 1) || key_field(first, 0) != key.second) {
    return Errc::not_found;
  }
  const Result<ByteSpan> bytes = postings(first);
  if (!bytes.ok()) {
    return bytes.error();
  }
  return PostingCursor::open(bytes.value(), n_);
}

inline Errc SearchIndex::verify() const noexcept {
  SHEAF_CHECK(keys_ == 0 || key_field(0, 1) == 0, Rule::Q4);
  for (uint32_t h = 0; h < heads_; ++h) {
    for (uint32_t k = head_field(h, 1); k < head_field(h + 1, 1); ++k) {
      SHEAF_CHECK(key_field(k, 0) <= 0x110000 &&
                      (k == head_field(h, 1) || key_field(k, 0) > key_field(k - 1, 0)),
                  Rule::Q4);
      const Result<ByteSpan> bytes = postings(k);
      if (!bytes.ok()) {
        return bytes.error();
      }
      const Result<PostingCursor> opened = PostingCursor::open(bytes.value(), n_);
      if (!opened.ok()) {
        return opened.error();
      }
      PostingCursor c = opened.value();
      Posting posting;
      Errc e = Errc::ok;
      while ((e = c.next(posting)) == Errc::ok) {
      }
      if (e != Errc::not_found) {
        return e;
      }
    }
  }
  return Errc::ok;
}

}  // namespace sheaf
