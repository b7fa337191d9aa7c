// tests/compiler/compress: dictionary training and frame compression are deterministic and
// decompress to the planned bytes.
#include <zstd.h>

#include "compress/compressor.hpp"
#include "compress/dictionary.hpp"
#include "support/catch.hpp"

namespace {

std::vector<std::string> sample_texts(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    std::string s;
    for (size_t k = 0; k < 5 + i % 9; ++k) {
      s += "地震局提醒：检查应急包、饮用水和手电筒。Drill " + std::to_string(i * 13 + k) +
           " at the school.\n";
    }
    out.push_back(s);
  }
  return out;
}

sheaf::RecordStore sample_bodies(size_t n) {
  return sheaf::RecordStore(sample_texts(n));
}

}  // namespace

TEST_CASE("too little text trains no dictionary, and says why", "[compiler][compress]") {
  const auto d = sheaf::train_dictionary({"short", "texts"}, {});
  CHECK(d.bytes.empty());
  CHECK(!d.note.empty());
  CHECK(sheaf::train_dictionary(sample_bodies(300), {0, 1 << 20}).bytes.empty());
}

TEST_CASE("dictionary training is deterministic", "[compiler][compress]") {
  const auto bodies = sample_bodies(400);
  const auto a = sheaf::train_dictionary(bodies, {});
  const auto b = sheaf::train_dictionary(bodies, {});
  REQUIRE(!a.bytes.empty());
  CHECK(a.bytes == b.bytes);
  CHECK(a.bytes.size() <= 768 * 1024);
}

TEST_CASE("a sample cap trains on every step-th record, deterministically",
          "[compiler][compress]") {
  const auto bodies = sample_bodies(2000);
  const size_t cap = bodies.bytes().size() / 3;  // every 4th record
  const auto a = sheaf::train_dictionary(bodies, {768 * 1024, cap});
  const auto b = sheaf::train_dictionary(bodies, {768 * 1024, cap});
  const auto all = sheaf::train_dictionary(bodies, {});
  REQUIRE(!a.bytes.empty());
  CHECK(a.bytes == b.bytes);
  CHECK(a.bytes != all.bytes);
  CHECK(a.bytes.size() <= cap / 10);  // a tenth of the sampled text at most
}

TEST_CASE("frames are identical for any thread count and decompress to the plan",
          "[compiler][compress]") {
  const auto bodies = sample_bodies(400);
  const auto dict = sheaf::train_dictionary(bodies, {}).bytes;
  const auto plan = sheaf::plan_frames(bodies, 4096);
  sheaf::CompressOptions one{9, 1};
  sheaf::CompressOptions four{9, 4};
  const auto a = sheaf::compress_frames(plan, bodies, dict, one);
  const auto b = sheaf::compress_frames(plan, bodies, dict, four);
  REQUIRE(a.size() == plan.frames.size());
  CHECK(a == b);
  ZSTD_DCtx* d = ZSTD_createDCtx();
  for (size_t j = 0; j < a.size(); ++j) {
    std::string out(plan.frames[j].raw_size, '\0');
    const size_t n = ZSTD_decompress_usingDict(d, out.data(), out.size(), a[j].data(), a[j].size(),
                                               dict.data(), dict.size());
    REQUIRE(!ZSTD_isError(n));
    CHECK(std::string_view(out) == sheaf::frame_bytes(plan, j, bodies));
  }
  ZSTD_freeDCtx(d);
}

TEST_CASE("incompressible frames are stored after a fast probe and still decode",
          "[compiler][compress]") {
  auto texts = sample_texts(400);
  std::string noise;
  uint64_t x = 0x9E3779B97F4A7C15u;
  for (size_t i = 0; i < 8192; ++i) {  // a whole frame alone; xorshift: incompressible
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    noise.push_back(static_cast<char>(x & 0xFF));
  }
  texts.push_back(noise);
  const sheaf::RecordStore bodies(texts);
  const auto dict = sheaf::train_dictionary(bodies, {}).bytes;
  REQUIRE(!dict.empty());
  const auto plan = sheaf::plan_frames(bodies, 8192);
  const auto frames = sheaf::compress_frames(plan, bodies, dict, {19, 2});
  ZSTD_DCtx* d = ZSTD_createDCtx();
  size_t incompressible = 0;
  for (size_t j = 0; j < frames.size(); ++j) {
    const std::string_view raw = sheaf::frame_bytes(plan, j, bodies);
    std::string out(raw.size(), '\0');
    const size_t n = ZSTD_decompress_usingDict(d, out.data(), out.size(), frames[j].data(),
                                               frames[j].size(), dict.data(), dict.size());
    REQUIRE(!ZSTD_isError(n));
    CHECK(std::string_view(out) == raw);
    if (raw.find(noise) != std::string::npos) {
      ++incompressible;
      CHECK(frames[j].size() <= raw.size() + 64);  // stored, plus frame overhead
    } else {
      CHECK(frames[j].size() < raw.size() / 2);
    }
  }
  ZSTD_freeDCtx(d);
  CHECK(incompressible == 1);
}

TEST_CASE("compress_or_copy compresses only the items without a copy, and keeps their order",
          "[compiler][compress]") {
  const std::vector<std::string> texts = sample_texts(12);
  const sheaf::RawFn raw_of = [&](size_t j) { return std::string_view(texts[j]); };
  const sheaf::CompressOptions options{9, 2};
  const std::vector<std::string> fresh = sheaf::compress_each(texts.size(), raw_of, "", options);
  std::vector<std::string_view> copies(texts.size());
  copies[0] = "copy of 0";  // not a frame: taken as is, never compressed or decoded
  copies[5] = "copy of 5";
  copies[11] = "copy of 11";
  size_t compressed_total = 0;
  const auto count = [](size_t, size_t total, void* context) {
    *static_cast<size_t*>(context) = total;
  };
  const std::vector<std::string> out =
      sheaf::compress_or_copy(copies, raw_of, "", options, count, &compressed_total);
  REQUIRE(out.size() == texts.size());
  for (size_t j = 0; j < texts.size(); ++j) {
    CHECK(out[j] == (copies[j].empty() ? fresh[j] : std::string(copies[j])));
  }
  CHECK(compressed_total == 9);
  CHECK(sheaf::compress_or_copy({}, raw_of, "", options).empty());
}
