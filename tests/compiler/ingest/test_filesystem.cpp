// Tests for ingest/filesystem.hpp: MemoryFileSystem in memory, RealFileSystem on a temp dir
// (symbolic link loops, dangling links, permission errors).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "ingest/filesystem.hpp"
#include "support/catch.hpp"
#include "support/memory_filesystem.hpp"

namespace fs = std::filesystem;
using sheaf::FileKind;

namespace {

/// A fresh directory under the system temp dir, removed with everything in it at scope end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sheaf-fs-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    REQUIRE(mkdtemp(buffer.data()) != nullptr);
    root_ = buffer.data();
  }

  ~TempDir() {
    std::error_code ec;
    for (const std::string& p : locked_) {
      fs::permissions(p, fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(root_, ec);
  }

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path(const std::string& rel) const { return root_ + "/" + rel; }

  std::string write(const std::string& rel, const std::string& bytes) const {
    std::string p = path(rel);
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  /// Removes every permission from `rel`; restored before cleanup.
  std::string lock(const std::string& rel) {
    std::string p = path(rel);
    fs::permissions(p, fs::perms::none);
    locked_.push_back(p);
    return p;
  }

 private:
  std::string root_;
  std::vector<std::string> locked_;
};

bool running_as_root() {
  return geteuid() == 0;
}

}  // namespace

TEST_CASE("MemoryFileSystem: files, implied directories and listing", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("corpus/news/a.txt", "A");
  mem.add_file("corpus/news/b.txt", "B");
  mem.add_file("corpus/feed.jsonl", "{}");

  CHECK(mem.stat("corpus/news/a.txt").kind == FileKind::regular);
  CHECK(mem.stat("corpus").kind == FileKind::directory);
  CHECK(mem.stat("corpus/news/").kind == FileKind::directory);
  CHECK(mem.stat("./corpus//news").kind == FileKind::directory);
  CHECK(mem.stat("corpus/new").kind == FileKind::missing);
  CHECK(mem.stat("corpus/news").identity == mem.stat("corpus/./news/").identity);

  CHECK(mem.list_dir("corpus").names == std::vector<std::string>{"feed.jsonl", "news"});
  CHECK(mem.list_dir(".").names == std::vector<std::string>{"corpus"});
  CHECK_FALSE(mem.list_dir("corpus/feed.jsonl").error.empty());

  const auto read = mem.read_file("corpus/news/b.txt");
  CHECK(read.ok());
  CHECK(read.bytes == "B");
  CHECK(mem.read_file("corpus/none.txt").error == "cannot read file: No such file or directory");
  CHECK(mem.read_file("corpus").error == "cannot read file: Is a directory");
}

TEST_CASE("MemoryFileSystem: an unreadable file is listed but fails to read",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_unreadable_file("in/locked.txt", "Permission denied");
  CHECK(mem.stat("in/locked.txt").kind == FileKind::regular);
  CHECK(mem.list_dir("in").names == std::vector<std::string>{"locked.txt"});
  const auto read = mem.read_file("in/locked.txt");
  CHECK_FALSE(read.ok());
  CHECK(read.error == "cannot open file: Permission denied");
}

TEST_CASE("RealFileSystem: regular files, directories and missing paths", "[compiler][ingest]") {
  TempDir tmp;
  const std::string file = tmp.write("docs/a.txt", std::string("bytes\0kept", 10));
  sheaf::RealFileSystem disk;

  CHECK(disk.stat(file).kind == FileKind::regular);
  CHECK(disk.stat(tmp.path("docs")).kind == FileKind::directory);
  CHECK(disk.stat(tmp.path("docs/none.txt")).kind == FileKind::missing);
  CHECK(disk.stat(tmp.path("docs/a.txt/below")).kind == FileKind::missing);
  CHECK(disk.stat(tmp.path("docs")).identity == disk.stat(tmp.path("docs/../docs/")).identity);

  CHECK(disk.list_dir(tmp.path("docs")).names == std::vector<std::string>{"a.txt"});
  const auto read = disk.read_file(file);
  REQUIRE(read.ok());
  CHECK(read.bytes == std::string("bytes\0kept", 10));
  CHECK(disk.read_file(tmp.path("docs/none.txt")).error ==
        "cannot read file: No such file or directory");
  CHECK(disk.read_file(tmp.path("docs")).error == "cannot read file: Is a directory");
  CHECK(disk.list_dir(tmp.path("nowhere")).error.find("cannot list directory") == 0);
}

TEST_CASE("RealFileSystem: symbolic links are followed, dangling ones and loops reported",
          "[compiler][ingest]") {
  TempDir tmp;
  const std::string target = tmp.write("real.txt", "text");
  fs::create_symlink(target, tmp.path("alias.txt"));
  fs::create_symlink(tmp.path("gone.txt"), tmp.path("dangling.txt"));
  fs::create_symlink(tmp.path("loop_b"), tmp.path("loop_a"));
  fs::create_symlink(tmp.path("loop_a"), tmp.path("loop_b"));
  sheaf::RealFileSystem disk;

  const auto alias = disk.stat(tmp.path("alias.txt"));
  CHECK(alias.kind == FileKind::regular);
  CHECK(alias.identity == disk.stat(target).identity);
  CHECK(disk.read_file(tmp.path("alias.txt")).bytes == "text");

  const auto dangling = disk.stat(tmp.path("dangling.txt"));
  CHECK(dangling.kind == FileKind::symlink_dangling);
  CHECK(dangling.error.find("dangling symbolic link") != std::string::npos);
  CHECK(dangling.error.find("gone.txt") != std::string::npos);

  const auto loop = disk.stat(tmp.path("loop_a"));
  CHECK(loop.kind == FileKind::symlink_loop);
  CHECK(loop.error.find("symbolic link loop") != std::string::npos);
  CHECK_FALSE(disk.read_file(tmp.path("loop_a")).ok());
}

TEST_CASE("RealFileSystem: permission errors carry the OS reason", "[compiler][ingest]") {
  if (running_as_root()) {
    WARN("running as root, which can read anything: permission test skipped");
    return;
  }
  TempDir tmp;
  tmp.write("locked.txt", "secret");
  tmp.write("closed/inner.txt", "x");
  const std::string file = tmp.lock("locked.txt");
  const std::string dir = tmp.lock("closed");
  sheaf::RealFileSystem disk;

  const auto read = disk.read_file(file);
  CHECK_FALSE(read.ok());
  CHECK(read.error == "cannot open file: Permission denied");
  const auto list = disk.list_dir(dir);
  CHECK(list.error == "cannot list directory: Permission denied");
  const auto inner = disk.stat(tmp.path("closed/inner.txt"));
  CHECK(inner.kind == FileKind::other);
  CHECK(inner.error == "cannot examine path: Permission denied");
}

TEST_CASE("MemoryFileSystem: written files read back, the check sees the whole file",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  std::string seen;
  const sheaf::WrittenFileCheck check = [&](const std::string& path, std::string_view bytes) {
    seen = path + "=" + std::string(bytes);
    return sheaf::Status();
  };
  REQUIRE(mem.write_file("./d/x.bin", {"ab", "", "cd"}, check).ok());
  CHECK(seen == "./d/x.bin=abcd");
  CHECK(mem.read_file("d/x.bin").bytes == "abcd");
  CHECK(mem.stat("d").kind == FileKind::directory);
  REQUIRE(mem.write_standard_output({"to", "out"}, nullptr).ok());
  CHECK(mem.standard_output() == "toout");
}

TEST_CASE("MemoryFileSystem: a failed write or check leaves the old file", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("d/x.bin", "old");
  const sheaf::Status refused = mem.write_file(
      "d/x.bin", {"new"},
      [](const std::string&, std::string_view) { return sheaf::Status::corrupt("bad"); });
  CHECK(refused.code() == sheaf::StatusCode::corrupt);
  CHECK(refused.message() ==
        "d/x.bin: not written, any existing file of that name is unchanged (bad)");
  CHECK(mem.read_file("d/x.bin").bytes == "old");
  CHECK(mem.write_file("d", {"x"}, nullptr).message() == "d: is a directory");
  mem.add_unwritable_path("d/x.bin", "Read-only file system");
  const sheaf::Status io = mem.write_file("d/x.bin", {"new"}, nullptr);
  CHECK(io.code() == sheaf::StatusCode::io_error);
  CHECK(io.message().find("Read-only file system") != std::string::npos);
  CHECK(mem.read_file("d/x.bin").bytes == "old");
  CHECK_FALSE(mem.write_standard_output({"x"},
                                        [](const std::string&, std::string_view) {
                                          return sheaf::Status::corrupt("bad");
                                        })
                  .ok());
  CHECK(mem.standard_output().empty());
}

TEST_CASE("RealFileSystem: write_file's check sees the written temporary file",
          "[compiler][ingest]") {
  TempDir dir;
  sheaf::RealFileSystem real;
  const std::string path = dir.path("out.bin");
  std::string seen_path;
  std::string seen_bytes;
  REQUIRE(real.write_file(path, {"he", "llo"},
                          [&](const std::string& p, std::string_view b) {
                            seen_path = p;
                            seen_bytes = std::string(b);
                            return sheaf::Status();
                          })
              .ok());
  CHECK(seen_bytes == "hello");
  CHECK(seen_path != path);  // a temporary beside it, renamed afterwards
  CHECK(real.read_file(path).bytes == "hello");
  CHECK(real.write_file(
                path, {"x"},
                [](const std::string&, std::string_view) { return sheaf::Status::corrupt("no"); })
            .code() == sheaf::StatusCode::corrupt);
  CHECK(real.read_file(path).bytes == "hello");
}
