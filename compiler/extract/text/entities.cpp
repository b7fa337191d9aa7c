// compiler/extract: character reference decoding (see entities.hpp).
#include "extract/text/entities.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ingest/utf8.hpp"

namespace sheaf::text {
namespace {

/// One named character reference: its name as written after '&' (with ';' when the name
/// requires it) and its replacement text in UTF-8.
struct NamedEntity {
  std::string_view name;
  std::string_view utf8;
};

#include "extract/text/entities_table.inc"

constexpr bool names_sorted() {
  for (size_t i = 1; i < std::size(kNamedEntities); ++i) {
    if (!(kNamedEntities[i - 1].name < kNamedEntities[i].name)) {
      return false;
    }
  }
  return true;
}

static_assert(names_sorted(), "entities_table.inc must be sorted for binary search");

/// HTML5 "numeric character reference end state": code points 0x80-0x9F as Windows-1252.
/// 0 marks the five bytes Windows-1252 leaves undefined; those keep their code point.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88-8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98-9F
};

constexpr uint32_t kMaxCodePoint = 0x10FFFF;

const NamedEntity* find_entity(std::string_view name) {
  const auto* end = std::end(kNamedEntities);
  const auto* it = std::lower_bound(
      std::begin(kNamedEntities), end, name,
      [](const NamedEntity& entity, std::string_view key) { return entity.name < key; });
  return it != end && it->name == name ? it : nullptr;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// The value of `c` as a digit in base 10 or 16, or -1.
int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (hex && c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (hex && c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

char32_t numeric_code_point(uint32_t value) {
  if (value == 0 || value > kMaxCodePoint || (value >= 0xD800 && value <= 0xDFFF)) {
    return U'\uFFFD';
  }
  if (value >= 0x80 && value <= 0x9F && kWindows1252[value - 0x80] != 0) {
    return kWindows1252[value - 0x80];
  }
  return value;
}

/// Decodes "&#..." at `amp` into `out`. @return bytes consumed, or 0 if it is no reference.
size_t decode_numeric(std::string_view text, size_t amp, std::string& out) {
  size_t pos = amp + 2;
  const bool hex = pos < text.size() && (text[pos] == 'x' || text[pos] == 'X');
  if (hex) {
    ++pos;
  }
  const size_t digits_start = pos;
  uint32_t value = 0;
  for (; pos < text.size(); ++pos) {
    const int digit = digit_value(text[pos], hex);
    if (digit < 0) {
      break;
    }
    // Saturate just above the range: every digit is still consumed, as HTML5 does.
    value = std::min<uint32_t>(value * (hex ? 16 : 10) + static_cast<uint32_t>(digit),
                               kMaxCodePoint + 1);
  }
  if (pos == digits_start) {
    return 0;
  }
  if (pos < text.size() && text[pos] == ';') {
    ++pos;
  }
  append_utf8(out, numeric_code_point(value));
  return pos - amp;
}

/// Decodes "&name..." at `amp` into `out`. @return bytes consumed, or 0 if it is no reference.
size_t decode_named(std::string_view text, size_t amp, std::string& out) {
  const size_t start = amp + 1;
  size_t end = start;
  while (end < text.size() && end - start < kMaxEntityNameLength && is_ascii_alnum(text[end])) {
    ++end;
  }
  if (end == start) {
    return 0;
  }
  if (end < text.size() && text[end] == ';') {
    if (const NamedEntity* entity = find_entity(text.substr(start, end - start + 1))) {
      out.append(entity->utf8);
      return end - start + 2;
    }
  }
  // Without the ';' only legacy names match, and the longest one wins.
  for (size_t len = end - start; len > 0; --len) {
    if (const NamedEntity* entity = find_entity(text.substr(start, len))) {
      out.append(entity->utf8);
      return len + 1;
    }
  }
  return 0;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, amp - pos));
    const bool numeric = amp + 1 < text.size() && text[amp + 1] == '#';
    const size_t used = numeric ? decode_numeric(text, amp, out) : decode_named(text, amp, out);
    if (used == 0) {
      out += '&';
      pos = amp + 1;
    } else {
      pos = amp + used;
    }
  }
  return out;
}

}  // namespace sheaf::text
