// tests/compiler/cli: control characters in printed record text (issue 13).
#include <string>

#include "cli/terminal_text.hpp"
#include "support/catch.hpp"

using sheaf::cli::escape_body;
using sheaf::cli::escape_field;

TEST_CASE("line fields: controls escaped, the line stays one line", "[compiler][cli][escape]") {
  CHECK(escape_field("plain text, UTF-8: 東京") == "plain text, UTF-8: 東京");
  CHECK(escape_field("a\tb\nc\rd") == "a\\tb\\nc\\rd");
  CHECK(escape_field(std::string("nul\0end", 7)) == "nul\\x00end");
  CHECK(escape_field("\x1b[31mred") == "\\x1b[31mred");
  CHECK(escape_field("del\x7f") == "del\\x7f");
  CHECK(escape_field("back\\slash") == "back\\\\slash");    // reversible
  CHECK(escape_field("csi \xc2\x9b") == "csi \\u{9b}");     // C1 control U+009B
  CHECK(escape_field("nbsp \xc2\xa0") == "nbsp \xc2\xa0");  // U+00A0 is text
  CHECK(escape_field("bad \xff\xc3") == "bad \\xff\\xc3");  // not UTF-8
}

TEST_CASE("bodies: newlines, tabs and backslashes kept, NUL and ESC escaped",
          "[compiler][cli][escape]") {
  CHECK(escape_body("line 1\nline 2\tcol\\x") == "line 1\nline 2\tcol\\x");
  CHECK(escape_body(std::string("before\0after", 12)) == "before\\x00after");
  CHECK(escape_body("\x1b[2J\r") == "\\x1b[2J\\r");
}
