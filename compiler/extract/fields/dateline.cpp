// compiler, extract stage: dates that carry a role (line_fields.hpp labelled_date, parse_dateline).
// A labelled date is the publication date (gold README "Date rule": it beats the dateline).
#include <array>
#include <cctype>

#include "extract/fields/date.hpp"
#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;

// Labels that name the publication time whatever precedes them.
constexpr std::array<std::string_view, 13> kStrongLabels = {
    "发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "发文日期", "刊发时间",
    "出版日期", "上传时间", "录入时间", "添加时间", "发布于",   "发表于"};

// Bare "时间"/"日期" also head times that are not publication times ("更新时间", "工作时间",
// "会议时间"), so they count only as a field of their own: after a boundary, before a colon.
constexpr std::array<std::string_view, 6> kWeakLabels = {"时间",  "日期",   "时 间",
                                                         "日 期", "时\t间", "日\t期"};

// English labels, matched case-insensitively; "Updated" is deliberately absent.
constexpr std::array<std::string_view, 5> kEnglishLabels = {"published on", "published",
                                                            "posted on", "posted", "date"};

bool is_field_boundary(char32_t prev) {
  return prev == 0 || lt::is_space(prev) || prev == '|' || prev == ')' || prev == ']' ||
         prev == U'】' || prev == '/' || prev == U'·' || prev == U'丨' || prev == ',';
}

bool iequals_prefix(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) {
    return false;
  }
  for (size_t k = 0; k < lower_prefix.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[k])) != lower_prefix[k]) {
      return false;
    }
  }
  return true;
}

/// The label starting at `i` and whether it needs a colon; 0 when none.
size_t label_at(std::string_view s, size_t i, bool& needs_colon) {
  const char32_t prev = lt::cp_before(s, i);
  for (const std::string_view label : kStrongLabels) {
    if (lt::starts_with(s.substr(i), label)) {
      needs_colon = false;
      return label.size();
    }
  }
  for (const std::string_view label : kWeakLabels) {
    if (lt::starts_with(s.substr(i), label) && is_field_boundary(prev)) {
      needs_colon = true;
      return label.size();
    }
  }
  if (lt::is_ascii_alpha(lt::cp_at(s, i)) && !lt::is_ascii_alpha(prev)) {
    for (const std::string_view label : kEnglishLabels) {
      if (iequals_prefix(s.substr(i), label)) {
        needs_colon = label == "date";
        return label.size();
      }
    }
  }
  return 0;
}

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  return i;
}

// Words that end a news agency or outlet name, so "新华社巴黎" splits into 新华社 + 巴黎.
constexpr std::array<std::string_view, 13> kOutletEnds = {
    "社", "报", "网", "台", "刊", "站", "闻", "之家", "客户端", "频道", "电视", "新闻", "号"};

// Role words that make a bracket after a dateline a credit: "（记者 张三）".
constexpr std::array<std::string_view, 9> kCreditRoles = {"记者", "通讯员", "实习生", "文/", "图/",
                                                          "作者", "撰稿",   "采写",   "摄"};

bool is_name_char(char32_t c) {
  return lt::is_cjk(c) || lt::is_ascii_alpha(c);
}

/// Splits the words before the date/marker into outlet and place. "本报北京" -> 本报 + 北京; the
/// place is the text after the last outlet ending that leaves at least two characters (places
/// have two or more: "中央社台北" is 中央社 + 台北, not 中央社台 + 北).
void split_outlet(std::string_view prefix, Dateline& out) {
  if (lt::starts_with(prefix, "本") && lt::count_cp(prefix) >= 2) {
    const size_t cut = lt::next_cp(prefix, lt::next_cp(prefix, 0));
    out.source = std::string(prefix.substr(0, cut));
    out.location = std::string(prefix.substr(cut));
    return;
  }
  out.source = std::string(prefix);
  for (size_t i = prefix.size(); i > 0; i = lt::prev_cp(prefix, i)) {
    for (const std::string_view end : kOutletEnds) {
      if (!lt::ends_with(prefix.substr(0, i), end)) {
        continue;
      }
      const size_t rest = lt::count_cp(prefix.substr(i));
      if (rest == 0 || rest >= 2) {
        out.source = std::string(prefix.substr(0, i));
        out.location = std::string(prefix.substr(i));
        return;
      }
    }
  }
}

bool looks_like_outlet(std::string_view prefix) {
  if (lt::starts_with(prefix, "本")) {
    return lt::count_cp(prefix) == 2;
  }
  for (const std::string_view end : kOutletEnds) {
    if (lt::ends_with(prefix, end)) {
      return true;
    }
  }
  return false;
}

/// End of a credit bracket "(记者 张三)" starting at `i`, or `i` when there is none.
size_t credit_end(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != '(') {
    return i;
  }
  const size_t close = s.find(')', i);
  if (close == std::string_view::npos || lt::more_cp_than(s.substr(i, close - i), 40)) {
    return i;
  }
  const std::string_view inside = lt::trim(s.substr(i + 1, close - i - 1));
  for (const std::string_view role : kCreditRoles) {
    if (lt::contains(inside, role)) {
      return close + 1;
    }
  }
  return i;
}

constexpr size_t kMaxPrefixChars = 14;

/// "本报北京1月20日电", "长江网10月4日讯", "IT之家9月30日消息" at the start of `s`.
std::optional<Dateline> dated_dateline(std::string_view s, size_t digit) {
  const auto date = detail::date_at(s, digit);
  if (!date || date->numeric || date->has_time) {
    return std::nullopt;
  }
  const std::string_view marker =
      lt::word_at(s, date->end, {"电", "专电", "讯", "快讯", "消息", "报道"});
  // "据财联社9月26日消息，…" opens a sentence ("according to"); a dateline is followed by the
  // story, a credit or a space, never by a comma.
  const char32_t next = lt::cp_at(s, date->end + marker.size());
  if (marker.empty() || next == ',' || lt::starts_with(s, "据")) {
    return std::nullopt;
  }
  Dateline d;
  split_outlet(s.substr(0, digit), d);
  d.date = date->date;
  d.length = credit_end(s, date->end + marker.size());
  return d;
}

/// "本站讯", "新京报快讯（记者 裴剑飞）": an outlet and a marker, no date.
std::optional<Dateline> undated_dateline(std::string_view s) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size() && chars <= kMaxPrefixChars; i = lt::next_cp(s, i), ++chars) {
    const std::string_view marker = lt::word_at(s, i, {"快讯", "讯", "电", "消息"});
    if (i > 0 && !marker.empty() && looks_like_outlet(s.substr(0, i)) &&
        !lt::starts_with(s, "据")) {
      const size_t after = i + marker.size();
      const char32_t next = lt::cp_at(s, after);
      if (next == 0 || next == '(' || lt::is_space(next) || next == ':') {
        Dateline d;
        split_outlet(s.substr(0, i), d);
        d.length = credit_end(s, after);
        return d;
      }
    }
    if (!is_name_char(lt::cp_at(s, i))) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string labelled_date(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = f.text;
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    bool needs_colon = false;
    const size_t length = label_at(s, i, needs_colon);
    if (length == 0) {
      continue;
    }
    size_t j = skip_spaces(s, i + length);
    const bool colon = j < s.size() && s[j] == ':';
    if (needs_colon && !colon) {
      continue;
    }
    j = skip_spaces(s, colon ? j + 1 : j);
    if (const auto m = detail::date_at(s, j)) {
      return m->date;
    }
  }
  return "";
}

std::optional<Dateline> parse_dateline(std::string_view paragraph) {
  const lt::Folded f = lt::fold(paragraph);
  const std::string_view s = f.text;
  std::optional<Dateline> found;
  const size_t credit = credit_end(s, 0);
  if (credit > 0) {
    found = Dateline{};
    found->length = credit;
  } else {
    size_t chars = 0;
    size_t i = 0;
    while (i < s.size() && chars <= kMaxPrefixChars && is_name_char(lt::cp_at(s, i))) {
      i = lt::next_cp(s, i);
      ++chars;
    }
    if (i > 0 && i < s.size() && lt::is_digit(s[i])) {
      found = dated_dateline(s, i);
    }
    if (!found) {
      found = undated_dateline(s);
    }
  }
  if (found) {
    // Map folded offsets back: the paragraph keeps its own bytes.
    found->length = f.origin[found->length];
  }
  return found;
}

}  // namespace sheaf::fields
