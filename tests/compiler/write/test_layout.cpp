// tests/compiler/write: the writer's layout opens and verifies through the runtime.
#include <cstring>

#include <sheaf/sheaf.hpp>

#include "compress/compressor.hpp"
#include "compress/frame_plan.hpp"
#include "index/record_writer.hpp"
#include "support/catch.hpp"
#include "write/layout.hpp"

namespace {

struct Aligned {
  std::vector<uint64_t> words;
  size_t size;

  explicit Aligned(const std::string& s) : words(s.size() / 8 + 1), size(s.size()) {
    std::memcpy(words.data(), s.data(), s.size());
  }

  sheaf::ByteSpan span() const { return {reinterpret_cast<const uint8_t*>(words.data()), size}; }
};

}  // namespace

TEST_CASE("frames are laid out back to back, DATA padded with zeros after the last",
          "[compiler][write]") {
  const std::vector<std::string> frames = {"abc", "defghijkl", "m"};
  const auto table = sheaf::place_frames(frames, {10, 20, 30});
  REQUIRE(table.size() == 3);
  CHECK(table[0].offset == 0);
  CHECK(table[1].offset == 3);
  CHECK(table[2].offset == 12);
  CHECK(table[1].raw_size == 20);
  CHECK(table[1].compressed_size == 9);
  const std::string index = "index";  // the image views it: it must outlive the image
  const sheaf::FileImage image = sheaf::lay_out_bundle(index, "", frames);
  const std::string file = image.join();
  CHECK(file.size() == image.size);
  CHECK(file.size() % 8 == 0);
  const size_t data = file.find("abc");
  REQUIRE(data != std::string::npos);
  CHECK(data % 8 == 0);
  CHECK(file.substr(data, 16) == std::string("abcdefghijklm", 13) + std::string(3, '\0'));
}

TEST_CASE("a laid-out bundle opens, and every section is where the header says",
          "[compiler][write]") {
  sheaf::Article a;
  a.id = "one";
  a.title = "Title";
  a.paragraphs = {"Hello"};
  const sheaf::RecordStore records = {sheaf::encode_record(a, "Hello", 0)};
  const auto plan = sheaf::plan_frames(records, 1024);
  const std::vector<std::string> frames = sheaf::compress_each(
      1, [&](size_t) -> std::string_view { return records[0]; }, "", sheaf::CompressOptions{});
  const auto table = sheaf::place_frames(frames, {static_cast<uint32_t>(records[0].size())});
  sheaf::BundleMeta meta;
  meta.title = "t";
  meta.block_size = 1024;
  const std::string index =
      sheaf::build_index(meta, sheaf::index_keys(records, {}, plan), plan, table);
  const std::string file = sheaf::lay_out_bundle(index, "", frames).join();
  CHECK(file.size() % 8 == 0);
  const Aligned bytes(file);
  const auto b = sheaf::Bundle::open(bytes.span());
  REQUIRE(b.ok());
  CHECK(b.value().section_count() == 2);  // no dictionary section when there is none
  CHECK(sheaf::verify_all(b.value()) == sheaf::Errc::ok);
  CHECK(b.value().article(0).value().size == records[0].size());
  CHECK(b.value().title_key(0).value().hash == sheaf::detail::title_hash("Title"));
  CHECK(b.value().id_key(0).value().hash == sheaf::detail::title_hash("one"));
  CHECK(b.value().info().title == "t");
}
