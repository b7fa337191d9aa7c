// Tests for extract/parse/json_record.hpp: cleaning the fields of a JSON record.
#include <string>
#include <vector>

#include "extract/parse/json_record.hpp"
#include "support/catch.hpp"

using sheaf::Document;

namespace {

Document record() {
  Document doc;
  doc.format = sheaf::DocumentFormat::record;
  doc.origin = "feeds/day.jsonl:7";
  doc.id = "q-1";
  return doc;
}

}  // namespace

TEST_CASE("record: every string field is cleaned, empty categories dropped",
          "[compiler][extract]") {
  Document doc = record();
  doc.fields.title = "  Quake &amp; aftershocks&nbsp;";
  doc.fields.subtitle = "\xE3\x80\x80sub";
  doc.fields.date = " 2024-01-02 ";
  doc.fields.source = "本报 ";
  doc.fields.author = "A\tB";
  doc.fields.location = "北京";
  doc.fields.url = "http://x/?a=1&amp;b=2";
  doc.fields.categories = {"新闻 ", "&nbsp;", "", "地震"};
  doc.fields.paragraphs = {"\xE3\x80\x80\xE3\x80\x80p1&nbsp;", "  ", "p2"};
  sheaf::SiteInfo site;
  site.name = " 某省地震局&nbsp;";
  doc.fields.site = sheaf::SiteRef(site);
  const sheaf::Article a = sheaf::parse::article_from_json_record(doc);
  CHECK(a.id == "q-1");
  CHECK(a.origin == "feeds/day.jsonl:7");
  CHECK(a.title == "Quake & aftershocks");
  CHECK(a.subtitle == "sub");
  CHECK(a.date == "2024-01-02");
  CHECK(a.source == "本报");
  CHECK(a.author == "A B");
  CHECK(a.location == "北京");
  CHECK(a.url == "http://x/?a=1&b=2");
  CHECK(a.categories == std::vector<std::string>{"新闻", "地震"});
  CHECK(a.paragraphs == std::vector<std::string>{"p1", "p2"});
  CHECK(a.site->name == "某省地震局");
}

TEST_CASE("record: without a paragraphs list the body is split on newlines",
          "[compiler][extract]") {
  Document doc = record();
  doc.fields.title = "t";
  doc.text = "first\n\n\xE3\x80\x80\xE3\x80\x80second&nbsp;\n";
  CHECK(sheaf::parse::article_from_json_record(doc).paragraphs ==
        std::vector<std::string>{"first", "second"});
}

TEST_CASE("record: an HTML body gives one paragraph per block", "[compiler][extract]") {
  Document doc = record();
  doc.fields.title = "t";
  doc.text = "<p><strong>本台消息</strong>（新闻）：第一段。</p><p>第二段&nbsp;</p>";
  CHECK(sheaf::parse::article_from_json_record(doc).paragraphs ==
        std::vector<std::string>{"本台消息（新闻）：第一段。", "第二段"});
}
