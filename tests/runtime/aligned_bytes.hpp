// tests/runtime: a bundle's bytes in 8-byte aligned storage, as firmware holds them in flash.
// Apart from fixture.hpp so that crafted.hpp (and the bundle_fields fuzz target) need no
// `sheaf` binary.
#pragma once

#include <cstdint>
#include <vector>

#include <sheaf/bytes.hpp>

namespace sheaf::test {

/// A bundle file's bytes in 8-byte aligned storage.
struct AlignedBytes {
  std::vector<uint64_t> words;
  size_t size = 0;

  ByteSpan span() const { return ByteSpan(reinterpret_cast<const uint8_t*>(words.data()), size); }

  uint8_t* data() { return reinterpret_cast<uint8_t*>(words.data()); }
};

}  // namespace sheaf::test
