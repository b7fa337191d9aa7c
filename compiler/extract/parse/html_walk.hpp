// compiler, extract stage (internal): one walk over a libxml2 HTML tree that produces the
// Page's blocks and the tree of block containers the content selector scores. Not a public
// header: html_page.cpp and the tests use it; nothing else sees libxml2 types.
#pragma once

#include <cstdint>
#include <vector>

#include "extract/parse/html_content.hpp"
#include "extract/parse/page.hpp"

// libxml2's xmlNode, kept out of the includes of our callers (libxml2 chose the name).
struct _xmlNode;  // NOLINT(bugprone-reserved-identifier)

namespace sheaf::parse::html {

/// Walks the element `root` (an <html> or <body> node, or the fragment's first sibling when
/// `siblings` is true) and appends to `page`: its blocks in document order, the head's metadata
/// (title, lang, meta, canonical, JSON-LD and script dates) and fills `containers` with the
/// container tree (index 0 is a virtual root holding everything). Skips script, style,
/// noscript, template, iframe, svg, comments and hidden elements (hidden attribute,
/// display:none, aria-hidden="true").
void walk_tree(const _xmlNode* root, bool siblings, Page& page,
               std::vector<ContainerNode>& containers);

}  // namespace sheaf::parse::html
