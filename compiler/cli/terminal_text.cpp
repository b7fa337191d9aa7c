// compiler, CLI: escaping of printed record text (see terminal_text.hpp).
#include "cli/terminal_text.hpp"

namespace sheaf::cli {
namespace {

// The length of the valid UTF-8 sequence at `text[i]`, or 0 if there is none.
size_t utf8_length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const size_t n = lead < 0x80                   ? 1
                   : lead >= 0xC2 && lead < 0xE0 ? 2
                   : lead >= 0xE0 && lead < 0xF0 ? 3
                   : lead >= 0xF0 && lead < 0xF5 ? 4
                                                 : 0;
  if (n == 0 || i + n > text.size()) {
    return 0;
  }
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return n;
}

// Appends PREFIX, `value` as two lower-case hex digits, then SUFFIX: "\\x1b", "\\u{9b}".
void append_hex(std::string& out, const char* prefix, unsigned value, const char* suffix = "") {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += prefix;
  out += kDigits[(value >> 4) & 0xF];
  out += kDigits[value & 0xF];
  out += suffix;
}

std::string escape(std::string_view text, bool field) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t n = utf8_length(text, i);
    if (n == 0) {
      append_hex(out, "\\x", c);  // not UTF-8: shown as the byte it is
      i += 1;
    } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      append_hex(out, "\\u{", static_cast<unsigned char>(text[i + 1]), "}");  // C1 control
      i += 2;
    } else if (n > 1 || (c >= 0x20 && c != 0x7F && c != '\\') || (!field && c == '\\')) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      i += 1;
      if (!field && (c == '\n' || c == '\t')) {
        out += static_cast<char>(c);
      } else if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        out += c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
      } else {
        append_hex(out, "\\x", c);
      }
    }
  }
  return out;
}

}  // namespace

std::string escape_field(std::string_view text) {
  return escape(text, true);
}

std::string escape_body(std::string_view text) {
  return escape(text, false);
}

}  // namespace sheaf::cli
