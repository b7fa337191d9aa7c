// tests/e2e: build real inputs, read every article back through the runtime, and compare it
// field by field with what the compiler parsed. Also: determinism across input order and
// thread count.
#include <algorithm>
#include <filesystem>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "extract/extract.hpp"
#include "ingest/discover.hpp"
#include "ingest/ingest.hpp"
#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

using sheaf::Article;

// What the compiler parses from `inputs`, in bundle order.
std::vector<Article> parse(const std::vector<std::string>& inputs) {
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  const auto files = sheaf::discover(inputs, fs, diagnostics);
  std::vector<Article> articles =
      sheaf::extract(sheaf::ingest(files, fs, diagnostics), diagnostics);
  std::sort(articles.begin(), articles.end(),
            [](const Article& a, const Article& b) { return a.id < b.id; });  // ids are unique
  return articles;
}

void build(const std::vector<std::string>& inputs, const std::string& output, int level = 19,
           unsigned threads = 0) {
  sheaf::BuildOptions options;
  options.inputs = inputs;
  options.output = output;
  options.level = level;
  options.threads = threads;
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  const bool ok = sheaf::run_build(options, fs, diagnostics, report);
  for (const sheaf::Diagnostic& d : diagnostics.items()) {
    if (d.severity == sheaf::Severity::error) {
      UNSCOPED_INFO(sheaf::format_diagnostic(d));
    }
  }
  REQUIRE(ok);
}

std::vector<std::string> categories_of(const sheaf::Record& a) {
  std::vector<std::string> out;
  for (uint32_t k = 0; k < a.category_count(); ++k) {
    out.emplace_back(a.category(k).value());
  }
  return out;
}

// Every article of the bundle at `path` equals the parsed one, body included.
void compare_bundle(const std::string& path, const std::vector<Article>& expected) {
  sheaf::MappedFile file;
  REQUIRE(file.open(path.c_str()) == sheaf::Errc::ok);
  const auto opened = sheaf::Bundle::open(file.bytes());
  REQUIRE(opened.ok());
  const sheaf::Bundle& b = opened.value();
  REQUIRE(sheaf::verify_all(b) == sheaf::Errc::ok);
  REQUIRE(b.size() == expected.size());
  std::vector<uint64_t> workspace((sheaf::Decoder::workspace_size(b) + 7) / 8);
  sheaf::Decoder d =
      sheaf::Decoder::init(b, sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()),
                                                     workspace.size() * 8))
          .value();
  std::vector<uint8_t> buffer(b.info().max_read_size);
  size_t mismatches = 0;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Article& e = expected[i];
    const auto record = d.read(i, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
    REQUIRE(record.ok());
    const sheaf::Record& a = record.value();
    const auto site = b.site_of(a);
    REQUIRE(site.ok());
    const bool same =
        a.id == e.id && a.title == e.title && a.subtitle == e.subtitle && a.date == e.date &&
        a.source == e.source && a.author == e.author && a.location == e.location &&
        a.url == e.url && categories_of(a) == e.categories &&
        a.body == sheaf::join_body(e.paragraphs) && site.value().name == e.site->name &&
        site.value().copyright == e.site->copyright && site.value().icp == e.site->icp;
    if (!same && ++mismatches <= 5) {
      FAIL_CHECK("article " << e.id << " (" << e.origin << ") differs after the round trip");
    }
  }
  CHECK(mismatches == 0);
}

std::string corpus_or_skip(const std::string& sub) {
  const std::string corpus = sheaf::test::corpus_dir();
  if (corpus.empty()) {
    WARN("SKIPPED: shared corpus not found at " << SHEAF_CORPUS_DIR);
    return "";
  }
  return corpus + "/" + sub;
}

}  // namespace

TEST_CASE("examples/articles/ round-trips through a bundle", "[e2e]") {
  const sheaf::test::TempDir dir;
  const std::string examples = sheaf::test::source_dir() + "/examples/articles";
  build({examples}, dir / "ex.sheaf");
  compare_bundle(dir / "ex.sheaf", parse({examples}));
}

TEST_CASE("corpus text-zh round-trips through a bundle", "[e2e][corpus]") {
  const std::string input = corpus_or_skip("text-zh");
  if (input.empty()) {
    return;
  }
  const sheaf::test::TempDir dir;
  build({input}, dir / "zh.sheaf");
  compare_bundle(dir / "zh.sheaf", parse({input}));
}

TEST_CASE("corpus bulk round-trips through a bundle", "[e2e][corpus]") {
  const std::string input = corpus_or_skip("bulk");
  if (input.empty()) {
    return;
  }
  const sheaf::test::TempDir dir;
  build({input}, dir / "bulk.sheaf", 3);  // a fast level: this test is about content, not size
  const std::vector<Article> expected = parse({input});
  CHECK(expected.size() > 20000);
  compare_bundle(dir / "bulk.sheaf", expected);
}

TEST_CASE("the same inputs give byte-identical bundles whatever the order and threads",
          "[e2e][determinism]") {
  namespace fs = std::filesystem;
  const sheaf::test::TempDir dir;
  const std::string examples = sheaf::test::source_dir() + "/examples/articles";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(examples)) {
    if (e.is_regular_file()) {
      files.push_back(fs::relative(e.path(), examples));
    }
  }
  std::sort(files.begin(), files.end());
  // Two copies, the files created in opposite orders (directory order differs on disk).
  for (const char* copy : {"a", "b"}) {
    if (std::string(copy) == "b") {
      std::reverse(files.begin(), files.end());
    }
    for (const fs::path& f : files) {
      fs::create_directories((fs::path(dir / copy) / f).parent_path());
      fs::copy_file(fs::path(examples) / f, fs::path(dir / copy) / f);
    }
  }
  build({dir / "a"}, dir / "a1.sheaf", 19, 1);
  build({dir / "b"}, dir / "b2.sheaf", 19, 2);
  // Arguments in another order: two sub-folders given separately in reverse.
  build({dir / "a/records", dir / "a/notices"}, dir / "c1.sheaf", 19, 1);
  build({dir / "b/notices", dir / "b/records"}, dir / "c2.sheaf", 19, 2);
  const std::string a = sheaf::test::read_file(dir / "a1.sheaf");
  CHECK(!a.empty());
  CHECK(a == sheaf::test::read_file(dir / "b2.sheaf"));
  CHECK(sheaf::test::read_file(dir / "c1.sheaf") == sheaf::test::read_file(dir / "c2.sheaf"));
}
