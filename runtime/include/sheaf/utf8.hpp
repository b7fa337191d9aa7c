// sheaf runtime: decoding UTF-8 one code point at a time, bounds-checked; what the text
// layout, the charset and its verification agree on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sheaf::detail {

/// The code point at `text[at]` and the bytes it takes; a byte that does not start a valid
/// UTF-8 sequence (shortest form, no surrogates, at most U+10FFFF) is U+FFFD of one byte.
struct Decoded {
  uint32_t cp;
  size_t size;
};

inline Decoded decode_utf8(std::string_view text, size_t at) noexcept {
  const auto b0 = static_cast<uint8_t>(text[at]);
  if (b0 < 0x80) {
    return {b0, 1};
  }
  const size_t size = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (size == 0 || b0 > 0xF4 || size > text.size() - at) {
    return {0xFFFD, 1};
  }
  uint32_t cp = b0 & (0x7Fu >> size);
  for (size_t k = 1; k < size; ++k) {
    const auto b = static_cast<uint8_t>(text[at + k]);
    if ((b & 0xC0) != 0x80) {
      return {0xFFFD, 1};
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  const uint32_t shortest = size == 2 ? 0x80 : size == 3 ? 0x800 : 0x10000;
  if (cp < shortest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {0xFFFD, 1};
  }
  return {cp, size};
}

}  // namespace sheaf::detail
