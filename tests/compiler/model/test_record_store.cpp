// tests/compiler: records back to back in one buffer.
#include "model/record_store.hpp"
#include "support/catch.hpp"

TEST_CASE("records are stored back to back and read by index", "[compiler][model]") {
  sheaf::RecordStore s;
  s.reserve(3, 8);
  CHECK(s.append("abc") == 0);
  CHECK(s.append("") == 1);
  CHECK(s.append("defgh") == 2);
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "abc");
  CHECK(s[1].empty());
  CHECK(s[2] == "defgh");
  CHECK(s.begin_of(2) == 3);
  CHECK(s.size_of(2) == 5);
  CHECK(s.bytes() == "abcdefgh");
  CHECK(s.bytes().size() == 8);
  s.clear();
  CHECK(s.empty());
  CHECK(s.bytes().empty());
}

TEST_CASE("a store built from a list holds the same records", "[compiler][model]") {
  const std::vector<std::string> v = {"x", "", "yz"};
  const sheaf::RecordStore a(v);
  const sheaf::RecordStore b = {"x", "", "yz"};
  REQUIRE(a.size() == 3);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i] == v[i]);
    CHECK(b[i] == v[i]);
  }
}
