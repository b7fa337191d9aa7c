// tests/compiler/cli: unpack's file names never fail (issue 13).
#include <set>
#include <string>
#include <vector>

#include "cli/id_paths.hpp"
#include "support/catch.hpp"

using sheaf::cli::kNameMax;
using sheaf::cli::plan_article_files;
using sheaf::cli::plan_source_files;
using sheaf::cli::PlannedFile;

namespace {

// Every component within NAME_MAX, no two files the same, no file where a folder goes.
void check_writable(const std::vector<PlannedFile>& files) {
  std::set<std::string> paths;
  std::set<std::string> folders;
  for (const PlannedFile& f : files) {
    size_t start = 0;
    for (size_t slash = f.path.find('/');; slash = f.path.find('/', slash + 1)) {
      const size_t end = slash == std::string::npos ? f.path.size() : slash;
      CHECK(end - start <= kNameMax);
      CHECK(end > start);
      if (slash == std::string::npos) {
        break;
      }
      folders.insert(f.path.substr(0, slash));
      start = slash + 1;
    }
    CHECK(paths.insert(f.path).second);
  }
  for (const std::string& p : paths) {
    CHECK(folders.count(p) == 0);
  }
  CHECK(paths.count(sheaf::cli::kManifestName) == 0);
}

}  // namespace

TEST_CASE("article files: the plain rule where it works", "[compiler][cli][names]") {
  const auto files = plan_article_files({"notices/50%-off", "a/./b", "bare"});
  REQUIRE(files.size() == 3);
  CHECK(files[0].path == "notices/50%25-off.json");
  CHECK(files[1].path == "a/%2E/b.json");
  CHECK(files[2].path == "bare.json");
  CHECK_FALSE(files[0].changed);
  CHECK_FALSE(files[2].changed);
}

TEST_CASE("article files: long ids are shortened with a hash", "[compiler][cli][names]") {
  const std::string long_id(300, 'x');
  const std::string percents(100, '%');  // 300 bytes once escaped
  const auto files =
      plan_article_files({long_id, long_id + "y", percents, long_id + "/a", long_id + "/b"});
  check_writable(files);
  CHECK(files[0].changed);
  CHECK(files[0].path != files[1].path);
  CHECK(files[2].path.size() <= kNameMax);
  CHECK(files[2].path.find("%2~") == std::string::npos);  // never cut inside an escape
  CHECK(files[2].path.substr(files[2].path.size() - 5) == ".json");
  // The same long folder keeps one short name.
  CHECK(files[3].path.substr(0, files[3].path.find('/')) ==
        files[4].path.substr(0, files[4].path.find('/')));
  CHECK(plan_article_files({long_id})[0].path == files[0].path);  // deterministic
}

TEST_CASE("article files: a file where a folder goes is renamed", "[compiler][cli][names]") {
  const auto files = plan_article_files({"a", "a.json/b", "sheaf-manifest"});
  check_writable(files);
  CHECK(files[0].changed);
  CHECK(files[0].path.rfind("a~", 0) == 0);
  CHECK(files[1].path == "a.json/b.json");
  CHECK_FALSE(files[1].changed);
  CHECK(files[2].changed);  // the manifest's name is reserved
}

TEST_CASE("source files: names are kept where the file system allows", "[compiler][cli][names]") {
  const auto files = plan_source_files({"50% off.txt", "x.json", "x.json/y.txt", "a/../b",
                                        std::string("nul\0byte", 8), std::string(300, 's')});
  check_writable(files);
  CHECK(files[0].path == "50% off.txt");
  CHECK_FALSE(files[0].changed);
  CHECK(files[1].changed);
  CHECK(files[1].path.rfind("x~", 0) == 0);
  CHECK(files[1].path.substr(files[1].path.size() - 5) == ".json");  // the extension stays
  CHECK(files[2].path == "x.json/y.txt");
  CHECK(files[3].path == "a/%2E%2E/b");
  CHECK(files[3].changed);
  CHECK(files[4].path == "nul%00byte");
  CHECK(files[5].changed);
}
