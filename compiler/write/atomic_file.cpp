// compiler, write stage: temp file + fsync + rename, with signal-safe cleanup.
#include "write/atomic_file.hpp"

#include <cerrno>
#include <csignal>
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

extern "C" void remove_temp_and_die(int sig) {
  if (g_temp_active != 0) {
    ::unlink(g_temp_path);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

class TempGuard {
 public:
  explicit TempGuard(const std::string& path) {
    std::strncpy(g_temp_path, path.c_str(), sizeof(g_temp_path) - 1);
    g_temp_active = 1;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      std::signal(sig, remove_temp_and_die);
    }
  }

  TempGuard(const TempGuard&) = delete;
  TempGuard& operator=(const TempGuard&) = delete;

  ~TempGuard() {
    if (g_temp_active != 0) {
      ::unlink(g_temp_path);
    }
    g_temp_active = 0;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      std::signal(sig, SIG_DFL);
    }
  }

  void release() { g_temp_active = 0; }  // renamed: nothing to clean up
};

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

std::string write_in_place(const std::string& path, const std::vector<std::string_view>& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return os_error("cannot open for writing", path);
  }
  std::string error = write_all(fd, bytes, path);
  if (::close(fd) != 0 && error.empty()) {
    error = os_error("cannot close", path);
  }
  return error;
}

std::string directory_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& bytes,
                                  const TempFileCheck& check) {
  return write_file_atomically(path, std::vector<std::string_view>{bytes}, check);
}

std::string write_file_atomically(const std::string& path,
                                  const std::vector<std::string_view>& bytes,
                                  const TempFileCheck& check) {
  struct stat st {};

  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return path + ": is a directory";
    }
    if (!S_ISREG(st.st_mode)) {
      return write_in_place(path, bytes);
    }
  }
  const size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string dir = directory_of(path);
  std::string temp = dir + "/." + base + ".tmp.XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return os_error("cannot create a temporary file in " + dir, path);
  }
  TempGuard guard(temp);
  std::string error = write_all(fd, bytes, temp);
  if (error.empty() && ::fsync(fd) != 0) {
    error = os_error("cannot sync", temp);
  }
  if (::close(fd) != 0 && error.empty()) {
    error = os_error("cannot close", temp);
  }
  if (error.empty() && ::chmod(temp.c_str(), default_file_mode()) != 0) {
    error = os_error("cannot set permissions", temp);
  }
  if (error.empty() && check) {
    error = check(temp);
  }
  if (error.empty() && ::rename(temp.c_str(), path.c_str()) != 0) {
    error = os_error("cannot rename " + temp + " to", path);
  }
  if (!error.empty()) {
    // The guard removes the temporary file; say what that means for the file the user named.
    return path + ": not written, any existing file of that name is unchanged (" + error + ")";
  }
  guard.release();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);  // best effort: the rename is durable on most file systems without it
    ::close(dfd);
  }
  return "";
}

}  // namespace sheaf
