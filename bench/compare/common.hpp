// bench/compare: what the builders and the reader share. The article set file written by
// compare.py (its prepare step), the title hash of the per-article zstd format, and small POSIX
// helpers. Benchmark code: plain C++17 with the standard library; not part of the runtime.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bench {

/// A read-only mapping of a whole file; unmaps on destruction.
class Mapping {
 public:
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  ~Mapping() { reset(); }

  /// @return false (errno set) when the file cannot be opened or mapped.
  bool open(const std::string& path) {
    reset();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return false;
    }

    struct stat st {};

    bool ok = ::fstat(fd, &st) == 0;
    if (ok && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
      ok = p != MAP_FAILED;
      if (ok) {
        data_ = static_cast<const uint8_t*>(p);
        size_ = static_cast<size_t>(st.st_size);
      }
    }
    ::close(fd);
    return ok;
  }

  void reset() {
    if (data_ != nullptr) {
      ::munmap(const_cast<uint8_t*>(data_), size_);
    }
    data_ = nullptr;
    size_ = 0;
  }

  const uint8_t* data() const { return data_; }

  size_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

inline uint32_t load_u32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);  // the bench runs on little-endian hosts only
  return v;
}

inline uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// One article as every system stores it: key, title, and text = title + "\n" + paragraphs
/// joined by "\n" (exactly what `sheaf unpack` gave back).
struct Article {
  std::string_view id, title, text;
};

/// The article set written by compare.py's prepare() ("SHBART01", u32 count, then per article three
/// u32-length-prefixed strings: id, title, text), sorted by id bytes. Views into the mapping.
class ArticleSet {
 public:
  /// @return false with `error` set when the file is missing or malformed.
  bool open(const std::string& path, std::string& error) {
    if (!file_.open(path)) {
      error = path + ": cannot map: " + std::strerror(errno);
      return false;
    }
    const uint8_t* p = file_.data();
    const uint8_t* end = p + file_.size();
    if (file_.size() < 12 || std::memcmp(p, "SHBART01", 8) != 0) {
      error = path + ": not an article set";
      return false;
    }
    const uint32_t count = load_u32(p + 8);
    p += 12;
    articles_.clear();
    articles_.reserve(count);
    for (uint32_t k = 0; k < count; ++k) {
      std::string_view field[3];
      for (std::string_view& f : field) {
        if (end - p < 4 || static_cast<size_t>(end - p - 4) < load_u32(p)) {
          error = path + ": truncated";
          return false;
        }
        f = std::string_view(reinterpret_cast<const char*>(p + 4), load_u32(p));
        p += 4 + f.size();
      }
      articles_.push_back(Article{field[0], field[1], field[2]});
    }
    return true;
  }

  const std::vector<Article>& articles() const { return articles_; }

  /// Releases the mapping; the views become invalid.
  void close() {
    articles_.clear();
    articles_.shrink_to_fit();
    file_.reset();
  }

 private:
  Mapping file_;
  std::vector<Article> articles_;
};

/// A page file written by compare.py's prepare() ("SHBPAG01", u32 count, then u32-length-prefixed
/// strings): the HTML page of each article, in article set order, as given to zimwriterfs.
inline bool load_pages(const std::string& path, std::vector<std::string_view>& pages, Mapping& file,
                       std::string& error) {
  if (!file.open(path) || file.size() < 12 || std::memcmp(file.data(), "SHBPAG01", 8) != 0) {
    error = path + ": not a page file";
    return false;
  }
  const uint8_t* p = file.data() + 12;
  const uint8_t* end = file.data() + file.size();
  const uint32_t count = load_u32(file.data() + 8);
  pages.clear();
  for (uint32_t k = 0; k < count; ++k) {
    if (end - p < 4 || static_cast<size_t>(end - p - 4) < load_u32(p)) {
      error = path + ": truncated";
      return false;
    }
    pages.emplace_back(reinterpret_cast<const char*>(p + 4), load_u32(p));
    p += 4 + pages.back().size();
  }
  return true;
}

/// 32-bit FNV-1a, the title hash of the per-article zstd format (stable across builds).
inline uint32_t title_hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (const char c : s) {
    h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  }
  return h;
}

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline uint64_t now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace bench
