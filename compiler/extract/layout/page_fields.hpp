// compiler, extract stage (internal): the page-level field readers. They locate the header
// parts of a page (headline, sub-headline, breadcrumb, date line) among its blocks and read
// the footer's publisher facts, leaving single-line parsing to line_fields.hpp. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "extract/parse/page.hpp"
#include "model/article.hpp"

namespace sheaf::layout {

constexpr uint32_t kNone = UINT32_MAX;

/// The headline and where it is: blocks [first, last] (a headline wrapped over several <br>
/// lines spans several blocks); first == kNone when no block shows it.
struct TitleSpan {
  std::string text;
  uint32_t first = kNone;
  uint32_t last = kNone;
};

/// The title of an HTML page: the visible headline that the <title> (or og:title) names, else
/// the most prominent heading above the body, cleaned by fields::clean_title.
/// @param body_start  index of the first block of running prose (headlines sit above it).
TitleSpan html_title(const parse::Page& page, uint32_t body_start);

/// The sub-headline directly under the headline ending at block `after`: a short heading or
/// line with no sentence punctuation, or a fully parenthesized note such as a law's adoption
/// line. Sets `index` to its block; "" and kNone when there is none.
std::string subtitle_after(const parse::Page& page, uint32_t after, uint32_t& index);

/// Breadcrumb categories read from the blocks before `limit`: a block fields::parse_breadcrumb
/// accepts, or the link blocks of one container whose class names a breadcrumb ("crumb",
/// "position", "weizhi", "path"), joined with " > ". Sets `used` to the blocks it read.
std::vector<std::string> breadcrumb_before(const parse::Page& page, uint32_t limit,
                                           const std::string& title, std::vector<uint32_t>& used);

/// A chosen date and the rule that chose it (named in --explain).
struct DateChoice {
  std::string date;                 ///< "YYYY-MM-DD", "--MM-DD" or ""
  const char* rule = "";            ///< "labelled-date", "byline-date", "dateline-date"...
  uint32_t block = kNone;           ///< the block it was read from, kNone when none
  bool year_from_metadata = false;  ///< the year came from metadata that agrees
};

/// The publication date by the gold precedence: a labelled date in `header` blocks, else a
/// date on a meta line there, else on a short line, else on an English byline line ("By Jane
/// Roe March 9, 2017"), else a relative date there ("1 day ago", "昨天") resolved by the
/// <time datetime> in its block or the page's first metadata date, else a labelled date in
/// `tail` blocks (under the body), else `dateline`, else a date in `subtitle` (a law's adoption
/// note). A visible date without year ("--09-30") takes the full date from the page's metadata
/// (JSON-LD, meta, <time datetime>, script) when month and day agree; a date is never taken
/// from metadata alone, nor from the article's running text.
DateChoice choose_date(const parse::Page& page, const std::vector<uint32_t>& header,
                       const std::vector<uint32_t>& tail, const DateChoice& dateline,
                       const std::string& subtitle);

/// Publisher facts from footer lines (blocks from `from` on, and chrome blocks), and a site
/// name from og:site_name or the <title> suffix when no footer line names it.
void read_site(const parse::Page& page, uint32_t from, SiteInfo& site);

}  // namespace sheaf::layout
