// tests/runtime: open, lookup, listing and reading never allocate. Counts every operator new
// and malloc in this process (glibc lets a program interpose malloc); skipped under ASan,
// which owns malloc.
#include <algorithm>

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
#else
TEST_CASE("open, list, find and read allocate nothing", "[runtime]") {
  WARN("allocation counting skipped: built with AddressSanitizer, which owns malloc");
}
#endif
