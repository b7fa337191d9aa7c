// tests/e2e: golden bundles, byte for byte. They pin the format (the SPEC's worked example is
// tests/golden/hi.sheaf) and determinism across machines. After an intended format, zstd or
// version change, rewrite them with SHEAF_UPDATE_GOLDEN=1 and review the diff.
#include <cstdlib>

#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

TEST_CASE("the smallest bundle matches its golden file", "[golden]") {
  const std::string golden_dir = sheaf::test::source_dir() + "/tests/golden";
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = {golden_dir + "/hi"};
  options.output = dir / "hi.sheaf";
  options.dictionary_size = 0;
  options.no_charset = true;  // the smallest bundle: no optional tables
  options.no_navigation = true;
  options.no_titles = true;
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  ::unsetenv("SOURCE_DATE_EPOCH");
  REQUIRE(sheaf::run_build(options, fs, diagnostics, report));
  const std::string built = sheaf::test::read_file(options.output);
  if (std::getenv("SHEAF_UPDATE_GOLDEN") != nullptr) {
    sheaf::test::write_file(golden_dir + "/hi.sheaf", built);
    WARN("rewrote tests/golden/hi.sheaf");
  }
  CHECK(built.size() == 288);
  CHECK(built == sheaf::test::read_file(golden_dir + "/hi.sheaf"));
}
