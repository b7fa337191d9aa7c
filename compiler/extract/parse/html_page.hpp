// compiler, extract stage: HTML (libxml2's HTML parser) and text dumps into the Page model.
#pragma once

#include <string>
#include <string_view>

#include "extract/parse/page.hpp"

namespace sheaf::parse {

/// Parses a whole HTML document (UTF-8; any <meta charset> is ignored: ingest already decoded
/// it) into blocks and head metadata. Scripts, styles, templates, comments and hidden elements
/// (display:none, hidden attribute) produce no blocks. Never fails: broken markup is recovered
/// the way libxml2 recovers it.
Page parse_html(std::string_view html, std::string origin);

/// Parses an HTML fragment (a record's body such as "<p>…</p><p>…</p>"): blocks only.
Page parse_html_fragment(std::string_view html, std::string origin);

/// True when `text` looks like HTML markup rather than plain text (has block tags such as
/// <p>, <div>, <br>), so a record's body is parsed as a fragment.
bool looks_like_html(std::string_view text);

/// A text dump: every non-empty cleaned line is a Block of kind `line`.
Page parse_text_dump(std::string_view text, std::string origin);

}  // namespace sheaf::parse
