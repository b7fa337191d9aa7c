// tests/runtime: our XXH64 equals the reference implementation (libxxhash) on every length.
#include "support/catch.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <sheaf/xxhash.hpp>

TEST_CASE("xxh64 matches libxxhash for lengths 0..300 and a large buffer", "[runtime]") {
  std::vector<uint8_t> data(100000);
  uint32_t x = 12345;
  for (uint8_t& b : data) {
    x = x * 1103515245u + 12345u;
    b = static_cast<uint8_t>(x >> 16);
  }
  for (size_t n = 0; n <= 300; ++n) {
    INFO("length " << n);
    CHECK(sheaf::detail::xxh64(data.data() + 1, n) == XXH64(data.data() + 1, n, 0));
  }
  CHECK(sheaf::detail::xxh64(data.data(), data.size()) == XXH64(data.data(), data.size(), 0));
  CHECK(sheaf::detail::xxh64(nullptr, 0) == 0xEF46DB3751D8E999ULL);  // published empty-input value
}
