// tests/compiler/cli: a mapped file truncated before it is read gives an I/O error, not a
// SIGBUS death (issue 13). Deterministic: the child maps, truncates, then reads.
#include <csignal>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/bus_guard.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

struct ChildResult {
  int status = 0;
  std::string stderr_text;
};

// Runs `body` in a child process whose stderr is captured.
template <class F>
ChildResult in_child(F body) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    body();
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  ChildResult result;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof(buffer))) > 0;) {
    result.stderr_text.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  REQUIRE(::waitpid(child, &result.status, 0) == child);
  return result;
}

// Maps `path` (64 KiB), truncates it to 0, and reads its last byte.
void map_truncate_read(const std::string& path, bool guarded) {
  const int fd = ::open(path.c_str(), O_RDWR);
  const size_t size = 64 * 1024;
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    ::_exit(7);
  }
  if (guarded) {
    sheaf::cli::guard_mapped_reads(map, size, path);
  }
  if (::ftruncate(fd, 0) != 0) {
    ::_exit(8);
  }
  const volatile unsigned char* bytes = static_cast<const unsigned char*>(map);
  const unsigned char last = bytes[size - 1];  // the page is gone: SIGBUS
  ::_exit(last == 0 ? 9 : 10);                 // not reached
}

}  // namespace

TEST_CASE("a mapped bundle truncated before the read: an I/O error naming the file",
          "[compiler][cli][sigbus]") {
  const sheaf::test::TempDir dir;
  const std::string path = dir / "shrinks.sheaf";
  sheaf::test::write_file(path, std::string(64 * 1024, 'x'));
  const ChildResult guarded = in_child([&] { map_truncate_read(path, true); });
  CHECK(WIFEXITED(guarded.status));
  CHECK((WIFEXITED(guarded.status) && WEXITSTATUS(guarded.status) == 1));
  CHECK(guarded.stderr_text == "sheaf: error: " + path +
                                   ": I/O error: the file shrank or could not be read while it "
                                   "was being read (SIGBUS); nothing after this point was read\n");

  // Without the guard the same steps die of SIGBUS: the case above is not vacuous.
  sheaf::test::write_file(path, std::string(64 * 1024, 'x'));
  const ChildResult bare = in_child([&] { map_truncate_read(path, false); });
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer catches the SIGBUS itself (handle_sigbus) and exits with its report.
  CHECK((WIFEXITED(bare.status) && WEXITSTATUS(bare.status) != 0));
  CHECK(bare.stderr_text.find("BUS") != std::string::npos);
#else
  CHECK((WIFSIGNALED(bare.status) && WTERMSIG(bare.status) == SIGBUS));
#endif
}

TEST_CASE("a SIGBUS that is not a mapped read keeps its default action",
          "[compiler][cli][sigbus]") {
  static char region[16];
  const ChildResult sent = in_child([] {
    sheaf::cli::guard_mapped_reads(region, sizeof(region), "x");
    ::kill(::getpid(), SIGBUS);  // sent, not a fault: never reported as an I/O error
  });
  CHECK((WIFSIGNALED(sent.status) && WTERMSIG(sent.status) == SIGBUS));
  CHECK(sent.stderr_text.empty());
}
