// Fuzz target: arbitrary bytes as a bundle (tests/fuzz/README.md).
#include "fuzz_runtime.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sheaf::fuzz::exercise_bundle(data, size);
  return 0;
}
