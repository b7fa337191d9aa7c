// Tests for extract/extract.hpp: dispatch by format, boilerplate, order, skips.
#include <algorithm>
#include <iterator>
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
    said.push_back(d.file.str() + " " + std::string(sheaf::code_name(d.code)));
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
    said.push_back(d.file.str() + " " + std::string(sheaf::code_name(d.code)));
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

namespace {

Document record(const std::string& origin, const std::string& title, const std::string& body) {
  Document doc;
  doc.format = DocumentFormat::record;
  doc.origin = origin;
  doc.id = origin;
  doc.fields.title = title;
  doc.text = body;
  return doc;
}

// The mixed inputs both extraction paths are compared on: pages and records, kept, title-only,
// untitled and empty ones, interleaved.
std::vector<Document> mixed_documents() {
  return {record("f.jsonl:1", "", "untitled body"), text_dump("a.txt", "Page A\nbody of a"),
          record("f.jsonl:2", "Title only", ""),    text_dump("empty.txt", "\n&nbsp;\n"),
          record("f.jsonl:3", "", "&nbsp;"),        record("f.jsonl:4", "Kept", "text"),
          text_dump("b.txt", "Just a title")};
}

std::vector<std::string> said(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) {
    out.push_back(sheaf::format_diagnostic(d));
  }
  return out;
}

}  // namespace

TEST_CASE(
    "extract: Extractor fed one document at a time gives extract()'s articles and "
    "diagnostics, in input order, after what came before",
    "[compiler][extract]") {
  Diagnostics expected_diags;
  const auto expected = sheaf::extract(mixed_documents(), expected_diags);

  Diagnostics diags;
  sheaf::Extractor extractor;
  extractor.expect(2);  // a hint only: more may come
  uint64_t text = 0;
  for (Document& doc : mixed_documents()) {
    text += doc.text.size();
    extractor.take(std::move(doc));
  }
  // Reported while the documents were fed (as ingest does): it must stay first.
  diags.warning("g.jsonl", 9, sheaf::DiagCode::bad_field, "reported by ingest");
  CHECK(extractor.text_bytes() == text);
  CHECK(extractor.steps() == 7 + 3);  // every document, and each page once more
  const sheaf::Extracted out = extractor.finish(diags);

  REQUIRE(out.articles.size() == expected.size());
  std::vector<std::string> ids;
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(out.articles[i].id == expected[i].id);
    CHECK(out.articles[i].title == expected[i].title);
    CHECK(out.articles[i].paragraphs == expected[i].paragraphs);
    ids.push_back(out.articles[i].id);
  }
  CHECK(ids == std::vector<std::string>{"f.jsonl:1", "a.txt", "f.jsonl:2", "f.jsonl:4", "b.txt"});
  std::vector<std::string> want = said(expected_diags);
  want.insert(want.begin(), "sheaf: warning: g.jsonl:9: reported by ingest [bad-field]");
  CHECK(said(diags) == want);
  // Pages and records interleaved as given; each article's messages together.
  const char* const order[] = {
      "g.jsonl:9: reported by ingest [bad-field]",
      "f.jsonl:1: no title found [no-title]",
      "f.jsonl:2: no body text found; kept with its title [empty-body]",
      "empty.txt: no title found on the page [no-title]",
      "empty.txt: no body text found on the page [empty-body]",
      "empty.txt: no title and no body text found; skipped [nothing-extracted]",
      "f.jsonl:3: no title and no body text found; skipped [nothing-extracted]",
      "b.txt: no body text found on the page [empty-body]"};
  REQUIRE(want.size() == std::size(order));
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(want[i] == std::string("sheaf: warning: ") + order[i]);
  }
}

TEST_CASE("extract: an article without publisher facts holds no SiteInfo", "[compiler][extract]") {
  Diagnostics diags;
  const auto articles = sheaf::extract(mixed_documents(), diags);
  REQUIRE(!articles.empty());
  for (const auto& a : articles) {
    CHECK(a.site.empty());
    CHECK(a.site->name.empty());  // reads as an empty SiteInfo
  }
  CHECK(sizeof(sheaf::SiteRef) < sizeof(sheaf::SiteInfo) / 8);
}

TEST_CASE("extract: articles with equal site facts share one SiteInfo", "[compiler][extract]") {
  std::vector<Document> docs = {record("f.jsonl:1", "One", "a"), record("f.jsonl:2", "Two", "b"),
                                record("f.jsonl:3", "Three", "c")};
  sheaf::SiteInfo site;
  site.name = "Daily";
  docs[0].fields.site = sheaf::SiteRef(site);
  docs[1].fields.site = sheaf::SiteRef(site);  // equal, not the same object
  site.icp = "ICP 1";
  docs[2].fields.site = sheaf::SiteRef(site);
  sheaf::Extractor extractor;
  for (Document& doc : docs) {
    extractor.take(std::move(doc));
  }
  Diagnostics diags;
  const auto articles = extractor.finish(diags).articles;
  REQUIRE(articles.size() == 3);
  CHECK(articles[0].site->name == "Daily");
  CHECK(&*articles[0].site == &*articles[1].site);
  CHECK(&*articles[2].site != &*articles[0].site);
  CHECK(articles[2].site->icp == "ICP 1");
}
