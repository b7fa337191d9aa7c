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
  /// With SearchCount::at_least: candidates left unconfirmed, each holding every key of every
  /// term but unable to enter the best hits. The matches are then `matches` to
  /// `matches + unconfirmed`; with SearchCount::exact this is 0.
  uint32_t unconfirmed = 0;
};

/// How search() counts the matches that cannot enter the best hits (SPEC: "Search section",
/// "Score"): `exact` confirms every candidate it cannot prove from the index alone (decoding
/// it); `at_least` leaves those it can neither prove nor rank among the best unconfirmed
/// (SearchStats::unconfirmed), so that a query for the best few hits decodes few records. The
/// hits are the same either way.
enum class SearchCount : uint8_t { exact, at_least };

/// The caller-provided memory of a search: the folded terms, their key cursors and matchers.
/// About 13 KiB; one per concurrent search (it may be static).
struct SearchScratch {
  static constexpr uint32_t kMaxTerms = 8;
  static constexpr uint32_t kMaxTermLength = 32;  ///< code points of a folded term
  /// A term of m >= 3 code points walks its m - 1 pair keys, and its m - 2 inner code points'
  /// keys (for proofs) while cursors are left.
  static constexpr uint32_t kMaxCursors = kMaxTerms * (kMaxTermLength - 1);

  struct Term {
    uint32_t cp[kMaxTermLength];
    uint8_t fail[kMaxTermLength];  // KMP failure function, for terms of 3 code points or more
    uint32_t length;
    uint32_t first_cursor;       // its key, or its pairs' keys
    uint32_t cursor_count;       // its key's or pairs' cursors
    uint32_t first_char_cursor;  // terms of 3 or more: the keys of cp[1] to cp[length - 2]
    bool proofs;                 // those keys have cursors (SPEC: "Proofs")
    bool plain;      // no code point of it stands in folded text but as itself: matched as bytes
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

// Appends `cp` (at most U+10FFFF) to `out` in UTF-8. @return the bytes written (1 to 4).
inline uint32_t put_utf8(uint32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  const uint32_t size = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  const uint32_t lead = size == 2 ? 0xC0 : size == 3 ? 0xE0 : 0xF0;
  for (uint32_t k = size - 1; k > 0; --k) {
    out[k] = static_cast<char>(0x80 | (cp & 0x3F));
    cp >>= 6;
  }
  out[0] = static_cast<char>(lead | cp);
  return size;
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

// Opens the next cursor of `s` on `key`'s postings and reads its first one. @return not_found
// when the key is in no article.
inline Errc open_cursor(const SearchIndex& index, SearchKey key, SearchScratch& s) noexcept {
  const Result<PostingCursor> c = index.find(key);
  if (!c.ok()) {
    return c.error();
  }
  SearchScratch::Cursor& cursor = s.cursors[s.cursor_count++];
  cursor.list = c.value();
  const Errc e = cursor.list.next(cursor.at);
  return e == Errc::not_found ? Errc::corrupt_index : e;  // find() gave a list with postings
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
      const Errc e =
          open_cursor(index, SearchKey{term.cp[k], term.length == 1 ? 0 : term.cp[k + 1] + 1}, s);
      if (e != Errc::ok) {
        return e;
      }
    }
    term.cursor_count = s.cursor_count - term.first_cursor;
    if (term.length >= 3) {
      build_failure(term);
      term.plain = true;
      for (uint32_t k = 0; k < term.length; ++k) {
        term.plain = term.plain && !index.folds_into(term.cp[k]);
      }
    }
  }
  // The inner code points' keys of the long terms, while cursors are left (every term's own
  // keys came first).
  for (uint32_t t = 0; t < s.term_count; ++t) {
    SearchScratch::Term& term = s.terms[t];
    term.proofs =
        term.length >= 3 && SearchScratch::kMaxCursors - s.cursor_count >= term.length - 2;
    term.first_char_cursor = s.cursor_count;
    for (uint32_t k = 1; term.proofs && k + 1 < term.length; ++k) {
      const Errc e = open_cursor(index, SearchKey{term.cp[k], 0}, s);
      if (e != Errc::ok) {
        return e;
      }
    }
  }
  return Errc::ok;
}

// Feeds one folded code point to every long term's matcher.
inline void match_code_point(SearchScratch& s, uint32_t cp, bool in_title) noexcept {
  for (uint32_t t = 0; t < s.term_count; ++t) {
    SearchScratch::Term& term = s.terms[t];
    if (term.length < 3 || term.plain) {
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

// What the postings at the cursors' article say of a term of 3 or more code points (SPEC:
// "Search section", "Proofs"): its exact frequency and title flag when a pivot pair proves
// them, else upper bounds, and whether it is proven present.
struct TermBound {
  bool exact = false;
  bool present = false;
  uint32_t frequency = 0;  // exact, or the least of its pairs' frequencies
  bool in_title = false;   // exact, or all its pairs in the title
};

inline TermBound bound_term(const SearchScratch& s, const SearchScratch::Term& term) noexcept {
  const SearchScratch::Cursor* pair = s.cursors + term.first_cursor;            // length - 1 pairs
  const SearchScratch::Cursor* inner = s.cursors + term.first_char_cursor - 1;  // [1, length-2]
  const uint32_t m = term.length;
  TermBound b;
  b.frequency = UINT32_MAX;
  b.in_title = true;
  for (uint32_t i = 0; i + 1 < m; ++i) {
    b.frequency = pair[i].at.frequency < b.frequency ? pair[i].at.frequency : b.frequency;
    b.in_title = b.in_title && pair[i].at.in_title;
  }
  if (!term.proofs) {
    return b;  // no cursors were left for its inner code points: bounds only
  }
  // right[i]: every cp[i] is followed by cp[i + 1] (i in [1, m - 2]); a pivot pair j proves the
  // term when every cp[i] left of it is preceded by cp[i - 1] and every one right of it followed
  // by cp[i + 1].
  bool right_from[SearchScratch::kMaxTermLength];  // right[i] for every i in [j + 1, m - 2]
  right_from[m - 2] = true;
  for (uint32_t j = m - 2; j > 0; --j) {
    right_from[j - 1] = right_from[j] && pair[j].at.frequency == inner[j].at.frequency;
  }
  bool left = true;  // every cp[i] with i in [1, j] is preceded by cp[i - 1]
  for (uint32_t j = 0; j + 1 < m && left; ++j) {
    left = j == 0 || pair[j - 1].at.frequency == inner[j].at.frequency;
    if (left && right_from[j]) {
      b.exact = true;
      b.present = true;
      b.frequency = pair[j].at.frequency;
      b.in_title = pair[j].at.in_title;
      return b;
    }
  }
  // Three code points: some cp[1] is both preceded by cp[0] and followed by cp[2] when the two
  // pairs occur more often together than cp[1] does.
  b.present = m == 3 && uint64_t{pair[0].at.frequency} + pair[1].at.frequency >
                            uint64_t{inner[1].at.frequency};
  return b;
}

// Counts the long terms in article `a`'s normalised text (title, subtitle, body; a space
// between fields, which no term holds); `cached` as for Decoder::read_bytes(). @return false
// when one is missing.
inline Result<bool> confirm(const Bundle& bundle, const SearchIndex& index, Decoder& decoder,
                            MutableByteSpan buffer, uint32_t& cached, uint32_t a,
                            SearchScratch& s) noexcept {
  const Result<ArticleView> view = bundle.article(a);
  if (!view.ok()) {
    return view.error();
  }
  const Result<std::string_view> bytes = decoder.read_bytes(view.value(), buffer, cached);
  if (!bytes.ok()) {
    return bytes.error();
  }
  const Result<Record> r = parse_record(bytes.value());
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
  bool folding = false;  // a long term that is not plain: the text is folded for it
  for (uint32_t t = 0; t < s.term_count; ++t) {
    folding = folding || (s.terms[t].length >= 3 && !s.terms[t].plain);
  }
  const std::string_view fields[3] = {r.value().title, r.value().subtitle, r.value().body};
  for (uint32_t f = 0; f < 3; ++f) {
    // A plain term occurs in the folded text where its UTF-8 occurs in the record's: each of
    // its code points there comes from itself, and a byte match starts a code point.
    for (uint32_t t = 0; t < s.term_count; ++t) {
      SearchScratch::Term& term = s.terms[t];
      if (term.length < 3 || !term.plain) {
        continue;
      }
      char utf8[4 * SearchScratch::kMaxTermLength];
      uint32_t size = 0;
      for (uint32_t k = 0; k < term.length; ++k) {
        size += put_utf8(term.cp[k], utf8 + size);
      }
      const std::string_view needle(utf8, size);
      for (size_t at = fields[f].find(needle); at != std::string_view::npos;
           at = fields[f].find(needle, at + 1)) {
        ++term.frequency;
        term.in_title = term.in_title || f == 0;
      }
    }
    if (folding) {
      fold_text(index, fields[f], false, [&](uint32_t cp) { match_code_point(s, cp, f == 0); });
      match_code_point(s, ' ', false);
    }
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
/// code points or more; they may be null and empty when no term is that long. Such a term is
/// taken from the index alone where its pairs and inner code points prove it (SPEC: "Proofs");
/// a candidate that could not enter the best `capacity` is decoded only to count it, and with
/// `count` SearchCount::at_least not at all (left unconfirmed).
/// @return the counts; out_of_range when the query has more than SearchScratch::kMaxTerms terms
///   or a term longer than kMaxTermLength code points, or a term of 3 or more code points comes
///   without a decoder; corrupt_index or an error reading a record on a damaged bundle.
inline Result<SearchStats> search(const Bundle& bundle, const SearchIndex& index,
                                  std::string_view query, SearchScratch& s, SearchHit* hits,
                                  uint32_t capacity, Decoder* decoder, MutableByteSpan buffer,
                                  SearchCount count = SearchCount::exact) noexcept {
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
  const Result<Navigation> nav = bundle.navigation();
  uint32_t cached = UINT32_MAX;  // the frame whose content is in `buffer`
  bool unproven = false;         // a candidate the index alone did not settle
  // Pass 0 takes the candidates the index settles; then, with the best hits known, pass p takes
  // the others whose bound has `term_count + 1 - p` terms in the title: the likely best first.
  for (uint32_t pass = 0; pass <= s.term_count + 1 && (pass == 0 || unproven); ++pass) {
    e = s.term_count == 0 ? Errc::not_found : detail::open_cursors(index, s);
    if (e == Errc::not_found) {
      return stats;
    }
    if (e != Errc::ok) {
      return e;
    }
    uint32_t target = 0;
    while ((e = detail::align_cursors(s, target)) != Errc::not_found) {
      if (e == Errc::out_of_range) {
        continue;  // a cursor stood past the target: try again from there
      }
      if (e != Errc::ok) {
        return e;
      }
      SearchHit hit;  // exact, or (unsettled) an upper bound of the score
      hit.article = target;
      hit.rank = nav.ok() ? nav.value().slot_of(target).value_or(target) : target;
      bool exact = true;
      bool present = true;
      for (uint32_t t = 0; t < s.term_count; ++t) {
        const SearchScratch::Term& term = s.terms[t];
        if (term.length < 3) {
          const Posting& p = s.cursors[term.first_cursor].at;
          hit.title_terms += p.in_title ? 1 : 0;
          hit.frequency += p.frequency;
          continue;
        }
        const detail::TermBound b = detail::bound_term(s, term);
        exact = exact && b.exact;
        present = present && b.present;
        hit.title_terms += b.in_title ? 1 : 0;
        hit.frequency =
            b.frequency > UINT32_MAX - hit.frequency ? UINT32_MAX : hit.frequency + b.frequency;
      }
      ++target;
      if (pass == 0 || exact || hit.title_terms != s.term_count + 1 - pass) {
        if (pass == 0 && exact) {
          ++stats.matches;
          detail::keep_hit(hit, hits, capacity, stats.hits);
        }
        unproven = unproven || !exact;
        continue;
      }
      const bool may_enter =
          capacity > 0 && (stats.hits < capacity || detail::ranks_before(hit, hits[capacity - 1]));
      if (!may_enter && present) {
        ++stats.matches;  // proven, and ranks after every kept hit
        continue;
      }
      if (!may_enter && count == SearchCount::at_least) {
        ++stats.unconfirmed;
        continue;
      }
      const Result<bool> found =
          detail::confirm(bundle, index, *decoder, buffer, cached, hit.article, s);
      if (!found.ok()) {
        return found.error();
      }
      ++stats.decoded;
      if (!found.value()) {
        continue;
      }
      hit.title_terms = 0;
      hit.frequency = 0;
      for (uint32_t t = 0; t < s.term_count; ++t) {
        const SearchScratch::Term& term = s.terms[t];
        const Posting& p = s.cursors[term.first_cursor].at;
        hit.title_terms += (term.length >= 3 ? term.in_title : p.in_title) ? 1 : 0;
        hit.frequency += term.length >= 3 ? term.frequency : p.frequency;
      }
      ++stats.matches;
      detail::keep_hit(hit, hits, capacity, stats.hits);
    }
  }
  return stats;
}

}  // namespace sheaf
