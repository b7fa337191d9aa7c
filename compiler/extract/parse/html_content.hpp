// compiler, extract stage: main-content selection for HTML pages. Scores every block
// container of the page by the prose it holds against the link and chrome text it holds, and
// keeps the blocks of the best one. Pure; no libxml2 types.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/parse/page.hpp"

namespace sheaf::parse {

/// One block container (div, section, article, td, ul, ...) of an HTML page. Blocks are in
/// document order, so the blocks of a container's subtree are the range
/// [first_block, end_block) of Page::blocks.
struct ContainerNode {
  uint32_t parent = 0;  ///< index of the enclosing container; the root (index 0) is its own
  uint32_t first_block = 0;
  uint32_t end_block = 0;
  int8_t hint = 0;      ///< hint_score() of its own class and id words
  bool chrome = false;  ///< header, footer, nav, aside, or role navigation/banner/contentinfo
                        ///< (a <form> is not: whole ASP.NET pages sit inside one)
};

/// Scores the class/id words of one element: > 0 when they name article content ("article",
/// "content", "detail", "main", "post", "text", "body"), < 0 when they name page furniture
/// ("nav", "footer", "sidebar", "comment", "related", "recommend", "share", "crumb"...), else 0.
/// @param words  lowercase words separated by spaces.
int hint_score(std::string_view words);

/// The indices into `blocks` of the page's main content, in document order: the blocks of the
/// best-scoring container minus those inside chrome or furniture containers nested in it.
/// @param nodes  the container tree; nodes[0] is the root and spans every block.
/// @return all blocks when there is no better container (for example a page of bare text).
/// @param rule   when not null, set to the rule that made the choice (named in --explain):
///               "best-container", "sections" (a multi-section page's parent container) or
///               "outside-furniture" (a comment or sidebar box passed over for the article).
std::vector<uint32_t> select_content(const std::vector<Block>& blocks,
                                     const std::vector<ContainerNode>& nodes,
                                     const char** rule = nullptr);

}  // namespace sheaf::parse
