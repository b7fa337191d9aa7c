// Tests for ingest/records.hpp: JSON Lines and JSON records -> Documents.
#include <string>
#include <vector>

#include "ingest/records.hpp"
#include "support/catch.hpp"

using sheaf::Diagnostics;
using sheaf::Document;
using sheaf::DocumentFormat;
using sheaf::InputFile;
using sheaf::InputKind;

namespace {

const InputFile kJsonl{"in/feeds/day.jsonl", "feeds/day.jsonl", InputKind::jsonl};
const InputFile kJson{"in/list.json", "list.json", InputKind::json};

std::vector<std::string> codes(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) {
    out.push_back(std::string(sheaf::code_name(d.code)));
  }
  return out;
}

}  // namespace

TEST_CASE("records: a JSONL record fills every known field", "[compiler][ingest]") {
  const std::string text =
      R"({"id": "q-1", "title": "Quake &amp; aftershocks", "subtitle": "s", "date": "2024-01-02",)"
      R"( "source": "本报", "author": "A", "location": "北京", "url": "http://x/1",)"
      R"( "categories": ["新闻", "地震"], "paragraphs": ["p1", "p2"], "extra": 1})";
  Diagnostics diags;
  const auto docs = sheaf::parse_jsonl(text, kJsonl, diags);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.format == DocumentFormat::record);
  CHECK(d.id == "q-1");
  CHECK(d.origin == "in/feeds/day.jsonl:1");
  CHECK(d.fields.title == "Quake &amp; aftershocks");  // not cleaned here: extract's job
  CHECK(d.fields.subtitle == "s");
  CHECK(d.fields.date == "2024-01-02");
  CHECK(d.fields.source == "本报");
  CHECK(d.fields.author == "A");
  CHECK(d.fields.location == "北京");
  CHECK(d.fields.url == "http://x/1");
  CHECK(d.fields.categories == std::vector<std::string>{"新闻", "地震"});
  CHECK(d.fields.paragraphs == std::vector<std::string>{"p1", "p2"});
  CHECK(d.text.empty());
  CHECK(diags.items().empty());
}

TEST_CASE("records: a malformed JSONL line is an error with its line number",
          "[compiler][ingest]") {
  const std::string text =
      "{\"title\": \"one\", \"body\": \"b1\"}\n"
      "\n"
      "{\"title\": \"two\", body: 1}\n"
      "{\"title\": \"three\", \"body\": \"b3\"}\r\n";
  Diagnostics diags;
  const auto docs = sheaf::parse_jsonl(text, kJsonl, diags);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].origin == "in/feeds/day.jsonl:1");
  CHECK(docs[0].text == "b1");
  CHECK(docs[1].origin == "in/feeds/day.jsonl:4");
  CHECK(docs[1].id == "feeds/day#4");  // derived: no "id" field
  REQUIRE(diags.items().size() == 1);
  const auto& e = diags.items()[0];
  CHECK(e.severity == sheaf::Severity::error);
  CHECK(sheaf::code_name(e.code) == "malformed-json");
  CHECK(e.file == "in/feeds/day.jsonl");
  CHECK(e.line == 3);
  CHECK(e.message.str().rfind("malformed JSON (column 18): ", 0) == 0);
}

TEST_CASE("records: ids may be integers, and bad ids fall back to the derived id",
          "[compiler][ingest]") {
  const std::string text =
      "{\"id\": 42, \"title\": \"a\"}\n"
      "{\"id\": -7, \"title\": \"b\"}\n"
      "{\"id\": 1.5, \"title\": \"c\"}\n"
      "{\"id\": \"\", \"title\": \"d\"}\n"
      "{\"id\": null, \"title\": \"e\"}\n";
  Diagnostics diags;
  const auto docs = sheaf::parse_jsonl(text, kJsonl, diags);
  REQUIRE(docs.size() == 5);
  CHECK(docs[0].id == "42");
  CHECK(docs[1].id == "-7");
  CHECK(docs[2].id == "feeds/day#3");
  CHECK(docs[3].id == "feeds/day#4");
  CHECK(docs[4].id == "feeds/day#5");
  REQUIRE(codes(diags) == std::vector<std::string>{"bad-field", "bad-field"});
  CHECK(diags.items()[0].line == 3);
  CHECK(diags.items()[0].message ==
        "field 'id' is not a string or an integer (number); using the derived id 'feeds/day#3'");
}

TEST_CASE("records: values of the wrong type are warned about and ignored", "[compiler][ingest]") {
  const std::string text =
      R"({"title": 5, "date": ["2024"], "categories": ["a", 2, "b"], "body": "text"})";
  Diagnostics diags;
  const auto docs = sheaf::parse_jsonl(text, kJsonl, diags);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].fields.title.empty());
  CHECK(docs[0].fields.date.empty());
  CHECK(docs[0].fields.categories == std::vector<std::string>{"a", "b"});
  CHECK(docs[0].text == "text");
  REQUIRE(diags.items().size() == 3);
  CHECK(diags.items()[0].message == "field 'title' is not a string (number); ignored");
  CHECK(diags.items()[1].message == "field 'date' is not a string (array); ignored");
  CHECK(diags.items()[2].message == "field 'categories' item 2 is not a string (number); ignored");
}

TEST_CASE("records: single-string forms category and body", "[compiler][ingest]") {
  const std::string text =
      "{\"title\": \"t\", \"category\": \"财经\", \"body\": \"line 1\\nline 2\"}\n"
      "{\"title\": \"t\", \"categories\": [\"x\"], \"category\": \"y\","
      " \"paragraphs\": [\"p\"], \"body\": \"b\"}\n";
  Diagnostics diags;
  const auto docs = sheaf::parse_jsonl(text, kJsonl, diags);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].fields.categories == std::vector<std::string>{"财经"});
  CHECK(docs[0].text == "line 1\nline 2");
  CHECK(docs[1].fields.categories == std::vector<std::string>{"x"});
  CHECK(docs[1].fields.paragraphs == std::vector<std::string>{"p"});
  CHECK(docs[1].text.empty());
  CHECK(codes(diags) == std::vector<std::string>{"conflicting-fields", "conflicting-fields"});
}

TEST_CASE("records: empty records and non-objects are reported and skipped", "[compiler][ingest]") {
  const std::string text =
      "{\"url\": \"http://x\"}\n"
      "[1, 2]\n"
      "{\"title\": \"kept\"}\n";
  Diagnostics diags;
  const auto docs = sheaf::parse_jsonl(text, kJsonl, diags);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].fields.title == "kept");
  REQUIRE(codes(diags) == std::vector<std::string>{"empty-record", "not-an-object"});
  CHECK(diags.items()[0].message == "record has no title, body or paragraphs; skipped");
  CHECK(diags.items()[0].line == 1);
  CHECK(diags.items()[1].severity == sheaf::Severity::error);
  CHECK(diags.items()[1].line == 2);
}

TEST_CASE("records: a .json file holds one object or an array of objects", "[compiler][ingest]") {
  Diagnostics diags;
  const auto one = sheaf::parse_json(R"({"title": "solo", "body": "b"})", kJson, diags);
  REQUIRE(one.size() == 1);
  CHECK(one[0].origin == "in/list.json");
  CHECK(one[0].id == "list");

  const auto many = sheaf::parse_json(
      R"([{"title": "a"}, {"id": 9, "title": "b"}, "oops", {"title": "d"}])", kJson, diags);
  REQUIRE(many.size() == 3);
  CHECK(many[0].origin == "in/list.json:#1");
  CHECK(many[0].id == "list#1");
  CHECK(many[1].id == "9");
  CHECK(many[2].origin == "in/list.json:#4");
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].message == "record #3: record is not a JSON object (got string)");
}

TEST_CASE("records: .json syntax errors and scalars are errors", "[compiler][ingest]") {
  Diagnostics diags;
  CHECK(
      sheaf::parse_json("[\n  {\"title\": \"a\"},\n  {\"title\" \"b\"}\n]", kJson, diags).empty());
  CHECK(sheaf::parse_json("\"just a string\"", kJson, diags).empty());
  CHECK(sheaf::parse_json("[1e999]", kJson, diags).empty());
  REQUIRE(diags.items().size() == 3);
  CHECK(sheaf::code_name(diags.items()[0].code) == "malformed-json");
  CHECK(diags.items()[0].line == 3);
  CHECK(diags.items()[0].message.str().rfind("malformed JSON (column 14): ", 0) == 0);
  CHECK(sheaf::code_name(diags.items()[1].code) == "not-an-object");
  CHECK(sheaf::code_name(diags.items()[2].code) == "malformed-json");
}
