// compiler, extract stage (internal): rules that judge a body block by the blocks around it,
// not by its own text: repetition, teaser feeds, galleries, the tail after a related-reading
// heading. Each has a stable name for --explain. Pure.
#pragma once

#include <cstdint>
#include <vector>

#include "extract/parse/page.hpp"

namespace sheaf::layout {

/// For every block of `page` (indexed like page.blocks), the run rule that drops it, or nullptr.
/// Only blocks listed in `body` (candidate body blocks, in order) are judged:
/// - "repeated-block": a text printed three times or more in the body (a label on every card),
///   or two or more consecutive blocks each printed again (a feed shown twice); one line shown
///   twice (a subhead) and table cells stay;
/// - "teaser-feed": the summaries between three or more evenly spaced link headlines whose
///   gaps (two or three blocks) each hold a repeated label;
/// - "gallery-slide": a run of four or more blocks that each follow their own image;
/// - "related-block": the blocks after a related-reading heading ("相关阅读") when at most 12
///   follow it.
std::vector<const char*> body_run_rules(const parse::Page& page, const std::vector<uint32_t>& body);

}  // namespace sheaf::layout
