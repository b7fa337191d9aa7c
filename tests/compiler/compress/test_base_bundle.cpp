// tests/compiler/compress: what `build --base` takes from the old bundle, and the drift rule
// that keeps its dictionary or has a new one trained (docs/DESIGN.md, "Stable builds").
#include <cstdio>
#include <string>
#include <vector>

#include <sheaf/sheaf.hpp>

#include "compress/base_bundle.hpp"
#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/memory_filesystem.hpp"
#include "support/test_support.hpp"

using sheaf::Drift;
using sheaf::judge_drift;

namespace {

// Input file i of the small bundle.
std::string small_input(int i) {
  std::string body;
  for (int w = 0; w < 120; ++w) {
    body += "word" + std::to_string((i * 31 + w * 7) % 97) + " ";
  }
  return "Article " + std::to_string(i) + "\n\n" + body + "\n";
}

// A bundle of several frames (1 KiB blocks, no dictionary), built in memory: its bytes. With
// `keep_source`, it keeps its 8 input files too.
std::string small_bundle(bool keep_source = false) {
  sheaf::MemoryFileSystem fs;
  for (int i = 0; i < 8; ++i) {
    fs.add_file("in/" + std::to_string(i) + ".txt", small_input(i));
  }
  sheaf::BuildOptions options;
  options.keep_source = keep_source;
  options.inputs = {"in"};
  options.output = "out.sheaf";
  options.level = 3;
  options.threads = 1;
  options.dictionary_size = 0;
  options.block_size = 1024;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  REQUIRE(sheaf::run_build(options, fs, diagnostics, report));
  return fs.read_file("out.sheaf").bytes;
}

// Each frame of `file` as the runtime decodes it, and as it is stored.
struct Frames {
  std::vector<std::string> contents;
  std::vector<std::string> stored;
};

Frames frames_of(const std::string& file) {
  const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(
      sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(file.data()), file.size()));
  REQUIRE(b.ok());
  std::vector<uint64_t> workspace((sheaf::Decoder::workspace_size(b.value()) + 7) / 8);
  const sheaf::Result<sheaf::Decoder> init = sheaf::Decoder::init(
      b.value(), sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()),
                                        workspace.size() * sizeof(uint64_t)));
  REQUIRE(init.ok());
  sheaf::Decoder decoder = init.value();
  std::vector<uint8_t> buffer(b.value().info().max_frame_size);
  Frames out;
  for (uint32_t j = 0; j < b.value().frame_count(); ++j) {
    const sheaf::Result<sheaf::ByteSpan> raw =
        decoder.read_frame(j, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
    REQUIRE(raw.ok());
    out.contents.emplace_back(reinterpret_cast<const char*>(raw.value().data()),
                              raw.value().size());
    const sheaf::ByteSpan stored = b.value().frame(j).value().bytes;
    out.stored.emplace_back(reinterpret_cast<const char*>(stored.data()), stored.size());
  }
  return out;
}

// The small bundle written to a base file and read back as a base, with its frames as the
// runtime gives them.
struct ReadBase {
  sheaf::test::TempDir dir;
  std::string file = small_bundle();
  Frames expected;
  sheaf::BaseBundle base;

  ReadBase() {
    sheaf::test::write_file(path(), file);
    expected = frames_of(file);
    sheaf::Progress progress(sheaf::ProgressMode::off);
    REQUIRE(sheaf::read_base_bundle(path(), base, progress).ok());
  }

  std::string path() const { return dir / "base.sheaf"; }
};

// `content` with one byte changed: the same size, other bytes.
std::string altered(std::string content) {
  content[content.size() / 2] = content[content.size() / 2] == 'x' ? 'y' : 'x';
  return content;
}

}  // namespace

TEST_CASE("drift rule keeps the dictionary for a small change that compresses alike",
          "[compiler][compress]") {
  // 1,000,000 bytes copied at 0.30 per byte; 20,000 new at 0.315 (1.05x).
  const Drift d = judge_drift(1000000, 300000, 20000, 6300);
  CHECK(d.changed_factor == Approx(1.05));
  CHECK(d.new_share == Approx(20000.0 / 1020000));
  CHECK(d.keep_cost == Approx(6300.0 * (1 - 1 / 1.05) / 306300));  // about 0.1%
  CHECK_FALSE(d.retrain);
}

TEST_CASE("drift rule retrains when the changed text compresses worse", "[compiler][compress]") {
  const Drift d = judge_drift(1000000, 300000, 50000, 19500);  // 1.3x, 4.8% new
  CHECK(d.changed_factor == Approx(1.3));
  CHECK(d.keep_cost > Drift::kMaxKeepCost);  // about 1.4%
  CHECK(d.retrain);
  // 1.11x on as much new text costs about 0.5%: kept.
  CHECK_FALSE(judge_drift(1000000, 300000, 50000, 16650).retrain);
  // Bulk's nightly update with a 3 MiB dictionary: 1.2% new text at 1.23x costs about 0.3%.
  CHECK_FALSE(judge_drift(1000000, 300000, 12000, 4428).retrain);
}

TEST_CASE("drift rule keeps the dictionary for a small change that compresses badly",
          "[compiler][compress]") {
  const Drift d = judge_drift(1000000, 300000, 5000, 3000);  // 2x, but 0.5% new: about 0.5%
  CHECK(d.changed_factor == Approx(2.0));
  CHECK_FALSE(d.retrain);
}

TEST_CASE("drift rule retrains when much of the text is new", "[compiler][compress]") {
  CHECK(judge_drift(700000, 210000, 300000, 90000).retrain);  // alike, but 30% new
  CHECK(judge_drift(0, 0, 1000, 300).retrain);                // nothing copied
  const Drift none = judge_drift(1000, 300, 0, 0);            // nothing changed
  CHECK(none.new_share == 0);
  CHECK_FALSE(none.retrain);
}

TEST_CASE("drift rule adds up the text new since the dictionary was trained over many updates",
          "[compiler][compress]") {
  // A night of 2% new text alike to the rest is kept on its own...
  const Drift night = judge_drift(1000000, 300000, 20000, 6000);
  CHECK(night.new_since_training == 20000);
  CHECK_FALSE(night.retrain);
  // ...but not after nights that brought 240,000 bytes the dictionary was not trained on.
  const Drift late = judge_drift(1000000, 300000, 20000, 6000, 240000);
  CHECK(late.new_share == night.new_share);
  CHECK(late.new_since_training == 260000);
  CHECK(late.new_since_training_share == Approx(260000.0 / 1020000));
  CHECK(late.retrain);
  // The base's figure counts only as far as the build copied the base's text.
  const Drift pruned = judge_drift(100000, 30000, 1000, 300, 500000);
  CHECK(pruned.new_since_training == 101000);
  CHECK(pruned.retrain);
  CHECK(judge_drift(1000000, 300000, 20000, 6000, 200000).new_since_training == 220000);
  CHECK_FALSE(judge_drift(1000000, 300000, 20000, 6000, 200000).retrain);
}

TEST_CASE("reading a base that does not exist or is not a bundle fails and says why",
          "[compiler][compress]") {
  sheaf::Progress progress(sheaf::ProgressMode::off);
  sheaf::BaseBundle base;
  const sheaf::Status missing =
      sheaf::read_base_bundle(SHEAF_SOURCE_DIR "/no-such-base.sheaf", base, progress);
  CHECK_FALSE(missing.ok());
  CHECK(missing.message().find("--base: cannot read it") != std::string::npos);
  const sheaf::Status text = sheaf::read_base_bundle(SHEAF_SOURCE_DIR "/README.md", base, progress);
  CHECK_FALSE(text.ok());
  CHECK(text.message().find("not a readable bundle") != std::string::npos);
  CHECK(base.frames.empty());
}

TEST_CASE("base bundle finds each frame by its content and hands its stored bytes",
          "[compiler][compress]") {
  ReadBase read;
  const Frames& expected = read.expected;
  sheaf::BaseBundle& base = read.base;
  REQUIRE(expected.contents.size() >= 3);
  REQUIRE(base.frames.size() == expected.contents.size());
  CHECK(base.dictionary.empty());
  CHECK(base.block_size == 1024);
  for (size_t j = 0; j < expected.contents.size(); ++j) {
    const std::string& content = expected.contents[j];
    CHECK(base.frames[j].raw_size == content.size());
    CHECK(base.frames[j].content_hash == sheaf::base_content_hash(content));
    CHECK(base.find(content) == static_cast<int64_t>(j));
    CHECK(base.compressed_of(base.frames[j]) == expected.stored[j]);
  }
}

TEST_CASE("base bundle does not find a content it does not hold", "[compiler][compress]") {
  ReadBase read;
  sheaf::BaseBundle& base = read.base;
  const std::string& first = read.expected.contents[0];
  CHECK(base.find(altered(first)) == -1);
  CHECK(base.find(first + "x") == -1);
  CHECK(base.find(first.substr(1)) == -1);
  CHECK(base.find("") == -1);
  sheaf::BaseBundle none;  // nothing read: nothing found
  CHECK(none.find(first) == -1);
}

TEST_CASE("base bundle compares the bytes when the hash and size match (a collision)",
          "[compiler][compress]") {
  ReadBase read;
  const Frames& expected = read.expected;
  sheaf::BaseBundle& base = read.base;
  for (size_t j = 0; j < expected.contents.size(); ++j) {
    const uint64_t hash = base.frames[j].content_hash;
    // Frame j's hash given for other bytes of its size: what a collision would look like.
    CHECK(base.find(hash, altered(expected.contents[j])) == -1);
    CHECK(base.find(hash, expected.contents[j]) == static_cast<int64_t>(j));
  }
  // Another frame's content under frame 0's hash: not frame 0, whatever their sizes.
  CHECK(base.find(base.frames[0].content_hash, expected.contents[1]) == -1);
}

TEST_CASE("base bundle finds a kept source by its bytes and hands its stored frame",
          "[compiler][compress]") {
  const sheaf::test::TempDir dir;
  const std::string file = small_bundle(true);
  sheaf::test::write_file(dir / "kept.sheaf", file);
  sheaf::BaseBundle base;
  sheaf::Progress progress(sheaf::ProgressMode::off);
  REQUIRE(sheaf::read_base_bundle(dir / "kept.sheaf", base, progress).ok());
  const sheaf::Bundle b =
      sheaf::Bundle::open(
          sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(file.data()), file.size()))
          .value();
  REQUIRE(b.source_count() == 8);
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    const sheaf::SourceView s = b.source(k).value();
    const int i = std::stoi(std::string(s.path.substr(s.path.rfind('/') + 1)));
    const std::string_view stored(reinterpret_cast<const char*>(s.frame.data()), s.frame.size());
    CHECK(base.find_source(small_input(i)) == stored);
    CHECK(base.find_source(altered(small_input(i))).empty());  // same size, other bytes
  }
  CHECK(base.find_source("").empty());
  sheaf::BaseBundle none;  // nothing read: nothing found
  CHECK(none.find_source(small_input(0)).empty());
}

TEST_CASE("base bundle still reads its frames after its file is replaced by rename",
          "[compiler][compress]") {
  // -o naming the base: the output is written next to it and renamed over it.
  ReadBase read;
  const Frames& expected = read.expected;
  sheaf::BaseBundle& base = read.base;
  sheaf::test::write_file(read.dir / "new.sheaf", std::string(read.file.size() * 2, 'z'));
  REQUIRE(std::rename((read.dir / "new.sheaf").c_str(), read.path().c_str()) == 0);
  for (size_t j = 0; j < expected.contents.size(); ++j) {
    CHECK(base.find(expected.contents[j]) == static_cast<int64_t>(j));
    CHECK(base.compressed_of(base.frames[j]) == expected.stored[j]);
  }
}

TEST_CASE("reading a damaged base fails and keeps nothing", "[compiler][compress]") {
  const sheaf::test::TempDir dir;
  std::string file = small_bundle();
  const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(
      sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(file.data()), file.size()));
  REQUIRE(b.ok());
  const sheaf::ByteSpan last = b.value().frame(b.value().frame_count() - 1).value().bytes;
  // A byte inside the last frame: the file still opens, the frame does not decode.
  file[static_cast<size_t>(last.data() - reinterpret_cast<const uint8_t*>(file.data())) +
       last.size() / 2] ^= 0x20;
  sheaf::test::write_file(dir / "damaged.sheaf", file);
  sheaf::Progress progress(sheaf::ProgressMode::off);
  sheaf::BaseBundle base;
  const sheaf::Status read = sheaf::read_base_bundle(dir / "damaged.sheaf", base, progress);
  CHECK_FALSE(read.ok());
  CHECK(read.message().find("--base: damaged") != std::string::npos);
  CHECK(base.frames.empty());
  CHECK(base.find(frames_of(small_bundle()).contents[0]) == -1);
}
