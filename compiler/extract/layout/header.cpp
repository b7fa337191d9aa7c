// compiler, extract stage (internal): breadcrumb, date and site readers (see
// page_fields.hpp).
#include <algorithm>
#include <array>
#include <optional>

#include "extract/fields/line_fields.hpp"
#include "extract/layout/page_fields.hpp"
#include "extract/text/shape.hpp"

namespace sheaf::layout {

using parse::Block;
using parse::Page;
using parse::PageMeta;

namespace {

/// How many blocks at the end of a page read_site looks at.
constexpr uint32_t kFooterBlocks = 80;

/// Class/id words that mark a breadcrumb box (English and the pinyin of 位置 / 当前位置).
bool crumb_hint(std::string_view hints) {
  static constexpr std::array<std::string_view, 8> kWords = {
      "crumb", "position", "weizhi", "dqwz", "path", "location", "curpos", "bread"};
  const std::string_view near = hints.substr(0, std::min<size_t>(hints.size(), 48));
  for (const std::string_view w : kWords) {
    if (near.find(w) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

/// The site's name as the page states it: og:site_name, else "" (a breadcrumb's first item
/// that equals it is the home link).
std::string site_name(const PageMeta& meta) {
  const auto it = meta.meta.find("og:site_name");
  return it != meta.meta.end() ? it->second : std::string();
}

/// Categories from the items of a box whose own class or id says "breadcrumb" (the generic
/// "path" or "position" hints, or an ancestor's name, are not enough): at most four short
/// items without separators.
std::optional<std::vector<std::string>> named_crumb_items(std::string_view hints,
                                                          const std::vector<std::string>& items,
                                                          const std::string& title,
                                                          const std::string& site) {
  constexpr size_t kMaxItems = 4;
  // The nearest named box itself, not some ancestor of a logo or a menu.
  const std::string_view near = hints.substr(0, hints.find(' '));
  if (near.find("crumb") == std::string_view::npos || items.size() > kMaxItems) {
    return std::nullopt;
  }
  for (const std::string& item : items) {
    if (item.find('>') != std::string::npos || item.find("\xC2\xBB") != std::string::npos) {
      return std::nullopt;
    }
  }
  auto crumbs = fields::breadcrumb_items(items, title, site);
  return crumbs && !crumbs->empty() ? crumbs : std::nullopt;
}

/// Link items separated only by spaces ("首页 基金资讯 资讯正文") become "a > b > c", the form
/// parse_breadcrumb reads; text that already has separators is kept.
std::string with_separators(const std::string& text) {
  if (text.find('>') != std::string::npos || text.find('/') != std::string::npos ||
      text.find("\xC2\xBB") != std::string::npos) {
    return text;
  }
  std::string out;
  for (const char c : text) {
    out += c == ' ' ? std::string(" > ") : std::string(1, c);
  }
  return out;
}

/// Appends one breadcrumb item: with " > " unless a separator or a label colon is already
/// there (">发展改革工作", "当前位置：").
std::string join_crumb(const std::string& line, const std::string& item) {
  if (line.empty()) {
    return item;
  }
  static constexpr std::array<std::string_view, 4> kEnds = {">", "\xEF\xBC\x9A", ":", "/"};
  for (const std::string_view e : kEnds) {
    const bool ends =
        line.size() >= e.size() && line.compare(line.size() - e.size(), e.size(), e) == 0;
    if (ends || item.compare(0, e.size(), e) == 0) {
      return line + " " + item;
    }
  }
  return line + " > " + item;
}

/// Full "YYYY-MM-DD" dates the page's machine-readable metadata states, in preference order:
/// JSON-LD, publication-named <meta> keys, other date <meta> keys, <time datetime>, script
/// assignments.
std::vector<std::string> metadata_dates(const PageMeta& meta) {
  std::vector<std::string> out;
  const auto add = [&out](const std::string& value) {
    std::string d = fields::normalize_date(value);
    if (d.size() == 10 && d[0] != '-') {
      out.push_back(std::move(d));
    }
  };
  for (const std::string& d : meta.json_ld_dates) {
    add(d);
  }
  for (const bool publication : {true, false}) {
    for (const auto& [key, value] : meta.meta) {
      const bool pub = key.find("publish") != std::string::npos ||
                       key.find("pubdate") != std::string::npos || key == "ptime";
      const bool dated =
          key.find("date") != std::string::npos || key.find("time") != std::string::npos;
      if (key.find("modified") == std::string::npos && (publication ? pub : dated && !pub)) {
        add(value);
      }
    }
  }
  for (const parse::TimeStamp& t : meta.time_dates) {
    add(t.value);
  }
  for (const std::string& d : meta.script_dates) {
    add(d);
  }
  return out;
}

/// Gives `visible` ("--MM-DD") its year from the metadata when month and day agree.
DateChoice complete_year(DateChoice visible, const PageMeta& meta) {
  if (visible.date.size() != 7 || visible.date[0] != '-') {
    return visible;
  }
  for (const std::string& d : metadata_dates(meta)) {
    if (d.compare(4, 6, visible.date, 1, 6) == 0) {
      visible.date = d;
      visible.year_from_metadata = true;
      return visible;
    }
  }
  return visible;
}

/// The full date behind a relative one ("1 day ago", "昨天") in block `i`: the <time datetime>
/// inside that block, else the page's first metadata date.
std::string resolve_relative(const PageMeta& meta, uint32_t i) {
  for (const parse::TimeStamp& t : meta.time_dates) {
    std::string d = fields::normalize_date(t.value);
    if (t.block == i && d.size() == 10 && d[0] != '-') {
      return d;
    }
  }
  const std::vector<std::string> dates = metadata_dates(meta);
  return dates.empty() ? std::string() : dates.front();
}

/// Numeric dates ("6/13/2018") read day first unless the page is in US English or declares
/// no language.
bool day_first(const PageMeta& meta) {
  std::string lang;
  for (const char c : meta.language) {
    lang += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return !(lang.empty() || lang == "en" || lang.compare(0, 5, "en-us") == 0);
}

/// True when `text` is a piece of a date split over elements: digits with at most date
/// separators or 年月日 ("2019", "09", "2019-09", "9月", "07日").
bool date_piece(const Block& b) {
  if (b.chars == 0 || b.chars > 8) {
    return false;
  }
  const std::string t = fields::date_digits(b.text);
  return !t.empty() && t.size() <= 8;
}

/// A date whose year, month and day sit in consecutive header blocks of their own
/// ("2019" "09" "07", "07" "2019-09", "2019年" "9月7日"): the pieces joined in order, or
/// with a day printed before its "YYYY-MM", read as one date.
DateChoice split_date(const Page& page, const std::vector<uint32_t>& header) {
  for (size_t h = 0; h + 1 < header.size(); ++h) {
    size_t n = 0;
    while (h + n < header.size() && n < 3 && header[h + n] == header[h] + n &&
           date_piece(page.blocks[header[h + n]])) {
      ++n;
    }
    if (n < 2) {
      continue;
    }
    std::vector<std::string> parts;
    for (size_t k = 0; k < n; ++k) {
      parts.push_back(fields::date_digits(page.blocks[header[h + k]].text));
    }
    std::string d = fields::join_date_parts(parts);
    if (!d.empty()) {
      return {std::move(d), "split-date", header[h]};
    }
  }
  return {};
}

/// An unlabelled date in the header blocks: first on a meta line ("2019-09-07 13:43
/// 来源：…"), then on any short line, then on an English byline or date line, whose commas
/// ("March 9, 2017") the short-line test counts as prose.
DateChoice unlabelled_date(const Page& page, const std::vector<uint32_t>& header) {
  for (const bool meta_only : {true, false}) {
    for (const uint32_t i : header) {
      const Block& b = page.blocks[i];
      if (b.chars > 80 || text::has_sentence_punctuation(b.text) ||
          (meta_only && !fields::is_meta_line(b.text))) {
        continue;
      }
      std::string d = fields::first_date(b.text);
      if (!d.empty()) {
        return {std::move(d), meta_only ? "meta-line-date" : "header-date", i};
      }
    }
  }
  const bool dmy = day_first(page.meta);
  for (const uint32_t i : header) {
    std::string d = fields::byline_date(page.blocks[i].text, dmy);
    if (!d.empty()) {
      return {std::move(d), "byline-date", i};
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> breadcrumb_before(const Page& page, uint32_t limit,
                                           const std::string& title, std::vector<uint32_t>& used) {
  used.clear();
  const uint32_t end = std::min<uint32_t>(limit, page.blocks.size());
  // Nearest the headline first: a page may carry a site menu above the real breadcrumb.
  for (uint32_t i = end; i-- > 0;) {
    const Block& b = page.blocks[i];
    if (b.chars > 120) {
      continue;
    }
    if (crumb_hint(b.hints)) {
      // A breadcrumb of separate blocks (<li>s, spans in divs) in one box: join them.
      uint32_t first = i;
      bool links = b.link_chars > 0;
      while (first > 0 && i - first < 12 && crumb_hint(page.blocks[first - 1].hints) &&
             page.blocks[first - 1].chars <= 60) {
        --first;
        links = links || page.blocks[first].link_chars > 0;
      }
      std::string line;
      std::vector<std::string> items;
      for (uint32_t j = first; j <= i && links; ++j) {
        line = join_crumb(line, page.blocks[j].text);
        items.push_back(page.blocks[j].text);
        used.push_back(j);
      }
      if (auto crumbs = fields::parse_breadcrumb(with_separators(line), title); crumbs && links) {
        return *crumbs;
      }
      // A box named "breadcrumb" is one: its few link items are the path even without
      // separators ("American Opportunity" alone; "CNET" "Tech Industry" "<headline>").
      if (auto crumbs = named_crumb_items(b.hints, items, title, site_name(page.meta));
          crumbs && links) {
        return *crumbs;
      }
      used.clear();
    }
    if (auto crumbs = fields::parse_breadcrumb(b.text, title)) {
      used.push_back(i);
      return *crumbs;
    }
  }
  return {};
}

DateChoice choose_date(const Page& page, const std::vector<uint32_t>& header,
                       const std::vector<uint32_t>& tail, const DateChoice& dateline,
                       const std::string& subtitle) {
  for (const uint32_t i : header) {
    std::string d = fields::labelled_date(page.blocks[i].text);
    if (!d.empty()) {
      return complete_year({std::move(d), "labelled-date", i}, page.meta);
    }
  }
  DateChoice found = split_date(page, header);
  if (found.date.empty()) {
    found = unlabelled_date(page, header);
  }
  if (!found.date.empty()) {
    return complete_year(found, page.meta);
  }
  for (const uint32_t i : header) {
    const Block& b = page.blocks[i];
    if (b.chars <= 80 && (text::is_relative_date(b.text) || fields::is_time_line(b.text))) {
      return {resolve_relative(page.meta, i), "relative-date", i};
    }
  }
  // Some templates print "发布日期：…" under the body instead.
  for (const uint32_t i : tail) {
    std::string d = fields::labelled_date(page.blocks[i].text);
    if (!d.empty()) {
      return complete_year({std::move(d), "tail-labelled-date", i}, page.meta);
    }
  }
  if (!dateline.date.empty()) {
    return complete_year(dateline, page.meta);
  }
  return complete_year({fields::first_date(subtitle), "subtitle-date", kNone}, page.meta);
}

void read_site(const Page& page, uint32_t from, SiteInfo& site) {
  // Footers close the page: the last blocks after the body are enough, and asking about
  // every menu entry of a portal would cost more than the rest of the extraction.
  const uint32_t size = static_cast<uint32_t>(page.blocks.size());
  const uint32_t begin = std::max(from, size > kFooterBlocks ? size - kFooterBlocks : 0);
  for (uint32_t i = begin; i < size; ++i) {
    const Block& b = page.blocks[i];
    if (b.chars <= 200 && b.link_chars < b.chars && fields::is_footer_line(b.text)) {
      fields::parse_site_line(b.text, site);
    }
  }
  if (!site.name.empty()) {
    return;
  }
  const auto name = page.meta.meta.find("og:site_name");
  if (name != page.meta.meta.end() && !name->second.empty()) {
    site.name = name->second;
    return;
  }
  // The <title>'s last "_" or "-" segment names the site ("标题_财经频道_网易").
  const std::string& tag = page.meta.title_tag;
  const size_t cut = tag.find_last_of("_-|");
  if (cut != std::string::npos && cut + 1 < tag.size() && tag.size() - cut <= 40) {
    site.name = text::squeeze(tag.substr(cut + 1)).empty() ? "" : tag.substr(cut + 1);
    const size_t first = site.name.find_first_not_of(' ');
    site.name = first == std::string::npos ? "" : site.name.substr(first);
  }
}

}  // namespace sheaf::layout
