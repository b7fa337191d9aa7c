// sheaf runtime: full-text queries over the SEARCH section (SPEC: "Search section",
// "Matching"), with caller-provided memory only. A query is terms separated by white space;
// an article matches when its normalised text holds every term as a substring. Terms of one or
// two code points are answered by the index alone; longer terms by their two-code-point keys,
// each candidate then confirmed against its decoded, normalised text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/bundle.hpp>
#include <sheaf/decoder.hpp>
#include <sheaf/navigation.hpp>
#include <sheaf/search.hpp>
#include <sheaf/utf8.hpp>

namespace sheaf {

/// One article found, with its score (SPEC: "Search section", "Score"): hits rank by
/// `title_terms` descending, then `frequency` descending, then `rank` ascending.
struct SearchHit {
  uint32_t article = 0;      ///< in id order, as Bundle::article()
  uint32_t title_terms = 0;  ///< query terms found in the title
  uint32_t frequency = 0;    ///< occurrences of all the terms in the normalised text
  uint32_t rank = 0;         ///< newest-first slot (NAVIGATION), or the article number without one
};

/// What a search found: `matches` articles in all, the best `hits` of them written.
struct SearchStats {
  uint32_t matches = 0;
  uint32_t hits = 0;
  uint32_t decoded = 0;  ///< records decoded to confirm terms of three code points or more
};

/// The caller-provided memory of a search: the folded terms, their key cursors and matchers.
/// About 13 KiB; one per concurrent search (it may be static).
struct SearchScratch {
  static constexpr uint32_t kMaxTerms = 8;
  static constexpr uint32_t kMaxTermLength = 32;  ///< code points of a folded term
  static constexpr uint32_t kMaxCursors = kMaxTerms * (kMaxTermLength - 1);

  struct Term {
    uint32_t cp[kMaxTermLength];
    uint8_t fail[kMaxTermLength];  // KMP failure function, for terms of 3 code points or more
    uint32_t length;
    uint32_t first_cursor;
    uint32_t cursor_count;
    uint32_t state;  // code points matched so far (KMP)
    uint32_t frequency;
    bool in_title;
  };

  struct Cursor {
    PostingCursor list;
    Posting at;
  };

  Term terms[kMaxTerms];
  Cursor cursors[kMaxCursors];
  uint32_t term_count = 0;
  uint32_t cursor_count = 0;
};

namespace detail {

// Feeds the folded code points of `text` to `emit`: a code point the bundle's fold table lists
// gives its fold, any other itself (SPEC: "Normalisation"). With `query`, code points the table
// does not list go through builtin_fold().
template <class Emit>
void fold_text(const SearchIndex& index, std::string_view text, bool query, Emit&& emit) {
  for (size_t at = 0; at < text.size();) {
    const Decoded c = decode_utf8(text, at);
    at += c.size;
    std::string_view folded;
    if (!index.fold(c.cp, folded)) {
      emit(query ? builtin_fold(c.cp) : c.cp);
      continue;
    }
    for (size_t k = 0; k < folded.size();) {
      const Decoded f = decode_utf8(folded, k);
      k += f.size;
      emit(f.cp);
    }
  }
}

// Splits the folded query into terms. @return out_of_range past the scratch's limits.
inline Errc parse_query(const SearchIndex& index, std::string_view query, SearchScratch& s) {
  s.term_count = 0;
  bool open = false;
  bool over = false;
  fold_text(index, query, true, [&](uint32_t cp) {
    if (is_search_space(cp)) {
      open = false;
      return;
    }
    if (!open) {
      if (s.term_count == SearchScratch::kMaxTerms) {
        over = true;
        return;
      }
      s.terms[s.term_count++].length = 0;
      open = true;
    }
    SearchScratch::Term& t = s.terms[s.term_count - 1];
    if (t.length == SearchScratch::kMaxTermLength) {
      over = true;
      return;
    }
    t.cp[t.length++] = cp;
  });
  return over ? Errc::out_of_range : Errc::ok;
}

inline void build_failure(SearchScratch::Term& t) noexcept {
  t.fail[0] = 0;
  uint32_t k = 0;
  for (uint32_t i = 1; i < t.length; ++i) {
    while (k > 0 && t.cp[i] != t.cp[k]) {
      k = t.fail[k - 1];
    }
    if (t.cp[i] == t.cp[k]) {
      ++k;
    }
    t.fail[i] = static_cast<uint8_t>(k);
  }
}

// Opens a cursor on each term's keys (its code point, or each adjacent pair) and reads its first
// posting. @return not_found when a key is in no article (so no article matches).
inline Errc open_cursors(const SearchIndex& index, SearchScratch& s) noexcept {
  s.cursor_count = 0;
  for (uint32_t t = 0; t < s.term_count; ++t) {
    SearchScratch::Term& term = s.terms[t];
    term.first_cursor = s.cursor_count;
    const uint32_t keys = term.length == 1 ? 1 : term.length - 1;
    for (uint32_t k = 0; k < keys; ++k) {
      const SearchKey key{term.cp[k], term.length == 1 ? 0 : term.cp[k + 1] + 1};
      const Result<PostingCursor> c = index.find(key);
      if (!c.ok()) {
        return c.error();
      }
      SearchScratch::Cursor& cursor = s.cursors[s.cursor_count++];
      cursor.list = c.value();
      const Errc e = cursor.list.next(cursor.at);
      if (e != Errc::ok) {
        return e == Errc::not_found ? Errc::corrupt_index : e;  // open() read a count above 0
      }
    }
    term.cursor_count = s.cursor_count - term.first_cursor;
    if (term.length >= 3) {
      build_failure(term);
    }
  }
  return Errc::ok;
}

// Feeds one folded code point to every long term's matcher.
inline void match_code_point(SearchScratch& s, uint32_t cp, bool in_title) noexcept {
  for (uint32_t t = 0; t < s.term_count; ++t) {
    SearchScratch::Term& term = s.terms[t];
    if (term.length < 3) {
      continue;
    }
    while (term.state > 0 && term.cp[term.state] != cp) {
      term.state = term.fail[term.state - 1];
    }
    if (term.cp[term.state] == cp) {
      ++term.state;
    }
    if (term.state == term.length) {
      ++term.frequency;
      term.in_title = term.in_title || in_title;
      term.state = term.fail[term.length - 1];
    }
  }
}

// Counts the long terms in article `a`'s normalised text (title, subtitle, body; a space
// between fields, which no term holds). @return false when one is missing.
inline Result<bool> confirm(const SearchIndex& index, Decoder& decoder, MutableByteSpan buffer,
                            uint32_t a, SearchScratch& s) noexcept {
  const Result<Record> r = decoder.read(a, buffer);
  if (!r.ok()) {
    return r.error();
  }
  for (uint32_t t = 0; t < s.term_count; ++t) {
    s.terms[t].state = 0;
    if (s.terms[t].length >= 3) {
      s.terms[t].frequency = 0;
      s.terms[t].in_title = false;
    }
  }
  const std::string_view fields[3] = {r.value().title, r.value().subtitle, r.value().body};
  for (uint32_t f = 0; f < 3; ++f) {
    fold_text(index, fields[f], false, [&](uint32_t cp) { match_code_point(s, cp, f == 0); });
    match_code_point(s, ' ', false);
  }
  for (uint32_t t = 0; t < s.term_count; ++t) {
    if (s.terms[t].length >= 3 && s.terms[t].frequency == 0) {
      return false;
    }
  }
  return true;
}

// True when `a` ranks before `b` (SPEC: "Score").
inline bool ranks_before(const SearchHit& a, const SearchHit& b) noexcept {
  if (a.title_terms != b.title_terms) {
    return a.title_terms > b.title_terms;
  }
  if (a.frequency != b.frequency) {
    return a.frequency > b.frequency;
  }
  return a.rank < b.rank;
}

// Keeps the best `capacity` hits, sorted, in `hits[0, count)`.
inline void keep_hit(const SearchHit& hit, SearchHit* hits, uint32_t capacity,
                     uint32_t& count) noexcept {
  if (capacity == 0 || (count == capacity && !ranks_before(hit, hits[count - 1]))) {
    return;
  }
  uint32_t k = count < capacity ? count++ : capacity - 1;
  for (; k > 0 && ranks_before(hit, hits[k - 1]); --k) {
    hits[k] = hits[k - 1];
  }
  hits[k] = hit;
}

// Moves every cursor to `target` or past it. @return ok when all stand on `target`, not_found
// when one ran out, or the postings error; `target` is raised to the article found beyond it.
inline Errc align_cursors(SearchScratch& s, uint32_t& target) noexcept {
  bool all = true;
  for (uint32_t c = 0; c < s.cursor_count; ++c) {
    SearchScratch::Cursor& cursor = s.cursors[c];
    while (cursor.at.article < target) {
      const Errc e = cursor.list.next(cursor.at);
      if (e != Errc::ok) {
        return e;
      }
    }
    if (cursor.at.article > target) {
      target = cursor.at.article;
      all = false;
    }
  }
  return all ? Errc::ok : Errc::out_of_range;
}

}  // namespace detail

/// Runs `query` over `index` (Bundle::search()), writing the best `capacity` hits to `hits` in
/// rank order. `decoder` and `buffer` (BundleInfo::max_read_size bytes) confirm terms of three
/// code points or more; they may be null and empty when no term is that long.
/// @return the counts; out_of_range when the query has more than SearchScratch::kMaxTerms terms
///   or a term longer than kMaxTermLength code points, or a term of 3 or more code points comes
///   without a decoder; corrupt_index or an error reading a record on a damaged bundle.
inline Result<SearchStats> search(const Bundle& bundle, const SearchIndex& index,
                                  std::string_view query, SearchScratch& s, SearchHit* hits,
                                  uint32_t capacity, Decoder* decoder,
                                  MutableByteSpan buffer) noexcept {
  SearchStats stats;
  Errc e = detail::parse_query(index, query, s);
  if (e != Errc::ok) {
    return e;
  }
  bool confirming = false;
  for (uint32_t t = 0; t < s.term_count; ++t) {
    confirming = confirming || s.terms[t].length >= 3;
  }
  if (confirming && decoder == nullptr) {
    return Errc::out_of_range;
  }
  e = s.term_count == 0 ? Errc::not_found : detail::open_cursors(index, s);
  if (e == Errc::not_found) {
    return stats;
  }
  if (e != Errc::ok) {
    return e;
  }
  const Result<Navigation> nav = bundle.navigation();
  uint32_t target = 0;
  while ((e = detail::align_cursors(s, target)) != Errc::not_found) {
    if (e == Errc::out_of_range) {
      continue;  // a cursor stood past the target: try again from there
    }
    if (e != Errc::ok) {
      return e;
    }
    bool match = true;
    if (confirming) {
      const Result<bool> found = detail::confirm(index, *decoder, buffer, target, s);
      if (!found.ok()) {
        return found.error();
      }
      ++stats.decoded;
      match = found.value();
    }
    if (match) {
      SearchHit hit;
      hit.article = target;
      for (uint32_t t = 0; t < s.term_count; ++t) {
        const SearchScratch::Term& term = s.terms[t];
        const Posting& p = s.cursors[term.first_cursor].at;
        const bool in_title = term.length >= 3 ? term.in_title : p.in_title;
        hit.title_terms += in_title ? 1 : 0;
        hit.frequency += term.length >= 3 ? term.frequency : p.frequency;
      }
      hit.rank = nav.ok() ? nav.value().slot_of(target).value_or(target) : target;
      ++stats.matches;
      detail::keep_hit(hit, hits, capacity, stats.hits);
    }
    ++target;
  }
  return stats;
}

}  // namespace sheaf
