// Tests for extract/record.hpp: cleaning the fields of a JSON record.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "extract/record.hpp"

using sheaf::Diagnostics;
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
  Diagnostics diags;
  const sheaf::Article a = sheaf::extract_record(doc, diags);
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
  CHECK(diags.items().empty());
}

TEST_CASE("record: without a paragraphs list the body is split on newlines",
          "[compiler][extract]") {
  Document doc = record();
  doc.fields.title = "t";
  doc.text = "first\n\n\xE3\x80\x80\xE3\x80\x80second&nbsp;\n";
  Diagnostics diags;
  CHECK(sheaf::extract_record(doc, diags).paragraphs ==
        std::vector<std::string>{"first", "second"});
  CHECK(diags.items().empty());
}

TEST_CASE("record: missing title or body is warned about at the record's line",
          "[compiler][extract]") {
  SECTION("body but no title: kept, warned") {
    Document doc = record();
    doc.text = "text";
    Diagnostics diags;
    CHECK(sheaf::extract_record(doc, diags).paragraphs.size() == 1);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "no-title");
    CHECK(diags.items()[0].file == "feeds/day.jsonl");
    CHECK(diags.items()[0].line == 7);
  }
  SECTION("title but no body: kept, warned") {
    Document doc = record();
    doc.fields.title = "t";
    doc.text = " \n ";
    Diagnostics diags;
    CHECK(sheaf::extract_record(doc, diags).title == "t");
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "empty-body");
  }
}
