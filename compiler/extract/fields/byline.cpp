// compiler, extract stage: people and origin in meta lines (line_fields.hpp parse_byline,
// is_meta_line). Gold README "source" and "author": editors and placeholders are not authors.
#include <algorithm>
#include <array>

#include "extract/fields/date.hpp"
#include "extract/fields/labels.hpp"
#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;
using detail::LabelKind;
using detail::LabelMatch;

// Fillers inside a credit that are neither names nor roles of their own: "（记者陈智 整合）".
constexpr std::array<std::string_view, 12> kFillers = {
    "整合", "整理", "综合", "报道", "摄", "图", "文", "供稿", "发自", "摄影", "编译", "等"};

// Placeholders sites print when no author is known (gold README "author").
constexpr std::array<std::string_view, 10> kPlaceholders = {
    "未知", "佚名", "网络整理", "admin", "Admin", "管理员", "系统管理员", "匿名", "网络", "小编"};

constexpr size_t kMaxPersonChars = 4;  // Chinese personal names are two to four characters
constexpr size_t kMaxOrgChars = 16;    // a labelled 作者 may be an organisation

bool is_role_token(std::string_view token) {
  return lt::ends_with(token, "记者") || lt::ends_with(token, "通讯员") ||
         lt::ends_with(token, "实习生") || lt::ends_with(token, "作者");
}

/// Names in one author value: "南都记者 余毅菁 向雪妮" -> 余毅菁, 向雪妮. False when a token is
/// not a plausible name, which means the "label" was a word inside a sentence.
bool collect_names(std::string_view value, bool organisation_ok, std::vector<std::string>& out) {
  bool any = false;
  for (const std::string_view token :
       lt::split_any(value, {" ", "\t", "、", ",", "&", "/", "和", "及"})) {
    if (is_role_token(token) ||
        std::find(kFillers.begin(), kFillers.end(), token) != kFillers.end()) {
      continue;
    }
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), token) != kPlaceholders.end()) {
      any = true;
      continue;
    }
    const size_t chars = lt::count_cp(token);
    const bool latin = lt::is_ascii_alpha(lt::cp_at(token, 0));
    if (!latin && (chars < 2 || chars > (organisation_ok ? kMaxOrgChars : kMaxPersonChars))) {
      return false;
    }
    if (std::find(out.begin(), out.end(), token) == out.end()) {
      out.emplace_back(token);
    }
    any = true;
  }
  return any;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += out.empty() ? "" : "、";
    out += name;
  }
  return out;
}

/// Text before a colon-less label at `begin` may only be a short outlet name ("澎湃新闻记者",
/// "《棱镜》作者") at the start of the line.
bool short_outlet_before(std::string_view s, size_t begin) {
  const std::string_view before = lt::trim(s.substr(0, begin));
  return !lt::more_cp_than(before, 8) && !lt::contains_any(before, {" ", "\t", ":", "|"});
}

/// Whether a colon-less author label may start here: at a field boundary, inside a bracket,
/// or after a short outlet name at the line start; and not inside a sentence.
bool bare_author_label_ok(std::string_view s, const LabelMatch& m) {
  const char32_t prev = lt::cp_before(s, m.begin);
  const bool boundary =
      prev == 0 || lt::is_space(prev) || prev == '|' || prev == '(' || prev == '[' || prev == U'【';
  if (!boundary && !short_outlet_before(s, m.begin)) {
    return false;
  }
  // "作者最新文章" (a widget title) is a label glued to a word with nothing else on the line;
  // a glued name counts inside a field row or a bracket ("| 作者魏星", "（记者陈智）").
  if (prev == 0 && m.value_begin == m.label_end && !lt::is_space(lt::cp_before(s, m.label_end))) {
    const std::string_view label = s.substr(m.begin, m.label_end - m.begin);
    if (!lt::ends_with(label, ":") && !lt::ends_with(label, "/")) {
      return false;
    }
  }
  // A value cut short by a comma or a full stop was a sentence ("记者了解到，…").
  const char32_t stop = lt::cp_at(s, m.value_end);
  return stop == 0 || stop == ')' || stop == ']' || stop == U'】' || lt::is_space(stop) ||
         stop == '|';
}

}  // namespace

Byline parse_byline(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = f.text;
  const bool prose = lt::has_sentence_punct(s);
  Byline out;
  std::vector<std::string> names;
  for (size_t i = 0; i < s.size();) {
    const auto m = detail::label_at(s, i);
    if (!m) {
      i = lt::next_cp(s, i);
      continue;
    }
    i = std::max(m->value_end, lt::next_cp(s, i));
    const std::string_view value =
        lt::trim(s.substr(m->value_begin, m->value_end - m->value_begin));
    if (value.empty()) {
      continue;
    }
    // "信息来源于网络" is a credit sentence, not a source field.
    const bool joined = lt::word_at(value, 0, {"于", "自"}).size() > 0 && !m->colon;
    if (m->kind == LabelKind::source && out.source.empty() && (m->colon || !prose) && !joined) {
      const size_t begin = static_cast<size_t>(value.data() - s.data());
      out.source = f.original(begin, begin + value.size());
    } else if (m->kind == LabelKind::author && (m->colon || bare_author_label_ok(s, *m))) {
      std::vector<std::string> found;
      if (collect_names(value, m->organisation_ok, found)) {
        for (std::string& name : found) {
          if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
          }
        }
      }
    }
  }
  // Names were read from folded text; full-width Latin in a name is rare enough to accept.
  out.author = join_names(names);
  return out;
}

namespace {

/// What a meta line is made of: labelled fields, dates, and the free words left over.
struct MetaScan {
  size_t labels = 0;      ///< labels with a colon, and counters
  size_t free_chars = 0;  ///< CJK/Latin characters outside dates, labels and widget words
  std::optional<detail::DateMatch> first_date;
};

MetaScan scan_meta(std::string_view s) {
  MetaScan scan;
  for (size_t i = 0; i < s.size();) {
    if (auto d = detail::date_on_boundary(s, i)) {
      i = std::max(d->end, i + 1);
      if (!scan.first_date) {
        scan.first_date = std::move(d);
      }
      continue;
    }
    if (const auto m = detail::label_at(s, i)) {
      scan.labels += m->colon || m->kind == LabelKind::counter ? 1 : 0;
      i = std::max(m->label_end, i + 1);
      continue;
    }
    const size_t ui = detail::ui_word_length(s, i);
    const char32_t c = lt::cp_at(s, i);
    if (ui == 0 && (lt::is_cjk(c) || lt::is_ascii_alpha(c))) {
      ++scan.free_chars;
    }
    i = ui > 0 ? i + ui : lt::next_cp(s, i);
  }
  return scan;
}

}  // namespace

bool is_meta_line(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = lt::trim(f.text);
  // A meta line is a row of short fields; anything with sentence punctuation is prose.
  if (s.empty() || lt::more_cp_than(s, 120) || lt::has_sentence_punct(s)) {
    return false;
  }
  const MetaScan scan = scan_meta(s);
  if (scan.labels == 0 && scan.free_chars <= 24 && !parse_byline(line).author.empty()) {
    return true;  // a byline row: "澎湃新闻记者 段彦超 廖艳"
  }
  if (scan.labels > 0) {
    return scan.free_chars <= 40;
  }
  if (!scan.first_date) {
    return false;
  }
  // A bare date is meta only with a time, in numeric form, or among other short fields: a
  // lone "2012年6月24日" heads a statement or closes a notice and belongs to the body.
  const size_t tokens = lt::split_any(s, {" ", "\t", "|"}).size();
  const detail::DateMatch& d = *scan.first_date;
  return (d.has_time || d.numeric || tokens >= 3) && scan.free_chars <= 16;
}

}  // namespace sheaf::fields
