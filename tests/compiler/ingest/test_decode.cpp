// Tests for ingest/decode.hpp: BOM, invalid UTF-8 reporting, newline normalization.
#include <string>

#include <catch2/catch.hpp>

#include "ingest/decode.hpp"

using sheaf::Diagnostics;

TEST_CASE("decode: a UTF-8 BOM is stripped silently", "[compiler][ingest]") {
  Diagnostics diags;
  CHECK(sheaf::decode_to_utf8("\xEF\xBB\xBF标题\n", "a.txt", diags) == "标题\n");
  CHECK(diags.items().empty());
}

TEST_CASE("decode: invalid UTF-8 is replaced and reported with its file offset and line",
          "[compiler][ingest]") {
  Diagnostics diags;
  // BOM (3 bytes) + "ok\n" (3 bytes): the bad byte sits at file offset 6, on line 2.
  const std::string text = sheaf::decode_to_utf8(
      "\xEF\xBB\xBFok\n\xFF"
      "bad \xE4\xB8",
      "in/a.txt", diags);
  CHECK(text ==
        "ok\n\xEF\xBF\xBD"
        "bad \xEF\xBF\xBD");
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.severity == sheaf::Severity::warning);
  CHECK(d.code == "invalid-utf8");
  CHECK(d.file == "in/a.txt");
  CHECK(d.line == 2);
  CHECK(d.message == "invalid UTF-8 at byte offset 6; 2 sequences replaced with U+FFFD");
}

TEST_CASE("decode: CRLF and lone CR become LF", "[compiler][ingest]") {
  CHECK(sheaf::normalize_newlines("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n");
  CHECK(sheaf::normalize_newlines("\r") == "\n");
  CHECK(sheaf::normalize_newlines("no breaks") == "no breaks");
}
