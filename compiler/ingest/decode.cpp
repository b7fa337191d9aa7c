// compiler/ingest: bytes -> UTF-8 text (see decode.hpp).
#include "ingest/decode.hpp"

#include <algorithm>
#include <cstdint>

#include "ingest/utf8.hpp"

namespace sheaf {

std::string decode_to_utf8(std::string_view bytes, const std::string& file, Diagnostics& diags) {
  const std::string_view body = strip_utf8_bom(bytes);
  Utf8Repair repaired = repair_utf8(body);
  if (repaired.invalid_sequences > 0) {
    const size_t offset = repaired.first_invalid_offset + (bytes.size() - body.size());
    const std::string_view before = bytes.substr(0, offset);
    const auto line = 1 + static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n'));
    diags.warning(file, line, "invalid-utf8",
                  "invalid UTF-8 at byte offset " + std::to_string(offset) + "; " +
                      std::to_string(repaired.invalid_sequences) +
                      (repaired.invalid_sequences == 1 ? " sequence" : " sequences") +
                      " replaced with U+FFFD");
  }
  return std::move(repaired.text);
}

std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;  // CRLF is one line break
      }
    }
  }
  return out;
}

}  // namespace sheaf
