// Tests for extract/extract.hpp: dispatch by format, boilerplate, order, skips.
#include <algorithm>
#include <string>
#include <vector>

#include "extract/extract.hpp"
#include "support/catch.hpp"

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

TEST_CASE("extract: empty articles are skipped and title-only ones kept, each with a warning",
          "[compiler][extract]") {
  const std::vector<Document> docs = {text_dump("empty.txt", "\n&nbsp;\n"),
                                      text_dump("title.txt", "Just this"),
                                      text_dump("echo.txt", "Echo\n\tEcho ")};
  Diagnostics diags;
  const auto articles = sheaf::extract(docs, diags);
  REQUIRE(articles.size() == 2);
  CHECK(articles[0].title == "Just this");
  CHECK(articles[1].title == "Echo");
  CHECK(articles[1].paragraphs.empty());
  std::vector<std::string> said;
  for (const auto& d : diags.items()) {
    said.push_back(d.file + " " + std::string(sheaf::code_name(d.code)));
  }
  CHECK(std::count(said.begin(), said.end(), "empty.txt nothing-extracted") == 1);
  CHECK(std::count(said.begin(), said.end(), "title.txt empty-body") == 1);
  CHECK(std::count(said.begin(), said.end(), "echo.txt empty-body") == 1);
}

TEST_CASE("extract: Markdown front matter wins over the body", "[compiler][extract]") {
  Document md;
  md.format = DocumentFormat::markdown;
  md.origin = "n.md";
  md.id = "n";
  md.text =
      "---\ntitle: 正式标题\ndate: 2024年6月3日\ncategories: 通知, 社区\n---\n# "
      "正文标题\n\n第一段。\n";
  Diagnostics diags;
  const auto articles = sheaf::extract({md}, diags);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].title == "正式标题");
  CHECK(articles[0].date == "2024-06-03");
  CHECK(articles[0].categories == std::vector<std::string>{"通知", "社区"});
  CHECK(!articles[0].paragraphs.empty());
}

TEST_CASE("extract: lines repeated across a site's pages are dropped as template",
          "[compiler][extract]") {
  std::vector<Document> docs;
  for (int i = 0; i < 4; ++i) {
    const std::string n = std::to_string(i);
    docs.push_back(text_dump(
        "site/" + n + ".txt",
        "标题" + n + "\n正文第" + n + "段，内容各不相同。\n本站声明：转载请注明出处并保留链接\n"));
  }
  Diagnostics diags;
  const auto articles = sheaf::extract(docs, diags);
  REQUIRE(articles.size() == 4);
  for (const auto& a : articles) {
    CHECK(a.paragraphs.size() == 1);
  }
}

TEST_CASE("extract: a title given only in front matter raises no no-title warning",
          "[compiler][extract]") {
  Document md;
  md.format = DocumentFormat::markdown;
  md.origin = "fm.md";
  md.id = "fm";
  md.text = "---\ntitle: Only here\ntags:\n  - a\n  - b\n---\nJust a body paragraph, no heading.\n";
  Document bare = md;
  bare.origin = "bare.md";
  bare.id = "bare";
  bare.text = "Just a body paragraph, no heading.\n";
  Diagnostics diags;
  const auto articles = sheaf::extract({md, bare}, diags);
  REQUIRE(articles.size() == 2);
  CHECK(articles[0].title == "Only here");
  CHECK(articles[0].categories == std::vector<std::string>{"a", "b"});
  std::vector<std::string> said;
  for (const auto& d : diags.items()) {
    said.push_back(d.file + " " + std::string(sheaf::code_name(d.code)));
  }
  // The page without front matter shows the warning is real; the one with it has none.
  CHECK(said == std::vector<std::string>{"bare.md no-title"});
}

TEST_CASE("extract: malformed front matter is a warning with file and line",
          "[compiler][extract]") {
  Document md;
  md.format = DocumentFormat::markdown;
  md.origin = "bad.md";
  md.id = "bad";
  md.text = "---\ntitle: ok\ntags: [a, b\n---\nBody text.\n";
  Diagnostics diags;
  const auto articles = sheaf::extract({md}, diags);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].title == "ok");  // plain key lines still read
  REQUIRE(diags.items().size() == 1);
  CHECK(sheaf::code_name(diags.items()[0].code) == "bad-front-matter");
  CHECK(diags.items()[0].file == "bad.md");
  CHECK(diags.items()[0].line >= 3);
}
