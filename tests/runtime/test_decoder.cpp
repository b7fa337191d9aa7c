// tests/runtime: Decoder modes, packed and raw dictionaries, whole and part-by-part reads,
// buffer and workspace checks.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <zstd.h>

#include <sheaf/sheaf.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

using sheaf::Bundle;
using sheaf::Decoder;
using sheaf::Errc;
using sheaf::MutableByteSpan;
using sheaf::Result;
using sheaf::test::Bundles;
using sheaf::test::Workspace;

namespace {

// Reads an article frame by frame into one frame-sized buffer, as a small device would, and
// checks the whole with a RecordCheck.
std::string read_by_parts(Decoder& d, const Bundle& b, const sheaf::ArticleView& a) {
  std::vector<uint8_t> buffer(b.info().max_frame_size);
  const auto plan = b.record_plan(a);
  REQUIRE(plan.ok());
  std::string out;
  sheaf::RecordCheck check;
  for (uint32_t k = 0; k < plan.value().frame_count; ++k) {
    const auto part = d.read_part(a, k, MutableByteSpan(buffer.data(), buffer.size()));
    REQUIRE(part.ok());
    if (k == 0) {
      const auto head = sheaf::parse_record(part.value());  // the fields fit in part 0 here
      REQUIRE(head.ok());
      CHECK(!head.value().id.empty());
    }
    check.add(part.value());
    out += part.value();
  }
  CHECK(check.matches(a));
  CHECK(d.read_part(a, plan.value().frame_count, MutableByteSpan(buffer.data(), buffer.size()))
            .error() == Errc::out_of_range);
  return out;
}

}  // namespace

TEST_CASE("the workspace size covers zstd's own estimate and the unpacked dictionary",
          "[runtime]") {
  for (const auto* bytes : {&Bundles::get().dict, &Bundles::get().small}) {
    const Bundle b = Bundle::open(bytes->span()).value();
    const size_t dict = Decoder::dictionary_size(b);
    REQUIRE(dict > 0);
    const size_t unpacked = b.dictionary_packed() ? dict : 0;
    CHECK(Decoder::small_workspace_size(b) >= ZSTD_estimateDCtxSize() + unpacked);
    CHECK(Decoder::workspace_size(b) >=
          ZSTD_estimateDCtxSize() + unpacked + ZSTD_estimateDDictSize(dict, ZSTD_dlm_byRef));
  }
  const Bundle raw = Bundle::open(Bundles::get().small.span()).value();
  CHECK(!raw.dictionary_packed());
  CHECK(Decoder::small_workspace_size(raw) < ZSTD_estimateDCtxSize() + 64);  // used in place
}

TEST_CASE("fast and small decoders read the same records, whole and by parts", "[runtime]") {
  for (const auto* bytes : {&Bundles::get().examples, &Bundles::get().dict, &Bundles::get().small,
                            &Bundles::get().packed}) {
    const Bundle b = Bundle::open(bytes->span()).value();
    Workspace fast_ws(Decoder::workspace_size(b));
    Workspace small_ws(Decoder::small_workspace_size(b));
    Decoder fast = Decoder::init(b, fast_ws.span()).value();
    Decoder small = Decoder::init(b, small_ws.span()).value();
    CHECK(fast.fast() == !b.dictionary().empty());
    CHECK(!small.fast());
    std::vector<uint8_t> buffer(b.info().max_read_size);
    const MutableByteSpan out(buffer.data(), buffer.size());
    uint32_t multi_frame = 0;
    for (uint32_t i = 0; i < b.size(); ++i) {
      const sheaf::ArticleView a = b.article(i).value();
      const auto plan = b.record_plan(a).value();
      REQUIRE(plan.buffer_size <= b.info().max_read_size);
      multi_frame += plan.frame_count > 1 ? 1 : 0;
      const std::string whole(fast.read_bytes(a, out).value());
      CHECK(whole.size() == a.size);
      const std::string again(small.read_bytes(a, out).value());
      CHECK(whole == again);
      CHECK(read_by_parts(small, b, a) == whole);
      const auto record = small.read(a, out);
      REQUIRE(record.ok());
      CHECK(record.value().body.size() < whole.size());
    }
    CHECK(multi_frame > 0);  // every fixture has at least one long article
  }
}

TEST_CASE("a packed dictionary has a frame's room behind it, and larger frames decode in place",
          "[runtime]") {
  const auto align8 = [](size_t n) { return (n + 7) / 8 * 8; };
  for (const auto* bytes : {&Bundles::get().dict, &Bundles::get().packed}) {
    const Bundle b = Bundle::open(bytes->span()).value();
    REQUIRE(b.dictionary_packed());
    const size_t unpacked = Decoder::dictionary_size(b);
    const size_t context = align8(ZSTD_estimateDCtxSize());
    // SPEC: "Reader resource needs": C + align8(U + max_frame_size) [+ P].
    CHECK(Decoder::small_workspace_size(b) == context + align8(unpacked + b.info().max_frame_size));
    CHECK(Decoder::workspace_size(b) ==
          Decoder::small_workspace_size(b) +
              align8(ZSTD_estimateDDictSize(unpacked, ZSTD_dlm_byRef)));
  }
  // Headline frames larger than the data frames: decoded straight into the caller's buffer.
  const std::string path = sheaf::test::temp_path("long-titles.jsonl");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  for (int i = 0; i < 200; ++i) {  // enough text for a dictionary
    std::fprintf(f,
                 "{\"id\":\"t-%03d\",\"date\":\"2024-06-%02d\",\"title\":\"Provincial "
                 "earthquake bureau notice %d: where the shelters, the water points and the "
                 "first-aid posts of district %d are\",\"body\":\"The bureau lists the "
                 "shelters of district %d. Every shelter has water, blankets and a radio. "
                 "Volunteers check the first-aid posts each week, notice %d.\"}\n",
                 i, 1 + i % 28, i, i % 9, i % 9, i);
  }
  std::fclose(f);
  for (const char* dictionary : {"", " --no-pack-dictionary"}) {
    const sheaf::test::AlignedBytes bytes =
        sheaf::test::build_bundle(path + " --block-size 1024" + dictionary, "long-titles.sheaf");
    REQUIRE(bytes.size > 0);
    const Bundle b = Bundle::open(bytes.span()).value();
    CHECK(b.dictionary_packed() == (*dictionary == '\0'));
    const Result<sheaf::Headlines> h = b.headlines();
    REQUIRE(h.ok());
    CHECK(h.value().max_raw() > b.info().max_frame_size);
    for (const size_t size : {Decoder::workspace_size(b), Decoder::small_workspace_size(b)}) {
      Workspace ws(size);
      Decoder d = Decoder::init(b, ws.span()).value();
      std::vector<uint8_t> buffer(sheaf::headlines_verify_size(b));
      CHECK(sheaf::verify_headlines(b, d, MutableByteSpan(buffer.data(), buffer.size())) ==
            Errc::ok);
    }
  }
  std::remove(path.c_str());
}

TEST_CASE("a packed and a raw dictionary give the same records", "[runtime]") {
  const Bundle packed = Bundle::open(Bundles::get().packed.span()).value();
  const Bundle raw = Bundle::open(Bundles::get().small.span()).value();
  CHECK(packed.dictionary_packed());
  CHECK(!raw.dictionary_packed());
  CHECK(packed.dictionary().size() < raw.dictionary().size());
  CHECK(sheaf::test::read_all_records(packed) == sheaf::test::read_all_records(raw));
}

TEST_CASE("a record's fields read back as built", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().dict.span()).value();
  Workspace ws(Decoder::workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  std::vector<uint8_t> buffer(b.info().max_read_size);
  const auto found = d.find("syn-00007", MutableByteSpan(buffer.data(), buffer.size()));
  REQUIRE(found.ok());
  const sheaf::Record& r = found.value().record;
  CHECK(r.title == "Synthetic bulletin 7");
  CHECK(r.date == "2024-05-08");
  REQUIRE(r.category_count() == 2);
  CHECK(r.category(0).value() == "News");
  CHECK(r.category(1).value() == "magnitude");
  CHECK(r.category(2).error() == sheaf::Errc::out_of_range);
  CHECK(r.body.rfind("The provincial ", 0) == 0);
  CHECK(r.site == 0);
}

TEST_CASE("reads refuse buffers that are too small", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().small.span()).value();
  Workspace ws(Decoder::workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  const sheaf::ArticleView a = b.article(0).value();
  const size_t need = b.record_plan(a).value().buffer_size;
  std::vector<uint8_t> buffer(need);
  CHECK(d.read(a, MutableByteSpan(buffer.data(), need - 1)).error() == Errc::output_too_small);
  CHECK(d.read(a, MutableByteSpan(buffer.data(), need)).ok());
  CHECK(d.find("syn-00000", MutableByteSpan(buffer.data(), need - 1)).error() ==
        Errc::output_too_small);
  CHECK(d.read_frame(b.frame_count(), MutableByteSpan(buffer.data(), need)).error() ==
        Errc::out_of_range);
}

TEST_CASE("lookups need only a frame-sized buffer to find any article", "[runtime]") {
  // A small device holds one frame: find_index() finds long articles too (their ids come from
  // their first frame); find() and find_title() return a long article's record only when the
  // buffer holds it, and otherwise say so rather than failing to find it.
  const Bundle b = Bundle::open(Bundles::get().small.span()).value();
  Workspace ws(Decoder::small_workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  std::vector<uint8_t> big(b.info().max_read_size);
  std::vector<uint8_t> frame(b.info().max_frame_size);
  const MutableByteSpan small_buffer(frame.data(), frame.size());
  size_t long_articles = 0;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const sheaf::Record r = d.read(i, MutableByteSpan(big.data(), big.size())).value();
    const std::string id(r.id);
    const std::string title(r.title);
    const bool fits = b.record_plan(b.article(i).value()).value().buffer_size <= frame.size();
    CHECK(d.find_index(id, small_buffer).value() == i);
    const auto by_id = d.find(id, small_buffer);
    const auto by_title = d.find_title(title, small_buffer);
    if (fits) {
      CHECK(by_id.value().index == i);
      CHECK(by_title.ok());
    } else {
      ++long_articles;
      CHECK(by_id.error() == Errc::output_too_small);
      CHECK(by_title.error() == Errc::output_too_small);
    }
  }
  CHECK(long_articles > 0);
  CHECK(d.find_index("no such id", small_buffer).error() == Errc::not_found);
}

TEST_CASE("decoder init checks the workspace", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().dict.span()).value();
  Workspace ws(Decoder::workspace_size(b) + 8);
  CHECK(Decoder::init(b, MutableByteSpan(ws.span().data() + 4, ws.span().size() - 8)).error() ==
        Errc::misaligned);
  CHECK(Decoder::init(b, MutableByteSpan(ws.span().data(), 1000)).error() ==
        Errc::workspace_too_small);
  CHECK(Decoder::init(b, MutableByteSpan(nullptr, 0)).error() == Errc::workspace_too_small);
  // A packed dictionary must fit unpacked: the context alone is not enough.
  CHECK(Decoder::init(b, MutableByteSpan(
                             ws.span().data(),
                             static_cast<size_t>(sheaf::format::align_up(ZSTD_estimateDCtxSize()))))
            .error() == Errc::workspace_too_small);
}

namespace {

struct ProgressCalls {
  uint32_t calls = 0;
  uint32_t last_done = UINT32_MAX;
  uint32_t total = 0;
};

void count_progress(uint32_t done, uint32_t total, void* context) {
  ProgressCalls& p = *static_cast<ProgressCalls*>(context);
  ++p.calls;
  p.last_done = done;
  p.total = total;
}

}  // namespace

TEST_CASE("verify_bodies reports progress every 1024 articles, from the first", "[runtime]") {
  const Result<Bundle> b = Bundle::open(Bundles::get().small.span());
  REQUIRE(b.ok());
  const Bundle& bundle = b.value();
  REQUIRE(bundle.size() > 0);
  REQUIRE(bundle.size() <= 1024);  // so exactly one call, before article 0
  Workspace ws(Decoder::workspace_size(bundle));
  Result<Decoder> d = Decoder::init(bundle, ws.span());
  REQUIRE(d.ok());
  Decoder decoder = d.value();
  std::vector<uint8_t> buffer(bundle.info().max_read_size);
  ProgressCalls calls;
  CHECK(sheaf::verify_bodies(bundle, decoder, MutableByteSpan(buffer.data(), buffer.size()),
                             count_progress, &calls) == Errc::ok);
  CHECK(calls.calls == 1);
  CHECK(calls.last_done == 0);
  CHECK(calls.total == bundle.size());
}
