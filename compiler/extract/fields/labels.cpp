// compiler, extract stage: field labels of meta lines (labels.hpp).
#include "extract/fields/labels.hpp"

#include <array>

#include "extract/fields/date.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields::detail {
namespace {

namespace lt = text;

struct LabelWord {
  std::string_view text;
  LabelKind kind;
  bool needs_colon;  // words common in prose count as labels only with a colon
};

// Longest match wins, so "信息来源" beats "来源" and "责任编辑" beats "编辑".
constexpr std::array<LabelWord, 52> kLabels = {{
    {"本文来源", LabelKind::source, false}, {"文章来源", LabelKind::source, false},
    {"信息来源", LabelKind::source, false}, {"新闻来源", LabelKind::source, false},
    {"稿件来源", LabelKind::source, false}, {"内容来源", LabelKind::source, false},
    {"资料来源", LabelKind::source, false}, {"来源于", LabelKind::source, true},
    {"来源", LabelKind::source, false},     {"稿源", LabelKind::source, false},
    {"出处", LabelKind::source, true},      {"转自", LabelKind::source, true},
    {"转载自", LabelKind::source, true},    {"Source", LabelKind::source, true},
    {"作者", LabelKind::author, false},     {"记者", LabelKind::author, false},
    {"通讯员", LabelKind::author, false},   {"文/图", LabelKind::author, false},
    {"图/文", LabelKind::author, false},    {"文/", LabelKind::author, false},
    {"撰文", LabelKind::author, false},     {"撰稿", LabelKind::author, true},
    {"采写", LabelKind::author, false},     {"执笔", LabelKind::author, false},
    {"责任编辑", LabelKind::editor, false}, {"值班编辑", LabelKind::editor, false},
    {"责编", LabelKind::editor, false},     {"编辑", LabelKind::editor, true},
    {"校对", LabelKind::editor, true},      {"审核", LabelKind::editor, true},
    {"审校", LabelKind::editor, true},      {"主编", LabelKind::editor, true},
    {"编审", LabelKind::editor, true},      {"摄影", LabelKind::editor, true},
    {"发布时间", LabelKind::date, false},   {"发布日期", LabelKind::date, false},
    {"发表时间", LabelKind::date, false},   {"发表日期", LabelKind::date, false},
    {"发稿时间", LabelKind::date, false},   {"更新时间", LabelKind::date, false},
    {"最后更新", LabelKind::date, false},   {"发表于", LabelKind::date, false},
    {"发布于", LabelKind::date, false},     {"时间", LabelKind::date, true},
    {"日期", LabelKind::date, true},        {"浏览次数", LabelKind::counter, true},
    {"浏览", LabelKind::counter, true},     {"阅读", LabelKind::counter, true},
    {"点击", LabelKind::counter, true},     {"字号", LabelKind::counter, true},
    {"所属分类", LabelKind::counter, true}, {"关键词", LabelKind::counter, true},
}};

// Counters written after their number: "1164次阅读", "0 条评论".
constexpr std::array<std::string_view, 5> kPostfixCounters = {"次阅读", "条评论", "人阅读",
                                                              "次浏览", "人参与"};

constexpr std::array<std::string_view, 16> kUiWords = {
    "举报", "原创", "分享到", "分享", "收藏",     "打印",   "纠错",   "A-",
    "A+",   "关注", "转发",   "评论", "我要评论", "手机看", "扫一扫", "字体"};

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  return i;
}

/// The bytes a label word can start with: most positions of a line start none, and this
/// test is cheaper than comparing all the words.
const std::array<bool, 256>& label_first_bytes() {
  static const std::array<bool, 256> table = [] {
    std::array<bool, 256> t{};
    for (const LabelWord& w : kLabels) {
      t[static_cast<unsigned char>(w.text.front())] = true;
    }
    return t;
  }();
  return table;
}

const LabelWord* label_word_at(std::string_view s, size_t i) {
  if (i >= s.size() || !label_first_bytes()[static_cast<unsigned char>(s[i])]) {
    return nullptr;
  }
  const LabelWord* best = nullptr;
  for (const LabelWord& w : kLabels) {
    if ((best == nullptr || w.text.size() > best->text.size()) &&
        lt::starts_with(s.substr(i), w.text)) {
      best = &w;
    }
  }
  return best;
}

/// A label word followed by a colon starts at `i`: the next field, which ends a value.
bool field_starts_at(std::string_view s, size_t i) {
  const LabelWord* w = label_word_at(s, i);
  if (w == nullptr) {
    return false;
  }
  const size_t j = skip_spaces(s, i + w->text.size());
  return j < s.size() && s[j] == ':';
}

/// End of the value starting at `i`: the next field, a hard separator, a date, or the end.
size_t value_end(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size()) {
    const char c = s[j];
    if (c == '|' || c == '\t' || c == ')' || c == ']' || c == ',' || c == ';' ||
        lt::word_at(s, j, {"】", "丨", "。", "  "}).size() > 0 || field_starts_at(s, j)) {
      break;
    }
    // "来源: 证券市场红周刊 举报" / "来源：长江网 2020-10-04": a widget word or a number after a
    // space is the next field, not part of the name.
    if (c == ' ' &&
        (ui_word_length(s, j + 1) > 0 || (j + 1 < s.size() && lt::is_digit(s[j + 1])))) {
      break;
    }
    if (lt::is_digit(c) && j > i && date_on_boundary(s, j).has_value()) {
      break;
    }
    j = lt::next_cp(s, j);
  }
  return j;
}

bool postfix_counter_at(std::string_view s, size_t i, size_t& length) {
  const std::string_view word = lt::longest_word_at(s, i, kPostfixCounters);
  if (word.empty()) {
    return false;
  }
  size_t k = i;
  while (k > 0 && s[k - 1] == ' ') {
    --k;
  }
  length = word.size();
  return k > 0 && lt::is_digit(s[k - 1]);
}

}  // namespace

std::optional<LabelMatch> label_at(std::string_view s, size_t i) {
  if (i >= s.size()) {
    return std::nullopt;
  }
  LabelMatch m;
  m.begin = i;
  size_t postfix = 0;
  if (postfix_counter_at(s, i, postfix)) {
    m.kind = LabelKind::counter;
    m.label_end = m.value_begin = m.value_end = i + postfix;
    return m;
  }
  const LabelWord* w = label_word_at(s, i);
  // An ASCII label must start a word: "Resource" holds no "Source".
  if (w == nullptr ||
      (lt::is_ascii_alpha(lt::cp_at(s, i)) && lt::is_ascii_alpha(lt::cp_before(s, i)))) {
    return std::nullopt;
  }
  size_t j = skip_spaces(s, i + w->text.size());
  m.colon = lt::ends_with(w->text, "/") || (j < s.size() && (s[j] == ':' || s[j] == '/'));
  if (w->needs_colon && !m.colon) {
    return std::nullopt;
  }
  if (m.colon && !lt::ends_with(w->text, "/")) {
    j = skip_spaces(s, j + 1);
  }
  if (w->kind == LabelKind::counter && (j >= s.size() || !lt::is_digit(s[j]))) {
    // "阅读：" with no number still names a counter field; "阅读全文" does not.
    if (!m.colon) {
      return std::nullopt;
    }
  }
  m.kind = w->kind;
  m.label_end = m.value_begin = j;
  m.value_end = w->kind == LabelKind::date ? j : value_end(s, j);
  m.organisation_ok = w->text == "作者" && m.colon;
  return m;
}

size_t ui_word_length(std::string_view s, size_t i) {
  return lt::longest_word_at(s, i, kUiWords).size();
}

}  // namespace sheaf::fields::detail
