// tests/compiler/index: id order and duplicate ids.
#include "index/ordering.hpp"
#include "support/catch.hpp"

namespace {

sheaf::Article article(std::string id, std::string origin) {
  sheaf::Article a;
  a.id = std::move(id);
  a.origin = std::move(origin);
  return a;
}

}  // namespace

TEST_CASE("articles are sorted by id, byte-wise", "[compiler][index]") {
  std::vector<sheaf::Article> v = {article("b", "1"), article("a/z", "2"), article("中", "3"),
                                   article("a", "4"), article("B", "5")};
  sheaf::Diagnostics d;
  CHECK(sheaf::order_by_id(v, d));
  std::vector<std::string> ids;
  for (const auto& a : v) {
    ids.push_back(a.id);
  }
  CHECK(ids == std::vector<std::string>{"B", "a", "a/z", "b", "中"});
  CHECK(d.items().empty());
}

TEST_CASE("duplicate ids are errors naming both inputs", "[compiler][index]") {
  std::vector<sheaf::Article> v = {article("x", "dir2/x.txt"), article("x", "dir1/x.txt"),
                                   article("", "empty.jsonl:3")};
  sheaf::Diagnostics d;
  CHECK(!sheaf::order_by_id(v, d));
  REQUIRE(d.error_count() == 2);
  bool named_both = false;
  for (const auto& item : d.items()) {
    if (sheaf::code_name(item.code) == "duplicate-id") {
      named_both =
          item.file == "dir2/x.txt" && item.message.find("dir1/x.txt") != std::string::npos;
    }
  }
  CHECK(named_both);
}
