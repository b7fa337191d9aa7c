// tests/runtime: record parsing (SPEC: "Records") on bytes written by hand.
#include <string>

#include <sheaf/record.hpp>

#include "support/catch.hpp"

using sheaf::Errc;
using sheaf::parse_record;

namespace {

// One field: tag, one-byte length, bytes.
std::string field(uint8_t tag, const std::string& bytes) {
  return std::string(1, static_cast<char>(tag)) + static_cast<char>(bytes.size()) + bytes;
}

const std::string kEnd(1, '\0');

}  // namespace

TEST_CASE("a record parses into its fields and body", "[runtime][record]") {
  const std::string bytes = field(1, "a-1") + field(2, "标题") + field(4, "2024-05-01") +
                            field(9, "News") + field(9, "") + field(9, "Local") +
                            field(10, "\x02") + kEnd + "第一段\n第二段";
  const auto r = parse_record(bytes);
  REQUIRE(r.ok());
  CHECK(r.value().id == "a-1");
  CHECK(r.value().title == "标题");
  CHECK(r.value().date == "2024-05-01");
  CHECK(r.value().subtitle.empty());
  CHECK(r.value().site == 2);
  CHECK(r.value().source_file == 0);
  CHECK(r.value().body == "第一段\n第二段");
  REQUIRE(r.value().category_count() == 3);
  CHECK(r.value().category(0).value() == "News");
  CHECK(r.value().category(1).value().empty());
  CHECK(r.value().category(2).value() == "Local");
  CHECK(r.value().category(3).error() == sheaf::Errc::out_of_range);
  CHECK(r.value().header.size() == bytes.size() - r.value().body.size());
}

TEST_CASE("a record without a body, and one whose body holds zero bytes", "[runtime][record]") {
  const std::string bare = field(1, "x") + kEnd;  // records are views: keep the bytes alive
  const auto empty = parse_record(bare);
  REQUIRE(empty.ok());
  CHECK(empty.value().body.empty());
  const std::string zeros = field(1, "x") + kEnd + std::string(3, '\0');
  const auto z = parse_record(zeros);
  REQUIRE(z.ok());
  CHECK(z.value().body == std::string(3, '\0'));
}

TEST_CASE("fields from a newer writer are skipped", "[runtime][record]") {
  const std::string bytes = field(1, "x") + field(200, "future") + field(2, "t") + kEnd + "b";
  const auto r = parse_record(bytes);
  REQUIRE(r.ok());
  CHECK(r.value().title == "t");
  CHECK(r.value().body == "b");
}

TEST_CASE("a long field uses a multi-byte length", "[runtime][record]") {
  const std::string title(300, 'T');  // 300 = 0xAC 0x02 in LEB128
  const std::string bytes = field(1, "x") + std::string("\x02\xAC\x02", 3) + title + kEnd + "b";
  const auto r = parse_record(bytes);
  REQUIRE(r.ok());
  CHECK(r.value().title == title);
}

TEST_CASE("damaged records are errors", "[runtime][record]") {
  CHECK(parse_record("").error() == Errc::corrupt_body);
  CHECK(parse_record(kEnd + "body").error() == Errc::corrupt_body);        // no id
  CHECK(parse_record(field(1, "") + kEnd).error() == Errc::corrupt_body);  // empty id
  CHECK(parse_record(field(1, "x")).error() == Errc::corrupt_body);        // no end tag
  CHECK(parse_record(field(1, "x") + field(1, "y") + kEnd).error() == Errc::corrupt_body);
  CHECK(parse_record(std::string("\x01\x09x", 3) + kEnd).error() == Errc::corrupt_body);
  CHECK(parse_record(std::string("\x01\x80\x80\x80\x80\x80", 6)).error() == Errc::corrupt_body);
  CHECK(parse_record(std::string("\x01\xFF\xFF\xFF\xFF\x0F", 6)).error() == Errc::corrupt_body);
  CHECK(parse_record(field(1, "x") + field(10, "\x80") + kEnd).error() == Errc::corrupt_body);
  CHECK(parse_record(field(1, "x") + field(10, "\x01\x01") + kEnd).error() == Errc::corrupt_body);
  for (size_t cut = 0; cut < 6; ++cut) {  // every truncation of the fields fails
    const std::string full = field(1, "id") + field(2, "t") + kEnd;
    CHECK(!parse_record(full.substr(0, cut)).ok());
  }
}
