// compiler, index stage: the CHARSET section (SPEC: "Charset section"), the set of code points
// the bundle's articles show, so that a firmware build can subset its font to exactly them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sheaf/bundle.hpp>
#include <sheaf/charset.hpp>
#include <sheaf/record.hpp>

#include "model/article.hpp"
#include "model/record_store.hpp"

namespace sheaf {

/// A set of Unicode code points (U+0000 to U+10FFFF), one bit each.
class CodePointSet {
 public:
  CodePointSet();

  /// Adds every code point of the UTF-8 `text` but '\n' (a byte that is not UTF-8 adds U+FFFD,
  /// as the runtime decodes it).
  void add_text(std::string_view text);

  /// Adds what an article shows: each text field of `r` but the id (tags 2 to 9), and the body.
  void add_record(const Record& r);

  /// Adds every string of a site's publisher facts.
  void add_site(const SiteView& site);

  bool contains(uint32_t cp) const { return cp < bits_.size() && bits_[cp]; }

  /// The set as ascending, disjoint ranges that do not touch: [first, last] pairs.
  std::vector<std::pair<uint32_t, uint32_t>> ranges() const;

 private:
  std::vector<bool> bits_;
};

/// The code points of every article in `records` (each text field but the id, and the body)
/// and of every string of `sites`.
CodePointSet collect_code_points(const RecordStore& records, const std::vector<SiteInfo>& sites);

/// The CHARSET section's bytes for `set` (SPEC: "Charset section"): block_count and
/// code_point_count, the number of each block of 256 code points the set touches, then each
/// block's 32-byte bitmap.
std::string encode_charset(const CodePointSet& set);

}  // namespace sheaf
