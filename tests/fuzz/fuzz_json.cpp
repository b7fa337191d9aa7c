// Fuzz target: JSON records (one object or an array) through the build's front end
// (tests/fuzz/README.md).
#include "fuzz_compiler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sheaf::fuzz::exercise_input(".json", data, size);
  return 0;
}
