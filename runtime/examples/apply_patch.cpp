// apply_patch: the runtime's patch applier as a device would use it, on a POSIX system. Maps
// the old bundle and a patch made by `sheaf diff`, checks the patch's header, and applies it
// with sheaf::apply_patch, whose sink writes the new bundle front to back into OUT (a second
// partition, A/B style; here a file). Its only buffers: the workspace the patch asks for (a zstd
// context plus the patch's largest chunk) and the sink's write buffer. The result is checked by
// apply_patch itself (size and XXH64 of the new bundle); a device then opens and verifies slot B
// before switching to it (tests/firmware/run.sh does on the MCU), and on any error it keeps
// slot A: so does this program, which removes OUT on a failure.
//
// Usage: apply_patch OLD PATCH OUT. Prints "OUT: N bytes written" and exits 0, or prints the
// error and exits 1 (2 for a usage error).
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace {

// The sink's state: the output file, a write buffer (writes in 64 KiB pieces, as a flash driver
// programs pages), and what went wrong.
struct FileSink {
  int fd = -1;
  uint8_t buffer[64 * 1024];
  size_t fill = 0;
  uint64_t written = 0;
  int error_number = 0;

  bool flush() {
    size_t done = 0;
    while (done < fill) {
      const ssize_t n = ::write(fd, buffer + done, fill - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        error_number = n < 0 ? errno : EIO;
        return false;
      }
      done += static_cast<size_t>(n);
    }
    written += fill;
    fill = 0;
    return true;
  }

  // sheaf::PatchSink: receives the new bundle's bytes in order; false stops apply_patch.
  static bool write(void* context, const uint8_t* data, size_t size) {
    FileSink& s = *static_cast<FileSink*>(context);
    while (size > 0) {
      const size_t n = size < sizeof(s.buffer) - s.fill ? size : sizeof(s.buffer) - s.fill;
      std::memcpy(s.buffer + s.fill, data, n);
      s.fill += n;
      data += n;
      size -= n;
      if (s.fill == sizeof(s.buffer) && !s.flush()) {
        return false;
      }
    }
    return true;
  }
};

int fail(const char* path, const char* what, sheaf::Errc e, int error_number = 0) {
  std::fprintf(stderr, "apply_patch: %s: %s: %s%s%s\n", path, what, sheaf::to_string(e),
               error_number != 0 ? ": " : "", error_number != 0 ? std::strerror(error_number) : "");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s OLD PATCH OUT\n", argv[0]);
    return 2;
  }
  const char* old_path = argv[1];
  const char* patch_path = argv[2];
  const char* out_path = argv[3];
  sheaf::MappedFile old_file;
  if (const sheaf::Errc e = old_file.open(old_path, sheaf::Access::sequential);
      e != sheaf::Errc::ok) {
    return fail(old_path, "cannot map", e, old_file.error_number());
  }
  sheaf::MappedFile patch_file;
  if (const sheaf::Errc e = patch_file.open(patch_path, sheaf::Access::sequential);
      e != sheaf::Errc::ok) {
    return fail(patch_path, "cannot map", e, patch_file.error_number());
  }
  const sheaf::Result<sheaf::PatchHeader> header = sheaf::read_patch_header(patch_file.bytes());
  if (!header.ok()) {
    if (header.error() == sheaf::Errc::bad_magic) {
      std::fprintf(stderr, "apply_patch: %s: not a sheaf patch (bad magic)\n", patch_path);
      return 1;
    }
    return fail(patch_path, "not a usable patch", header.error());
  }
  // The workspace, 8-byte aligned: what this patch needs (a firmware sizes a static array for
  // the largest patch it accepts and checks patch_workspace_size() against it).
  std::vector<uint64_t> workspace((sheaf::patch_workspace_size(header.value()) + 7) / 8);
  static FileSink sink;  // its buffer stays off the stack
  sink.fd = ::open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (sink.fd < 0) {
    return fail(out_path, "cannot create", sheaf::Errc::io_error, errno);
  }
  sheaf::Errc e = sheaf::apply_patch(
      old_file.bytes(), patch_file.bytes(),
      sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8),
      &FileSink::write, &sink);
  if (e == sheaf::Errc::ok && !sink.flush()) {
    e = sheaf::Errc::io_error;
  }
  if (::close(sink.fd) != 0 && e == sheaf::Errc::ok) {
    sink.error_number = errno;
    e = sheaf::Errc::io_error;
  }
  if (e != sheaf::Errc::ok) {
    ::unlink(out_path);  // a prefix of something that is not the new bundle
    if (e == sheaf::Errc::io_error) {
      return fail(out_path, "cannot write", e, sink.error_number);
    }
    // wrong_base, or checksum_mismatch (a damaged base whose header is intact): the old
    // bundle's fault; any other error is the patch's.
    const bool base_fault = e == sheaf::Errc::wrong_base || e == sheaf::Errc::checksum_mismatch;
    return fail(base_fault ? old_path : patch_path, "cannot apply the patch", e);
  }
  std::printf("%s: %" PRIu64 " bytes written\n", out_path, sink.written);
  return 0;
}
