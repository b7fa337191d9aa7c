// Tests for extract/extract.hpp: dispatch by format, boilerplate, order, skips.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "extract/extract.hpp"

using sheaf::Diagnostics;
using sheaf::Document;
using sheaf::DocumentFormat;

namespace {

Document text_dump(const std::string& origin, const std::string& text) {
  Document doc;
  doc.format = DocumentFormat::text_dump;
  doc.origin = origin;
  doc.id = origin;
  doc.text = text;
  return doc;
}

}  // namespace

TEST_CASE("extract: articles keep document order and each format's extractor",
          "[compiler][extract]") {
  Document rec;
  rec.format = DocumentFormat::record;
  rec.origin = "f.jsonl:1";
  rec.id = "r";
  rec.fields.title = "Record &amp; title";
  rec.fields.paragraphs = {"para"};
  const std::vector<Document> docs = {text_dump("b.txt", "Dump title\nDump title\nbody"), rec};
  Diagnostics diags;
  const auto articles = sheaf::extract(docs, diags);
  REQUIRE(articles.size() == 2);
  CHECK(articles[0].id == "b.txt");
  CHECK(articles[0].title == "Dump title");
  CHECK(articles[0].paragraphs == std::vector<std::string>{"body"});  // repeat removed
  CHECK(articles[1].id == "r");
  CHECK(articles[1].title == "Record & title");
  CHECK(diags.items().empty());
}

TEST_CASE("extract: empty articles are skipped, title-only ones kept", "[compiler][extract]") {
  const std::vector<Document> docs = {text_dump("empty.txt", "\n&nbsp;\n"),
                                      text_dump("title.txt", "Just this"),
                                      text_dump("echo.txt", "Echo\n\tEcho ")};
  Diagnostics diags;
  const auto articles = sheaf::extract(docs, diags);
  REQUIRE(articles.size() == 2);
  CHECK(articles[0].title == "Just this");
  CHECK(articles[1].title == "Echo");
  CHECK(articles[1].paragraphs.empty());
  REQUIRE(diags.items().size() == 3);
  CHECK(diags.items()[0].code == "no-title");
  CHECK(diags.items()[1].code == "empty-body");
  CHECK(diags.items()[2].code == "empty-body");
  CHECK(diags.items()[2].file == "echo.txt");
}
