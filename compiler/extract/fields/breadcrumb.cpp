// compiler, extract stage: breadcrumb lines (line_fields.hpp parse_breadcrumb). A breadcrumb is
// known by its shape, never by a site's name: a leading location label, a home link followed by
// separators, or a path that ends in an article marker. Gold README "categories".
#include <algorithm>
#include <array>

#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;

// Folded forms: "＞" is already '>'.
constexpr std::array<std::string_view, 8> kStrongSeparators = {">>", ">",  "»", "›",
                                                               "→",  "〉", "≫", "＞"};
// Also used in titles, dates and names, so they need more evidence (see accept_shape).
constexpr std::array<std::string_view, 3> kWeakSeparators = {"/", "-", "—"};

constexpr std::array<std::string_view, 21> kArticleMarkers = {
    "正文",     "资讯正文", "新闻正文", "正文内容", "详情",     "详细内容", "内容",
    "文章内容", "阅读文章", "浏览文章", "详情页",   "内容页",   "Article",  "Content",
    "文章详情", "新闻详情", "内容详情", "信息详情", "文章正文", "正文页",   "详细页"};

constexpr std::array<std::string_view, 6> kHomeWords = {"首页", "主页", "Home",
                                                        "HOME", "home", "首 页"};

constexpr size_t kMaxSegmentChars = 24;

/// Length of a leading location label ("当前位置：", "您现在的位置:", "位置：", "You are here:"),
/// or 0. Only the known openers count, so "其位置在…" in a sentence is no label.
size_t label_length(std::string_view s) {
  static constexpr std::array<std::string_view, 14> kOpeners = {
      "",     "当前",     "您的",   "你的",     "您现在的", "你现在的", "现在",
      "所在", "您所在的", "您当前", "您的当前", "当前所在", "目前",     "您所在"};
  const size_t at = s.find("位置");
  if (at != std::string_view::npos) {
    const std::string_view opener = s.substr(0, at);
    size_t j = at + std::string_view("位置").size();
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) {
      ++j;
    }
    const bool colon = j < s.size() && s[j] == ':';
    for (const std::string_view known : kOpeners) {
      // A bare "位置：" needs its colon; "当前位置" is distinctive enough without one.
      if (opener == known && (colon || !known.empty())) {
        return colon ? j + 1 : j;
      }
    }
  }
  for (const std::string_view english : {"You are here:", "Location:", "You are here"}) {
    if (lt::starts_with(s, english)) {
      return english.size();
    }
  }
  return 0;
}

/// An article marker ending a path, alone or followed on its segment by a widget's words
/// ("正文 申请入驻": the marker, then a button beside the breadcrumb).
bool is_marker(std::string_view segment) {
  constexpr size_t kMaxMarkerSegmentChars = 12;
  for (const std::string_view m : kArticleMarkers) {
    if (segment == m || (lt::starts_with(segment, m) && segment.size() > m.size() &&
                         (segment[m.size()] == ' ' || segment[m.size()] == '\t') &&
                         !lt::more_cp_than(segment, kMaxMarkerSegmentChars))) {
      return true;
    }
  }
  return false;
}

/// A home link: "首页", "网站首页", "CSDN首页", a short site name "人民网" (gold README lists
/// these as home links), but never "返回首页" (a back link) or "设为首页" (a widget).
bool is_home(std::string_view segment, bool strong) {
  for (const std::string_view h : kHomeWords) {
    if (segment == h) {
      return true;
    }
  }
  if (lt::starts_with(segment, "返回") || lt::starts_with(segment, "设为")) {
    return false;
  }
  const size_t chars = lt::count_cp(segment);
  if (lt::ends_with(segment, "首页") && chars <= 10) {
    return true;
  }
  return strong && lt::ends_with(segment, "网") && chars >= 2 && chars <= 6;
}

struct Split {
  std::vector<std::string_view> segments;
  size_t separators = 0;
  bool strong = false;
  bool spaces = false;  ///< separated by spaces only ("首页 基金资讯 资讯正文")
};

Split split_path(std::string_view s) {
  Split out;
  for (const bool strong : {true, false}) {
    size_t count = 0;
    for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
      const std::string_view sep = strong ? lt::longest_word_at(s, i, kStrongSeparators)
                                          : lt::longest_word_at(s, i, kWeakSeparators);
      if (!sep.empty()) {
        ++count;
        i += sep.size() - 1;
      }
    }
    if (count > 0) {
      out.separators = count;
      out.strong = strong;
      out.segments = strong ? lt::split_any(s, {">>", ">", "»", "›", "→", "〉", "≫", "＞"})
                            : lt::split_any(s, {"/", "-", "—"});
      return out;
    }
  }
  out.spaces = true;
  out.segments = lt::split_any(s, {" ", "\t"});
  out.separators = out.segments.empty() ? 0 : out.segments.size() - 1;
  return out;
}

/// "订阅业界RSS CSDN首页> 业界": only the last word before the first separator can be the home
/// link; text before it is another widget on the same line.
void trim_before_home(Split& split) {
  if (split.segments.empty() || split.spaces) {
    return;
  }
  const std::vector<std::string_view> words = lt::split_any(split.segments[0], {" ", "\t"});
  if (words.size() > 1 && is_home(words.back(), split.strong)) {
    split.segments[0] = words.back();
  }
}

bool accept_shape(const Split& split, bool labelled) {
  if (labelled) {
    return true;
  }
  if (split.segments.size() < 2) {
    return false;
  }
  const bool home = is_home(split.segments.front(), split.strong);
  const bool marker_last = is_marker(split.segments.back());
  if (split.spaces) {
    // A row of words is a menu unless it runs from a home link to an article marker.
    return home && marker_last;
  }
  if (home) {
    return split.strong || split.separators >= 2;  // "首页 - 新闻动态" alone is a heading
  }
  return split.strong && split.separators >= 2 && marker_last;
}

/// The segment is the page's own headline, perhaps with an ad prefix or cut short ("…").
bool is_title_copy(std::string_view segment, std::string_view title) {
  if (title.empty()) {
    return false;
  }
  std::string seg = lt::squeeze_folded(lt::trim_chars(segment, ".…"));
  const std::string head = lt::squeeze_folded(title);
  if (seg == head || (lt::count_cp(head) >= 6 && lt::contains(seg, head))) {
    return true;
  }
  return lt::count_cp(seg) >= 6 && lt::starts_with(head, seg);
}

/// The end of a path both kinds of breadcrumb share: a trailing article marker and copy of the
/// headline go, in either order ("… > 标题 > 正文" or "… > 正文"). False when a segment left is
/// a sentence, not a path segment.
bool settle_tail(std::vector<std::string_view>& segs, std::string_view title) {
  for (int pass = 0; pass < 2 && !segs.empty(); ++pass) {
    if (is_marker(segs.back()) || is_title_copy(segs.back(), title)) {
      segs.pop_back();
    }
  }
  return std::none_of(segs.begin(), segs.end(), [](std::string_view seg) {
    return lt::more_cp_than(seg, kMaxSegmentChars) || lt::has_sentence_punct(seg);
  });
}

}  // namespace

std::optional<std::vector<std::string>> parse_breadcrumb(std::string_view line,
                                                         std::string_view title) {
  const lt::Folded f = lt::fold(line);
  const std::string_view all = lt::trim(f.text);
  const size_t label = label_length(all);
  const std::string_view path = lt::trim(all.substr(label));
  if (label == 0 && path.empty()) {
    return std::nullopt;
  }
  Split split = split_path(path);
  trim_before_home(split);
  if (!accept_shape(split, label > 0)) {
    return std::nullopt;
  }
  std::vector<std::string_view>& segs = split.segments;
  if (!segs.empty() && is_home(segs.front(), split.strong || label > 0)) {
    segs.erase(segs.begin());
  }
  if (!settle_tail(segs, title)) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const std::string_view seg : segs) {
    const auto begin = static_cast<size_t>(seg.data() - f.text.data());
    out.push_back(f.original(begin, begin + seg.size()));
  }
  return out;
}

std::optional<std::vector<std::string>> breadcrumb_items(const std::vector<std::string>& items,
                                                         std::string_view title,
                                                         std::string_view site) {
  std::vector<std::string_view> segs;
  for (const std::string& item : items) {
    const std::string_view t = lt::trim_chars(item, ">»›/|");
    if (!t.empty()) {
      segs.push_back(t);
    }
  }
  if (segs.empty()) {
    return std::nullopt;
  }
  // "Telegraph" names the site "The Telegraph": an English article does not make it another.
  const auto bare = [](std::string_view x) { return lt::starts_with(x, "The ") ? x.substr(4) : x; };
  const auto same = [&bare](std::string_view a, std::string_view b) {
    return !b.empty() && lt::squeeze_folded(bare(a)) == lt::squeeze_folded(bare(b));
  };
  if (is_home(segs.front(), true) || same(segs.front(), site)) {
    segs.erase(segs.begin());
  }
  if (!settle_tail(segs, title)) {
    return std::nullopt;
  }
  return std::vector<std::string>(segs.begin(), segs.end());
}

}  // namespace sheaf::fields
