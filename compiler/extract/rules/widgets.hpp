// compiler, extract stage: the widget-row rules behind rules::boilerplate_rule ("share-widget",
// "pager", "comment-widget", "back-to-top", "ornament"). Private to extract/; works on folded
// text (text::fold).
#pragma once

#include <string_view>

namespace sheaf::rules::detail {

/// The rule name when the whole line is made of widget words, page numbers, brackets and
/// separators ("【打印】【关闭】", "上一页 1 2 3 下一页", "发表评论"), else nullptr. A line with
/// any other word is content.
const char* widget_row_rule(std::string_view folded);

/// True for a lone section number ("01", "— 2 —") or a row of ornaments ("———", "▼").
bool is_ornament(std::string_view folded);

}  // namespace sheaf::rules::detail
