// compiler/extract: whitespace and entity cleaning of one value (see clean.hpp).
#include "extract/text/clean.hpp"

#include "extract/text/entities.hpp"

namespace sheaf::text {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";                  // U+00A0
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/// Length of the trimmable character at the start of `s` (ASCII space, NBSP, U+3000), or 0.
size_t trimmable_prefix(std::string_view s) {
  if (!s.empty() && s[0] == ' ') {
    return 1;
  }
  for (const std::string_view mark : {kNbsp, kIdeographicSpace}) {
    if (s.substr(0, mark.size()) == mark) {
      return mark.size();
    }
  }
  return 0;
}

/// Length of the trimmable character at the end of `s`, or 0.
size_t trimmable_suffix(std::string_view s) {
  if (!s.empty() && s.back() == ' ') {
    return 1;
  }
  for (const std::string_view mark : {kNbsp, kIdeographicSpace}) {
    if (s.size() >= mark.size() && s.substr(s.size() - mark.size()) == mark) {
      return mark.size();
    }
  }
  return 0;
}

}  // namespace

std::string clean_line(std::string_view line) {
  const std::string decoded = decode_entities(line);
  const std::string_view text = decoded;

  std::string folded;
  folded.reserve(text.size());
  bool in_space_run = false;
  for (size_t i = 0; i < text.size(); ++i) {
    // In UTF-8 the bytes C2 A0 can only be U+00A0 (C2 is always a lead byte).
    const bool nbsp = text.substr(i, kNbsp.size()) == kNbsp;
    if (nbsp || is_ascii_space(text[i])) {
      if (!in_space_run) {
        folded += ' ';
        in_space_run = true;
      }
      i += nbsp ? kNbsp.size() - 1 : 0;
      continue;
    }
    in_space_run = false;
    folded += text[i];
  }

  std::string_view value = folded;
  while (const size_t n = trimmable_prefix(value)) {
    value.remove_prefix(n);
  }
  while (const size_t n = trimmable_suffix(value)) {
    value.remove_suffix(n);
  }
  return std::string(value);
}

std::string_view trim_line_blanks(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return line;
}

}  // namespace sheaf::text
