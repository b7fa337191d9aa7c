// Fuzz target: a valid bundle, damaged as the input says (tests/fuzz/README.md). Random bytes
// rarely get past the header checksum; patching a real bundle (built from examples/articles at
// --block-size 1024, SHEAF_FUZZ_BASE_BUNDLE) reaches the index, the frames and the records.
//
// Input: byte 0 = options (bit 0: truncate), then, with truncation, 4 bytes of length; then
// any number of 5-byte patches: a little-endian u32 offset (taken modulo the size) and a byte
// XORed into the bundle there.

#include "fuzz_base.hpp"
#include "fuzz_runtime.hpp"

namespace {

uint32_t le32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<uint8_t> base = sheaf::fuzz::load_base_bundle("fuzz_bundle_patch");
  std::vector<uint8_t> bundle = base;
  size_t at = 0;
  if (size == 0) {
    return 0;
  }
  const uint8_t options = data[at++];
  if ((options & 1) != 0 && size - at >= 4) {
    bundle.resize(le32(data + at) % (bundle.size() + 1));
    at += 4;
  }
  for (; size - at >= 5 && !bundle.empty(); at += 5) {
    bundle[le32(data + at) % bundle.size()] ^= data[at + 4];
  }
  sheaf::fuzz::exercise_bundle(bundle.data(), bundle.size());
  return 0;
}
