// tests/fuzz: the valid bundle that the targets which damage or patch a real bundle start from
// (examples/articles at --block-size 1024, built by CMake; SHEAF_FUZZ_BASE_BUNDLE in the
// environment overrides the path compiled in).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace sheaf::fuzz {

/// The base bundle's bytes; aborts naming `target` when the file cannot be read, since every
/// input would then test nothing.
inline std::vector<uint8_t> load_base_bundle(const char* target) {
  std::vector<uint8_t> bytes;
  const char* path = std::getenv("SHEAF_FUZZ_BASE_BUNDLE");
  if (path == nullptr) {
    path = SHEAF_FUZZ_BASE_BUNDLE;
  }
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "%s: cannot open the base bundle %s\n", target, path);
    std::abort();
  }
  uint8_t chunk[65536];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) {
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  std::fclose(f);
  return bytes;
}

}  // namespace sheaf::fuzz
