// sheaf runtime, POSIX only: map a bundle file read-only, and ask the kernel to fetch the parts
// a reader needs in memory (prefetch_dictionary). Separate from the core so firmware never sees
// it. Move-only; unmaps on destruction. No heap.
#pragma once

#include <cerrno>
#include <cstdint>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sheaf/bundle.hpp>
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

/// A byte range of a mapping, from its start: what will_need() advised.
struct MappedRange {
  size_t offset = 0;
  size_t size = 0;
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

  /// Asks the kernel to read the pages of `range` (a part of bytes()) into the page cache now
  /// (madvise MADV_WILLNEED: the reads start at once, without waiting for them), whatever the
  /// Access hint, so that later touches of those pages find them without waiting for the disk.
  /// The range is widened to whole pages. A hint: a failing madvise() is ignored.
  /// @return the range advised (page-aligned offset and size from the start of the mapping);
  ///   empty when `range` is empty or not within bytes().
  MappedRange will_need(ByteSpan range) const noexcept {
    const uintptr_t base = reinterpret_cast<uintptr_t>(data_);
    const uintptr_t at = reinterpret_cast<uintptr_t>(range.data());
    if (range.empty() || data_ == nullptr || at < base || at - base > size_ ||
        range.size() > size_ - (at - base)) {
      return MappedRange{};
    }
    const long page_size = ::sysconf(_SC_PAGESIZE);
    const size_t page = page_size > 0 ? static_cast<size_t>(page_size) : 4096;
    const size_t offset = static_cast<size_t>(at - base);
    const size_t begin = offset / page * page;
    // The mapping starts on a page; its last page may be partial (the kernel maps it whole).
    const MappedRange advised{begin, offset + range.size() - begin};
    (void)::madvise(const_cast<uint8_t*>(data_) + begin, advised.size, MADV_WILLNEED);
    return advised;
  }

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

/// Prefetches the dictionary of `bundle`, opened from `file`'s bytes, with
/// MappedFile::will_need(bundle.dictionary()). Call it once after Bundle::open() and before
/// Decoder::init() (which reads the dictionary's first pages: they then come with the rest in
/// the same reads). Every frame is decoded with the dictionary, and a dictionary stored as
/// is (`sheaf build --no-pack-dictionary`) is used in place: without this, each cold read of
/// an article also faults in, one page at a time under Access::random, the dictionary pages its
/// matches refer to (most of the 140-odd pages such a read touched on the bulk corpus, whose
/// dictionary was 768 KiB).
/// With it, the dictionary arrives in a few large reads and, being used by every read, stays in
/// the page cache, so a cold read touches the index entry's pages and the frame's pages
/// (bench/coldstart measures both). A packed dictionary is read once by Decoder::init() anyway;
/// prefetching it only overlaps that read. Costs page cache (the dictionary's size), no
/// process memory. Not needed with Access::sequential (its readahead fetches it anyway).
/// @return the range advised, as will_need() (empty for a bundle without a dictionary or one
///   not opened from `file`).
inline MappedRange prefetch_dictionary(const MappedFile& file, const Bundle& bundle) noexcept {
  return file.will_need(bundle.dictionary());
}

/// What prefetch_lookup_tables() advised: the dictionary, and the index section before and
/// after its article table.
struct LookupPrefetch {
  MappedRange dictionary;
  MappedRange index_front;  ///< from the index's start to the article table's
  MappedRange index_back;   ///< from the article table's end to the index's
};

/// prefetch_dictionary(), plus the index's lookup tables: the whole INDEX section but its
/// table of articles (Bundle::article_table()). A lookup by id binary-searches the id samples
/// (about eight pages of the bulk corpus's index), then reads one article entry and one frame
/// entry; with these tables resident too, a cold read waits only for the article entry's page and
/// the frame's pages. Costs the index's size in page cache, less its article table (about 370 KiB
/// of the bulk corpus's 680 KiB index). Call it where prefetch_dictionary() would be called.
/// @return the ranges advised, each as will_need() (empty when there is nothing to advise).
inline LookupPrefetch prefetch_lookup_tables(const MappedFile& file,
                                             const Bundle& bundle) noexcept {
  LookupPrefetch p;
  p.dictionary = prefetch_dictionary(file, bundle);
  const ByteSpan index = bundle.index_bytes();
  const ByteSpan table = bundle.article_table();
  const uintptr_t begin = reinterpret_cast<uintptr_t>(index.data());
  const uintptr_t end = begin + index.size();
  const uintptr_t t_begin = reinterpret_cast<uintptr_t>(table.data());
  const uintptr_t t_end = t_begin + table.size();
  if (table.empty() || t_begin < begin || t_end > end) {
    p.index_front = file.will_need(index);  // no article table inside: the whole index
    return p;
  }
  p.index_front = file.will_need(ByteSpan(index.data(), static_cast<size_t>(t_begin - begin)));
  p.index_back =
      file.will_need(ByteSpan(table.data() + table.size(), static_cast<size_t>(end - t_end)));
  return p;
}

}  // namespace sheaf
