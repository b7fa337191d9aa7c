// Tests for ingest/input_types.hpp: the one table of accepted extensions.
#include <set>
#include <string>

#include "ingest/input_types.hpp"
#include "support/catch.hpp"

using sheaf::input_type_of;
using sheaf::InputKind;
using sheaf::InputType;
using sheaf::kInputTypes;

TEST_CASE("input types: extensions are unique, lower case, with the dot", "[compiler][ingest]") {
  std::set<std::string_view> seen;
  for (const InputType& type : kInputTypes) {
    CAPTURE(type.extension);
    CHECK(type.extension.size() >= 2);
    CHECK(type.extension[0] == '.');
    CHECK(type.extension.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ/ ") == std::string_view::npos);
    CHECK_FALSE(type.description.empty());
    CHECK(seen.insert(type.extension).second);
  }
}

TEST_CASE("input types: every parser is reachable from the table", "[compiler][ingest]") {
  std::set<InputKind> kinds;
  for (const InputType& type : kInputTypes) {
    kinds.insert(type.kind);
  }
  CHECK(kinds == std::set<InputKind>{InputKind::text_dump, InputKind::jsonl, InputKind::json,
                                     InputKind::html, InputKind::markdown});
}

TEST_CASE("input types: lookup by file name ignores ASCII case", "[compiler][ingest]") {
  REQUIRE(input_type_of("a/b/page.HTM") != nullptr);
  CHECK(input_type_of("a/b/page.HTM")->kind == InputKind::html);
  CHECK(input_type_of("notes.Markdown")->kind == InputKind::markdown);
  CHECK(input_type_of("feed.jsonl")->kind == InputKind::jsonl);
  CHECK(input_type_of("feed.json")->kind == InputKind::json);
  CHECK(input_type_of("seed.txt")->kind == InputKind::text_dump);
  CHECK(input_type_of("manual.pdf") == nullptr);
  CHECK(input_type_of("README") == nullptr);
  CHECK(input_type_of(".txt") == nullptr);           // a hidden file, not an extension
  CHECK(input_type_of("dir.txt/notes") == nullptr);  // the dot is in a folder name
  CHECK(input_type_of("page.html.bak") == nullptr);
}

TEST_CASE("input types: help texts list every extension", "[compiler][ingest]") {
  const std::string help = sheaf::input_types_help();
  const std::string list = sheaf::input_extensions(" ");
  for (const InputType& type : kInputTypes) {
    CAPTURE(type.extension);
    CHECK(help.find("  " + std::string(type.extension) + " ") != std::string::npos);
    CHECK(list.find(type.extension) != std::string::npos);
  }
  CHECK(list == ".html .htm .txt .md .markdown .jsonl .json");
}

TEST_CASE("input types: each parser gives extract one document format, from the table",
          "[compiler][ingest]") {
  using sheaf::DocumentFormat;
  using sheaf::InputKind;
  CHECK(sheaf::document_format(InputKind::html) == DocumentFormat::html);
  CHECK(sheaf::document_format(InputKind::markdown) == DocumentFormat::markdown);
  CHECK(sheaf::document_format(InputKind::text_dump) == DocumentFormat::text_dump);
  CHECK(sheaf::document_format(InputKind::jsonl) == DocumentFormat::record);
  CHECK(sheaf::document_format(InputKind::json) == DocumentFormat::record);
  for (const sheaf::InputType& a : sheaf::kInputTypes) {
    for (const sheaf::InputType& b : sheaf::kInputTypes) {
      if (a.kind == b.kind) {
        INFO(std::string(a.extension) + " " + std::string(b.extension));
        CHECK(a.document == b.document);  // one parser, one kind of document
      }
    }
  }
}
