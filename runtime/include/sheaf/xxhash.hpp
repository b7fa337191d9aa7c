// sheaf runtime: XXH64 (seed 0), the checksum of the header and of every section.
// Written from the public XXH64 algorithm description; checked against libxxhash in the tests.
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

/// XXH64 of `size` bytes at `p` with seed 0. `p` may be unaligned.
inline uint64_t xxh64(const uint8_t* p, size_t size) noexcept {
  const uint8_t* const end = p + size;
  uint64_t h = 0;
  if (size >= 32) {
    uint64_t v1 = kXxhPrime1 + kXxhPrime2;
    uint64_t v2 = kXxhPrime2;
    uint64_t v3 = 0;
    uint64_t v4 = 0 - kXxhPrime1;
    while (end - p >= 32) {
      v1 = xxh64_round(v1, load_le64(p));
      v2 = xxh64_round(v2, load_le64(p + 8));
      v3 = xxh64_round(v3, load_le64(p + 16));
      v4 = xxh64_round(v4, load_le64(p + 24));
      p += 32;
    }
    h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = xxh64_merge(xxh64_merge(xxh64_merge(xxh64_merge(h, v1), v2), v3), v4);
  } else {
    h = kXxhPrime5;
  }
  h += static_cast<uint64_t>(size);
  while (end - p >= 8) {
    h = rotl64(h ^ xxh64_round(0, load_le64(p)), 27) * kXxhPrime1 + kXxhPrime4;
    p += 8;
  }
  if (end - p >= 4) {
    h = rotl64(h ^ (static_cast<uint64_t>(load_le32(p)) * kXxhPrime1), 23) * kXxhPrime2 +
        kXxhPrime3;
    p += 4;
  }
  while (p < end) {
    h = rotl64(h ^ (*p * kXxhPrime5), 11) * kXxhPrime1;
    ++p;
  }
  h ^= h >> 33;
  h *= kXxhPrime2;
  h ^= h >> 29;
  h *= kXxhPrime3;
  h ^= h >> 32;
  return h;
}

}  // namespace sheaf::detail
