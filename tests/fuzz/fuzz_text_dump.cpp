// Fuzz target: text dumps (scraped pages saved as text) through the build's front end
// (tests/fuzz/README.md).
#include "fuzz_compiler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sheaf::fuzz::exercise_input(".txt", data, size);
  return 0;
}
