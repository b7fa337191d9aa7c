// bench/scale: what the generator and the reader share: CRC-32 (the zlib polynomial) of a body,
// the seeded PRNG and the expected-bodies list format. Benchmark code only, not the runtime.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace scale {

/// CRC-32 (IEEE 802.3, reflected 0xEDB88320), as zlib's crc32() and Python's zlib.crc32().
class Crc32 {
 public:
  void update(std::string_view bytes) noexcept {
    uint32_t c = ~crc_;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    for (size_t i = 0; i < bytes.size(); ++i) {
      c = table()[(c ^ p[i]) & 0xFFu] ^ (c >> 8);
    }
    crc_ = ~c;
  }

  uint32_t value() const noexcept { return crc_; }

  static uint32_t of(std::string_view bytes) noexcept {
    Crc32 c;
    c.update(bytes);
    return c.value();
  }

 private:
  static const std::array<uint32_t, 256>& table() noexcept {
    static const std::array<uint32_t, 256> t = [] {
      std::array<uint32_t, 256> out{};
      for (uint32_t n = 0; n < 256; ++n) {
        uint32_t c = n;
        for (int k = 0; k < 8; ++k) {
          c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        out[n] = c;
      }
      return out;
    }();
    return t;
  }

  uint32_t crc_ = 0;
};

/// SplitMix64: tiny, fast and fully determined by its seed.
class Rng {
 public:
  explicit Rng(uint64_t seed) noexcept : state_(seed) {}

  uint64_t next() noexcept {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  /// Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below 2^-32).
  uint64_t below(uint64_t n) noexcept {
    __extension__ using u128 = unsigned __int128;  // GCC and Clang; not ISO C++ (-Wpedantic)
    return static_cast<uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }

 private:
  uint64_t state_;
};

/// expected.tsv, one article a line: ID \t BODY_BYTES \t CRC32 (8 hex digits) \t KIND.
/// KIND: 'n' normal article, 'p' incompressible padding, 'm' marker (a normal article whose
/// frame the generator meant to land beyond the 4 GiB mark of the bundle).
constexpr char kNormal = 'n';
constexpr char kPadding = 'p';
constexpr char kMarker = 'm';

}  // namespace scale
