// tests/runtime: Decoder modes, whole and part-by-part reads, buffer and workspace checks.
#include <catch2/catch.hpp>
#include <zstd.h>

#include <sheaf/sheaf.hpp>

#include "runtime/fixture.hpp"

using sheaf::Bundle;
using sheaf::Decoder;
using sheaf::Errc;
using sheaf::MutableByteSpan;
using sheaf::test::Bundles;

namespace {

struct Workspace {
  std::vector<uint64_t> words;

  explicit Workspace(size_t bytes) : words((bytes + 7) / 8) {}

  MutableByteSpan span() {
    return MutableByteSpan(reinterpret_cast<uint8_t*>(words.data()), words.size() * 8);
  }
};

// Reads an article frame by frame into one frame-sized buffer, as a small device would.
std::string read_by_parts(Decoder& d, const Bundle& b, const sheaf::ArticleView& a) {
  std::vector<uint8_t> buffer(b.info().max_frame_size);
  const auto plan = b.body_plan(a);
  REQUIRE(plan.ok());
  std::string out;
  for (uint32_t k = 0; k < plan.value().frame_count; ++k) {
    const auto part = d.read_part(a, k, MutableByteSpan(buffer.data(), buffer.size()));
    REQUIRE(part.ok());
    out += part.value();
  }
  CHECK(d.read_part(a, plan.value().frame_count, MutableByteSpan(buffer.data(), buffer.size()))
            .error() == Errc::out_of_range);
  return out;
}

}  // namespace

TEST_CASE("the workspace size covers zstd's own estimate", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().dict.span()).value();
  CHECK(Decoder::small_workspace_size() >= ZSTD_estimateDCtxSize());
  CHECK(Decoder::workspace_size(b) >=
        ZSTD_estimateDCtxSize() + ZSTD_estimateDDictSize(b.dictionary().size(), ZSTD_dlm_byRef));
}

TEST_CASE("fast and small decoders read the same text, whole and by parts", "[runtime]") {
  for (const auto* bytes :
       {&Bundles::get().examples, &Bundles::get().dict, &Bundles::get().small}) {
    const Bundle b = Bundle::open(bytes->span()).value();
    Workspace fast_ws(Decoder::workspace_size(b));
    Workspace small_ws(Decoder::small_workspace_size());
    Decoder fast = Decoder::init(b, fast_ws.span()).value();
    Decoder small = Decoder::init(b, small_ws.span()).value();
    CHECK(fast.fast() == !b.dictionary().empty());
    CHECK(!small.fast());
    std::vector<uint8_t> buffer(b.info().max_read_size);
    uint32_t multi_frame = 0;
    for (uint32_t i = 0; i < b.size(); ++i) {
      const sheaf::ArticleView a = b.article(i).value();
      const auto plan = b.body_plan(a).value();
      REQUIRE(plan.buffer_size <= b.info().max_read_size);
      multi_frame += plan.frame_count > 1 ? 1 : 0;
      const std::string whole(fast.read(a, MutableByteSpan(buffer.data(), buffer.size())).value());
      CHECK(whole.size() == a.body_size);
      const std::string again(small.read(a, MutableByteSpan(buffer.data(), buffer.size())).value());
      CHECK(whole == again);
      CHECK(read_by_parts(small, b, a) == whole);
    }
    CHECK(multi_frame > 0);  // every fixture has at least one long article
  }
}

TEST_CASE("reads refuse buffers that are too small", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().small.span()).value();
  Workspace ws(Decoder::workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  const sheaf::ArticleView a = b.article(0).value();
  const size_t need = b.body_plan(a).value().buffer_size;
  std::vector<uint8_t> buffer(need);
  CHECK(d.read(a, MutableByteSpan(buffer.data(), need - 1)).error() == Errc::output_too_small);
  CHECK(d.read(a, MutableByteSpan(buffer.data(), need)).ok());
  CHECK(d.read_frame(b.frame_count(), MutableByteSpan(buffer.data(), need)).error() ==
        Errc::out_of_range);
}

TEST_CASE("decoder init checks the workspace", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().dict.span()).value();
  Workspace ws(Decoder::workspace_size(b) + 8);
  CHECK(Decoder::init(b, MutableByteSpan(ws.span().data() + 4, ws.span().size() - 8)).error() ==
        Errc::misaligned);
  CHECK(Decoder::init(b, MutableByteSpan(ws.span().data(), 1000)).error() ==
        Errc::workspace_too_small);
  CHECK(Decoder::init(b, MutableByteSpan(nullptr, 0)).error() == Errc::workspace_too_small);
}
