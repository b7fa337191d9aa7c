// compiler, extract stage (internal): libxml2's memory for one page from an arena (see
// xml_arena.hpp).
#include "extract/parse/xml_arena.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

namespace sheaf::parse::html {
namespace {

/// Every block starts with a header that holds its size (realloc must know how much to copy);
/// the header's size keeps blocks aligned for any type, as malloc's are.
constexpr size_t kHeader = alignof(std::max_align_t);

/// The first chunk's size; each new chunk is at least twice the last one.
constexpr size_t kFirstChunk = size_t{1} << 20;

/// A thread's arena: chunks that are never given back, so that a pointer once handed out stays
/// recognisable as the arena's (libxml2 may free a stale one, such as an old error message held
/// in its per-thread error state: that is a no-op).
class Arena {
 public:
  void* allocate(size_t size) {
    const size_t need = kHeader + (size + kHeader - 1) / kHeader * kHeader;
    if (need < size) {
      return nullptr;  // size near SIZE_MAX
    }
    if (static_cast<size_t>(end_ - next_) < need && !next_chunk(need)) {
      return nullptr;
    }
    char* block = next_;
    next_ += need;
    std::memcpy(block, &size, sizeof size);
    return block + kHeader;
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
    next_ = chunks_.empty() ? nullptr : chunks_[0].data.get();
    end_ = chunks_.empty() ? nullptr : next_ + chunks_[0].size;
  }

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
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
      std::unique_ptr<char[]> data(new (std::nothrow) char[bytes]);
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
