// compiler, extract stage (internal): style and caption tests of the HTML walk (see
// html_style.hpp).
#include "extract/parse/html_style.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace sheaf::parse::html {
namespace {

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

}  // namespace

/// text-align:center in an inline style (spaces and case ignored).
bool style_centers(std::string_view style) {
  const size_t at = style.find("text-align");
  if (at == std::string_view::npos) {
    return false;
  }
  const std::string_view rest = style.substr(at + 10, 16);
  return rest.find("center") != std::string_view::npos;
}

/// display:none in an inline style, ignoring case and spaces ("DISPLAY: none").
bool style_hides(std::string_view style) {
  std::string compact;
  for (const char c : style) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      compact += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return compact.find("display:none") != std::string::npos;
}

/// A short line right under an image that reads as its caption. Why these shapes: a photo
/// credit ("周斌 摄", "小花母亲供图", "报道截图", "视觉中国"), a parenthesized note ("（点击看清晰
/// 大图）"), a centered line without a comma (captions under centered photos), or a very short
/// labelling sentence ("小花家。", "冰洞。"). Prose after an image is longer or uncentered.
bool looks_like_caption(std::string_view text, bool centered) {
  size_t chars = 0;
  for (const char c : text) {
    chars += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  }
  if (chars > 80) {
    return false;
  }
  static constexpr std::array<std::string_view, 7> kCredits = {
      "\xE4\xBE\x9B\xE5\x9B\xBE",                          // 供图
      "\xE6\x88\xAA\xE5\x9B\xBE",                          // 截图
      "\xE8\xA7\x86\xE8\xA7\x89\xE4\xB8\xAD\xE5\x9B\xBD",  // 视觉中国
      "\xE5\x9B\xBE\xE6\xBA\x90",                          // 图源
      "\xE5\x9B\xBE\xE7\x89\x87\xE6\x9D\xA5",              // 图片来
      " \xE6\x91\x84",                                     // " 摄"
      "\xE6\x91\x84\xEF\xBC\x89"};                         // 摄）
  for (const std::string_view w : kCredits) {
    if (contains(text, w)) {
      return true;
    }
  }
  constexpr std::string_view kFullStop = "\xE3\x80\x82";  // 。
  constexpr std::string_view kComma = "\xEF\xBC\x8C";     // ，
  const bool parenthesized =
      (text.substr(0, 3) == "\xEF\xBC\x88" && ends_with(text, "\xEF\xBC\x89"));
  const bool labelling = chars <= 10 && ends_with(text, kFullStop) &&
                         text.find(kFullStop) == text.size() - kFullStop.size();
  // A centered date ("2012年6月24日") or work title ("《冬夜读书示子聿》") heads a text.
  const bool heading_like =
      text.substr(0, 3) == "\xE3\x80\x8A" ||
      std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  return parenthesized || labelling || ends_with(text, "\xE6\x91\x84") ||
         (centered && !heading_like && !contains(text, kComma) && !contains(text, kFullStop));
}

}  // namespace sheaf::parse::html
