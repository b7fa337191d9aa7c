// compiler/extract: one line of scraped text -> one clean text value (corpus/gold/README.md,
// "Text values"). Pure.
#pragma once

#include <string>
#include <string_view>

namespace sheaf::text {

/// Cleans one text value:
/// 1. decodes character references (decode_entities);
/// 2. turns every run of ASCII whitespace (space, tab, CR, LF, FF) and NBSP (U+00A0) into one
///    ASCII space;
/// 3. trims ASCII space, NBSP and U+3000 (ideographic space) at both ends, which removes
///    leading "　　" indentation and a trailing "&nbsp;".
/// U+3000 inside the value is kept as written ("出席　刘云山主持").
/// @param line  UTF-8 text; it may contain '\n' (all of it becomes one value).
/// @return the cleaned value; empty if nothing but whitespace was left.
std::string clean_line(std::string_view line);

/// One line of a text file as written, without its markup meaning touched: ASCII spaces and
/// tabs trimmed at both ends, and a CR left by CRLF line ends at the end. Indentation inside
/// (U+3000, NBSP) is kept; clean_line deals with that.
std::string_view trim_line_blanks(std::string_view line);

}  // namespace sheaf::text
