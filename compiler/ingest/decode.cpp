// compiler/ingest: bytes -> UTF-8 text: charset detection and reporting (see decode.hpp).
#include "ingest/decode.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "ingest/utf8.hpp"

namespace sheaf {
namespace {

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool starts_with_ci(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(s[pos + i]) != prefix[i]) {
      return false;
    }
  }
  return true;
}

size_t find_ci(std::string_view s, std::string_view needle, size_t from = 0) {
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (starts_with_ci(s, i, needle)) {
      return i;
    }
  }
  return std::string_view::npos;
}

size_t skip_spaces(std::string_view s, size_t pos) {
  while (pos < s.size() && is_space(s[pos])) {
    ++pos;
  }
  return pos;
}

/// Reads a value at `pos`: quoted ('...' or "...") or bare up to a space, `stop` or the end.
/// Advances `pos` past it.
std::string_view read_value(std::string_view s, size_t& pos, std::string_view stop) {
  if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) {
    const size_t close = s.find(s[pos], pos + 1);
    const size_t end = close == std::string_view::npos ? s.size() : close;
    const std::string_view value = s.substr(pos + 1, end - pos - 1);
    pos = end == s.size() ? end : end + 1;
    return value;
  }
  const size_t begin = pos;
  while (pos < s.size() && !is_space(s[pos]) && stop.find(s[pos]) == std::string_view::npos) {
    ++pos;
  }
  return s.substr(begin, pos - begin);
}

/// The value after the first `key` that is followed by optional spaces and `=` (WHATWG
/// "extracting a character encoding from a meta element"), quoted or bare up to `stop`.
std::string value_after(std::string_view s, std::string_view key, std::string_view stop) {
  size_t pos = 0;
  while ((pos = find_ci(s, key, pos)) != std::string_view::npos) {
    pos = skip_spaces(s, pos + key.size());
    if (pos < s.size() && s[pos] == '=') {
      pos = skip_spaces(s, pos + 1);
      return normalize_label(read_value(s, pos, stop));
    }
  }
  return {};
}

/// Parses the attributes of the tag starting at `pos` (just after its name) up to its `>`.
/// @return the charset the tag declares, or "".
std::string meta_charset(std::string_view s, size_t pos) {
  std::string charset;
  std::string content_charset;
  bool content_type = false;
  while (true) {
    while (pos < s.size() && (is_space(s[pos]) || s[pos] == '/')) {
      ++pos;
    }
    if (pos >= s.size() || s[pos] == '>') {
      break;
    }
    const std::string name = normalize_label(read_value(s, pos, "=>/"));
    std::string_view value;
    pos = skip_spaces(s, pos);
    if (pos < s.size() && s[pos] == '=') {
      pos = skip_spaces(s, pos + 1);
      value = read_value(s, pos, ">");
    }
    if (name == "charset" && charset.empty()) {
      charset = normalize_label(value);
    } else if (name == "http-equiv") {
      content_type = normalize_label(value) == "content-type";
    } else if (name == "content") {
      content_charset = value_after(value, "charset", ";");
    }
  }
  return !charset.empty() ? charset : content_type ? content_charset : std::string();
}

std::string xml_declared_charset(std::string_view head) {
  const size_t start = skip_spaces(head, head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
  if (!starts_with_ci(head, start, "<?xml")) {
    return {};
  }
  return value_after(head.substr(start, head.find("?>", start) - start), "encoding", "?");
}

/// True when the only problem of `bytes` is a multi-byte sequence cut off by the end: the
/// tail from `offset` is a lead byte and fewer continuation bytes than it needs.
bool is_truncated_utf8_tail(std::string_view bytes, size_t offset) {
  const std::string_view tail = bytes.substr(offset);
  const auto lead = static_cast<unsigned char>(tail[0]);
  return tail.size() < 4 && lead >= 0xC2 && lead <= 0xF4 &&
         repair_utf8(tail).text == "\xEF\xBF\xBD";
}

uint64_t count_line_breaks(std::string_view text) {
  uint64_t breaks = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++breaks;
    }
  }
  return breaks;
}

void adopt(DecodedText& out, Conversion conv, Charset charset, size_t bom_size_bytes) {
  out.charset = charset;
  out.bad_sequences = conv.bad_sequences;
  out.bad_bytes = conv.bad_bytes;
  if (conv.bad_sequences > 0) {
    out.first_bad_offset = conv.first_bad_offset + bom_size_bytes;
    out.first_bad_line =
        1 + count_line_breaks(std::string_view(conv.utf8).substr(0, conv.first_bad_utf8_offset));
  }
  out.utf8 = std::move(conv.utf8);
}

bool looks_binary(std::string_view bytes, DecodedText& out) {
  const std::string_view sample = bytes.substr(0, kBinarySampleBytes);
  out.nul_bytes = static_cast<size_t>(std::count(sample.begin(), sample.end(), '\0'));
  if (out.nul_bytes < 2 || out.nul_bytes * 1000 < sample.size() * kBinaryNulPerMille) {
    return false;
  }
  out.binary = true;
  out.first_bad_offset = sample.find('\0');
  return true;
}

/// How many characters of `utf8` (valid UTF-8) are not ASCII.
size_t count_multibyte(std::string_view utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) == 0xC0u;
  }));
}

/// Step 4 of decode.hpp: decode in each candidate and keep the best score.
void guess(std::string_view bytes, Charset declared, DecodedText& out) {
  std::array<Charset, 4> candidates = {Charset::unknown, Charset::utf8, Charset::gb18030,
                                       Charset::big5};
  if (declared == Charset::gb18030 || declared == Charset::big5 ||
      declared == Charset::windows1252) {
    candidates[0] = declared;  // first, so that it wins ties
  }
  Conversion best;
  Charset best_charset = Charset::unknown;
  long best_score = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Charset charset = candidates[i];
    if (charset == Charset::unknown || (i > 0 && charset == candidates[0])) {
      continue;
    }
    Conversion conv = convert_to_utf8(bytes, charset);
    long score = static_cast<long>(count_common_hanzi(conv.utf8)) -
                 2 * static_cast<long>(conv.bad_sequences);
    if (charset == Charset::utf8) {
      // Random bytes seldom form UTF-8 sequences, so each valid one is evidence too.
      score += static_cast<long>(count_multibyte(conv.utf8) - conv.bad_sequences);
    }
    if (best_charset == Charset::unknown || score > best_score) {
      best = std::move(conv);
      best_charset = charset;
      best_score = score;
    }
  }
  adopt(out, std::move(best), best_charset, 0);
}

}  // namespace

std::string sniff_declared_charset(std::string_view head) {
  head = head.substr(0, kSniffLimitBytes);
  std::string declared = xml_declared_charset(head);
  size_t pos = 0;
  while (declared.empty() && (pos = head.find('<', pos)) != std::string_view::npos) {
    if (head.compare(pos, 4, "<!--") == 0) {
      const size_t end = head.find("-->", pos + 4);
      pos = end == std::string_view::npos ? head.size() : end + 3;
    } else if (starts_with_ci(head, pos, "<meta") && pos + 5 < head.size() &&
               (is_space(head[pos + 5]) || head[pos + 5] == '/')) {
      declared = meta_charset(head, pos + 5);
      pos += 5;
    } else {
      ++pos;
    }
  }
  return declared;
}

DecodedText decode_bytes(std::string_view bytes, std::string_view declared_hint) {
  DecodedText out;
  out.declared =
      declared_hint.empty() ? sniff_declared_charset(bytes) : normalize_label(declared_hint);
  const Bom bom = detect_bom(bytes);
  if (bom.charset != Charset::unknown) {
    adopt(out, convert_to_utf8(bytes.substr(bom.size_bytes), bom.charset), bom.charset,
          bom.size_bytes);
    return out;
  }
  if (looks_binary(bytes, out)) {
    return out;
  }
  const size_t invalid = find_invalid_utf8(bytes);
  if (invalid == kUtf8Valid) {
    out.charset = Charset::utf8;  // the common case: copy once, no repair pass
    out.utf8 = std::string(bytes);
    return out;
  }
  if (is_truncated_utf8_tail(bytes, invalid)) {
    adopt(out, convert_to_utf8(bytes, Charset::utf8), Charset::utf8, 0);
    return out;
  }
  guess(bytes, charset_from_label(out.declared), out);
  return out;
}

void report_decode_problems(const DecodedText& decoded, const std::string& file,
                            Diagnostics& diags) {
  if (decoded.binary) {
    diags.error(file, 0, DiagCode::binary_file,
                "binary file, or UTF-16/UTF-32 without a byte order mark: " +
                    std::to_string(decoded.nul_bytes) + " NUL bytes, the first at byte offset " +
                    std::to_string(decoded.first_bad_offset) + "; not decoded");
    return;
  }
  if (decoded.bad_sequences == 0) {
    return;
  }
  const std::string offset = std::to_string(decoded.first_bad_offset);
  const std::string sequences = std::to_string(decoded.bad_sequences) +
                                (decoded.bad_sequences == 1 ? " sequence" : " sequences");
  if (decoded.charset == Charset::utf8) {
    diags.warning(
        file, decoded.first_bad_line, DiagCode::invalid_utf8,
        "invalid UTF-8 at byte offset " + offset + "; " + sequences + " replaced with U+FFFD");
    return;
  }
  diags.warning(file, decoded.first_bad_line, DiagCode::undecodable_bytes,
                "undecodable " + std::string(decoded.encoding()) + " at byte offset " + offset +
                    "; " + sequences + " (" + std::to_string(decoded.bad_bytes) +
                    (decoded.bad_bytes == 1 ? " byte" : " bytes") + ") replaced with U+FFFD");
}

std::string decode_to_utf8(std::string_view bytes, const std::string& file, Diagnostics& diags,
                           std::string_view declared_hint) {
  DecodedText decoded = decode_bytes(bytes, declared_hint);
  report_decode_problems(decoded, file, diags);
  return std::move(decoded.utf8);
}

std::string decode_owned_to_utf8(std::string&& bytes, const std::string& file, Diagnostics& diags,
                                 std::string_view declared_hint) {
  // Same decisions as decode_bytes: a BOM or a NUL byte takes the general path.
  if (detect_bom(bytes).charset == Charset::unknown && bytes.find('\0') == std::string::npos &&
      find_invalid_utf8(bytes) == kUtf8Valid) {
    return std::move(bytes);
  }
  return decode_to_utf8(std::string_view(bytes), file, diags, declared_hint);
}

std::string normalize_newlines(std::string_view text) {
  std::string out(text);
  normalize_newlines_in_place(out);
  return out;
}

void normalize_newlines_in_place(std::string& text) {
  // Most files have no CR at all: find the first one with memchr and leave early.
  const size_t first = text.find('\r');
  if (first == std::string::npos) {
    return;
  }
  size_t out = first;
  for (size_t i = first; i < text.size(); ++i) {
    if (text[i] != '\r') {
      text[out++] = text[i];
    } else {
      text[out++] = '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;  // CRLF is one line break
      }
    }
  }
  text.resize(out);
}

}  // namespace sheaf
