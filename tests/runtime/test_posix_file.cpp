// tests/runtime: MappedFile maps files read-only, with each readahead hint, and names failures.
#include <cerrno>
#include <cstdio>
#include <string>

#include <sheaf/posix_file.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

using sheaf::Access;
using sheaf::Errc;
using sheaf::MappedFile;

TEST_CASE("a file maps the same bytes whatever the access hint", "[runtime]") {
  const std::string path = sheaf::test::temp_path("mapped.bin");
  const std::string content = "sheaf mapped file test\n";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  for (const Access access : {Access::normal, Access::random, Access::sequential}) {
    MappedFile m;
    REQUIRE(m.open(path.c_str(), access) == Errc::ok);
    REQUIRE(m.bytes().size() == content.size());
    CHECK(std::string(reinterpret_cast<const char*>(m.bytes().data()), m.bytes().size()) ==
          content);
    MappedFile moved = std::move(m);
    CHECK(m.bytes().empty());  // NOLINT(bugprone-use-after-move): a moved-from file is empty
    CHECK(moved.bytes().size() == content.size());
  }
  std::remove(path.c_str());
}

TEST_CASE("mapping failures are values with the reason", "[runtime]") {
  MappedFile m;
  CHECK(m.open("/nonexistent/sheaf/bundle") == Errc::io_error);
  CHECK(m.error_number() == ENOENT);
  CHECK(m.open("/tmp") == Errc::io_error);
  CHECK(m.error_number() == EISDIR);
  const std::string empty = sheaf::test::temp_path("empty.bin");
  std::fclose(std::fopen(empty.c_str(), "wb"));
  CHECK(m.open(empty.c_str(), Access::random) == Errc::ok);
  CHECK(m.bytes().empty());
  std::remove(empty.c_str());
}

TEST_CASE("an open descriptor maps whole and stays the caller's", "[runtime]") {
  const std::string path = sheaf::test::temp_path("mapped-fd.bin");
  const std::string content = "mapped through a descriptor\n";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::lseek(fd, 5, SEEK_SET) == 5);  // the position does not matter: the whole file maps
  MappedFile m;
  REQUIRE(m.map(fd, Access::sequential) == Errc::ok);
  CHECK(std::string(reinterpret_cast<const char*>(m.bytes().data()), m.bytes().size()) == content);
  CHECK(::fcntl(fd, F_GETFD) != -1);  // still open
  ::close(fd);
  CHECK(m.bytes().size() == content.size());  // the mapping outlives the descriptor
  CHECK(m.map(fd) == Errc::io_error);         // closed now
  CHECK(m.error_number() == EBADF);
  std::remove(path.c_str());
}
