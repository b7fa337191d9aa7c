// tests/compiler/patch: the op-stream encoder, checked by applying its patches with the runtime.
#include <string>
#include <vector>

#include <sheaf/patch.hpp>

#include "patch/patch_writer.hpp"
#include "support/catch.hpp"

namespace {

using sheaf::ByteSpan;

/// A fake base: the applier reads only its file_size (24) and header_checksum (8) fields.
std::vector<uint8_t> make_base(size_t size) {
  std::vector<uint8_t> b(size);
  uint32_t x = 7;
  for (uint8_t& c : b) {
    x = x * 1103515245u + 12345u;
    c = static_cast<uint8_t>(x >> 16);
  }
  for (size_t i = 0; i < 8; ++i) {
    b[24 + i] = static_cast<uint8_t>(static_cast<uint64_t>(size) >> (8 * i));
  }
  return b;
}

bool collect(void* context, const uint8_t* data, size_t size) {
  static_cast<std::vector<uint8_t>*>(context)->insert(
      static_cast<std::vector<uint8_t>*>(context)->end(), data, data + size);
  return true;
}

std::vector<uint8_t> apply(const std::vector<uint8_t>& base, const std::string& patch) {
  const ByteSpan p(reinterpret_cast<const uint8_t*>(patch.data()), patch.size());
  const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(p);
  REQUIRE(h.ok());
  std::vector<uint64_t> ws(sheaf::patch_workspace_size(h.value()) / 8 + 1);
  std::vector<uint8_t> out;
  const sheaf::Errc e = sheaf::apply_patch(
      ByteSpan(base.data(), base.size()), p,
      sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(ws.data()), ws.size() * 8), collect, &out);
  CHECK(e == sheaf::Errc::ok);
  return out;
}

}  // namespace

TEST_CASE("PatchWriter: copies, adds and inserts apply to the target", "[compiler][patch]") {
  const std::vector<uint8_t> base = make_base(100000);
  std::vector<uint8_t> target;
  sheaf::PatchWriter w(4096);
  // Two copies of consecutive ranges: one COPY op.
  w.copy(1000, 500);
  w.copy(1500, 500);
  target.insert(target.end(), base.begin() + 1000, base.begin() + 2000);
  // Text that compresses, longer than a chunk: several zstd blocks.
  std::string text;
  while (text.size() < 10000) {
    text += "the kiosk fleet gets a new bundle every night; ";
  }
  w.insert(reinterpret_cast<const uint8_t*>(text.data()), text.size(), true);
  target.insert(target.end(), text.begin(), text.end());
  // Random bytes: stored.
  w.insert(base.data() + 50000, 3000, false);
  target.insert(target.end(), base.begin() + 50000, base.begin() + 53000);
  // An add of mostly zero deltas, longer than a chunk, from before the previous copy's end.
  std::vector<uint8_t> delta(9000, 0);
  for (size_t i = 0; i < delta.size(); i += 16) {
    delta[i] = 3;
  }
  w.add(500, delta.data(), delta.size());
  for (size_t i = 0; i < delta.size(); ++i) {
    target.push_back(static_cast<uint8_t>(base[500 + i] + delta[i]));
  }
  const std::string patch =
      w.finish(ByteSpan(base.data(), base.size()), ByteSpan(target.data(), target.size()));
  CHECK(apply(base, patch) == target);
  const sheaf::PatchStats& s = w.stats();
  CHECK(s.copy_ops == 1);
  CHECK(s.copied_bytes == 1000);
  CHECK(s.add_ops == 3);  // 9000 bytes in chunks of 4096
  CHECK(s.added_bytes == 9000);
  CHECK(s.inserted_bytes == text.size() + 3000);
  CHECK(s.max_chunk == 4096);
  // The text and the deltas shrink; the random bytes do not.
  CHECK(patch.size() < 80 + 3000 + 1500);
}

TEST_CASE("PatchWriter: the same calls give the same bytes", "[compiler][patch]") {
  const std::vector<uint8_t> base = make_base(5000);
  const auto make = [&base] {
    sheaf::PatchWriter w(16384);
    w.copy(100, 200);
    w.insert(base.data(), 100, true);
    w.copy(0, 100);
    return w.finish(ByteSpan(base.data(), base.size()), ByteSpan(base.data(), 400));
  };
  CHECK(make() == make());
}
