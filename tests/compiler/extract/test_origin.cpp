// Tests for extract/origin.hpp: origin strings as diagnostic locations.
#include "extract/origin.hpp"
#include "support/catch.hpp"

TEST_CASE("origin: a trailing :LINE becomes the diagnostic line", "[compiler][extract]") {
  const auto jsonl = sheaf::split_origin("feeds/a.jsonl:12");
  CHECK(jsonl.file == "feeds/a.jsonl");
  CHECK(jsonl.line == 12);
  const auto dump = sheaf::split_origin("news/a.txt");
  CHECK(dump.file == "news/a.txt");
  CHECK(dump.line == 0);
  const auto array = sheaf::split_origin("list.json:#3");
  CHECK(array.file == "list.json:#3");
  CHECK(array.line == 0);
  CHECK(sheaf::split_origin("x:").file == "x:");
  CHECK(sheaf::split_origin("x:99999999999999999999").line == 0);
}
