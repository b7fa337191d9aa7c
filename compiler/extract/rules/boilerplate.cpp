// compiler, extract stage: per-line boilerplate rules (boilerplate.hpp). Each rule looks at the
// whole line: a label at the start, a short length, and no prose after it. A sentence that only
// mentions such a word ("记者了解到，…", "收入来源于…") is content. Gold README "Removed".
#include "extract/rules/boilerplate.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "extract/fields/line_fields.hpp"
#include "extract/rules/widgets.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::rules {
namespace {

namespace lt = text;

constexpr size_t kShortLine = 60;  // label lines ("责任编辑：…", "来源：…") are short

/// The line without one pair of enclosing brackets: "【编辑：姚昊】" -> "编辑：姚昊".
std::string_view unwrap(std::string_view s) {
  for (const auto& [open, close] : std::array<std::pair<std::string_view, std::string_view>, 3>{
           {{"(", ")"}, {"[", "]"}, {"【", "】"}}}) {
    if (lt::starts_with(s, open) && lt::ends_with(s, close) &&
        s.size() > open.size() + close.size()) {
      return lt::trim(s.substr(open.size(), s.size() - open.size() - close.size()));
    }
  }
  return s;
}

/// `s` starts with one of `labels` followed by a colon, a slash, a space or the end (or one of
/// `joiners`, e.g. "于" in "信息来源于网络").
template <typename Labels>
bool starts_with_label(std::string_view s, const Labels& labels, std::string_view joiners = "") {
  const std::string_view label = lt::longest_word_at(s, 0, labels);
  if (label.empty()) {
    return false;
  }
  const std::string_view rest = s.substr(label.size());
  const char32_t next = lt::cp_at(rest, 0);
  // "综合整理自澎湃新闻": a label ending in 自/于 is followed by its value directly.
  // "编辑|王小明": a bar separates label and value in some templates.
  if (next == 0 || next == ':' || next == '/' || next == '|' || lt::is_space(next) ||
      lt::ends_with(label, "自") || lt::ends_with(label, "于")) {
    return true;
  }
  return !joiners.empty() && lt::contains(joiners, rest.substr(0, lt::next_cp(rest, 0)));
}

constexpr std::array<std::string_view, 12> kEditorLabels = {
    "责任编辑", "值班编辑", "本文编辑", "网络编辑", "责编", "编辑",
    "校对",     "审核",     "审校",     "主编",     "美编", "编审"};

bool editor_line(std::string_view s, std::string_view inner) {
  if (lt::more_cp_than(s, kShortLine) || lt::contains(s, "。")) {
    return false;
  }
  if (starts_with_label(inner, kEditorLabels)) {
    return true;
  }
  // A credits row "…供稿 摄影/张艳 编辑/苏芳": an editor field after a space.
  for (const std::string_view label : kEditorLabels) {
    for (size_t at = s.find(label); at != std::string_view::npos; at = s.find(label, at + 1)) {
      const char32_t prev = lt::cp_before(s, at);
      const char32_t next = lt::cp_at(s, at + label.size());
      if ((lt::is_space(prev) || prev == '(') && (next == ':' || next == '/')) {
        return !lt::has_sentence_punct(s);
      }
    }
  }
  return false;
}

constexpr std::array<std::string_view, 11> kBylineLabels = {
    "采写",   "作者", "记者", "本报记者", "特约记者", "见习记者",
    "通讯员", "文",   "执笔", "撰文",     "文/图"};

bool byline_line(std::string_view line, std::string_view s, std::string_view inner) {
  const size_t chars = lt::count_cp(s);
  if (chars > kShortLine || lt::contains(s, "。")) {
    return false;
  }
  // "（实习生王某对此文亦有贡献）": a bracketed contributor credit.
  if (inner != s && lt::word_at(inner, 0, {"实习生", "通讯员"}).size() > 0 && chars <= 30) {
    return true;
  }
  if (starts_with_label(inner, kBylineLabels)) {
    return !fields::parse_byline(line).author.empty() || lt::contains_any(inner, {":", "/"});
  }
  // "澎湃新闻记者 段彦超 廖艳", "《棱镜》作者 周纯": a short row that is only a byline.
  return chars <= 30 && !lt::has_sentence_punct(s) && !fields::parse_byline(line).author.empty() &&
         fields::is_meta_line(line) && fields::parse_byline(line).source.empty() &&
         fields::first_date(line).empty();
}

constexpr std::array<std::string_view, 16> kSourceLabels = {
    "来源",   "本文来源", "文章来源", "资料来源", "信息来源",   "新闻来源", "稿源",   "转自",
    "转载自", "出处",     "内容来源", "素材来源", "综合整理自", "整理自",   "综合自", "编译自"};

bool source_line(std::string_view s, std::string_view inner) {
  if (lt::more_cp_than(s, kShortLine) || !starts_with_label(inner, kSourceLabels, "于自")) {
    return false;
  }
  // The value is a list of names ("参考消息、海外网等"), never a clause.
  return !lt::has_sentence_punct(inner);
}

bool original_title(std::string_view inner) {
  for (const std::string_view self : {"本文", "文章", "此文"}) {
    if (lt::starts_with(inner, self) && lt::starts_with(inner.substr(self.size()), "原标题")) {
      return true;  // "本文原标题：…"
    }
  }
  return lt::starts_with(inner, "原标题") || lt::starts_with(inner, "原题为") ||
         lt::starts_with(inner, "原题:") || lt::starts_with(inner, "原文标题");
}

bool reprint_notice(std::string_view s, std::string_view inner) {
  if (lt::more_cp_than(s, 200)) {
    return false;
  }
  if (lt::word_at(inner, 0,
                  {"版权声明", "免责声明", "声明:", "特别声明", "郑重声明", "版权说明", "转载声明"})
          .size() > 0) {
    return true;
  }
  // "转载请注明出处", "转载自某报，如有侵权请联系删除": a line that opens on reprinting.
  if (lt::starts_with(inner, "转载") && !lt::more_cp_than(s, 80)) {
    return true;
  }
  // "本文为CSDN原创文章，未经允许不得转载": the site speaking about this text and its rights.
  const bool self = lt::contains_any(s, {"本文", "本站", "本网", "本号", "本公众号", "本平台"});
  const bool rights = lt::contains_any(s, {"转载", "侵权", "版权", "观点"});
  const bool terms = lt::contains_any(
      s, {"未经", "不得", "禁止", "注明", "请联系", "删除", "无关", "不代表", "仅代表"});
  return self && rights && terms;
}

constexpr std::array<std::string_view, 10> kPrevNext = {
    "上一篇", "下一篇", "上一条", "下一条", "上篇", "下篇", "前一篇", "后一篇", "Previous", "Next"};

bool prev_next(std::string_view s) {
  return !lt::more_cp_than(s, 150) && starts_with_label(s, kPrevNext);
}

constexpr std::array<std::string_view, 30> kRelated = {
    "相关新闻",     "相关阅读",     "推荐阅读", "延伸阅读", "相关文章",   "相关链接",
    "相关资讯",     "相关报道",     "相关推荐", "热门推荐", "猜你喜欢",   "更多精彩",
    "更多阅读",     "往期回顾",     "往期精选", "往期推荐", "热点推荐",   "精彩推荐",
    "你可能感兴趣", "您可能感兴趣", "相关专题", "热门文章", "最新文章",   "编辑推荐",
    "热门阅读",     "阅读更多",     "拓展阅读", "扩展阅读", "大家都在看", "为你推荐"};

bool related_links(std::string_view s) {
  if (lt::more_cp_than(s, 80)) {
    return false;
  }
  const std::string_view label = lt::longest_word_at(s, 0, kRelated);
  if (!label.empty()) {
    const std::string_view rest = s.substr(label.size());
    return !lt::is_cjk(lt::cp_at(rest, 0)) || lt::starts_with(rest, "请");
  }
  // A promo link: "点击进入“文艺星青年”>>", "更多精彩内容 >>".
  const bool arrow = lt::ends_with(s, ">>") || lt::ends_with(s, "»") || lt::ends_with(s, ">");
  return arrow && !lt::more_cp_than(s, 40) &&
         lt::word_at(s, 0, {"点击", "更多", "查看", "进入", "详见", "阅读"}).size() > 0;
}

}  // namespace

bool is_related_heading(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = lt::trim_chars(f.text, ":>»【】[]");
  const std::string_view label = lt::longest_word_at(s, 0, kRelated);
  if (!label.empty() && label.size() == s.size()) {
    return true;
  }
  static constexpr std::array<std::string_view, 9> kEnglish = {
      "most popular",        "most read",           "related stories",
      "related articles",    "more stories",        "you may also like",
      "you might also like", "recommended for you", "more on this story"};
  if (s.size() > 24) {
    return false;
  }
  std::string lower(s);
  for (char& c : lower) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::find(kEnglish.begin(), kEnglish.end(), lower) != kEnglish.end();
}

namespace {

bool attachment(std::string_view s, std::string_view inner) {
  if (lt::more_cp_than(s, 150)) {
    return false;
  }
  if (lt::starts_with(inner, "附件")) {
    const std::string_view rest = inner.substr(std::string_view("附件").size());
    const char32_t next = lt::cp_at(rest, 0);
    if (next == 0 || next == ':' || lt::is_space(next) || lt::is_digit(rest[0]) ||
        lt::starts_with(rest, "下载") || lt::starts_with(rest, "、")) {
      return true;
    }
  }
  if (lt::contains_any(s, {"点击下载", "下载附件", "附件下载"})) {
    return true;
  }
  std::string_view name = lt::trim_chars(inner, "()0123456789.KMBkb ");
  for (const std::string_view ext :
       {".docx", ".doc", ".pdf", ".xlsx", ".xls", ".zip", ".rar", ".pptx", ".ppt", ".wps"}) {
    if (lt::ends_with(name, ext) || lt::ends_with(inner, ext)) {
      return true;
    }
  }
  return false;
}

bool caption(std::string_view s, std::string_view inner) {
  const size_t chars = lt::count_cp(s);
  if (chars > 150) {
    return false;
  }
  if (lt::word_at(inner, 0, {"图为",     "图片来源", "图片来自",       "图片均来自",   "图源",
                             "图片由",   "资料图",   "配图",           "图:",          "图/",
                             "本文图片", "上图:",    "下图:",          "上图为",       "下图为",
                             "视频截图", "网络图片", "点击看清晰大图", "点击查看大图", "点击图片"})
          .size() > 0) {
    return true;
  }
  // "▲ 城东公园一角", "△图：…": the arrow points at the photo above.
  if (lt::word_at(s, 0, {"▲", "△", "↑"}).size() > 0 && chars > 1) {
    return true;
  }
  // A photo credit closing a short line: "…（刘通摄）".
  return chars <= 80 && (lt::ends_with(s, "摄)") || lt::ends_with(s, "摄影)"));
}

bool has_cjk(std::string_view s) {
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    if (lt::is_cjk(lt::cp_at(s, i))) {
      return true;
    }
  }
  return false;
}

/// Two to four words, each capitalized ("Sam Poe", "Mary Ann Lee"): a person's name.
bool capitalized_name(std::string_view s) {
  const std::vector<std::string_view> words = lt::split_any(s, {" "});
  if (words.size() < 2 || words.size() > 4) {
    return false;
  }
  for (const std::string_view w : words) {
    if (w.empty() || w[0] < 'A' || w[0] > 'Z') {
      return false;
    }
  }
  return true;
}

/// A photo caption closed by its credit: "… (Reuters)", "… Jane Roe/Getty Images",
/// "… (AP Photo/Sam Poe)", "… Photograph: Jane Roe". Running text never ends on an agency's
/// picture credit.
bool photo_credit_end(std::string_view s) {
  std::string_view t = s;
  while (!t.empty() && (t.back() == '.' || t.back() == ' ')) {
    t.remove_suffix(1);
  }
  for (const std::string_view credit :
       {"Getty Images", "(Reuters)", "/Reuters", "/AFP", "(AP)", "(AP Photo)", "/EPA", "(EPA)",
        "/Shutterstock", "/Bloomberg"}) {
    if (lt::ends_with(t, credit)) {
      return true;
    }
  }
  const size_t tail = t.size() > 60 ? t.size() - 60 : 0;
  return (lt::ends_with(t, ")") && t.find("(AP Photo/", tail) != std::string_view::npos) ||
         t.find("Photograph: ", tail) != std::string_view::npos ||
         t.find("Photo: ", tail) != std::string_view::npos;
}

/// English credits and widgets the gold drops: "Jane Roe contributed to this report.", a
/// closing author bio ("Sam Poe is a reporter for the Gazette covering…"), a newsletter
/// sign-up line. Returns the rule name or nullptr.
const char* english_credit(std::string_view s) {
  const size_t chars = lt::count_cp(s);
  if (chars > 300 || has_cjk(s)) {
    return nullptr;
  }
  // "This article originally appeared on …", "This article was reprinted on …".
  for (const std::string_view subject : {"This article ", "This story ", "A version of this "}) {
    const std::string_view rest = lt::starts_with(s, subject) ? s.substr(subject.size()) : "";
    if (lt::word_at(
            rest, 0,
            {"originally appeared", "first appeared", "was originally published", "was reprinted",
             "was republished", "article appeared", "story appeared", "appeared"})
            .size() > 0) {
      return "reprint-notice";
    }
  }
  if (photo_credit_end(s)) {
    return "caption";
  }
  if (lt::ends_with(s, "contributed to this report.") ||
      lt::ends_with(s, "contributed reporting.") ||
      lt::ends_with(s, "contributed to this story.")) {
    return "contributor-credit";
  }
  // "Name Name is a/an … reporter|correspondent|writer|editor|columnist …": the bio box.
  const size_t is = std::min(s.find(" is a "), s.find(" is an "));
  const bool role = lt::contains_any(s, {"reporter", "correspondent", "writer", "editor",
                                         "columnist", "contributor", "journalist"});
  if (is <= 40 && role && capitalized_name(s.substr(0, is))) {
    return "author-bio";
  }
  std::string lower(s.substr(0, std::min<size_t>(s.size(), 160)));
  for (char& c : lower) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (chars <= 160 && lower.rfind("sign up", 0) == 0 && lt::contains(lower, "newsletter")) {
    return "newsletter-widget";
  }
  return nullptr;
}

/// "2/26/2015 7:11 AM PST BY TMZ STAFF", "Updated March 9, 2017": an English date line, with
/// at most a byline or a label beside the date.
bool english_date_line(std::string_view s) {
  constexpr size_t kMaxDateLineChars = 80;
  if (fields::is_time_line(s)) {
    return true;  // "1:39 PM ET": the same-day form of a date line
  }
  return !lt::more_cp_than(s, kMaxDateLineChars) && !has_cjk(s) && !lt::contains(s, ". ") &&
         !lt::ends_with(s, ".") && !fields::byline_date(s, false).empty() &&
         lt::split_any(s, {" "}).size() <= 12;
}

/// A line made only of U+FFFD (and spaces): text lost to a bad decoding, nothing to keep.
bool replacement_only(std::string_view s) {
  bool any = false;
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    const char32_t c = lt::cp_at(s, i);
    if (c != 0xFFFD && !lt::is_space(c)) {
      return false;
    }
    any = any || c == 0xFFFD;
  }
  return any;
}

/// A WeChat or app promo closing an article: "长按二维码关注我们", "点击阅读原文", "下载某某
/// 新闻APP，阅读更多精彩内容", "原创：某某小编". Short lines that only ask the reader to act.
bool promo_line(std::string_view s) {
  if (lt::more_cp_than(s, 40)) {
    return false;
  }
  if (lt::starts_with(s, "原创:") || lt::starts_with(s, "原创 ")) {
    return true;
  }
  // It opens on the request; a sentence that mentions an app ("居民们下载了…APP") does not.
  const bool asks =
      lt::word_at(s, 0, {"长按", "识别", "扫描", "扫码", "点击", "下载", "关注"}).size() > 0;
  const bool target = lt::contains_any(
      s, {"二维码", "阅读原文", "公众号", "APP", "App", "客户端", "关注我们", "订阅号"});
  return asks && target;
}

// English page furniture that survives as a line of its own: player and share controls,
// "Read more:" lead-ins, advertising labels. Whole-line matches only, case-insensitive, so a
// sentence that uses one of these words is never touched.
bool english_ui_label(std::string_view s) {
  static constexpr std::string_view kLabels[] = {"advertisement",
                                                 "autoplay",
                                                 "click here",
                                                 "comments",
                                                 "continue reading",
                                                 "email",
                                                 "exclusive",
                                                 "about the author",
                                                 "most popular",
                                                 "now watching",
                                                 "now playing",
                                                 "up next",
                                                 "watch next",
                                                 "replay",
                                                 "mute",
                                                 "unmute",
                                                 "video not available",
                                                 "captions not available",
                                                 "follow us",
                                                 "full screen",
                                                 "fullscreen",
                                                 "print",
                                                 "read more",
                                                 "read more:",
                                                 "related",
                                                 "related articles",
                                                 "related stories",
                                                 "share",
                                                 "share this",
                                                 "share this article",
                                                 "share this story",
                                                 "sign up",
                                                 "skip to main content",
                                                 "subscribe",
                                                 "tweet",
                                                 "watch",
                                                 "view comments",
                                                 "play video",
                                                 "close",
                                                 "caption",
                                                 "view photos",
                                                 "view gallery",
                                                 "photos",
                                                 "\xC3\x97" /* a lone close button: × */};
  if (s.size() > 24) {
    return false;
  }
  std::string lower(s);
  for (char& c : lower) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (std::string_view label : kLabels) {
    if (lower == label) {
      return true;
    }
  }
  return false;
}

// "By Jane Doe March 18 at 3:57 PM Follow @jdoe": a byline with a social handle, standalone;
// "By Jane Doe", "by Sam Poe and Ann Lee, Staff Writers": a short byline row with no sentence.
bool english_byline(std::string_view s) {
  if (!lt::starts_with(s, "By ") && !lt::starts_with(s, "by ") && !lt::starts_with(s, "BY ")) {
    return false;
  }
  if (!lt::more_cp_than(s, 120) && lt::contains(s, "Follow @")) {
    return true;
  }
  const char first = s.size() > 3 ? s[3] : ' ';
  return !lt::more_cp_than(s, 80) && first >= 'A' && first <= 'Z' && !lt::contains(s, ". ") &&
         !lt::ends_with(s, ".") && !lt::contains(s, "? ") && !lt::contains(s, "! ");
}

}  // namespace

namespace {

/// The rules that read only the folded line, in order (after the label rules, which also look
/// at the line as written or without its brackets).
const char* line_shape_rule(std::string_view s) {
  using Rule = std::pair<bool (*)(std::string_view), const char*>;
  static constexpr std::array<Rule, 8> kRules = {{{prev_next, "prev-next"},
                                                  {related_links, "related-links"},
                                                  {detail::is_ornament, "ornament"},
                                                  {replacement_only, "replacement-chars"},
                                                  {promo_line, "promo-line"},
                                                  {english_date_line, "date-line"},
                                                  {english_ui_label, "ui-label"},
                                                  {english_byline, "byline-line"}}};
  for (const auto& [test, name] : kRules) {
    if (test(s)) {
      return name;
    }
  }
  // "返回腾讯网首页>>": a back link naming the site.
  if (lt::starts_with(s, "返回") && !lt::more_cp_than(s, 20) &&
      (lt::contains(s, "首页") || lt::ends_with(s, ">>"))) {
    return "back-to-top";
  }
  return nullptr;
}

}  // namespace

const char* boilerplate_rule(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = lt::trim(f.text);
  if (s.empty()) {
    return nullptr;
  }
  const std::string_view inner = unwrap(s);
  if (editor_line(s, inner)) {
    return "editor-line";
  }
  if (byline_line(line, s, inner)) {
    return "byline-line";
  }
  if (source_line(s, inner)) {
    return "source-line";
  }
  if (original_title(inner)) {
    return "original-title";
  }
  if (reprint_notice(s, inner)) {
    return "reprint-notice";
  }
  if (const char* widget = detail::widget_row_rule(s)) {
    return widget;
  }
  if (attachment(s, inner)) {
    return "attachment";
  }
  if (caption(s, inner)) {
    return "caption";
  }
  if (const char* credit = english_credit(s)) {
    return credit;
  }
  return line_shape_rule(s);
}

}  // namespace sheaf::rules
