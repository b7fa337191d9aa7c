// tests/compiler/index: the build's catalog: records as articles come, then id order, id
// errors naming both inputs, site numbers patched into the records.
#include <algorithm>

#include "index/catalog.hpp"
#include "index/record_writer.hpp"
#include "support/catch.hpp"

namespace {

sheaf::Article article(std::string id, std::string origin, std::string body = "text") {
  sheaf::Article a;
  a.id = std::move(id);
  a.origin = std::move(origin);
  a.paragraphs = {std::move(body)};
  return a;
}

std::vector<std::string> ids_of(const sheaf::RecordCatalog& c) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < c.records().size(); ++i) {
    ids.emplace_back(sheaf::record_id(c.records()[i]));
  }
  return ids;
}

}  // namespace

TEST_CASE("catalog: records come out in id order, byte-wise, whatever order they came in",
          "[compiler][index]") {
  std::vector<sheaf::Article> v = {article("b", "f.jsonl:1"), article("a/z", "f.jsonl:2"),
                                   article("中", "x.txt"), article("a", "f.jsonl:4"),
                                   article("B", "f.jsonl:10")};
  std::vector<std::string> records;
  for (const sheaf::Article& a : v) {
    records.push_back(sheaf::encode_record(a, sheaf::join_body(a.paragraphs), 0));
  }
  for (int order = 0; order < 2; ++order) {
    sheaf::RecordCatalog c;
    c.expect(2);  // a hint only
    for (size_t k = 0; k < v.size(); ++k) {
      c.put(sheaf::Article(v[order == 0 ? k : v.size() - 1 - k]));
    }
    sheaf::Diagnostics d;
    CHECK(c.order(d));
    CHECK(d.items().empty());
    CHECK(ids_of(c) == std::vector<std::string>{"B", "a", "a/z", "b", "中"});
    CHECK(c.origin(0) == "f.jsonl:10");
    CHECK(c.origin(4) == "x.txt");
    CHECK(c.records()[3] == records[0]);  // "b", as encode_record() makes it
    CHECK(c.body_bytes() == 5 * 4);
  }
}

TEST_CASE("catalog: duplicate and empty ids are errors naming both inputs, in any order",
          "[compiler][index]") {
  std::vector<std::string> said[2];
  for (int order = 0; order < 2; ++order) {
    std::vector<sheaf::Article> v = {article("x", "dir2/x.txt"), article("x", "dir1/x.txt"),
                                     article("", "empty.jsonl:3")};
    if (order == 1) {
      std::reverse(v.begin(), v.end());
    }
    sheaf::RecordCatalog c;
    for (sheaf::Article& a : v) {
      c.put(std::move(a));
    }
    sheaf::Diagnostics d;
    CHECK(!c.order(d));
    REQUIRE(d.error_count() == 2);
    for (const auto& item : d.items()) {
      said[order].push_back(sheaf::format_diagnostic(item));
    }
  }
  CHECK(said[0] == said[1]);
  CHECK(said[0] == std::vector<std::string>{
                       "sheaf: error: empty.jsonl:3: article has an empty id [empty-id]",
                       "sheaf: error: dir2/x.txt: duplicate id 'x', also used by dir1/x.txt "
                       "[duplicate-id]"});
}

TEST_CASE("catalog: sites are numbered in id order and written into the records",
          "[compiler][index]") {
  sheaf::SiteInfo daily;
  daily.name = "Daily";
  sheaf::SiteInfo weekly;
  weekly.name = "Weekly";
  std::vector<sheaf::Article> v = {article("c", "a.jsonl:1"), article("a", "a.jsonl:2"),
                                   article("b", "a.jsonl:3")};
  v[0].site = sheaf::SiteRef(daily);
  v[0].categories = {"news", ""};
  v[0].source_file = 7;
  v[1].site = sheaf::SiteRef(weekly);
  v[1].title = "A";
  std::vector<std::string> want = {sheaf::encode_record(v[1], "text", 1),
                                   sheaf::encode_record(v[2], "text", 0),
                                   sheaf::encode_record(v[0], "text", 2)};
  sheaf::RecordCatalog c;
  for (sheaf::Article& a : v) {
    c.put(std::move(a));
  }
  sheaf::Diagnostics d;
  REQUIRE(c.order(d));
  REQUIRE(c.sites().size() == 2);
  CHECK(c.sites()[0]->name == "Weekly");
  CHECK(c.sites()[1]->name == "Daily");
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(c.records()[i] == want[i]);
  }
  c.free_entries();
  CHECK(c.records().size() == 3);  // the records stay
}

TEST_CASE("catalog: an origin is given back as it came", "[compiler][index]") {
  sheaf::RecordCatalog c;
  c.put(article("a", "a.jsonl:012"));  // no line would give it back: kept whole
  c.put(article("b", "list.json:#3"));
  c.put(article("c", "dir:1/b.jsonl:9"));
  sheaf::Diagnostics d;
  REQUIRE(c.order(d));
  CHECK(c.origin(0) == "a.jsonl:012");
  CHECK(c.origin(1) == "list.json:#3");
  CHECK(c.origin(2) == "dir:1/b.jsonl:9");
  CHECK(c.entries()[2].file == "dir:1/b.jsonl");
  CHECK(c.entries()[2].line == 9);
}

TEST_CASE("catalog: the record log reads back records across its blocks", "[compiler][index]") {
  sheaf::RecordLog log;
  std::vector<std::string> records;
  for (size_t k = 0; k < 3000; ++k) {
    records.emplace_back(k % 1000 == 999 ? (size_t{1} << 20) + k : k % 700 + 1,
                         static_cast<char>('a' + k % 26));
    log.append(records.back());
  }
  REQUIRE(log.size() == records.size());
  uint64_t total = 0;
  for (size_t k = 0; k < records.size(); ++k) {
    CHECK(log[k] == records[k]);
    total += records[k].size();
  }
  CHECK(log.bytes() == total);
}

TEST_CASE("catalog: record_id and site_field_offset read what encode_record wrote",
          "[compiler][index]") {
  sheaf::Article a = article("id-1", "");
  a.title = "T";
  a.categories = {"x"};
  a.source_file = 3;
  const std::string r = sheaf::encode_record(a, "body", 0);
  CHECK(sheaf::record_id(r) == "id-1");
  const size_t at = sheaf::site_field_offset(r);
  CHECK(r.substr(0, at) + sheaf::site_field(5) + r.substr(at) ==
        sheaf::encode_record(a, "body", 5));
  CHECK(sheaf::record_id(std::string(1, '\0')) == "");  // no id field
  CHECK(sheaf::site_field(0).empty());
}
