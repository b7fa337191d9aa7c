// tests/compiler/patch: diff_bundles on bundles the real `sheaf` builds, applied by the runtime.
#include <cstdint>
#include <string>
#include <vector>

#include <sheaf/patch.hpp>
#include <sheaf/sheaf.hpp>

#include "patch/differ.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

using sheaf::ByteSpan;

/// A bundle file's bytes, 8-byte aligned as Bundle::open needs.
struct Aligned {
  std::vector<uint64_t> words;
  size_t size = 0;

  explicit Aligned(const std::string& bytes) : words(bytes.size() / 8 + 1), size(bytes.size()) {
    std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(words.data()));
  }

  ByteSpan span() const { return ByteSpan(reinterpret_cast<const uint8_t*>(words.data()), size); }
};

std::string build(const std::string& inputs) {
  const sheaf::test::TempDir dir;
  const std::string out = dir / "bundle.sheaf";
  const sheaf::test::CommandResult r =
      sheaf::test::run(sheaf::test::quote(sheaf::test::sheaf_binary()) + " build -q -o " +
                       sheaf::test::quote(out) + " " + inputs);
  REQUIRE(r.exit_code == 0);
  return sheaf::test::read_file(out);
}

bool collect(void* context, const uint8_t* data, size_t size) {
  static_cast<std::string*>(context)->append(reinterpret_cast<const char*>(data), size);
  return true;
}

std::string apply(const Aligned& base, const std::string& patch) {
  const ByteSpan p(reinterpret_cast<const uint8_t*>(patch.data()), patch.size());
  const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(p);
  REQUIRE(h.ok());
  std::vector<uint64_t> ws(sheaf::patch_workspace_size(h.value()) / 8 + 1);
  std::string out;
  CHECK(sheaf::apply_patch(
            base.span(), p,
            sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(ws.data()), ws.size() * 8), collect,
            &out) == sheaf::Errc::ok);
  return out;
}

// patch_workspace_size of a patch's header.
size_t workspace_of(const std::string& patch) {
  const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(
      ByteSpan(reinterpret_cast<const uint8_t*>(patch.data()), patch.size()));
  REQUIRE(h.ok());
  return sheaf::patch_workspace_size(h.value());
}

}  // namespace

TEST_CASE("diff_bundles: equal bundles, an edited one, an unrelated one", "[compiler][patch]") {
  const std::string examples = sheaf::test::source_dir() + "/examples/articles";
  const Aligned old_bundle(build(sheaf::test::quote(examples)));
  SECTION("the same bundle: one copy, a tiny patch") {
    const sheaf::DiffResult d = sheaf::diff_bundles(old_bundle.span(), old_bundle.span());
    CHECK(d.stats.copied_bytes + d.stats.inserted_bytes == old_bundle.size);
    CHECK(d.patch.size() < 120);
    CHECK(apply(old_bundle, d.patch) ==
          std::string(reinterpret_cast<const char*>(old_bundle.span().data()), old_bundle.size));
  }
  SECTION("another bundle: byte for byte, deterministic, at most 1% over its size") {
    const Aligned other(build(sheaf::test::quote(examples + "/en")));
    const sheaf::DiffResult d = sheaf::diff_bundles(old_bundle.span(), other.span());
    CHECK(apply(old_bundle, d.patch) ==
          std::string(reinterpret_cast<const char*>(other.span().data()), other.size));
    CHECK(d.patch.size() <= other.size + other.size / 100);
    CHECK(sheaf::diff_bundles(old_bundle.span(), other.span()).patch == d.patch);
    const sheaf::DiffResult back = sheaf::diff_bundles(other.span(), old_bundle.span());
    CHECK(apply(other, back.patch) ==
          std::string(reinterpret_cast<const char*>(old_bundle.span().data()), old_bundle.size));
  }
  SECTION("a chosen max_chunk bounds the header's and the workspace, clamped to its range") {
    // From the English examples to all of them: non-frame bytes to carry (the index, the
    // tables) over 4 KiB long.
    const Aligned other(build(sheaf::test::quote(examples + "/en")));
    const std::string target(reinterpret_cast<const char*>(old_bundle.span().data()),
                             old_bundle.size);
    const sheaf::DiffResult by_default = sheaf::diff_bundles(other.span(), old_bundle.span());
    CHECK(by_default.chunk_limit >= 16384);
    CHECK(by_default.stats.max_chunk > 4096);  // else the bound below would test nothing
    for (const uint32_t asked : {4096u, sheaf::kMinMaxChunk}) {
      CAPTURE(asked);
      const sheaf::DiffResult d = sheaf::diff_bundles(other.span(), old_bundle.span(), asked);
      CHECK(d.chunk_limit == asked);
      CHECK(d.stats.max_chunk > 0);
      CHECK(d.stats.max_chunk <= asked);
      const ByteSpan p(reinterpret_cast<const uint8_t*>(d.patch.data()), d.patch.size());
      const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(p);
      REQUIRE(h.ok());
      CHECK(h.value().max_chunk == d.stats.max_chunk);
      CHECK(sheaf::patch_workspace_size(h.value()) < workspace_of(by_default.patch));
      CHECK(apply(other, d.patch) == target);
    }
    CHECK(sheaf::diff_bundles(other.span(), old_bundle.span(), 100).chunk_limit ==
          sheaf::kMinMaxChunk);
    CHECK(sheaf::diff_bundles(other.span(), old_bundle.span(), UINT32_MAX).chunk_limit ==
          sheaf::kMaxMaxChunk);
  }
}
