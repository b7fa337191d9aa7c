// compiler, extract stage: the headline (line_fields.hpp clean_title). The other field rules live
// in date.cpp, dateline.cpp, byline.cpp, breadcrumb.cpp and site.cpp of this folder. Gold README
// "title": site and channel suffixes go, the published headline (with its own 【tag】 or
// "补壹刀：") stays.
#include <array>

#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"
#include "extract/text/shape.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;

// Separators sites put between headline, channel and site name in <title>.
constexpr std::array<std::string_view, 11> kTitleSeparators = {
    " - ", " – ", " — ", " | ", " _ ", "--", "__", "_", "|", "-", "—"};

constexpr size_t kMaxSuffixChars = 20;  // "山西省人民政府门户网站", "澎湃新闻-The Paper"
constexpr size_t kMinHeadChars = 4;

bool all_caps_or_domain(std::string_view s) {
  bool upper = false;
  for (const char c : s) {
    if (c == '.') {
      return true;
    }
    if (c >= 'a' && c <= 'z') {
      return false;
    }
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return upper;
}

/// Whether a bare hyphen at `at` (folded text) can separate a site name: never between digits
/// ("1-10月", "苏-34") and, between Latin letters, only before a domain or an all-caps name
/// ("ZoomEye-CSDN.NET", but not "Wi-Fi").
bool bare_hyphen_separates(std::string_view s, size_t at, std::string_view suffix) {
  const char32_t before = lt::cp_before(s, at);
  const char32_t after = lt::cp_at(s, at + 1);
  if ((before >= '0' && before <= '9') || (after >= '0' && after <= '9')) {
    return false;
  }
  if (lt::is_ascii_alpha(before) && lt::is_ascii_alpha(after)) {
    // Judge the Latin word right after the hyphen: "EDN 电子技术设计" and "CSDN.NET" are site
    // names, "Fi的新款手机" is the rest of a word.
    size_t word = 0;
    while (word < suffix.size() &&
           (lt::is_ascii_alnum(lt::cp_at(suffix, word)) || suffix[word] == '.')) {
      ++word;
    }
    return all_caps_or_domain(suffix.substr(0, word));
  }
  return true;
}

/// Removes the rightmost site or channel suffix; false when there is none to remove.
bool strip_one_suffix(std::string_view& s) {
  for (size_t at = s.size(); at > 0;) {
    at = lt::prev_cp(s, at);
    const std::string_view sep = lt::longest_word_at(s, at, kTitleSeparators);
    if (sep.empty()) {
      continue;
    }
    const std::string_view suffix = lt::trim(s.substr(at + sep.size()));
    const std::string_view head = lt::trim_chars(s.substr(0, at), "_-|—–");
    const size_t suffix_chars = lt::count_cp(suffix);
    const size_t head_chars = lt::count_cp(head);
    if (suffix_chars > kMaxSuffixChars || head_chars < kMinHeadChars ||
        lt::has_sentence_punct(suffix)) {
      continue;
    }
    if (sep == "-" && !bare_hyphen_separates(s, at, suffix)) {
      continue;
    }
    s = head;
    return true;
  }
  return false;
}

/// "[诗婷露雅化妆品]标题": an ASCII-bracketed Chinese keyword before a Chinese headline is an
/// injected SEO tag (Chinese headlines bracket their own tags with 【】, which stay).
std::string_view strip_seo_prefix(std::string_view s) {
  if (!lt::starts_with(s, "[")) {
    return s;
  }
  const size_t close = s.find(']');
  if (close == std::string_view::npos || close + 1 >= s.size()) {
    return s;
  }
  const std::string_view tag = s.substr(1, close - 1);
  const size_t chars = lt::count_cp(tag);
  if (chars == 0 || chars > 12 || !lt::is_cjk(lt::cp_at(tag, 0)) ||
      !lt::is_cjk(lt::cp_at(s, close + 1))) {
    return s;
  }
  return lt::trim(s.substr(close + 1));
}

/// The folded-and-trimmed source bytes of `part`, a view into `f.text`.
std::string original(const lt::Folded& f, std::string_view part) {
  const auto begin = static_cast<size_t>(part.data() - f.text.data());
  return f.original(begin, begin + part.size());
}

}  // namespace

std::string clean_title(std::string_view title_tag, std::string_view heading) {
  const lt::Folded tag_f = lt::fold(title_tag);
  std::string_view tag = lt::trim(tag_f.text);
  while (strip_one_suffix(tag)) {
  }
  tag = strip_seo_prefix(tag);

  const lt::Folded head_f = lt::fold(heading);
  const std::string_view head = strip_seo_prefix(lt::trim(head_f.text));
  if (head.empty()) {
    return original(tag_f, tag);
  }
  const std::string tag_key = text::straight_quotes(lt::squeeze_folded(original(tag_f, tag)));
  const std::string head_key = text::straight_quotes(lt::squeeze_folded(original(head_f, head)));
  const std::string full_key = text::straight_quotes(lt::squeeze_folded(title_tag));
  const size_t head_chars = lt::count_cp(head_key);
  const size_t tag_chars = lt::count_cp(tag_key);
  // The heading is the headline when the tag is it plus decoration (a suffix, or a site prefix
  // "明日股市预测--标题"), when it extends what was left of the tag, or when the tag is only a
  // channel name ("新闻动态--学会官网"). A short heading inside a long tag is a section name.
  const bool tag_extends = lt::contains(full_key, head_key) && 2 * head_chars >= tag_chars;
  const bool head_extends = !tag_key.empty() && lt::contains(head_key, tag_key);
  const bool tag_generic = tag_chars <= 6 && head_chars > tag_chars;
  if (tag_key.empty() || tag_extends || head_extends || tag_generic) {
    return original(head_f, head);
  }
  return original(tag_f, tag);
}

}  // namespace sheaf::fields
