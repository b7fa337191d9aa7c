// tests/compiler/write: a bundle replaces its file whole, or not at all.
#include <filesystem>

#include "support/catch.hpp"
#include "support/test_support.hpp"
#include "write/atomic_file.hpp"

namespace {

size_t entries_in(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("a successful write replaces the file and leaves no temporary", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  sheaf::test::write_file(dir / "out.sheaf", "old");
  CHECK(sheaf::write_file_atomically(dir / "out.sheaf", "new", nullptr).empty());
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "new");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a failed check keeps the old file and removes the temporary", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  sheaf::test::write_file(dir / "out.sheaf", "old");
  std::string seen;
  const std::string error =
      sheaf::write_file_atomically(dir / "out.sheaf", "new", [&](const std::string& temp) {
        seen = sheaf::test::read_file(temp);
        return std::string("does not verify");
      });
  CHECK(error ==
        dir / "out.sheaf" +
            ": not written, any existing file of that name is unchanged (does not verify)");
  CHECK(seen == "new");  // the check saw the complete new content
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "old");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("write errors name the file and the reason", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  CHECK(sheaf::write_file_atomically(dir / "no/such/dir/x.sheaf", "x", nullptr)
            .find("No such file") != std::string::npos);
  CHECK(sheaf::write_file_atomically(dir.path(), "x", nullptr).find("is a directory") !=
        std::string::npos);
  const std::string full = sheaf::write_file_atomically("/dev/full", "x", nullptr);
  CHECK(full.find("/dev/full") != std::string::npos);
  CHECK(full.find("No space left") != std::string::npos);
}
