// compiler/extract: HTML character references (&amp; &nbsp; &#12288; &#x3000;) -> UTF-8.
// Pure; follows the HTML5 tokenizer's rules for references in text (not in attributes).
#pragma once

#include <string>
#include <string_view>

namespace sheaf::text {

/// Decodes every character reference in `text` once (so "&amp;lt;" gives "&lt;"):
/// - named: all HTML5 names (generated table, see scripts/gen_entities.py). The ';' may be
///   left out only for the legacy names that allow it, and then the longest legacy name wins
///   ("&notit;" -> "¬it;", "&copy2024" -> "©2024"), as in HTML5 text.
/// - numeric: "&#DDDD" or "&#xHHHH" (';' optional). 0, surrogates and values above U+10FFFF
///   give U+FFFD; 0x80-0x9F are read as Windows-1252 ("&#150;" -> U+2013).
/// Anything that is not a reference ("AT&T", "&#;", "&unknown;") is kept as written.
/// @param text  UTF-8 text; bytes other than references pass through unchanged.
/// @return the decoded text (valid UTF-8 when `text` is).
std::string decode_entities(std::string_view text);

}  // namespace sheaf::text
