// compiler, extract stage (internal): text helpers for field reading (see shape.hpp).
#include "extract/text/shape.hpp"

#include <array>

#include "extract/text/fold.hpp"

namespace sheaf::text {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

}  // namespace

std::string squeeze(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_ascii_space(text[i])) {
      continue;
    }
    const std::string_view rest = text.substr(i);
    if (starts_with(rest, kNbsp)) {
      i += kNbsp.size() - 1;
      continue;
    }
    if (starts_with(rest, kIdeographicSpace)) {
      i += kIdeographicSpace.size() - 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string join_wrapped(std::string_view first, std::string_view second) {
  std::string out(first);
  if (!first.empty() && !second.empty() &&
      (is_ascii_alnum(first.back()) || is_ascii_alnum(second.front()))) {
    out += ' ';
  }
  out += second;
  return out;
}

uint32_t code_points(std::string_view text) {
  uint32_t n = 0;
  for (const char c : text) {
    n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  }
  return n;
}

std::string straight_quotes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (rest.substr(0, 3) == "\xE2\x80\x9C" || rest.substr(0, 3) == "\xE2\x80\x9D") {
      out += '"';
      i += 2;
    } else if (rest.substr(0, 3) == "\xE2\x80\x98" || rest.substr(0, 3) == "\xE2\x80\x99") {
      out += '\'';
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool has_sentence_punctuation(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kMarks = {
      "\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x9B"};
  for (const std::string_view m : kMarks) {
    if (text.find(m) != std::string_view::npos) {
      return true;
    }
  }
  return text.find(", ") != std::string_view::npos || text.find(". ") != std::string_view::npos;
}

bool is_parenthesized(std::string_view text) {
  constexpr std::string_view kOpen = "\xEF\xBC\x88";   // （
  constexpr std::string_view kClose = "\xEF\xBC\x89";  // ）
  const bool full = starts_with(text, kOpen) && ends_with(text, kClose);
  const bool ascii = starts_with(text, "(") && ends_with(text, ")");
  if (!full && !ascii) {
    return false;
  }
  // One pair only: "（上）……（下）" is two asides, not one note.
  const std::string_view inner =
      full ? text.substr(3, text.size() - 6) : text.substr(1, text.size() - 2);
  return inner.find(full ? kClose : ")") == std::string_view::npos;
}

bool is_relative_date(std::string_view text) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "\xE6\x98\xA8\xE5\xA4\xA9",              // 昨天
      "\xE5\x89\x8D\xE5\xA4\xA9",              // 前天
      "\xE4\xBB\x8A\xE5\xA4\xA9",              // 今天
      "\xE5\xB0\x8F\xE6\x97\xB6\xE5\x89\x8D",  // 小时前
      "\xE5\x88\x86\xE9\x92\x9F\xE5\x89\x8D",  // 分钟前
      "\xE5\x88\x9A\xE5\x88\x9A",              // 刚刚
      "yesterday",
      "hours ago",
      "hour ago",
      "day ago",
      "days ago",
      "minutes ago",
      "mins ago"};
  for (const std::string_view w : kWords) {
    if (text.find(w) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace sheaf::text
