// compiler, CLI: record text made safe to print (ls, cat, info as text; never JSON).
#pragma once

#include <string>
#include <string_view>

namespace sheaf::cli {

/// A field of a line format (ls's id, date and title; cat's title and metadata lines; info's
/// values), so that it stays on its line and sends no control sequence to a terminal:
/// '\\' -> "\\\\", TAB -> "\\t", LF -> "\\n", CR -> "\\r", any other byte below 0x20 and DEL
/// -> "\\xHH" (NUL is "\\x00", ESC "\\x1b"), the C1 controls U+0080..U+009F ->
/// "\\u{80}".."\\u{9f}", a byte that is not part of valid UTF-8 -> "\\xHH". Everything else is
/// kept. Reversible.
std::string escape_field(std::string_view text);

/// cat's body text, to a terminal or a pipe alike: LF and TAB are kept (the text's own lines
/// and tabs), '\\' is kept, and every other character escape_field escapes is escaped the
/// same way (NUL no longer ends the output; ESC reaches no terminal). `cat --json` gives the
/// exact text.
std::string escape_body(std::string_view text);

}  // namespace sheaf::cli
