// tests/compiler/write: the verified write of a bundle, in memory (MemoryFileSystem): it reads
// back through the runtime before it takes its name, and a bundle that does not is never written.
#include <string>
#include <vector>

#include <sheaf/sheaf.hpp>

#include "ingest/filesystem.hpp"
#include "support/catch.hpp"
#include "support/memory_filesystem.hpp"
#include "support/test_support.hpp"
#include "write/bundle_writer.hpp"

namespace {

std::string golden_bundle() {
  return sheaf::test::read_file(sheaf::test::source_dir() + "/tests/golden/hi.sheaf");
}

// What each article's record reads as, taken from the bundle itself through the runtime.
sheaf::RecordFingerprints fingerprints_of(const std::string& file) {
  const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(
      sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(file.data()), file.size()));
  REQUIRE(b.ok());
  std::vector<uint64_t> workspace((sheaf::Decoder::workspace_size(b.value()) + 7) / 8);
  sheaf::Result<sheaf::Decoder> d = sheaf::Decoder::init(
      b.value(),
      sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  REQUIRE(d.ok());
  sheaf::Decoder decoder = d.value();
  std::vector<uint8_t> buffer(
      std::max(b.value().info().max_read_size, b.value().info().max_frame_size));
  sheaf::RecordStore records;
  uint32_t cached = UINT32_MAX;
  for (uint32_t i = 0; i < b.value().size(); ++i) {
    const sheaf::Result<std::string_view> r = decoder.read_bytes(
        b.value().article(i).value(), sheaf::MutableByteSpan(buffer.data(), buffer.size()), cached);
    REQUIRE(r.ok());
    records.append(r.value());
  }
  return sheaf::fingerprint_records(records);
}

sheaf::FileImage image_of(const std::string& bytes) {
  sheaf::FileImage image;
  image.head = bytes;
  image.size = bytes.size();
  return image;
}

}  // namespace

TEST_CASE("fingerprint_records: size and XXH64 of each record", "[compiler][write]") {
  const sheaf::RecordStore records{"ab", "", "xyz"};
  const sheaf::RecordFingerprints f = sheaf::fingerprint_records(records);
  CHECK(f.sizes == std::vector<uint32_t>{2, 0, 3});
  REQUIRE(f.hashes.size() == 3);
  CHECK(f.hashes[0] == sheaf::detail::xxh64(reinterpret_cast<const uint8_t*>("ab"), 2));
  CHECK(f.hashes[0] != f.hashes[2]);
}

TEST_CASE("read_back: a good bundle passes, every kind of damage is named", "[compiler][write]") {
  const std::string file = golden_bundle();
  const sheaf::RecordFingerprints expected = fingerprints_of(file);
  REQUIRE_FALSE(expected.sizes.empty());
  sheaf::Progress progress(sheaf::ProgressMode::off);
  CHECK(sheaf::read_back("b.sheaf", file, expected, progress).ok());

  const sheaf::Status cut = sheaf::read_back("b.sheaf", file.substr(0, 20), expected, progress);
  CHECK(cut.code() == sheaf::StatusCode::corrupt);
  CHECK(cut.message().rfind("b.sheaf: written bundle does not open: ", 0) == 0);

  sheaf::RecordFingerprints other = expected;
  other.hashes[0] ^= 1;
  CHECK(sheaf::read_back("b.sheaf", file, other, progress).message() ==
        "b.sheaf: article 0 does not read back as written");
  other = expected;
  other.sizes[0] += 1;
  CHECK(sheaf::read_back("b.sheaf", file, other, progress).code() == sheaf::StatusCode::corrupt);

  std::string flipped = file;
  flipped[flipped.size() - 9] = static_cast<char>(flipped[flipped.size() - 9] ^ 0x40);
  const sheaf::Status damaged = sheaf::read_back("b.sheaf", flipped, expected, progress);
  CHECK_FALSE(damaged.ok());
  CHECK(damaged.message().rfind("b.sheaf: ", 0) == 0);
}

TEST_CASE("write_bundle: in memory, to a file and to standard output", "[compiler][write]") {
  const std::string file = golden_bundle();
  const sheaf::RecordFingerprints expected = fingerprints_of(file);
  sheaf::MemoryFileSystem fs;
  sheaf::Progress progress(sheaf::ProgressMode::off);
  REQUIRE(sheaf::write_bundle("out/b.sheaf", image_of(file), expected, fs, progress).ok());
  CHECK(fs.read_file("out/b.sheaf").bytes == file);
  CHECK(fs.standard_output().empty());
  REQUIRE(sheaf::write_bundle("-", image_of(file), expected, fs, progress).ok());
  CHECK(fs.standard_output() == file);
}

TEST_CASE("write_bundle: a bundle that does not read back is not written", "[compiler][write]") {
  const std::string file = golden_bundle();
  sheaf::RecordFingerprints wrong = fingerprints_of(file);
  wrong.hashes.back() += 1;
  sheaf::MemoryFileSystem fs;
  fs.add_file("b.sheaf", "old");
  sheaf::Progress progress(sheaf::ProgressMode::off);
  const sheaf::Status s = sheaf::write_bundle("b.sheaf", image_of(file), wrong, fs, progress);
  CHECK(s.code() == sheaf::StatusCode::corrupt);
  CHECK(s.message() ==
        "b.sheaf: not written, any existing file of that name is unchanged (b.sheaf: article " +
            std::to_string(wrong.hashes.size() - 1) + " does not read back as written)");
  CHECK(fs.read_file("b.sheaf").bytes == "old");
  CHECK_FALSE(sheaf::write_bundle("-", image_of(file), wrong, fs, progress).ok());
  CHECK(fs.standard_output().empty());
}

TEST_CASE("write_bundle: the file system's failure is returned", "[compiler][write]") {
  const std::string file = golden_bundle();
  sheaf::MemoryFileSystem fs;
  fs.add_unwritable_path("full/b.sheaf", "No space left on device");
  sheaf::Progress progress(sheaf::ProgressMode::off);
  const sheaf::Status s =
      sheaf::write_bundle("full/b.sheaf", image_of(file), fingerprints_of(file), fs, progress);
  CHECK(s.code() == sheaf::StatusCode::io_error);
  CHECK(s.message().find("No space left on device") != std::string::npos);
  CHECK(fs.stat("full/b.sheaf").kind == sheaf::FileKind::missing);
}
