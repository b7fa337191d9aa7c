// compiler, extract stage (internal): libxml2's memory for one page from an arena (see
// xml_arena.hpp).
#include "extract/parse/xml_arena.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

namespace sheaf::parse::html {
namespace {

/// Every block starts with a header that holds its size (realloc must know how much to copy);
/// the header's size keeps blocks aligned for any type, as malloc's are.
constexpr size_t kHeader = alignof(std::max_align_t);

/// The first chunk's size; each new chunk is at least twice the last one.
constexpr size_t kFirstChunk = size_t{2} << 20;

/// Chunks are whole 2 MiB huge pages where the kernel offers them (transparent huge pages on
/// request): a page's tree is megabytes written once, and on a virtual machine each 4 KiB page
/// touched for the first time costs a fault of some 20 us, hundreds of them per megabyte.
constexpr size_t kHugePage = size_t{2} << 20;

char* map_chunk(size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Reserve one huge page more, to start at a huge page boundary; give back the ends.
  void* raw =
      mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) {
    return nullptr;
  }
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1);
  if (aligned > start) {
    munmap(raw, aligned - start);
  }
  const uintptr_t end = start + bytes + kHugePage;
  if (end > aligned + bytes) {
    munmap(reinterpret_cast<void*>(aligned + bytes), end - aligned - bytes);
  }
  madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);  // a hint: may be refused
  return reinterpret_cast<char*>(aligned);
#else
  return static_cast<char*>(std::malloc(bytes));
#endif
}

struct ChunkRelease {
  size_t bytes = 0;

  void operator()(char* p) const {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    munmap(p, bytes);
#else
    std::free(p);
#endif
  }
};

/// A thread's arena: chunks that are never given back, so that a pointer once handed out stays
/// recognisable as the arena's (libxml2 may free a stale one, such as an old error message held
/// in its per-thread error state: that is a no-op).
class Arena {
 public:
  void* allocate(size_t size) {
    const size_t need = block_bytes(size);
    if (need < size) {
      return nullptr;  // size near SIZE_MAX
    }
    if (static_cast<size_t>(end_ - next_) < need && !next_chunk(need)) {
      return nullptr;
    }
    char* block = next_;
    next_ += need;
    last_ = block;
    std::memcpy(block, &size, sizeof size);
    return block + kHeader;
  }

  /// Resizes `p` where it is when it is the last block handed out and its chunk has room: a
  /// buffer that libxml2 grows step by step (text, attribute values, the input) then takes no
  /// new memory and no copy at each step. Only realloc calls this, on a live block; a free
  /// never gives memory back, since libxml2 may free a stale pointer (see Arena).
  bool resize_in_place(void* p, size_t size) {
    char* block = static_cast<char*>(p) - kHeader;
    const size_t need = block_bytes(size);
    if (block != last_ || need < size || static_cast<size_t>(end_ - block) < need) {
      return false;
    }
    next_ = block + need;
    std::memcpy(block, &size, sizeof size);
    return true;
  }

  bool owns(const void* p) const {
    const auto* c = static_cast<const char*>(p);
    for (const Chunk& chunk : chunks_) {
      if (c >= chunk.data.get() && c < chunk.data.get() + chunk.size) {
        return true;
      }
    }
    return false;
  }

  static size_t size_of(const void* p) {
    size_t size = 0;
    std::memcpy(&size, static_cast<const char*>(p) - kHeader, sizeof size);
    return size;
  }

  void reset() {
    current_ = 0;
    last_ = nullptr;
    next_ = chunks_.empty() ? nullptr : chunks_[0].data.get();
    end_ = chunks_.empty() ? nullptr : next_ + chunks_[0].size;
  }

 private:
  /// A block's bytes, header included, for `size` bytes of data (less than `size` on overflow).
  static size_t block_bytes(size_t size) {
    return kHeader + (size + kHeader - 1) / kHeader * kHeader;
  }

  struct Chunk {
    std::unique_ptr<char, ChunkRelease> data;
    size_t size = 0;
  };

  /// Moves to the next chunk with room for `need` bytes, adding one when there is none.
  bool next_chunk(size_t need) {
    if (next_ != nullptr) {
      ++current_;  // the current chunk is full for this block
    }
    while (current_ < chunks_.size() && chunks_[current_].size < need) {
      ++current_;
    }
    if (current_ == chunks_.size()) {
      const size_t last = chunks_.empty() ? kFirstChunk / 2 : chunks_.back().size;
      const size_t bytes = std::max(need, 2 * last);
      std::unique_ptr<char, ChunkRelease> data(map_chunk(bytes), ChunkRelease{bytes});
      if (data == nullptr) {
        return false;
      }
      chunks_.push_back(Chunk{std::move(data), bytes});
    }
    next_ = chunks_[current_].data.get();
    end_ = next_ + chunks_[current_].size;
    return true;
  }

  std::vector<Chunk> chunks_;
  size_t current_ = 0;    ///< the chunk blocks come from
  char* next_ = nullptr;  ///< its first byte not handed out
  char* end_ = nullptr;   ///< its end
  char* last_ = nullptr;  ///< the last block handed out (its header), in the current chunk
};

thread_local Arena arena;
thread_local bool active = false;

void* arena_malloc(size_t size) {
  return active ? arena.allocate(size) : std::malloc(size);
}

void arena_free(void* p) {
  if (p != nullptr && !arena.owns(p)) {
    std::free(p);
  }
}

void* arena_realloc(void* p, size_t size) {
  if (p == nullptr) {
    return arena_malloc(size);
  }
  if (!arena.owns(p)) {
    return std::realloc(p, size);  // malloc's block stays malloc's
  }
  if (arena.resize_in_place(p, size)) {
    return p;
  }
  void* grown = arena_malloc(size);
  if (grown != nullptr) {
    std::memcpy(grown, p, std::min(size, Arena::size_of(p)));
  }
  return grown;
}

char* arena_strdup(const char* s) {
  const size_t size = std::strlen(s) + 1;
  void* copy = arena_malloc(size);
  if (copy != nullptr) {
    std::memcpy(copy, s, size);
  }
  return static_cast<char*>(copy);
}

}  // namespace

void install_xml_arena() {
  xmlGcMemSetup(arena_free, arena_malloc, arena_malloc, arena_realloc, arena_strdup);
}

XmlArenaScope::XmlArenaScope() : outer_(!active) {
  if (outer_) {
    // libxml2 creates a thread's error state on first use; it must not come from the arena.
    xmlResetLastError();
    active = true;
  }
}

XmlArenaScope::~XmlArenaScope() {
  if (outer_) {
    active = false;
    arena.reset();
  }
}

}  // namespace sheaf::parse::html
