// compiler, index stage: little-endian words, as the optional sections (CHARSET, NAVIGATION,
// HEADLINES, SEARCH) store every number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sheaf {

/// Appends `v` to `out` as four little-endian bytes.
inline void put_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
}

/// Writes `v` as four little-endian bytes over `out[at, at + 4)`, which must exist.
inline void set_le32(std::string& out, size_t at, uint32_t v) {
  for (size_t i = 0; i < 4; ++i) {
    out[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  }
}

}  // namespace sheaf
