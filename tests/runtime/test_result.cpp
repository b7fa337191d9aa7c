// tests/runtime: Result<T>, error strings and the range check.
#include <cstring>

#include <sheaf/bytes.hpp>
#include <sheaf/error.hpp>

#include "support/catch.hpp"

TEST_CASE("Result holds a value or an error", "[runtime]") {
  const sheaf::Result<int> good(42);
  CHECK(good.ok());
  CHECK(good.value() == 42);
  CHECK(good.error() == sheaf::Errc::ok);
  const sheaf::Result<int> bad(sheaf::Errc::corrupt_body);
  CHECK(!bad.ok());
  CHECK(bad.error() == sheaf::Errc::corrupt_body);
  CHECK(bad.value_or(7) == 7);
}

TEST_CASE("every error code has a distinct message", "[runtime]") {
  for (int i = 0; i <= 17; ++i) {
    for (int j = i + 1; j <= 17; ++j) {
      CHECK(std::strcmp(sheaf::to_string(static_cast<sheaf::Errc>(i)),
                        sheaf::to_string(static_cast<sheaf::Errc>(j))) != 0);
    }
  }
}

TEST_CASE("check_range never overflows", "[runtime]") {
  using sheaf::detail::check_range;
  CHECK(check_range(0, 10, 10));
  CHECK(check_range(10, 0, 10));
  CHECK(!check_range(11, 0, 10));
  CHECK(!check_range(1, 10, 10));
  CHECK(!check_range(UINT64_MAX, 2, 10));
  CHECK(!check_range(2, UINT64_MAX, 10));
  CHECK(!check_range(UINT64_MAX - 1, 4, UINT64_MAX));
}
