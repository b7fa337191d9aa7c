// compiler, index stage: the SEARCH section (SPEC: "Search section"), an inverted index of the
// articles' title, subtitle and body, NFKC-normalised and lowercased (ICU), keyed by each code
// point and each pair of adjacent code points, with delta-coded postings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/record_store.hpp"

namespace sheaf {

/// The fold of one code point (SPEC: "Normalisation"): ICU's NFKC of the code point alone, then
/// its full lower case (root locale). Cached; not thread safe.
class SearchFolder {
 public:
  SearchFolder();

  /// The fold of `cp`, as code points.
  const std::u32string& fold(uint32_t cp);

  /// The folded code points of UTF-8 `text` (a byte that is not UTF-8 is U+FFFD, as the runtime
  /// decodes it).
  std::u32string fold_text(std::string_view text);

 private:
  std::vector<int32_t> slot_;  // per code point: -1 not computed yet, else index into folds_
  std::vector<std::u32string> folds_;
};

/// One article's posting before it is coded (SPEC: "Postings").
struct PostingEntry {
  uint32_t article = 0;
  uint32_t frequency = 1;
  bool in_title = false;
};

/// A postings list's bytes: the count, then each entry as LEB128 of
/// `(gap << 2) | (frequency > 1) << 1 | in_title`, followed by LEB128 `frequency - 2` when the
/// frequency is above 1; `gap` is the article number minus the previous one's plus one (the
/// first's: its number). `entries` ascend by article.
std::string encode_postings(const std::vector<PostingEntry>& entries);

/// The SEARCH section's bytes for the articles of `records` (article i at i): the fold table of
/// every code point of their text whose fold is not itself, the keys in ascending order grouped
/// by first code point, and the postings.
std::string encode_search(const RecordStore& records);

}  // namespace sheaf
