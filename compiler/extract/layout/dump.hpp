// compiler, extract stage (internal): the layout of a text dump (a scraped page saved as
// text, one Block of kind `line` per non-empty line). A naive dump holds the whole page: the
// <title> line, navigation, breadcrumb, headline, meta line, body, related links, footer. These
// readers find the headline and the body region from the shape of the lines alone. Pure.
#pragma once

#include <cstdint>

#include "extract/layout/page_fields.hpp"
#include "extract/parse/page.hpp"

namespace sheaf::layout {

/// The title of a text dump. The first line is usually the page's <title>; when a later line
/// (within the first 60) is the headline it names (the same text, the <title> without its
/// `_频道_站名` suffix, or a prefix of it), that line's text is the title and `repeat` is set
/// to it. Otherwise the first line as it stands, and `repeat` is kNone (the caller strips a
/// suffix only when lines were skipped before the body, see dump_layout). The returned span is
/// the first line.
/// A first line that is only the site's name ("阳光市政府网") names no headline: then the
/// headline is the last headline-like line above the body (meta and date lines passed over).
TitleSpan dump_headline(const parse::Page& page, uint32_t& repeat);

/// A breadcrumb in a dump's header (lines 1 to `limit`) that runs from the home link with a
/// weak separator ("首页 - 通知公告", "网站首页/政务公开"), which alone on an HTML page would be a
/// heading. Sets `used` to its line; {} when none.
std::vector<std::string> home_path_breadcrumb(const parse::Page& page, uint32_t limit,
                                              const std::string& title,
                                              std::vector<uint32_t>& used);

/// True when line `b` reads as running prose: a long line with sentence punctuation (。！？；),
/// or for Latin text a long line of sentences.
bool is_prose_line(const parse::Block& b);

/// The body region [begin, end) of a dump: the densest run of prose lines in [from, to),
/// widened back over the subheads right above it and on over a closing signature/date (落款).
/// Short lines between prose lines stay inside; a run of widget words (share bars, "自动播放")
/// ends a run. When [from, to) holds no prose line, the whole range.
struct DumpRegion {
  uint32_t begin = 0;
  uint32_t end = 0;
};

DumpRegion dump_region(const parse::Page& page, uint32_t from, uint32_t to);

/// Breadcrumb categories of a dump whose breadcrumb is wrapped one link a line ("首页",
/// "> 科技频道", "> 探索者", "> 正文"), read from the blocks before `limit`. Sets `used`.
std::vector<std::string> wrapped_breadcrumb(const parse::Page& page, uint32_t limit,
                                            const std::string& title, std::vector<uint32_t>& used);

}  // namespace sheaf::layout
