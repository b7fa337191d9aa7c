// tests/runtime: Bundle::open and the metadata accessors (SPEC: "Validation", H/S/I rules).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sheaf/sheaf.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

using sheaf::Bundle;
using sheaf::ByteSpan;
using sheaf::Decoder;
using sheaf::Errc;
using sheaf::MutableByteSpan;
using sheaf::test::AlignedBytes;
using sheaf::test::Bundles;
using sheaf::test::Workspace;

namespace {

// Rewrites the header checksum after a deliberate edit, so the edit itself is what is tested.
void reseal_header(AlignedBytes& bytes) {
  uint8_t* p = bytes.data();
  const uint32_t count = sheaf::detail::load_le32(p + sheaf::format::kOffSectionCount);
  const size_t end = sheaf::format::header_end(count);
  const uint64_t h = sheaf::detail::xxh64(p + 16, end - 16);
  for (size_t i = 0; i < 8; ++i) {
    p[8 + i] = static_cast<uint8_t>(h >> (8 * i));
  }
}

void put_le32(uint8_t* p, uint32_t v) {
  for (size_t i = 0; i < 4; ++i) {
    p[i] = static_cast<uint8_t>(v >> (8 * i));
  }
}

}  // namespace

TEST_CASE("a built bundle opens, and every article is found by its id and its title", "[runtime]") {
  for (const AlignedBytes* bytes : {&Bundles::get().examples, &Bundles::get().dict}) {
    REQUIRE(bytes->size > 0);
    const sheaf::Result<Bundle> b = Bundle::open(bytes->span());
    REQUIRE(b.ok());
    REQUIRE(b.value().size() >= 13);
    Workspace ws(Decoder::workspace_size(b.value()));
    Decoder d = Decoder::init(b.value(), ws.span()).value();
    std::vector<uint8_t> buffer(b.value().info().max_read_size);
    const MutableByteSpan out(buffer.data(), buffer.size());
    std::string previous;
    for (uint32_t i = 0; i < b.value().size(); ++i) {
      const auto r = d.read(i, out);
      REQUIRE(r.ok());
      const std::string id(r.value().id);
      const std::string title(r.value().title);
      const std::string body(r.value().body);  // records over a frame: their first frame is
                                               // decoded for the lookup, then the rest
      CHECK(!id.empty());
      if (i > 0) {
        CHECK(previous < id);
      }
      previous = id;
      const auto by_id = d.find(id, out);
      REQUIRE(by_id.ok());
      CHECK(by_id.value().index == i);
      CHECK(by_id.value().record.id == id);
      CHECK(by_id.value().record.body == body);
      const auto by_title = d.find_title(title, out);
      REQUIRE(by_title.ok());
      CHECK(by_title.value().index <= i);  // the first article with that title
      CHECK(by_title.value().record.title == title);
      if (by_title.value().index == i) {
        CHECK(by_title.value().record.body == body);
      }
    }
  }
  const Bundle b = Bundle::open(Bundles::get().examples.span()).value();
  Workspace ws(Decoder::workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  std::vector<uint8_t> buffer(b.info().max_read_size);
  const auto seed = d.find("seed", MutableByteSpan(buffer.data(), buffer.size()));
  REQUIRE(seed.ok());
  CHECK(seed.value().record.title.find("习近平") == 0);
}

TEST_CASE("lookups past the end or of unknown ids and titles are errors", "[runtime]") {
  const Bundle b = Bundle::open(Bundles::get().examples.span()).value();
  Workspace ws(Decoder::workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  std::vector<uint8_t> buffer(b.info().max_read_size);
  const MutableByteSpan out(buffer.data(), buffer.size());
  CHECK(b.article(b.size()).error() == Errc::out_of_range);
  CHECK(b.article(0xFFFFFFFFu).error() == Errc::out_of_range);
  CHECK(d.read(b.size(), out).error() == Errc::out_of_range);
  CHECK(d.find("no such article", out).error() == Errc::not_found);
  CHECK(d.find("", out).error() == Errc::not_found);
  CHECK(d.find("\xff\xff", out).error() == Errc::not_found);  // after every id
  CHECK(d.find_title("no such title", out).error() == Errc::not_found);
  CHECK(b.frame(b.frame_count()).error() == Errc::out_of_range);
  CHECK(b.id_key(b.id_key_count()).error() == Errc::out_of_range);
}

TEST_CASE("bundle info reports sizes that add up", "[runtime]") {
  const AlignedBytes& bytes = Bundles::get().dict;
  const Bundle b = Bundle::open(bytes.span()).value();
  const sheaf::BundleInfo info = b.info();
  CHECK(info.version_major == 3);
  CHECK(info.file_size == bytes.size);
  CHECK(info.dictionary_size > 0);
  CHECK(info.dictionary_packed);
  CHECK(Decoder::dictionary_size(b) > info.dictionary_size);  // packing shrank it
  CHECK(b.id_key_count() == b.size());                        // one per article
  CHECK(b.title_key_count() == b.size());
  CHECK(info.index_size + info.dictionary_size + info.data_size < info.file_size);
  CHECK(info.block_size == 4096);
  CHECK(info.max_frame_size <= info.block_size);
  CHECK(info.max_read_size >= info.max_frame_size);
  CHECK(info.generator.rfind("sheaf ", 0) == 0);
}

TEST_CASE("open rejects a misaligned base address", "[runtime][corrupt]") {
  const AlignedBytes& good = Bundles::get().examples;
  std::vector<uint64_t> storage(good.words.size() + 1);
  auto* shifted = reinterpret_cast<uint8_t*>(storage.data()) + 4;
  std::memcpy(shifted, good.span().data(), good.size);
  CHECK(Bundle::open(ByteSpan(shifted, good.size)).error() == Errc::misaligned);
  CHECK(Bundle::open(ByteSpan(nullptr, 0)).error() == Errc::truncated);
}

TEST_CASE("open rejects every truncation", "[runtime][corrupt]") {
  const AlignedBytes& good = Bundles::get().examples;
  for (size_t n = 0; n < good.size; ++n) {
    const auto b = Bundle::open(ByteSpan(good.span().data(), n));
    if (b.ok()) {
      FAIL("truncated to " << n << " bytes still opens");
    }
  }
  CHECK(Bundle::open(ByteSpan(good.span().data(), 10)).error() == Errc::truncated);
}

TEST_CASE("open accepts trailing bytes (a flash partition) but verify_all does not", "[runtime]") {
  const AlignedBytes& good = Bundles::get().examples;
  AlignedBytes longer = good;
  longer.words.resize(longer.words.size() + 4, 0);
  longer.size += 16;
  const auto b = Bundle::open(longer.span());
  REQUIRE(b.ok());
  CHECK(b.value().file().size() == good.size);
  CHECK(sheaf::verify_all(b.value()) == Errc::ok);
}

TEST_CASE("open names what is wrong with a damaged header", "[runtime][corrupt]") {
  const AlignedBytes& good = Bundles::get().examples;
  SECTION("bad magic") {
    AlignedBytes bad = good;
    bad.data()[1] = 'X';
    CHECK(Bundle::open(bad.span()).error() == Errc::bad_magic);
  }
  SECTION("unsupported major version") {
    AlignedBytes bad = good;
    bad.data()[sheaf::format::kOffVersionMajor] = 2;  // format 2: read by 2.x readers only
    reseal_header(bad);
    CHECK(Bundle::open(bad.span()).error() == Errc::unsupported_version);
  }
  SECTION("newer minor version opens") {
    AlignedBytes newer = good;
    newer.data()[sheaf::format::kOffVersionMinor] = 7;
    reseal_header(newer);
    CHECK(Bundle::open(newer.span()).ok());
  }
  SECTION("header checksum") {
    AlignedBytes bad = good;
    bad.data()[sheaf::format::kOffFileSize + 1] ^= 1;
    CHECK(Bundle::open(bad.span()).error() == Errc::corrupt_header);
  }
  SECTION("unknown header flag") {
    AlignedBytes bad = good;
    put_le32(bad.data() + sheaf::format::kOffFlags, 1);
    reseal_header(bad);
    CHECK(Bundle::open(bad.span()).error() == Errc::unsupported_feature);
  }
  SECTION("unknown required section kind") {
    AlignedBytes bad = good;
    put_le32(bad.data() + sheaf::format::kHeaderSize + sheaf::format::kOffSectionKind, 77);
    reseal_header(bad);
    CHECK(Bundle::open(bad.span()).error() == Errc::unsupported_feature);
  }
  SECTION("section count out of range") {
    AlignedBytes bad = good;
    put_le32(bad.data() + sheaf::format::kOffSectionCount, 1000);
    CHECK(Bundle::open(bad.span()).error() == Errc::corrupt_header);
  }
  SECTION("a file size past 4 GiB: too_large where size_t is 32 bits, never truncated") {
    // SPEC rule H11. The claimed size is 4 GiB + 4 KiB while the buffer is small: a 32-bit
    // reader that narrowed it to size_t would see 4 KiB and read on; it must refuse instead.
    AlignedBytes bad = good;
    const uint64_t claimed = (uint64_t{1} << 32) + 4096;
    for (size_t i = 0; i < 8; ++i) {
      bad.data()[sheaf::format::kOffFileSize + i] = static_cast<uint8_t>(claimed >> (8 * i));
    }
    reseal_header(bad);
    const Errc expected = sizeof(size_t) < sizeof(uint64_t) ? Errc::too_large : Errc::truncated;
    CHECK(Bundle::open(bad.span()).error() == expected);
  }
  SECTION("section past the end of the file") {
    AlignedBytes bad = good;
    bad.data()[sheaf::format::kHeaderSize + sheaf::format::kOffSectionSize + 5] = 0x10;
    reseal_header(bad);
    CHECK(Bundle::open(bad.span()).error() == Errc::corrupt_header);
  }
}

TEST_CASE("an unknown optional section is ignored", "[runtime]") {
  // A newer writer adds an optional section (kind 99): insert its table entry, shift the other
  // sections by one entry, append its bytes. An old reader must open it and read as before.
  using namespace sheaf::format;
  const AlignedBytes& good = Bundles::get().examples;
  const uint8_t* old = good.span().data();
  const uint32_t count = sheaf::detail::load_le32(old + kOffSectionCount);
  const size_t old_end = header_end(count);
  const std::string payload = "a table from the future";
  const size_t payload_at = good.size + kSectionEntrySize;
  AlignedBytes bytes;
  bytes.size = static_cast<size_t>(align_up(payload_at + payload.size()));
  bytes.words.assign(bytes.size / 8 + 1, 0);
  uint8_t* p = bytes.data();
  std::memcpy(p, old, old_end);
  std::memcpy(p + old_end + kSectionEntrySize, old + old_end, good.size - old_end);
  for (uint32_t k = 0; k < count; ++k) {
    uint8_t* entry = p + kHeaderSize + k * kSectionEntrySize + kOffSectionOffset;
    const uint64_t offset = sheaf::detail::load_le64(entry) + kSectionEntrySize;
    for (size_t i = 0; i < 8; ++i) {
      entry[i] = static_cast<uint8_t>(offset >> (8 * i));
    }
  }
  uint8_t* extra = p + old_end;
  put_le32(extra + kOffSectionKind, 99);
  put_le32(extra + kOffSectionFlags, 0);
  for (size_t i = 0; i < 8; ++i) {
    extra[kOffSectionOffset + i] = static_cast<uint8_t>(payload_at >> (8 * i));
    extra[kOffSectionSize + i] = static_cast<uint8_t>(payload.size() >> (8 * i));
  }
  // Bytes, not a C string. NOLINTNEXTLINE(bugprone-not-null-terminated-result)
  std::memcpy(p + payload_at, payload.data(), payload.size());
  put_le32(p + kOffSectionCount, count + 1);
  for (size_t i = 0; i < 8; ++i) {
    p[kOffFileSize + i] = static_cast<uint8_t>(bytes.size >> (8 * i));
  }
  reseal_header(bytes);

  const auto b = Bundle::open(bytes.span());
  REQUIRE(b.ok());
  const Bundle original = Bundle::open(good.span()).value();
  CHECK(sheaf::test::read_all_records(b.value()) == sheaf::test::read_all_records(original));
  CHECK(b.value().section_count() == count + 1);
}

TEST_CASE("many articles with one title: every title key is found, verify passes",
          "[runtime][titles]") {
  // Issue 13: 2,000 articles titled "Notice" share one hash. has_title_key() and title_range()
  // are binary searches, so verify's per-article check (V16) no longer scans the shared range.
  const std::string path = sheaf::test::temp_path("same-titles.jsonl");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  const uint32_t n = 2000;
  for (uint32_t i = 0; i < n; ++i) {
    const bool other = i % 500 == 7;  // four articles with a title of their own
    // Four titled "Quad" and eight "Octet": ranges found by stepping past the first key, and
    // by a second binary search once the steps (8) run out.
    const std::string title = other           ? "Other " + std::to_string(i)
                              : i % 500 == 11 ? std::string("Quad")
                              : i % 250 == 13 ? std::string("Octet")
                                              : std::string("Notice");
    std::fprintf(f, "{\"id\":\"n-%05u\",\"title\":\"%s\",\"body\":\"text %u\"}\n", i, title.c_str(),
                 i);
  }
  std::fclose(f);
  const AlignedBytes bytes = sheaf::test::build_bundle(path, "same-titles.sheaf");
  std::remove(path.c_str());
  REQUIRE(bytes.size != 0);
  const Bundle b = Bundle::open(bytes.span()).value();
  REQUIRE(b.size() == n);
  CHECK(sheaf::verify_all(b) == Errc::ok);
  Workspace ws(Decoder::workspace_size(b));
  Decoder d = Decoder::init(b, ws.span()).value();
  std::vector<uint8_t> buffer(b.info().max_read_size);
  const MutableByteSpan out(buffer.data(), buffer.size());
  CHECK(sheaf::verify_bodies(b, d, out) == Errc::ok);
  const sheaf::Range shared = b.title_range("Notice");
  CHECK(shared.last - shared.first == n - 16);
  CHECK(b.title_range("Quad").last - b.title_range("Quad").first == 4);
  CHECK(b.title_range("Octet").last - b.title_range("Octet").first == 8);
  CHECK(d.find_title("Quad", out).value().index == 11);
  CHECK(d.find_title("Octet", out).value().index == 13);
  for (uint32_t i = 0; i < n; ++i) {
    if (i % 500 == 11 || i % 250 == 13) {
      continue;
    }
    const bool other = i % 500 == 7;
    const std::string own = "Other " + std::to_string(i);
    CHECK(b.has_title_key(other ? own : "Notice", i));
    CHECK_FALSE(b.has_title_key(other ? "Notice" : own, i));
  }
  CHECK_FALSE(b.has_title_key("Notice", n));
  const sheaf::Range own = b.title_range("Other 507");
  CHECK(own.last - own.first == 1);
  CHECK(b.title_range("no such title").first == b.title_range("no such title").last);
  const auto found = d.find_title("Notice", out);
  REQUIRE(found.ok());
  CHECK(found.value().index == 0);  // the first in id order
  CHECK(d.find_title("Other 1507", out).value().index == 1507);
}
