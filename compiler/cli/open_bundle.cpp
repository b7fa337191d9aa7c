// compiler, CLI: bundle opening shared by info, ls, cat, verify and unpack.
#include "cli/open_bundle.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
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

// The last SPEC rule a check failed (the runtime's SHEAF_TRACE_RULES hook), for messages.
bool g_failed_rule = false;
Rule g_rule = Rule::H1;

void remember_rule(Rule rule) {
  g_failed_rule = true;
  g_rule = rule;
}

// Starts watching the rules afresh, before an operation whose failure print_error reports.
void watch_rules() {
  set_rule_hook(remember_rule);
  g_failed_rule = false;
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
  // Name the rule when the last one that failed gave this error (SPEC: "Validation").
  const bool rule = g_failed_rule && errc_of(g_rule) == e;
  std::fprintf(stderr, "sheaf: error: %s: %s: %s%s%s%s\n", path.c_str(), what.c_str(), to_string(e),
               rule ? " (SPEC rule " : "", rule ? rule_id(g_rule) : "", rule ? ")" : "");
  g_failed_rule = false;
}

namespace {

// A path that names a pipe, FIFO or device rather than a regular file or a folder.
bool is_stream(const std::string& path) {
  struct stat st = {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

}  // namespace

bool OpenBundle::open(const std::string& path, Access access) {
  watch_rules();
  path_ = path == "-" ? "standard input" : path;
  access_ = access;
  if (path == "-") {
    if (!map_stdin(access)) {
      return false;
    }

  } else if (is_stream(path)) {
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
  watch_rules();
  if (access_ == Access::random) {
    // No readahead: fetch the dictionary that every frame refers to in a few large reads,
    // not page by page as matches reach it (runtime/README.md, "Cold reads").
    (void)prefetch_dictionary(file_, bundle_);
  }
  workspace_.assign((Decoder::workspace_size(bundle_) + 7) / 8, 0);
  const Result<Decoder> d = Decoder::init(
      bundle_,
      MutableByteSpan(reinterpret_cast<uint8_t*>(workspace_.data()), workspace_.size() * 8));
  if (!d.ok()) {
    print_error(path_, "cannot initialize the decoder", d.error());
    return false;
  }
  decoder_ = d.value();
  // At most 64 MiB (SPEC rule I11), whatever max_read_size claims.
  buffer_.assign(bundle_.info().max_frame_size, 0);
  return true;
}

OpenBundle::Reserved::~Reserved() {
  if (address != nullptr) {
    ::munmap(address, size);
  }
}

MutableByteSpan OpenBundle::record_buffer() {
  const size_t size = bundle_.info().max_read_size;
  if (reserved_.address == nullptr && size != 0) {
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      std::fprintf(stderr, "sheaf: error: %s: cannot reserve a read buffer of %zu bytes: %s\n",
                   path_.c_str(), size, std::strerror(errno));
      return MutableByteSpan();
    }
    reserved_.address = p;
    reserved_.size = size;
  }
  return MutableByteSpan(static_cast<uint8_t*>(reserved_.address), reserved_.size);
}

// The record of `a` (its plan `p`), decoded frame by frame into the frame buffer; a record in
// one frame is a view into it, a longer one is gathered into record_. Checksum checked (B3).
Result<std::string_view> OpenBundle::gather(const ArticleView& a, const RecordPlan& p) {
  record_.clear();
  std::string_view piece;
  uint32_t start = p.offset;
  uint32_t remaining = p.size;
  for (uint32_t k = 0; k < p.frame_count; ++k, start = 0) {
    const uint32_t j = p.first_frame + k;
    if (cached_frame_ != j) {
      cached_frame_ = UINT32_MAX;
      const Result<ByteSpan> content = decoder_.read_frame(j, frame_buffer());
      if (!content.ok()) {
        return content.error();
      }
      cached_frame_ = j;
    }
    const uint32_t raw = bundle_.frame(j).value().raw_size;  // read_frame checked it
    const uint32_t size = std::min(raw - start, remaining);  // record_plan checked start < raw
    piece = std::string_view(reinterpret_cast<const char*>(buffer_.data()) + start, size);
    if (p.frame_count > 1) {
      record_.append(piece);
    }
    remaining -= size;
  }
  const std::string_view bytes = p.frame_count > 1 ? std::string_view(record_) : piece;
  const auto sum = static_cast<uint32_t>(
      detail::xxh64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  SHEAF_CHECK(remaining == 0 && sum == a.checksum, Rule::B3);
  return bytes;
}

Result<Record> OpenBundle::read_at(uint32_t i, bool in_order, bool& out_of_order) {
  const Result<ArticleView> a = bundle_.article(i);
  if (!a.ok()) {
    return a.error();
  }
  const Result<RecordPlan> plan = bundle_.record_plan(a.value());
  if (!plan.ok()) {
    return plan.error();
  }
  if (in_order) {
    if (const Errc e = order_.next(plan.value()); e != Errc::ok) {
      out_of_order = true;
      return e;
    }
  }
  const Result<std::string_view> bytes = gather(a.value(), plan.value());
  if (!bytes.ok()) {
    return bytes.error();
  }
  return parse_record(bytes.value());
}

Result<Record> OpenBundle::read(uint32_t i) {
  watch_rules();
  if (i == 0) {
    order_ = FrameOrder();  // article 0 starts a new walk (unpack walks twice)
  }
  bool out_of_order = false;
  const Result<Record> r = read_at(i, true, out_of_order);
  if (!r.ok()) {
    print_error(path_,
                "article " + std::to_string(i) +
                    (out_of_order ? " (its record does not follow the frames in order)" : ""),
                r.error());
  }
  return r;
}

Result<Record> OpenBundle::read_any(uint32_t i) {
  watch_rules();
  bool out_of_order = false;
  const Result<Record> r = read_at(i, false, out_of_order);
  if (!r.ok()) {
    print_error(path_, "article " + std::to_string(i), r.error());
  }
  return r;
}

Result<Found> OpenBundle::find(const std::string& id) {
  watch_rules();
  cached_frame_ = UINT32_MAX;  // find_index() reuses the frame buffer
  Result<uint32_t> i = decoder_.find_index(id, frame_buffer());
  cached_frame_ = UINT32_MAX;
  if (!i.ok() && i.error() == Errc::output_too_small) {
    // A candidate's fields run past its first frame: read candidates whole, in the reserved
    // max_read_size buffer (only the pages decoded bytes reach take memory).
    const MutableByteSpan whole = record_buffer();
    i = whole.size() == 0 ? Result<uint32_t>(Errc::output_too_small)
                          : decoder_.find_index(id, whole);
  }
  bool out_of_order = false;
  const Result<Record> r =
      i.ok() ? read_at(i.value(), false, out_of_order) : Result<Record>(i.error());
  if (!r.ok()) {
    print_error(path_, "article '" + id + "'", r.error());
    return r.error();
  }
  return Found{i.value(), r.value()};
}

Result<SiteView> OpenBundle::site(const Record& r) {
  const Result<SiteView> s = bundle_.site_of(r);
  if (!s.ok()) {
    print_error(path_, "article '" + escape_field(r.id) + "' site", s.error());
  }
  return s;
}

}  // namespace sheaf::cli
