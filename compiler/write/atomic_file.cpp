// compiler, write stage: temp file + fsync + rename, with signal-safe cleanup.
#include "write/atomic_file.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sheaf {
namespace {

// The temp file to remove if a signal arrives while it exists. Signal handlers may only touch
// static storage and call async-signal-safe functions (unlink, signal, raise).
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;

// Every signal whose default action ends the process and that a process may catch. SIGKILL
// and SIGSTOP cannot be caught; SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP and SIGABRT mean a bug
// (a core dump is worth more than a tidy folder then); SIGXFSZ is ignored instead, so that
// a write beyond the file size limit fails with "File too large" and the file is named.
constexpr int kCleanupSignals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT,   SIGPIPE, SIGUSR1,
                                   SIGUSR2, SIGALRM, SIGXCPU, SIGVTALRM, SIGPROF};
constexpr size_t kSignalCount = sizeof(kCleanupSignals) / sizeof(kCleanupSignals[0]);

extern "C" void remove_temp_and_die(int sig) {
  if (g_temp_active != 0) {
    ::unlink(g_temp_path);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);  // blocked until this handler returns, then the default action: the end
}

class TempGuard {
 public:
  // Makes the temporary file from the mkstemp pattern `temp` (its name replaces the pattern)
  // and its cleanup on signals, with those signals blocked in between: there is no moment when
  // the file exists and a signal would leave it. fd() is -1 (errno set) when mkstemp failed.
  explicit TempGuard(std::string& temp) {
    sigset_t block;
    sigset_t old;
    sigemptyset(&block);
    for (const int sig : kCleanupSignals) {
      sigaddset(&block, sig);
    }
    ::sigprocmask(SIG_BLOCK, &block, &old);
    install();
    fd_ = ::mkstemp(temp.data());
    const int err = errno;
    if (fd_ >= 0) {
      std::strncpy(g_temp_path, temp.c_str(), sizeof(g_temp_path) - 1);
      g_temp_active = 1;
    }
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
    errno = err;
  }

  TempGuard(const TempGuard&) = delete;
  TempGuard& operator=(const TempGuard&) = delete;

  ~TempGuard() {
    if (g_temp_active != 0) {
      ::unlink(g_temp_path);
    }
    g_temp_active = 0;
    for (size_t k = 0; k < kSignalCount; ++k) {
      ::sigaction(kCleanupSignals[k], &previous_[k], nullptr);
    }
    ::sigaction(SIGXFSZ, &previous_xfsz_, nullptr);
  }

  int fd() const { return fd_; }

  void release() { g_temp_active = 0; }  // renamed: nothing to clean up

 private:
  void install() {
    struct sigaction action {};

    action.sa_handler = remove_temp_and_die;
    sigemptyset(&action.sa_mask);
    for (const int sig : kCleanupSignals) {
      sigaddset(&action.sa_mask, sig);  // one cleanup at a time
    }
    for (size_t k = 0; k < kSignalCount; ++k) {
      ::sigaction(kCleanupSignals[k], nullptr, &previous_[k]);
      // A signal the caller ignores (nohup's SIGHUP) stays ignored.
      if (previous_[k].sa_handler != SIG_IGN) {
        ::sigaction(kCleanupSignals[k], &action, nullptr);
      }
    }

    struct sigaction ignore {};

    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGXFSZ, &ignore, &previous_xfsz_);
  }

  int fd_ = -1;

  struct sigaction previous_[kSignalCount] {};

  struct sigaction previous_xfsz_ {};
};

// The temporary file's name next to `base` in `dir`: ".BASE.tmp.XXXXXX", with BASE cut to
// 200 bytes (at a UTF-8 character boundary) so that the name stays within NAME_MAX (255)
// whatever the length of the final name.
std::string temp_name(const std::string& dir, const std::string& base) {
  constexpr size_t kMaxBase = 200;
  size_t keep = base.size() < kMaxBase ? base.size() : kMaxBase;
  while (keep > 0 && keep < base.size() &&
         (static_cast<unsigned char>(base[keep]) & 0xC0) == 0x80) {
    --keep;  // not inside a multi-byte character
  }
  return dir + "/." + base.substr(0, keep) + ".tmp.XXXXXX";
}

// mkstemp makes 0600 files; a bundle gets the usual 0666 & ~umask.
mode_t default_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

std::string os_error(const std::string& what, const std::string& path) {
  return path + ": " + what + ": " + std::strerror(errno);
}

std::string write_all(int fd, const std::vector<std::string_view>& pieces,
                      const std::string& path) {
  for (const std::string_view bytes : pieces) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        return os_error("cannot write", path);
      }
      done += static_cast<size_t>(n);
    }
  }
  return "";
}

// Writes what `produce` gives to `fd`: "" or the write's error; the producer's own failure
// goes to `produced`.
std::string write_produced(int fd, const TempFileProducer& produce, const std::string& path,
                           Status& produced) {
  std::string error;
  produced = produce([&](std::string_view bytes) {
    if (error.empty()) {
      error = write_all(fd, {bytes}, path);
    }
    return error.empty();
  });
  return error;
}

Status write_in_place(const std::string& path, const TempFileProducer& produce) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::io_error(os_error("cannot open for writing", path));
  }
  Status produced;
  std::string error = write_produced(fd, produce, path, produced);
  if (::close(fd) != 0 && error.empty()) {
    error = os_error("cannot close", path);
  }
  return !error.empty() ? Status::io_error(error) : produced;
}

std::string directory_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Copies all of `fd` (from its start) to `out_fd`; `copied` counts the bytes that got there.
std::string copy_file(int fd, int out_fd, uint64_t& copied) {
  std::vector<char> buffer(1 << 20);
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    return std::string("standard output: cannot rewind the temporary file: ") +
           std::strerror(errno);
  }
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return std::string("standard output: cannot read the temporary file: ") +
             std::strerror(errno);
    }
    if (n == 0) {
      return "";
    }
    std::string error = write_all(out_fd, {std::string_view(buffer.data(), static_cast<size_t>(n))},
                                  "standard output");
    if (!error.empty()) {
      return error;
    }
    copied += static_cast<uint64_t>(n);
  }
}

}  // namespace

Status write_verified_to_stdout(const std::vector<std::string_view>& pieces,
                                const TempFileCheck& check, int out_fd) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string temp = std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") +
                     "/.sheaf-stdout.tmp.XXXXXX";
  TempGuard guard(temp);
  const int fd = guard.fd();
  if (fd < 0) {
    return Status::io_error("standard output: nothing written (" +
                            os_error("cannot create a temporary file", temp) + ")");
  }
  const std::string written = write_all(fd, pieces, temp);
  const Status status = !written.empty() ? Status::io_error(written)
                        : check          ? check(temp)
                                         : Status();
  if (!status.ok()) {
    ::close(fd);
    return status.wrapped("standard output: nothing written (", ")");
  }
  uint64_t total = 0;
  for (const std::string_view piece : pieces) {
    total += piece.size();
  }
  uint64_t copied = 0;
  void (*previous)(int) = std::signal(SIGPIPE, SIG_IGN);
  const std::string error = copy_file(fd, out_fd, copied);
  std::signal(SIGPIPE, previous);
  ::close(fd);
  if (!error.empty()) {
    return Status::io_error(error + " (" + std::to_string(copied) + " of " + std::to_string(total) +
                            " bytes sent)");
  }
  return Status();
}

Status write_file_atomically(const std::string& path, const std::string& bytes,
                             const TempFileCheck& check) {
  return write_file_atomically(path, std::vector<std::string_view>{bytes}, check);
}

Status write_file_atomically(const std::string& path, const std::vector<std::string_view>& bytes,
                             const TempFileCheck& check) {
  return write_file_atomically(
      path,
      [&bytes](const TempFileSink& write) {
        for (const std::string_view piece : bytes) {
          if (!write(piece)) {
            break;
          }
        }
        return Status();
      },
      check);
}

Status write_file_atomically(const std::string& path, const TempFileProducer& produce,
                             const TempFileCheck& check) {
  struct stat st {};

  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Status::io_error(path + ": is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
      return write_in_place(path, produce);
    }
  }
  const size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string dir = directory_of(path);
  std::string temp = temp_name(dir, base);
  TempGuard guard(temp);
  const int fd = guard.fd();
  if (fd < 0) {
    return Status::io_error(os_error("cannot create a temporary file in " + dir, path));
  }
  Status produced;
  std::string error = write_produced(fd, produce, temp, produced);
  if (error.empty() && produced.ok() && ::fsync(fd) != 0) {
    error = os_error("cannot sync", temp);
  }
  if (::close(fd) != 0 && error.empty()) {
    error = os_error("cannot close", temp);
  }
  if (error.empty() && produced.ok() && ::chmod(temp.c_str(), default_file_mode()) != 0) {
    error = os_error("cannot set permissions", temp);
  }
  Status status = !error.empty()   ? Status::io_error(error)
                  : !produced.ok() ? produced
                  : check          ? check(temp)
                                   : Status();
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    status = Status::io_error(os_error("cannot rename " + temp + " to", path));
  }
  if (!status.ok()) {
    // The guard removes the temporary file; say what that means for the file the user named.
    return status.wrapped(path + ": not written, any existing file of that name is unchanged (",
                          ")");
  }
  guard.release();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);  // best effort: the rename is durable on most file systems without it
    ::close(dfd);
  }
  return Status();
}

}  // namespace sheaf
