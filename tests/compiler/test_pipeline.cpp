// tests/compiler: the whole pipeline in memory. Inputs are read from a MemoryFileSystem and the
// bundle is written back into it, so a build needs no disk; the report comes from the stages.
#include <string>

#include <sheaf/sheaf.hpp>

#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/memory_filesystem.hpp"

namespace {

sheaf::MemoryFileSystem two_articles() {
  sheaf::MemoryFileSystem fs;
  fs.add_file("in/a.md", "---\ntitle: Alpha\n---\nThe first article's body.\n");
  fs.add_file("in/b.txt", "Beta\n\nThe second article's body, a little longer.\n");
  return fs;
}

sheaf::BuildOptions options_for(const std::string& output) {
  sheaf::BuildOptions options;
  options.inputs = {"in"};
  options.output = output;
  options.level = 3;
  options.threads = 1;
  options.dictionary_size = 0;
  return options;
}

}  // namespace

TEST_CASE("pipeline: a build in memory writes a bundle that opens", "[compiler][pipeline]") {
  sheaf::MemoryFileSystem fs = two_articles();
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  REQUIRE(sheaf::run_build(options_for("out/x.sheaf"), fs, diagnostics, report));
  CHECK(diagnostics.items().empty());
  const std::string file = fs.read_file("out/x.sheaf").bytes;
  const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(
      sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(file.data()), file.size()));
  REQUIRE(b.ok());
  CHECK(b.value().size() == 2);
  CHECK(sheaf::verify_all(b.value()) == sheaf::Errc::ok);
  CHECK(report.input_files == 2);
  CHECK(report.articles == 2);
  CHECK(report.file_bytes == file.size());
  CHECK(report.frames >= 1);
  CHECK(report.dictionary_bytes == 0);
  CHECK(report.data_bytes > 0);
  CHECK(report.index_bytes > 0);
  CHECK(report.index_bytes + report.data_bytes < report.file_bytes);
}

TEST_CASE("pipeline: -o - sends the same bytes to standard output", "[compiler][pipeline]") {
  sheaf::MemoryFileSystem fs = two_articles();
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  REQUIRE(sheaf::run_build(options_for("x.sheaf"), fs, diagnostics, report));
  REQUIRE(sheaf::run_build(options_for("-"), fs, diagnostics, report));
  CHECK(fs.standard_output() == fs.read_file("x.sheaf").bytes);
}

TEST_CASE("pipeline: a failed write is one write-failed error", "[compiler][pipeline]") {
  sheaf::MemoryFileSystem fs = two_articles();
  fs.add_unwritable_path("out/x.sheaf", "No space left on device");
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  CHECK_FALSE(sheaf::run_build(options_for("out/x.sheaf"), fs, diagnostics, report));
  REQUIRE(diagnostics.items().size() == 1);
  const sheaf::Diagnostic& d = diagnostics.items()[0];
  CHECK(d.code == sheaf::DiagCode::write_failed);
  CHECK(d.message.find("No space left on device") != std::string::npos);
  CHECK(report.articles == 2);    // what the stages before the write found is still reported
  CHECK(report.file_bytes == 0);  // but no output
}

TEST_CASE("pipeline: no articles is an error and nothing is written", "[compiler][pipeline]") {
  sheaf::MemoryFileSystem fs;
  fs.add_file("in/empty.txt", "  \n");
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  CHECK_FALSE(sheaf::run_build(options_for("x.sheaf"), fs, diagnostics, report));
  REQUIRE(diagnostics.items().size() == 2);
  CHECK(diagnostics.items()[0].code == sheaf::DiagCode::empty_file);
  CHECK(diagnostics.items()[1].code == sheaf::DiagCode::no_articles);
  CHECK(fs.stat("x.sheaf").kind == sheaf::FileKind::missing);
}

TEST_CASE("pipeline: an output that is one of the inputs is refused, the input unchanged",
          "[compiler][pipeline]") {
  sheaf::MemoryFileSystem fs = two_articles();
  const std::string before = fs.read_file("in/b.txt").bytes;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  CHECK_FALSE(sheaf::run_build(options_for("in/./b.txt"), fs, diagnostics, report));
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].code == sheaf::DiagCode::write_failed);
  CHECK(diagnostics.items()[0].file == "in/./b.txt");
  CHECK(diagnostics.items()[0].message.find("the output is the input file in/b.txt") == 0);
  CHECK(fs.read_file("in/b.txt").bytes == before);
  CHECK(report.input_files == 0);  // refused before anything was read
}
