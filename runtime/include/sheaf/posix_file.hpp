// sheaf runtime, POSIX only: map a bundle file read-only. Separate from the core so firmware
// never sees it. Move-only; unmaps on destruction. No heap.
#pragma once

#include <cerrno>
#include <cstdint>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sheaf/bytes.hpp>
#include <sheaf/error.hpp>

namespace sheaf {

/// How a mapping will be read: a hint to the kernel's readahead (madvise).
enum class Access {
  normal,      ///< the kernel's default readahead
  random,      ///< articles here and there (a kiosk, a lookup service): no readahead, so a
               ///< cold read fetches only the pages it touches
  sequential,  ///< front to back (verify, unpack, listing everything): aggressive readahead
};

class MappedFile {
 public:
  MappedFile() noexcept = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  MappedFile(MappedFile&& other) noexcept { swap(other); }

  MappedFile& operator=(MappedFile&& other) noexcept {
    if (this != &other) {
      reset();
      swap(other);
    }
    return *this;
  }

  ~MappedFile() { reset(); }

  /// Maps `path` read-only. The mapping is page-aligned, so it satisfies Bundle::open().
  /// An empty file maps to an empty span. On failure, `error_number()` holds errno.
  /// `access` is passed to madvise() (a hint: its failure is ignored).
  /// @return io_error (see error_number()) or too_large (file larger than the address space).
  Errc open(const char* path, Access access = Access::normal) noexcept {
    reset();
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      errno_ = errno;
      return Errc::io_error;
    }
    const Errc result = map(fd, access);
    ::close(fd);
    return result;
  }

  /// Maps the whole of the open file `fd` (a regular file; standard input redirected from one)
  /// read-only, as open() does. `fd` stays open and owned by the caller; the mapping outlives it.
  /// @return io_error (see error_number()) or too_large.
  Errc map(int fd, Access access = Access::normal) noexcept {
    reset();

    struct stat st {};

    Errc result = Errc::ok;
    if (::fstat(fd, &st) != 0) {
      errno_ = errno;
      result = Errc::io_error;
    } else if (S_ISDIR(st.st_mode)) {
      errno_ = EISDIR;
      result = Errc::io_error;
    } else if (static_cast<uint64_t>(st.st_size) > static_cast<size_t>(-1) / 2) {
      result = Errc::too_large;
    } else if (st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
      if (p == MAP_FAILED) {
        errno_ = errno;
        result = Errc::io_error;
      } else {
        data_ = static_cast<const uint8_t*>(p);
        size_ = static_cast<size_t>(st.st_size);
        if (access != Access::normal) {
          (void)::madvise(p, size_, access == Access::random ? MADV_RANDOM : MADV_SEQUENTIAL);
        }
      }
    }
    return result;
  }

  ByteSpan bytes() const noexcept { return ByteSpan(data_, size_); }

  /// errno of the last failed open(), 0 otherwise.
  int error_number() const noexcept { return errno_; }

 private:
  void reset() noexcept {
    if (data_ != nullptr) {
      ::munmap(const_cast<uint8_t*>(data_), size_);
    }
    data_ = nullptr;
    size_ = 0;
    errno_ = 0;
  }

  void swap(MappedFile& other) noexcept {
    const uint8_t* d = data_;
    size_t s = size_;
    int e = errno_;
    data_ = other.data_;
    size_ = other.size_;
    errno_ = other.errno_;
    other.data_ = d;
    other.size_ = s;
    other.errno_ = e;
  }

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  int errno_ = 0;
};

}  // namespace sheaf
