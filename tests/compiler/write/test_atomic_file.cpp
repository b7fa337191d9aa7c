// tests/compiler/write: a bundle replaces its file whole, or not at all.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
  CHECK(sheaf::write_file_atomically(dir / "out.sheaf", "new", nullptr).ok());
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "new");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a failed check keeps the old file and removes the temporary", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  sheaf::test::write_file(dir / "out.sheaf", "old");
  std::string seen;
  const sheaf::Status error =
      sheaf::write_file_atomically(dir / "out.sheaf", "new", [&](const std::string& temp) {
        seen = sheaf::test::read_file(temp);
        return sheaf::Status::corrupt("does not verify");
      });
  CHECK(error.code() == sheaf::StatusCode::corrupt);  // the check's code, not the writer's
  CHECK(error.message() ==
        dir / "out.sheaf" +
            ": not written, any existing file of that name is unchanged (does not verify)");
  CHECK(seen == "new");  // the check saw the complete new content
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "old");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a streamed write: pieces in order, or on the producer's failure nothing",
          "[compiler][write]") {
  const sheaf::test::TempDir dir;
  sheaf::test::write_file(dir / "out.sheaf", "old");
  const auto pieces = [](const sheaf::TempFileSink& write) {
    CHECK(write("ne"));
    CHECK(write("w"));
    return sheaf::Status();
  };
  CHECK(sheaf::write_file_atomically(dir / "out.sheaf", pieces, nullptr).ok());
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "new");
  bool checked = false;
  const sheaf::Status error = sheaf::write_file_atomically(
      dir / "out.sheaf",
      [](const sheaf::TempFileSink& write) {
        CHECK(write("half"));
        return sheaf::Status::corrupt("the patch is damaged");
      },
      [&checked](const std::string&) {
        checked = true;
        return sheaf::Status();
      });
  CHECK(error.code() == sheaf::StatusCode::corrupt);
  CHECK(error.message() == dir / "out.sheaf" +
                               ": not written, any existing file of that name is unchanged (the "
                               "patch is damaged)");
  CHECK_FALSE(checked);  // a failed producer's file is never checked
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "new");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("write errors name the file and the reason", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  const sheaf::Status missing =
      sheaf::write_file_atomically(dir / "no/such/dir/x.sheaf", "x", nullptr);
  CHECK(missing.code() == sheaf::StatusCode::io_error);
  CHECK(missing.message().find("No such file") != std::string::npos);
  CHECK(sheaf::write_file_atomically(dir.path(), "x", nullptr).message().find("is a directory") !=
        std::string::npos);
  const std::string full = sheaf::write_file_atomically("/dev/full", "x", nullptr).message();
  CHECK(full.find("/dev/full") != std::string::npos);
  CHECK(full.find("No space left") != std::string::npos);
}

namespace {

/// Runs write_verified_to_stdout with TMPDIR set to `tmpdir` and a pipe as standard output;
/// returns its result, and in `sent` what came out of the pipe.
std::string to_pipe(const std::string& tmpdir, const std::vector<std::string_view>& pieces,
                    const sheaf::TempFileCheck& check, std::string& sent) {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("TMPDIR", tmpdir.c_str(), 1);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  // Small enough to fit the pipe's buffer, so one thread can write then read.
  std::string result = sheaf::write_verified_to_stdout(pieces, check, fds[1]).message();
  ::close(fds[1]);
  sent.clear();
  char buffer[4096];
  for (ssize_t n = ::read(fds[0], buffer, sizeof buffer); n > 0;
       n = ::read(fds[0], buffer, sizeof buffer)) {
    sent.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (old != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  return result;
}

}  // namespace

TEST_CASE(
    "output to standard output (-o -): the checked bundle goes to standard output, no temporary "
    "stays",
    "[compiler][write]") {
  const sheaf::test::TempDir dir;
  std::string checked;
  std::string sent;
  const std::string error = to_pipe(
      dir.path(), {"head|", "body|", "tail"},
      [&](const std::string& temp) {
        checked = sheaf::test::read_file(temp);
        return sheaf::Status();
      },
      sent);
  CHECK(error.empty());
  CHECK(checked == "head|body|tail");
  CHECK(sent == "head|body|tail");
  CHECK(entries_in(dir.path()) == 0);
}

TEST_CASE("output to standard output (-o -): a failed check sends nothing", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  std::string sent = "unset";
  const std::string error = to_pipe(
      dir.path(), {"half a bundle"},
      [](const std::string&) { return sheaf::Status::corrupt("does not verify"); }, sent);
  CHECK(error == "standard output: nothing written (does not verify)");
  CHECK(sent.empty());
  CHECK(entries_in(dir.path()) == 0);
}

TEST_CASE(
    "output to standard output (-o -): a reader that went away is an error, not a SIGPIPE death",
    "[compiler][write]") {
  const sheaf::test::TempDir dir;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[0]);
  ::setenv("TMPDIR", dir.path().c_str(), 1);
  const sheaf::Status error = sheaf::write_verified_to_stdout({"bundle"}, nullptr, fds[1]);
  ::unsetenv("TMPDIR");
  ::close(fds[1]);
  CHECK(error.code() == sheaf::StatusCode::io_error);
  CHECK(error.message() == "standard output: cannot write: Broken pipe (0 of 6 bytes sent)");
  CHECK(entries_in(dir.path()) == 0);
}

TEST_CASE("a 250-byte output name: the temporary name next to it stays within NAME_MAX",
          "[compiler][write]") {
  const sheaf::test::TempDir dir;
  const std::string name = std::string(245, 'n') + ".sheaf";  // 251 bytes: a valid name
  std::string temp_seen;
  const sheaf::Status status =
      sheaf::write_file_atomically(dir / name, "new", [&](const std::string& temp) {
        temp_seen = temp.substr(temp.find_last_of('/') + 1);
        return sheaf::Status();
      });
  CHECK(status.ok());
  CHECK(sheaf::test::read_file(dir / name) == "new");
  CHECK(temp_seen.size() <= 255);
  CHECK(temp_seen.rfind("." + std::string(200, 'n') + ".tmp.", 0) == 0);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a terminating signal during the write removes the temporary file", "[compiler][write]") {
  for (const int sig : {SIGQUIT, SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM}) {
    const sheaf::test::TempDir dir;
    sheaf::test::write_file(dir / "out.sheaf", "old");
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      const rlimit no_core{0, 0};
      ::setrlimit(RLIMIT_CORE, &no_core);  // SIGQUIT: no core file
      std::signal(sig, SIG_DFL);
      // The signal arrives while the full temporary file exists (in the read-back check).
      (void)sheaf::write_file_atomically(dir / "out.sheaf", std::string(1 << 20, 'x'),
                                         [sig](const std::string&) {
                                           ::kill(::getpid(), sig);
                                           return sheaf::Status();
                                         });
      ::_exit(0);  // not reached when the signal killed the child
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    INFO("signal " << sig << " (" << strsignal(sig) << ")");
    CHECK(WIFSIGNALED(status));
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == sig));
    CHECK(sheaf::test::read_file(dir / "out.sheaf") == "old");
    CHECK(entries_in(dir.path()) == 1);  // no temporary file left
  }
}

TEST_CASE("a signal the caller ignores stays ignored during a write", "[compiler][write]") {
  const sheaf::test::TempDir dir;
  void (*before)(int) = std::signal(SIGHUP, SIG_IGN);  // as under nohup
  const sheaf::Status status =
      sheaf::write_file_atomically(dir / "out.sheaf", "new", [](const std::string&) {
        ::kill(::getpid(), SIGHUP);
        return sheaf::Status();
      });
  std::signal(SIGHUP, before);
  CHECK(status.ok());
  CHECK(sheaf::test::read_file(dir / "out.sheaf") == "new");
}
