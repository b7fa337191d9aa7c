// sheaf runtime: non-owning byte views and the one range check every offset goes through.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sheaf {

/// A read-only view of `size()` bytes at `data()`. Does not own them: the bytes must outlive
/// every view, Bundle and ArticleView made from them.
class ByteSpan {
 public:
  constexpr ByteSpan() noexcept = default;

  constexpr ByteSpan(const uint8_t* data, size_t size) noexcept : data_(data), size_(size) {}

  constexpr const uint8_t* data() const noexcept { return data_; }

  constexpr size_t size() const noexcept { return size_; }

  constexpr bool empty() const noexcept { return size_ == 0; }

  constexpr const uint8_t* begin() const noexcept { return data_; }

  constexpr const uint8_t* end() const noexcept { return data_ + size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

/// A writable view of caller-owned memory: output buffers and decoder workspaces.
class MutableByteSpan {
 public:
  constexpr MutableByteSpan() noexcept = default;

  constexpr MutableByteSpan(uint8_t* data, size_t size) noexcept : data_(data), size_(size) {}

  constexpr uint8_t* data() const noexcept { return data_; }

  constexpr size_t size() const noexcept { return size_; }

  constexpr uint8_t* begin() const noexcept { return data_; }

  constexpr uint8_t* end() const noexcept { return data_ + size_; }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

namespace detail {

/// True when [offset, offset + length) lies inside [0, size). Cannot overflow.
constexpr bool check_range(uint64_t offset, uint64_t length, uint64_t size) noexcept {
  return length <= size && offset <= size - length;
}

/// True when `p` is a multiple of `alignment` (a power of two).
inline bool is_aligned(const void* p, size_t alignment) noexcept {
  return (reinterpret_cast<uintptr_t>(p) & (alignment - 1)) == 0;
}

}  // namespace detail
}  // namespace sheaf
