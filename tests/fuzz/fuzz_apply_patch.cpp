// Fuzz target: the input as a patch (SPEC "Patches") applied by apply_patch to a valid bundle
// (examples/articles at --block-size 1024, SHEAF_FUZZ_BASE_BUNDLE). Random bytes never pass
// the checksums, so the input is applied twice: as it is (the header checks), and re-sealed:
// the magic, version, base fields, patch_size and both checksums set right, so that the op
// parser, the range checks and the zstd blocks get the fuzzer's bytes.
#include <cstring>
#include <vector>

#include <sheaf/patch.hpp>

#include "fuzz_base.hpp"

namespace {

namespace pf = sheaf::patch_format;

void put_le(std::vector<uint8_t>& out, size_t at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    out[at + i] = static_cast<uint8_t>(v >> (8 * i));
  }
}

// Takes the bytes and forgets them, failing now and then as a flash write can.
bool sink(void* context, const uint8_t* data, size_t size) {
  auto* total = static_cast<uint64_t*>(context);
  *total += size;
  return size == 0 || data[0] != 0xA5 || (*total & 0xFFF) != 0x5A5;
}

void apply(const std::vector<uint8_t>& base, const uint8_t* patch, size_t size) {
  const sheaf::ByteSpan bytes(patch, size);
  const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(bytes);
  const size_t need = h.ok() ? sheaf::patch_workspace_size(h.value()) : 0;
  std::vector<uint64_t> workspace(need / 8 + 1);
  uint64_t total = 0;
  (void)sheaf::apply_patch(
      sheaf::ByteSpan(base.data(), base.size()), bytes,
      sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), need), sink, &total);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<uint8_t> base = sheaf::fuzz::load_base_bundle("fuzz_apply_patch");
  apply(base, data, size);
  if (size < pf::kHeaderSize + 1) {
    return 0;
  }
  std::vector<uint8_t> patch(data, data + size);
  std::memcpy(patch.data(), pf::kMagic, sizeof(pf::kMagic));
  put_le(patch, pf::kOffVersionMajor, pf::kVersionMajor, 2);
  put_le(patch, pf::kOffFlags, 0, 4);
  put_le(patch, pf::kOffReserved, 0, 4);
  put_le(patch, pf::kOffPatchSize, size, 8);
  put_le(patch, pf::kOffBaseSize, base.size(), 8);
  put_le(patch, pf::kOffBaseChecksum, sheaf::detail::load_le64(base.data() + 8), 8);
  // A chunk of at most 1 MiB keeps one input cheap.
  put_le(patch, pf::kOffMaxChunk, sheaf::detail::load_le32(data + pf::kOffMaxChunk) & 0xFFFFF, 4);
  put_le(patch, pf::kOffBodyChecksum,
         sheaf::detail::xxh64(patch.data() + pf::kHeaderSize, size - pf::kHeaderSize), 8);
  put_le(patch, pf::kOffHeaderChecksum,
         sheaf::detail::xxh64(patch.data() + 16, pf::kHeaderSize - 16), 8);
  apply(base, patch.data(), patch.size());
  return 0;
}
