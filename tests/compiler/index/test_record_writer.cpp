// tests/compiler/index: records written by the compiler parse back field for field.
#include <sheaf/record.hpp>

#include "index/record_writer.hpp"
#include "support/catch.hpp"

TEST_CASE("an encoded record parses back to the same article", "[compiler][index]") {
  sheaf::Article a;
  a.id = "2024/notice-1";
  a.title = "地震应急避难场所开放";
  a.subtitle = "副题";
  a.date = "--05-12";
  a.source = "某省地震局";
  a.author = "张三、李四";
  a.location = "成都";
  a.url = "https://example.org/a";
  a.categories = {"首页", "", "通知"};
  a.source_file = 300;  // two LEB128 bytes
  const std::string body(200, 'x');
  const std::string bytes = sheaf::encode_record(a, body, 129);
  const auto r = sheaf::parse_record(bytes);
  REQUIRE(r.ok());
  CHECK(r.value().id == a.id);
  CHECK(r.value().title == a.title);
  CHECK(r.value().subtitle == a.subtitle);
  CHECK(r.value().date == a.date);
  CHECK(r.value().source == a.source);
  CHECK(r.value().author == a.author);
  CHECK(r.value().location == a.location);
  CHECK(r.value().url == a.url);
  REQUIRE(r.value().category_count() == 3);
  CHECK(r.value().category(1).value().empty());
  CHECK(r.value().category(2).value() == "通知");
  CHECK(r.value().site == 129);
  CHECK(r.value().source_file == 300);
  CHECK(r.value().body == body);
  CHECK(sheaf::record_size(a, body.size(), 129) == bytes.size());
}

TEST_CASE("empty fields take no bytes", "[compiler][index]") {
  sheaf::Article a;
  a.id = "x";
  // id: tag, length, 'x'; end tag; body.
  CHECK(sheaf::encode_record(a, "b", 0) == std::string("\x01\x01x\x00"
                                                       "b",
                                                       5));
  CHECK(sheaf::record_size(a, 1, 0) == 5);
}
