// compiler, CLI: bundle opening shared by info, ls, cat, verify and unpack.
#include "cli/open_bundle.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/bus_guard.hpp"
#include "cli/terminal_text.hpp"

namespace sheaf::cli {
namespace {

// Copies all of `in` (standard input, a pipe) into a new unlinked file in $TMPDIR; returns its
// descriptor, or -1 with errno set.
int spool(int in) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string name =
      std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") + "/.sheaf-stdin.XXXXXX";
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    return -1;
  }
  ::unlink(name.c_str());  // gone when closed: nothing to clean up, whatever happens
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      if (n == 0) {
        return fd;
      }
      break;
    }
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(fd, buffer.data() + done, static_cast<size_t>(n - done));
      if (w < 0 && errno != EINTR) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
      }
      done += w > 0 ? w : 0;
    }
  }
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return -1;
}

}  // namespace

bool OpenBundle::map_stdin(Access access) {
  if (::isatty(STDIN_FILENO) != 0) {
    std::fprintf(stderr,
                 "sheaf: error: standard input is a terminal; pipe a bundle in or name a file\n");
    return false;
  }

  struct stat st {};

  Errc e = Errc::ok;
  if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
    e = file_.map(STDIN_FILENO, access);
  } else {
    const int fd = spool(STDIN_FILENO);
    if (fd < 0) {
      std::fprintf(stderr, "sheaf: error: standard input: cannot copy it to a temporary file: %s\n",
                   std::strerror(errno));
      return false;
    }
    e = file_.map(fd, access);
    ::close(fd);
  }
  if (e != Errc::ok) {
    const int err = file_.error_number();
    std::fprintf(stderr, "sheaf: error: standard input: cannot map: %s\n",
                 err != 0 ? std::strerror(err) : "too large");
    return false;
  }
  return true;
}

bool OpenBundle::map_stream(const std::string& path, Access access) {
  const int in = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const int fd = in < 0 ? -1 : spool(in);
  const int err = errno;
  if (in >= 0) {
    ::close(in);
  }
  if (fd < 0) {
    std::fprintf(stderr, "sheaf: error: %s: not a regular file, and cannot %s: %s\n", path.c_str(),
                 in < 0 ? "open it" : "copy it to a temporary file", std::strerror(err));
    return false;
  }
  const Errc e = file_.map(fd, access);
  ::close(fd);
  if (e != Errc::ok) {
    const int map_err = file_.error_number();
    std::fprintf(stderr, "sheaf: error: %s: cannot map its copy: %s\n", path.c_str(),
                 map_err != 0 ? std::strerror(map_err) : "too large");
    return false;
  }
  return true;
}

void print_error(const std::string& path, const std::string& what, Errc e) {
  std::fprintf(stderr, "sheaf: error: %s: %s: %s\n", path.c_str(), what.c_str(), to_string(e));
}

bool OpenBundle::open(const std::string& path, Access access) {
  path_ = path == "-" ? "standard input" : path;
  if (path == "-") {
    if (!map_stdin(access)) {
      return false;
    }

  } else if (struct stat st{};
             ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    if (!map_stream(path, access)) {
      return false;
    }
  } else if (file_.open(path.c_str(), access) != Errc::ok) {
    const int err = file_.error_number();
    std::fprintf(stderr, "sheaf: error: %s: cannot open: %s\n", path_.c_str(),
                 err != 0 ? std::strerror(err) : "file too large");
    return false;
  }
  // A file truncated while it is read faults (SIGBUS) on the pages gone: an I/O error then.
  guard_mapped_reads(file_.bytes().data(), file_.bytes().size(), path_);
  const Result<Bundle> b = Bundle::open(file_.bytes());
  if (!b.ok()) {
    print_error(path_, "not a readable bundle", b.error());
    return false;
  }
  bundle_ = b.value();
  return true;
}

bool OpenBundle::init_decoder() {
  workspace_.assign((Decoder::workspace_size(bundle_) + 7) / 8, 0);
  const Result<Decoder> d = Decoder::init(
      bundle_,
      MutableByteSpan(reinterpret_cast<uint8_t*>(workspace_.data()), workspace_.size() * 8));
  if (!d.ok()) {
    print_error(path_, "cannot initialize the decoder", d.error());
    return false;
  }
  decoder_ = d.value();
  const BundleInfo info = bundle_.info();
  buffer_.assign(
      info.max_read_size > info.max_frame_size ? info.max_read_size : info.max_frame_size, 0);
  return true;
}

Result<Record> OpenBundle::read(uint32_t i) {
  const MutableByteSpan buffer(buffer_.data(), buffer_.size());
  const Result<ArticleView> a = bundle_.article(i);
  const Result<std::string_view> bytes = a.ok()
                                             ? decoder_.read_bytes(a.value(), buffer, cached_frame_)
                                             : Result<std::string_view>(a.error());
  const Result<Record> r = bytes.ok() ? parse_record(bytes.value()) : bytes.error();
  if (!r.ok()) {
    print_error(path_, "article " + std::to_string(i), r.error());
  }
  return r;
}

Result<Found> OpenBundle::find(const std::string& id) {
  cached_frame_ = UINT32_MAX;  // find() reuses the buffer
  const Result<Found> f = decoder_.find(id, MutableByteSpan(buffer_.data(), buffer_.size()));
  if (!f.ok()) {
    print_error(path_, "article '" + id + "'", f.error());
  }
  return f;
}

Result<SiteView> OpenBundle::site(const Record& r) {
  const Result<SiteView> s = bundle_.site_of(r);
  if (!s.ok()) {
    print_error(path_, "article '" + escape_field(r.id) + "' site", s.error());
  }
  return s;
}

}  // namespace sheaf::cli
