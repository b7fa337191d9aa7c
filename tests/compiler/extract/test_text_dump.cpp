// Tests for extract/text_dump.hpp: title and paragraphs from a scraped text dump.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "extract/text_dump.hpp"

using sheaf::Diagnostics;
using sheaf::Document;

namespace {

Document dump(std::string text) {
  Document doc;
  doc.origin = "news/page.txt";
  doc.id = "news/page";
  doc.text = std::move(text);
  return doc;
}

}  // namespace

TEST_CASE("text dump: a seed-like page with breadcrumb, indentation and &nbsp; endings",
          "[compiler][extract]") {
  // Shaped like corpus/text-zh/seed.txt: title, tab-indented breadcrumb, blank tab lines,
  // the title again, then "　　"-indented paragraphs that end in "&nbsp;".
  const std::string text =
      "会议强调  扎实开展活动\xE3\x80\x80取得实效\n"
      "\n"
      "\t\t\t\t当前位置：首页&gt;&gt;新闻资讯&gt;&gt;上级精神\n"
      "\t\t\t\n"
      "\t\t\t\t会议强调  扎实开展活动\xE3\x80\x80取得实效 \n"
      "\t\t\t\t\t\n"
      "\xE3\x80\x80\xE3\x80\x80本报北京1月20日电\xE3\x80\x80会议召开。&nbsp;\n"
      "\xE3\x80\x80\xE3\x80\x80他强调，&ldquo;四风&rdquo;要反对。&nbsp;\n";
  Diagnostics diags;
  const sheaf::Article a = sheaf::extract_text_dump(dump(text), diags);
  CHECK(a.id == "news/page");
  CHECK(a.origin == "news/page.txt");
  CHECK(a.title == "会议强调 扎实开展活动\xE3\x80\x80取得实效");
  // Boilerplate (breadcrumb, repeated title) is a later stage's job; here every line counts.
  CHECK(a.paragraphs == std::vector<std::string>{
                            "当前位置：首页>>新闻资讯>>上级精神",
                            "会议强调 扎实开展活动\xE3\x80\x80取得实效",
                            "本报北京1月20日电\xE3\x80\x80会议召开。",
                            "他强调，\xE2\x80\x9C四风\xE2\x80\x9D要反对。",
                        });
  CHECK(diags.items().empty());
}

TEST_CASE("text dump: a page with no text at all has no title", "[compiler][extract]") {
  Diagnostics diags;
  const sheaf::Article a = sheaf::extract_text_dump(dump(" \n\t\n&nbsp;\n"), diags);
  CHECK(a.title.empty());
  CHECK(a.paragraphs.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "no-title");
  CHECK(diags.items()[0].file == "news/page.txt");
}

TEST_CASE("text dump: a title without paragraphs is kept with a warning", "[compiler][extract]") {
  Diagnostics diags;
  const sheaf::Article a = sheaf::extract_text_dump(dump("Only a title\n\n"), diags);
  CHECK(a.title == "Only a title");
  CHECK(a.paragraphs.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "empty-body");
  CHECK(diags.items()[0].severity == sheaf::Severity::warning);
}
