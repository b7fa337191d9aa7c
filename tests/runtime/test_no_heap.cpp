// tests/runtime: open, lookup, listing and reading never allocate. Counts every operator new
// and malloc in this process (glibc lets a program interpose malloc); skipped under ASan,
// which owns malloc.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sheaf/sheaf.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define SHEAF_TEST_COUNT_ALLOCATIONS 0
#else
#define SHEAF_TEST_COUNT_ALLOCATIONS 1
#endif

#if SHEAF_TEST_COUNT_ALLOCATIONS
#include <new>

extern "C" void* __libc_malloc(size_t);  // NOLINT(bugprone-reserved-identifier)
extern "C" void __libc_free(void*);      // NOLINT(bugprone-reserved-identifier)

namespace {
size_t g_allocations = 0;
}

extern "C" void* malloc(size_t n) {  // NOLINT
  ++g_allocations;
  return __libc_malloc(n);
}

extern "C" void free(void* p) {
  __libc_free(p);
}  // NOLINT

void* operator new(size_t n) {
  ++g_allocations;
  void* p = __libc_malloc(n == 0 ? 1 : n);
  if (p == nullptr) {
    std::abort();
  }
  return p;
}

void operator delete(void* p) noexcept {
  __libc_free(p);
}

void operator delete(void* p, size_t) noexcept {
  __libc_free(p);
}

TEST_CASE("open, list, find and read allocate nothing", "[runtime]") {
  using namespace sheaf;
  const test::AlignedBytes& bytes = test::Bundles::get().dict;  // built before counting
  const Bundle probe = Bundle::open(bytes.span()).value();
  std::vector<uint64_t> workspace((Decoder::workspace_size(probe) + 7) / 8);
  std::vector<uint8_t> buffer(probe.info().max_read_size);
  const size_t before = g_allocations;

  const Result<Bundle> b = Bundle::open(bytes.span());
  REQUIRE(b.ok());
  Result<Decoder> d = Decoder::init(
      b.value(),
      MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  REQUIRE(d.ok());
  Decoder decoder = d.value();
  size_t bytes_read = 0;
  const MutableByteSpan out(buffer.data(), buffer.size());
  char id[64];
  char title[128];
  for (uint32_t i = 0; i < b.value().size(); ++i) {
    const ArticleView a = b.value().article(i).value();
    const Result<Record> r = decoder.read(a, out);
    REQUIRE(r.ok());
    bytes_read += r.value().body.size() + r.value().category(0).value_or("").size();
    // Copy the id and title out: a lookup reuses the buffer they point into.
    const std::string_view id_view = r.value().id.substr(0, sizeof id);
    const std::string_view title_view = r.value().title.substr(0, sizeof title);
    std::copy(id_view.begin(), id_view.end(), id);
    std::copy(title_view.begin(), title_view.end(), title);
    const Result<Found> by_id = decoder.find(std::string_view(id, id_view.size()), out);
    bytes_read += by_id.ok() ? by_id.value().index : 0;
    const Result<Found> by_title =
        decoder.find_title(std::string_view(title, title_view.size()), out);
    bytes_read += by_title.ok() ? by_title.value().index : 0;
    const Result<std::string_view> part = decoder.read_part(a, 0, out);
    bytes_read += part.ok() ? part.value().size() : 0;
  }
  const Errc verified = verify_all(b.value());
  const Errc bodies = verify_bodies(b.value(), decoder, out);
  const size_t after = g_allocations;
  CHECK(bytes_read > 0);
  CHECK(verified == Errc::ok);
  CHECK(bodies == Errc::ok);
  CHECK(after - before == 0);
}

namespace {

struct Slot {
  std::vector<uint8_t> bytes;  // sized before counting: writing into it allocates nothing
  size_t written = 0;
};

bool write_slot(void* context, const uint8_t* data, size_t size) {
  auto* slot = static_cast<Slot*>(context);
  if (size > slot->bytes.size() - slot->written) {
    return false;
  }
  std::copy(data, data + size, slot->bytes.begin() + static_cast<std::ptrdiff_t>(slot->written));
  slot->written += size;
  return true;
}

}  // namespace

TEST_CASE("apply_patch allocates nothing", "[runtime][patch]") {
  using namespace sheaf;
  const test::Bundles& all = test::Bundles::get();
  const std::string old_path = test::temp_path("no-heap-old.sheaf");
  const std::string new_path = test::temp_path("no-heap-new.sheaf");
  const std::string patch_path = test::temp_path("no-heap.patch");
  REQUIRE(sheaf::test::save_aligned(all.small, old_path));
  REQUIRE(sheaf::test::save_aligned(all.packed, new_path));
  const std::string command = std::string(SHEAF_BINARY) + " diff -q " + old_path + " " + new_path +
                              " -o " + patch_path + " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const test::AlignedBytes patch = test::load_aligned(patch_path);
  std::remove(old_path.c_str());
  std::remove(new_path.c_str());
  std::remove(patch_path.c_str());
  const Result<PatchHeader> h = read_patch_header(patch.span());
  REQUIRE(h.ok());
  REQUIRE(h.value().max_chunk > 0);  // zstd blocks: the decoder runs too
  std::vector<uint64_t> workspace(patch_workspace_size(h.value()) / 8 + 1);
  Slot slot;
  slot.bytes.resize(all.packed.size);
  const size_t before = g_allocations;
  const Errc e = apply_patch(
      all.small.span(), patch.span(),
      MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8),
      write_slot, &slot);
  const size_t after = g_allocations;
  CHECK(e == Errc::ok);
  CHECK(after - before == 0);
  CHECK(slot.written == all.packed.size);
  CHECK(std::equal(slot.bytes.begin(), slot.bytes.end(), all.packed.span().begin()));
}
#else
TEST_CASE("open, list, find and read allocate nothing", "[runtime]") {
  WARN("allocation counting skipped: built with AddressSanitizer, which owns malloc");
}
#endif
