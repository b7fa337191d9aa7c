// sheaf runtime: XXH64 (seed 0), the checksum of the header, of every section and of every
// article body. Written from the public XXH64 algorithm description; checked against
// libxxhash in the tests. Streaming, so a body read part by part can be checked too.
#pragma once

#include <cstddef>
#include <cstdint>

#include <sheaf/endian.hpp>

namespace sheaf::detail {

inline constexpr uint64_t kXxhPrime1 = 0x9E3779B185EBCA87ULL;
inline constexpr uint64_t kXxhPrime2 = 0xC2B2AE3D27D4EB4FULL;
inline constexpr uint64_t kXxhPrime3 = 0x165667B19E3779F9ULL;
inline constexpr uint64_t kXxhPrime4 = 0x85EBCA77C2B2AE63ULL;
inline constexpr uint64_t kXxhPrime5 = 0x27D4EB2F165667C5ULL;

constexpr uint64_t rotl64(uint64_t x, unsigned r) noexcept {
  return (x << r) | (x >> (64 - r));
}

constexpr uint64_t xxh64_round(uint64_t acc, uint64_t input) noexcept {
  return rotl64(acc + input * kXxhPrime2, 31) * kXxhPrime1;
}

constexpr uint64_t xxh64_merge(uint64_t acc, uint64_t lane) noexcept {
  return (acc ^ xxh64_round(0, lane)) * kXxhPrime1 + kXxhPrime4;
}

/// Incremental XXH64 with seed 0: update() any number of times, then digest().
class Xxh64 {
 public:
  void update(const uint8_t* p, size_t size) noexcept {
    total_ += size;
    if (buffered_ + size < 32) {
      for (size_t i = 0; i < size; ++i) {
        buffer_[buffered_++] = p[i];
      }
      return;
    }
    if (buffered_ > 0) {
      const size_t fill = 32 - buffered_;
      for (size_t i = 0; i < fill; ++i) {
        buffer_[buffered_ + i] = p[i];
      }
      stripe(buffer_);
      p += fill;
      size -= fill;
      buffered_ = 0;
    }
    // The lanes in locals: stores to v_ could alias the input (uint8_t), which would keep the
    // compiler from holding them in registers.
    uint64_t v0 = v_[0];
    uint64_t v1 = v_[1];
    uint64_t v2 = v_[2];
    uint64_t v3 = v_[3];
    for (; size >= 32; p += 32, size -= 32) {
      v0 = xxh64_round(v0, load_le64(p));
      v1 = xxh64_round(v1, load_le64(p + 8));
      v2 = xxh64_round(v2, load_le64(p + 16));
      v3 = xxh64_round(v3, load_le64(p + 24));
    }
    v_[0] = v0;
    v_[1] = v1;
    v_[2] = v2;
    v_[3] = v3;
    for (size_t i = 0; i < size; ++i) {
      buffer_[buffered_++] = p[i];
    }
  }

  uint64_t digest() const noexcept {
    uint64_t h = kXxhPrime5;
    if (total_ >= 32) {
      h = rotl64(v_[0], 1) + rotl64(v_[1], 7) + rotl64(v_[2], 12) + rotl64(v_[3], 18);
      for (uint64_t v : v_) {
        h = xxh64_merge(h, v);
      }
    }
    h += total_;
    const uint8_t* p = buffer_;
    const uint8_t* const end = buffer_ + buffered_;
    for (; end - p >= 8; p += 8) {
      h = rotl64(h ^ xxh64_round(0, load_le64(p)), 27) * kXxhPrime1 + kXxhPrime4;
    }
    if (end - p >= 4) {
      h = rotl64(h ^ (static_cast<uint64_t>(load_le32(p)) * kXxhPrime1), 23) * kXxhPrime2 +
          kXxhPrime3;
      p += 4;
    }
    for (; p < end; ++p) {
      h = rotl64(h ^ (*p * kXxhPrime5), 11) * kXxhPrime1;
    }
    h ^= h >> 33;
    h *= kXxhPrime2;
    h ^= h >> 29;
    h *= kXxhPrime3;
    h ^= h >> 32;
    return h;
  }

 private:
  void stripe(const uint8_t* p) noexcept {
    for (size_t lane = 0; lane < 4; ++lane) {
      v_[lane] = xxh64_round(v_[lane], load_le64(p + 8 * lane));
    }
  }

  uint64_t v_[4] = {kXxhPrime1 + kXxhPrime2, kXxhPrime2, 0, 0 - kXxhPrime1};
  uint64_t total_ = 0;
  uint8_t buffer_[32] = {};
  size_t buffered_ = 0;
};

/// XXH64 of `size` bytes at `p` with seed 0. `p` may be unaligned.
inline uint64_t xxh64(const uint8_t* p, size_t size) noexcept {
  Xxh64 h;
  h.update(p, size);
  return h.digest();
}

/// The record checksum stored in the index (SPEC: Article.checksum): low 32 bits of XXH64.
inline uint32_t record_checksum(const uint8_t* p, size_t size) noexcept {
  return static_cast<uint32_t>(xxh64(p, size));
}

}  // namespace sheaf::detail
