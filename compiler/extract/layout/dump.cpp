// compiler, extract stage (internal): headline and body region of text dumps (see
// dump.hpp).
#include "extract/layout/dump.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "extract/fields/line_fields.hpp"
#include "extract/rules/boilerplate.hpp"
#include "extract/text/shape.hpp"

namespace sheaf::layout {

using parse::Block;
using parse::Page;

namespace {

/// How far down a dump the headline may sit under its <title> line (navigation bars first).
constexpr uint32_t kHeadlineLines = 60;
/// Longest line taken for a headline.
constexpr uint32_t kMaxHeadlineChars = 120;
constexpr uint32_t kMinHeadlineChars = 4;

/// Prose: a sentence-punctuated line of at least this many code points, or any line this long
/// with a comma; Latin prose is longer per sentence.
constexpr uint32_t kMinProseChars = 15;
constexpr uint32_t kLongLineChars = 50;
/// A short sentence ("会议以电视电话会议形式举行。") is prose when it ends the line.
constexpr uint32_t kMinSentenceChars = 6;
constexpr uint32_t kMinLatinProseChars = 60;

/// A line shorter than this without sentence punctuation is a widget or menu word
/// ("我要分享", "自动播放", "QQ空间").
constexpr uint32_t kWidgetChars = 8;
/// Gap between two prose lines of one body: a widget word costs kWidgetCost, another line 1;
/// a gap costing more than kMaxGapCost ends the run.
constexpr uint32_t kWidgetCost = 4;
constexpr uint32_t kMaxGapCost = 6;
/// Lines after the last prose line searched for a closing date line (落款), and its length.
constexpr uint32_t kSignatureLines = 3;
constexpr uint32_t kMaxDateLineChars = 20;

constexpr std::array<std::string_view, 4> kStops = {"。", "！", "？", "；"};
constexpr std::array<std::string_view, 5> kCrumbSeparators = {">", "＞", "»", "›", "→"};

bool has_stop(std::string_view text) {
  return std::any_of(kStops.begin(), kStops.end(),
                     [text](std::string_view s) { return text.find(s) != std::string_view::npos; });
}

/// True when `text` ends a sentence: "。", "！", "？" (a closing quote may follow).
bool ends_sentence(std::string_view text) {
  for (const std::string_view quote : {"”", "」", "’"}) {
    if (text.size() > quote.size() && text.substr(text.size() - quote.size()) == quote) {
      text.remove_suffix(quote.size());
      break;
    }
  }
  return std::any_of(kStops.begin(), kStops.begin() + 3, [text](std::string_view s) {
    return text.size() >= s.size() && text.substr(text.size() - s.size()) == s;
  });
}

bool latin_prose(const Block& b) {
  if (b.chars < kMinLatinProseChars) {
    return false;
  }
  const std::string_view t = b.text;
  const char last = t.back();
  return t.find(". ") != std::string_view::npos || last == '.' || last == '!' || last == '?';
}

bool widget_word(const Block& b) {
  return b.chars < kWidgetChars && !has_stop(b.text);
}

/// What a non-prose line costs a run of body lines: a footer line or a related-reading heading
/// ends the article; a line a boilerplate rule drops anyway (an editor line, a caption, a
/// player row) sits inside bodies and costs nothing.
uint32_t gap_cost(const Block& b) {
  if (fields::is_footer_line(b.text) || rules::is_related_heading(b.text)) {
    return kMaxGapCost + 1;
  }
  if (rules::boilerplate_rule(b.text) != nullptr) {
    return 0;
  }
  return widget_word(b) ? kWidgetCost : 1;
}

bool starts_with_separator(std::string_view t) {
  return std::any_of(kCrumbSeparators.begin(), kCrumbSeparators.end(),
                     [t](std::string_view s) { return t.substr(0, s.size()) == s; });
}

bool ends_with_separator(std::string_view t) {
  return std::any_of(kCrumbSeparators.begin(), kCrumbSeparators.end(), [t](std::string_view s) {
    return t.size() >= s.size() && t.substr(t.size() - s.size()) == s;
  });
}

/// True when `text` (squeezed `key`) is the headline the <title> line names: what
/// fields::clean_title keeps of the <title> given this line, or the start of the <title>.
bool names_headline(const std::string& first, const std::string& first_key,
                    const std::string& cleaned_key, const Block& b, const std::string& key) {
  if (key.size() * 2 < cleaned_key.size() || key.size() > first_key.size() + 30) {
    return false;
  }
  if (fields::is_meta_line(b.text) || fields::parse_breadcrumb(b.text, "").has_value()) {
    return false;
  }
  if (key == cleaned_key || first_key.compare(0, key.size(), key) == 0) {
    return true;
  }
  // clean_title also prefers any longer heading under a short generic <title>: only a line the
  // <title> holds (behind a prefix such as a channel path) is its headline.
  return first_key.find(key) != std::string::npos &&
         text::squeeze(fields::clean_title(first, b.text)) == key;
}

/// A meta line, breadcrumb or footer line: the header's (or the page's) end, not the body.
bool header_line(const Block& b) {
  return fields::is_meta_line(b.text) || fields::is_footer_line(b.text) ||
         fields::parse_breadcrumb(b.text, "").has_value();
}

struct Run {
  uint32_t first = 0;
  uint32_t last = 0;
  uint32_t chars = 0;
};

/// The prose run of [from, to) holding the most prose characters; chars == 0 when none.
Run densest_run(const Page& page, uint32_t from, uint32_t to) {
  Run best;
  Run cur;
  uint32_t gap = 0;
  for (uint32_t i = from; i < to; ++i) {
    const Block& b = page.blocks[i];
    if (!is_prose_line(b)) {
      gap += gap_cost(b);
      continue;
    }
    if (cur.chars == 0 || gap > kMaxGapCost) {
      cur = Run{i, i, 0};
    }
    cur.last = i;
    cur.chars += b.chars;
    gap = 0;
    if (cur.chars > best.chars) {
      best = cur;
    }
  }
  return best;
}

/// True for a notice's closing formula: "特此公告。", "特此通知", "此复。".
bool closing_formula(const Block& b) {
  return b.chars <= 12 && (text::squeeze(b.text).rfind("特此", 0) == 0 ||
                           text::squeeze(b.text).rfind("此复", 0) == 0);
}

/// The end of a notice's closing under its last sentence at `from`: the closing formula, the
/// signature (落款: short organisation lines, often indented with tabs) and the date line, all
/// kept by the gold rules. A signature line counts only when a formula or date follows it.
/// Boilerplate lines in between are taken along and dropped by their rules.
uint32_t closing_end(const Page& page, uint32_t from, uint32_t to) {
  constexpr uint32_t kMaxSignatureChars = 30;
  uint32_t end = from;
  for (uint32_t k = from; k < to && k < from + kSignatureLines + 3; ++k) {
    const Block& b = page.blocks[k];
    if (closing_formula(b) ||
        (b.chars <= kMaxDateLineChars && !fields::normalize_date(b.text).empty())) {
      end = k + 1;
    } else if (b.chars > kMaxSignatureChars || text::has_sentence_punctuation(b.text) ||
               fields::is_footer_line(b.text)) {
      break;
    }
    // An attachment or share line between closing lines is passed over (the body drops it).
  }
  return end;
}

/// A first line that is only a site's name ("阳光市政府网", "某某日报", "example.com"): no
/// headline separator, short, and ending the way site names end.
bool is_site_name(const std::string& line) {
  static constexpr std::array<std::string_view, 21> kEnds = {
      "网",   "网站", "政府", "门户",   "在线",   "官网", "频道", "报",   "新闻", "平台", "中心",
      "大学", "学院", "医院", "研究院", "委员会", "协会", "局",   ".com", ".cn",  ".net"};
  const uint32_t chars = text::code_points(line);
  if (chars > 20 || line.find_first_of("_|-") != std::string::npos ||
      line.find("：") != std::string::npos) {
    return false;
  }
  return std::any_of(kEnds.begin(), kEnds.end(), [&line](std::string_view e) {
    return line.size() > e.size() && line.compare(line.size() - e.size(), e.size(), e) == 0;
  });
}

/// The headline of a dump whose first line is the bare site name: the last headline-like line
/// above the body start `body_first`, passing over date and meta lines. kNone when none.
uint32_t headline_above(const Page& page, uint32_t body_first) {
  for (uint32_t i = std::min<uint32_t>(body_first, page.blocks.size()); i-- > 1;) {
    const Block& b = page.blocks[i];
    if (fields::is_meta_line(b.text) || !fields::first_date(b.text).empty() ||
        rules::boilerplate_rule(b.text) != nullptr) {
      continue;
    }
    const bool headline = b.chars >= kMinHeadlineChars && b.chars <= kMaxHeadlineChars &&
                          !is_prose_line(b) && !widget_word(b) && !header_line(b) &&
                          std::count(b.text.begin(), b.text.end(), ' ') < 2 &&  // not a menu row
                          b.text.find("： ") == std::string::npos &&  // nor "label： value"
                          b.text.find(": ") == std::string::npos;
    return headline ? i : kNone;
  }
  return kNone;
}

}  // namespace

bool is_prose_line(const Block& b) {
  if (b.chars >= kMinProseChars && has_stop(b.text)) {
    return true;
  }
  if (b.chars >= kMinSentenceChars && ends_sentence(b.text)) {
    return true;
  }
  return (b.chars >= kLongLineChars && text::has_sentence_punctuation(b.text)) || latin_prose(b);
}

TitleSpan dump_headline(const Page& page, uint32_t& repeat) {
  TitleSpan span;
  repeat = kNone;
  if (page.blocks.empty()) {
    return span;
  }
  span.first = span.last = 0;
  const std::string& first = page.blocks[0].text;
  const std::string first_key = text::squeeze(first);
  // The headline stands above the body: never under the first line of the densest prose run
  // (a related link below it may repeat the <title>); a headline with "？" may open that run.
  const Run body = densest_run(page, 1, static_cast<uint32_t>(page.blocks.size()));
  const uint32_t end = std::min<uint32_t>(body.chars != 0 ? body.first + 1 : kHeadlineLines,
                                          std::min<uint32_t>(kHeadlineLines, page.blocks.size()));
  // The headline shown again as it stands (the seed) wins over a shortened <title>.
  for (uint32_t i = 1; i < end; ++i) {
    if (text::squeeze(page.blocks[i].text) == first_key) {
      repeat = i;
      span.text = first;
      return span;
    }
  }
  const std::string cleaned = fields::clean_title(first, "");
  const std::string cleaned_key = text::squeeze(cleaned);
  size_t best = 0;
  for (uint32_t i = 1; i < end; ++i) {
    const Block& b = page.blocks[i];
    if (b.chars < kMinHeadlineChars || b.chars > kMaxHeadlineChars) {
      continue;
    }
    const std::string key = text::squeeze(b.text);
    if (key.size() > best && names_headline(first, first_key, cleaned_key, b, key)) {
      best = key.size();
      repeat = i;
    }
  }
  if (repeat == kNone && is_site_name(first)) {
    repeat = headline_above(page, body.chars != 0 ? body.first : end);
  }
  span.text = repeat != kNone ? page.blocks[repeat].text : first;
  return span;
}

DumpRegion dump_region(const Page& page, uint32_t from, uint32_t to) {
  to = std::min<uint32_t>(to, page.blocks.size());
  const Run run = densest_run(page, from, to);
  if (run.chars == 0) {
    return {from, std::max(from, to)};
  }
  // Subheads and lead-ins right above the first prose line belong to the body; a widget word,
  // a meta line or the breadcrumb marks the header's end.
  uint32_t begin = run.first;
  uint32_t cost = 0;
  while (begin > from) {
    const Block& b = page.blocks[begin - 1];
    cost += gap_cost(b);
    if (cost > kMaxGapCost || header_line(b) ||
        (widget_word(b) && (begin - 1 == from || widget_word(page.blocks[begin - 2]) ||
                            header_line(page.blocks[begin - 2])))) {
      break;
    }
    --begin;
  }
  return {begin, closing_end(page, run.last + 1, to)};
}

std::vector<std::string> home_path_breadcrumb(const Page& page, uint32_t limit,
                                              const std::string& title,
                                              std::vector<uint32_t>& used) {
  constexpr uint32_t kMaxPathChars = 40;
  limit = std::min<uint32_t>(limit, page.blocks.size());
  for (uint32_t i = 1; i < limit; ++i) {
    const Block& b = page.blocks[i];
    const std::string_view t = b.text;
    const bool home =
        t.rfind("首页", 0) == 0 || t.rfind("网站首页", 0) == 0 || t.rfind("主页", 0) == 0;
    if (!home || b.chars > kMaxPathChars) {
      continue;
    }
    // In a dump's header a path from the home link uses any separator: "首页 - 通知公告".
    std::string path;
    for (size_t k = 0; k < t.size(); ++k) {
      const bool dash = t[k] == '-' || t[k] == '/' || t.compare(k, 3, "—") == 0;
      path += dash ? std::string(">") : std::string(1, t[k]);
      k += t.compare(k, 3, "—") == 0 ? 2 : 0;
    }
    if (auto crumbs = fields::parse_breadcrumb(path, title); crumbs && !crumbs->empty()) {
      used.push_back(i);
      return *crumbs;
    }
  }
  return {};
}

std::vector<std::string> wrapped_breadcrumb(const Page& page, uint32_t limit,
                                            const std::string& title, std::vector<uint32_t>& used) {
  limit = std::min<uint32_t>(limit, page.blocks.size());
  for (uint32_t i = 0; i + 1 < limit; ++i) {
    const std::string& head = page.blocks[i].text;
    if (ends_with_separator(head) || !starts_with_separator(page.blocks[i + 1].text)) {
      continue;
    }
    std::string joined = head;
    uint32_t j = i + 1;
    for (; j < limit; ++j) {
      const std::string& t = page.blocks[j].text;
      if (!starts_with_separator(t) && !ends_with_separator(page.blocks[j - 1].text)) {
        break;
      }
      joined += " " + t;
    }
    auto crumbs = fields::parse_breadcrumb(joined, title);
    if (crumbs && !crumbs->empty()) {
      for (uint32_t k = i; k < j; ++k) {
        used.push_back(k);
      }
      return *crumbs;
    }
    i = j - 1;
  }
  return {};
}

}  // namespace sheaf::layout
