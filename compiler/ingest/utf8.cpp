// compiler/ingest: UTF-8 validation, repair and encoding (see utf8.hpp).
#include "ingest/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace sheaf {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// One step of the scan: how many bytes to consume and whether they form a character.
struct Step {
  size_t length;
  bool valid;
};

/// Reads the sequence at `pos` (pos < s.size()). An invalid sequence's length is its maximal
/// subpart: the longest prefix that could still have started a well-formed sequence, at least 1.
Step scan_sequence(std::string_view s, size_t pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) {
    return {1, true};
  }
  size_t trail = 0;
  // Table 3-7 narrows the second byte's range after E0, ED, F0 and F4; later bytes are 80..BF.
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    trail = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    trail = 2;
    lo = lead == 0xE0 ? 0xA0 : lo;  // no overlongs
    hi = lead == 0xED ? 0x9F : hi;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    trail = 3;
    lo = lead == 0xF0 ? 0x90 : lo;  // no overlongs
    hi = lead == 0xF4 ? 0x8F : hi;  // nothing above U+10FFFF
  } else {
    return {1, false};  // 80..C1 and F5..FF never start a sequence
  }
  for (size_t k = 1; k <= trail; ++k) {
    if (pos + k >= s.size()) {
      return {k, false};
    }
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if (b < lo || b > hi) {
      return {k, false};
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return {trail + 1, true};
}

/// True at a well-formed three-byte sequence whose lead needs no narrowed second byte (E1..EC,
/// EE, EF: Chinese text is mostly these). Tested inline, before scan_sequence's general path.
bool three_byte_at(std::string_view s, size_t pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0xE1 || lead > 0xEF || lead == 0xED || s.size() - pos < 3) {
    return false;
  }
  const auto b1 = static_cast<unsigned char>(s[pos + 1]);
  const auto b2 = static_cast<unsigned char>(s[pos + 2]);
  return (b1 & 0xC0U) == 0x80 && (b2 & 0xC0U) == 0x80;
}

}  // namespace

size_t find_invalid_utf8(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    // Runs of ASCII, eight bytes at a time: most of an HTML page is markup.
    uint64_t word = 0;
    while (bytes.size() - pos >= sizeof word) {
      std::memcpy(&word, bytes.data() + pos, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) {
        break;
      }
      pos += sizeof word;
    }
    if (pos == bytes.size()) {
      break;
    }
    if (three_byte_at(bytes, pos)) {
      pos += 3;
      continue;
    }
    const Step step = scan_sequence(bytes, pos);
    if (!step.valid) {
      return pos;
    }
    pos += step.length;
  }
  return kUtf8Valid;
}

Utf8Repair repair_utf8(std::string_view bytes) {
  Utf8Repair result;
  const size_t first = find_invalid_utf8(bytes);
  if (first == kUtf8Valid) {
    result.text.assign(bytes);
    return result;
  }
  result.first_invalid_offset = first;
  result.text.reserve(bytes.size() + 16);
  result.text.append(bytes.substr(0, first));
  size_t pos = first;
  while (pos < bytes.size()) {
    const Step step = scan_sequence(bytes, pos);
    if (step.valid) {
      result.text.append(bytes.substr(pos, step.length));
    } else {
      result.text.append(kReplacement);
      ++result.invalid_sequences;
    }
    pos += step.length;
  }
  return result;
}

std::string_view strip_utf8_bom(std::string_view bytes) {
  if (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
  }
  return bytes;
}

void append_utf8(std::string& out, char32_t code_point) {
  const auto cp = static_cast<uint32_t>(code_point);
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      out.append(kReplacement);
      return;
    }
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp <= 0x10FFFF) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out.append(kReplacement);
  }
}

}  // namespace sheaf
