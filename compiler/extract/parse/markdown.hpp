// compiler, extract stage: Markdown articles into the Page model.
#pragma once

#include <string>
#include <string_view>

#include "extract/parse/page.hpp"

namespace sheaf::parse {

/// Parses Markdown: an optional front-matter block ("---" line, YAML, "---" or "..." line) goes
/// to PageMeta::front_matter (see front_matter.hpp: keys lowercased, lists read); the body becomes
/// one Block per paragraph (lines joined until a blank line), heading ("# x" -> heading, level
/// 1-6), list item ("- x", "* x", "1. x") or quote line. Inline markup is reduced to its text:
/// emphasis markers dropped, [text](url) -> text, images and HTML comments dropped, code spans
/// kept as their text. Fenced code blocks become preformatted blocks.
Page parse_markdown(std::string_view text, std::string origin);

}  // namespace sheaf::parse
