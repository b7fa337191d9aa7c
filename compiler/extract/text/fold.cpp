// compiler, extract stage: private UTF-8 helpers for the field and line rules (fold.hpp).
#include "extract/text/fold.hpp"

#include <algorithm>
#include <cstring>

namespace sheaf::text {

std::string Folded::original(size_t begin, size_t end) const {
  begin = std::min(begin, text.size());
  end = std::min(std::max(end, begin), text.size());
  return std::string(source.substr(origin[begin], origin[end] - origin[begin]));
}

char32_t decode_at(std::string_view s, size_t i, size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  length = 1;
  if (b0 < 0x80) {
    return b0;
  }
  size_t n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0xFFFD;
  }
  if (n > s.size() - i) {
    return 0xFFFD;
  }
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  length = n;
  return cp;
}

size_t next_cp(std::string_view s, size_t i) {
  if (i >= s.size()) {
    return s.size();
  }
  size_t length = 1;
  decode_at(s, i, length);
  return i + length;
}

size_t prev_cp(std::string_view s, size_t i) {
  if (i == 0) {
    return 0;
  }
  size_t j = i - 1;
  // Walk back over continuation bytes, at most three (the longest sequence).
  for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80; ++k) {
    --j;
  }
  return next_cp(s, j) == i ? j : i - 1;
}

char32_t cp_before(std::string_view s, size_t i) {
  if (i == 0 || i > s.size()) {
    return 0;
  }
  size_t length = 1;
  return decode_at(s, prev_cp(s, i), length);
}

char32_t cp_at(std::string_view s, size_t i) {
  if (i >= s.size()) {
    return 0;
  }
  size_t length = 1;
  return decode_at(s, i, length);
}

namespace {

/// min(count_cp(s), cap).
size_t count_cp_upto(std::string_view s, size_t cap) {
  size_t n = 0;
  size_t i = 0;
  while (i < s.size() && n < cap) {
    // The steps of next_cp, with ASCII (most of it) and whole 3-byte sequences (CJK) inline.
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
    } else if ((b0 & 0xF0) == 0xE0 && s.size() - i >= 3 &&
               (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      i += 3;
    } else {
      i = next_cp(s, i);
    }
    ++n;
  }
  return n;
}

}  // namespace

size_t count_cp(std::string_view s) {
  return count_cp_upto(s, s.size());  // never more code points than bytes
}

bool more_cp_than(std::string_view s, size_t n) {
  // Never more code points than bytes, never fewer than a quarter of them.
  if (s.size() <= n) {
    return false;
  }
  if (s.size() / 4 > n) {
    return true;
  }
  return count_cp_upto(s, n + 1) > n;
}

Folded fold(std::string_view source) {
  Folded f;
  f.source = source;
  // Folding never lengthens the text: write into full-size buffers, then cut them to size.
  f.text.resize(source.size());
  f.origin.resize(source.size() + 1);
  char* text = f.text.data();
  size_t* origin = f.origin.data();
  size_t out = 0;
  for (size_t i = 0; i < source.size();) {
    const auto b0 = static_cast<unsigned char>(source[i]);
    if (b0 < 0x80) {
      text[out] = source[i];
      origin[out++] = i++;
      continue;
    }
    // A whole 3-byte sequence (most CJK text) that folding keeps: only U+3000 (E3 80 80) and
    // U+FF01-U+FF5E (EF BC 81 - EF BD 9E) are mapped.
    if ((b0 & 0xF0) == 0xE0 && b0 != 0xE3 && b0 != 0xEF && source.size() - i >= 3 &&
        (static_cast<unsigned char>(source[i + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(source[i + 2]) & 0xC0) == 0x80) {
      for (size_t k = 0; k < 3; ++k) {
        text[out] = source[i + k];
        origin[out++] = i + k;
      }
      i += 3;
      continue;
    }
    size_t length = 1;
    const char32_t cp = decode_at(source, i, length);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      text[out] = static_cast<char>(cp - 0xFF01 + 0x21);
      origin[out++] = i;
    } else if (cp == 0x3000 || cp == 0xA0) {
      text[out] = cp == 0x3000 ? '\t' : ' ';
      origin[out++] = i;
    } else {
      for (size_t k = 0; k < length; ++k) {
        text[out] = source[i + k];
        origin[out++] = i + k;
      }
    }
    i += length;
  }
  origin[out] = source.size();
  f.text.resize(out);
  f.origin.resize(out + 1);
  return f;
}

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
}

std::string_view trim_chars(std::string_view s, std::string_view extra) {
  auto trimmable = [extra](char32_t c) {
    if (is_space(c)) {
      return true;
    }
    for (size_t i = 0; i < extra.size();) {
      size_t length = 1;
      if (decode_at(extra, i, length) == c) {
        return true;
      }
      i += length;
    }
    return false;
  };
  while (!s.empty()) {
    size_t length = 1;
    if (!trimmable(decode_at(s, 0, length))) {
      break;
    }
    s.remove_prefix(length);
  }
  while (!s.empty()) {
    const size_t start = prev_cp(s, s.size());
    size_t length = 1;
    if (!trimmable(decode_at(s, start, length))) {
      break;
    }
    s.remove_suffix(s.size() - start);
  }
  return s;
}

std::string_view trim(std::string_view s) {
  return trim_chars(s, "");
}

bool starts_with(std::string_view s, std::string_view prefix) {
  // The first byte rules out most candidates without a call to memcmp.
  return s.size() >= prefix.size() && (prefix.empty() || s[0] == prefix[0]) &&
         s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains(std::string_view s, std::string_view part) {
  if (part.size() < 2 || part.size() > s.size()) {
    return s.find(part) != std::string_view::npos;
  }
  // Look for the last byte first: in CJK text the lead byte of a character (0xE4-0xE9 for most
  // of them) recurs every few bytes, a given trailing byte far less often.
  const size_t head = part.size() - 1;
  const char last = part[head];
  const char* at = s.data() + head;
  const char* const end = s.data() + s.size();
  while (at < end) {
    const void* hit = std::memchr(at, last, static_cast<size_t>(end - at));
    if (hit == nullptr) {
      return false;
    }
    at = static_cast<const char*>(hit);
    if (std::memcmp(at - head, part.data(), head) == 0) {
      return true;
    }
    ++at;
  }
  return false;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [s](std::string_view part) { return contains(s, part); });
}

std::string_view word_at(std::string_view s, size_t i,
                         std::initializer_list<std::string_view> words) {
  return longest_word_at(s, i, words);
}

bool has_sentence_punct(std::string_view s) {
  if (contains_any(s, {"。", "，", "！", "？", "；"})) {
    return true;
  }
  // Folded text: a full-width comma became ',' and sits next to a CJK character. An ASCII
  // comma between Latin words ("Sep 7, 2019") is not a sentence mark here.
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',' || s[i] == '!' || s[i] == '?' || s[i] == ';') {
      if (is_cjk(cp_before(s, i)) || is_cjk(cp_at(s, i + 1))) {
        return true;
      }
    }
  }
  return false;
}

std::vector<std::string_view> split_any(std::string_view s,
                                        std::initializer_list<std::string_view> separators) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    const std::string_view sep = word_at(s, i, separators);
    if (sep.empty()) {
      i = next_cp(s, i);
      continue;
    }
    const std::string_view piece = trim(s.substr(start, i - start));
    if (!piece.empty()) {
      parts.push_back(piece);
    }
    i += sep.size();
    start = i;
  }
  const std::string_view last = trim(s.substr(start));
  if (!last.empty()) {
    parts.push_back(last);
  }
  return parts;
}

std::string squeeze_folded(std::string_view s) {
  std::string out;
  for (const char c : fold(s).text) {
    if (c != ' ' && c != '\t') {
      out += c;
    }
  }
  return out;
}

}  // namespace sheaf::text
