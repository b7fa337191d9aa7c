// compiler, extract stage: Page -> Article (see page_extractor.hpp). The header parts are
// located first (headline, sub-headline, breadcrumb), then the main content is filtered block
// by block, each drop recorded with its rule, then date, byline and site are settled.
#include "extract/page_extractor.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "extract/fields/line_fields.hpp"
#include "extract/layout/body_runs.hpp"
#include "extract/layout/dump.hpp"
#include "extract/layout/page_fields.hpp"
#include "extract/origin.hpp"
#include "extract/parse/front_matter.hpp"
#include "extract/rules/boilerplate.hpp"
#include "extract/text/shape.hpp"

namespace sheaf {

using parse::apply_front_matter;
using parse::Block;
using parse::BlockKind;
using parse::Page;

namespace {

using layout::kNone;

/// What the header readers found, and which blocks they used up.
struct Layout {
  layout::TitleSpan title;
  uint32_t subtitle_index = kNone;
  std::vector<uint32_t> crumb_blocks;
  std::vector<uint32_t> body;    ///< candidate body blocks, in order
  std::vector<uint32_t> header;  ///< blocks to read the date and byline from
  uint32_t footer_from = 0;      ///< first block after the body
  uint32_t repeat = kNone;       ///< a dump's headline line under its <title> line
};

bool is_dump(const Page& page) {
  return std::all_of(page.blocks.begin(), page.blocks.end(),
                     [](const Block& b) { return b.kind == BlockKind::line; });
}

/// First block of running prose: a sentence-punctuated block of some length that is not a
/// meta line. Headlines and date lines sit above it.
uint32_t first_prose(const Page& page, const std::vector<uint32_t>& content) {
  // Long sentences first; a short article may have only short ones.
  for (const uint32_t min_chars : {30U, 10U}) {
    for (const uint32_t i : content) {
      const Block& b = page.blocks[i];
      if (b.chars >= min_chars && b.kind != BlockKind::heading && b.link_chars * 4 < b.chars &&
          text::has_sentence_punctuation(b.text) && !fields::is_meta_line(b.text)) {
        return i;
      }
    }
  }
  return content.empty() ? 0 : content.front();
}

/// Blocks under the body still searched for a labelled date.
constexpr uint32_t kTailBlocks = 12;

void set_window(std::vector<uint32_t>& out, uint32_t from, uint32_t to, size_t size) {
  for (uint32_t i = from; i < to && i < size; ++i) {
    out.push_back(i);
  }
}

Layout html_layout(const Page& page, Article& a) {
  Layout l;
  if (page.content.empty()) {
    for (uint32_t i = 0; i < page.blocks.size(); ++i) {
      l.body.push_back(i);
    }
  } else {
    l.body = page.content;
  }
  const uint32_t body_start = first_prose(page, l.body);
  l.title = layout::html_title(page, body_start);
  a.subtitle = layout::subtitle_after(page, l.title.last, l.subtitle_index);
  const uint32_t top = l.title.first != kNone ? l.title.first : body_start;
  a.categories = layout::breadcrumb_before(page, top, l.title.text, l.crumb_blocks);
  // Date lines sit just above or below the headline, or open the body.
  const uint32_t from = top > 3 ? top - 3 : 0;
  set_window(l.header, from, std::max(top, body_start) + 3, page.blocks.size());
  // Content above the headline is the site's (menus, breadcrumb), not the article's.
  if (l.title.first != kNone && l.title.first <= body_start) {
    l.body.erase(
        std::remove_if(l.body.begin(), l.body.end(), [&](uint32_t i) { return i < l.title.first; }),
        l.body.end());
  }
  l.footer_from = l.body.empty() ? static_cast<uint32_t>(page.blocks.size()) : l.body.back() + 1;
  return l;
}

/// The first line after the dump's header parts (title, headline repeat, sub-headline,
/// breadcrumb): where its body may start.
uint32_t dump_body_from(const Layout& l) {
  uint32_t from = 1;
  for (const uint32_t i : {l.repeat, l.subtitle_index}) {
    if (i != kNone) {
      from = std::max(from, i + 1);
    }
  }
  for (const uint32_t i : l.crumb_blocks) {
    from = std::max(from, i + 1);
  }
  return from;
}

/// A dump whose first line is already a long paragraph of prose (a text dump of a body
/// without its headline) has no title line: taking that paragraph as the title would lose it.
bool starts_with_prose(const Page& page) {
  constexpr uint32_t kHeadlineMaxChars = 100;
  return !page.blocks.empty() && page.blocks[0].chars > kHeadlineMaxChars &&
         layout::is_prose_line(page.blocks[0]);
}

Layout dump_layout(const Page& page, Article& a) {
  Layout l;
  if (starts_with_prose(page)) {
    l.footer_from = static_cast<uint32_t>(page.blocks.size());
    set_window(l.body, 0, l.footer_from, page.blocks.size());
    set_window(l.header, 0, std::min<uint32_t>(8, l.footer_from), page.blocks.size());
    return l;
  }
  l.title = layout::dump_headline(page, l.repeat);
  if (l.repeat != kNone) {
    a.subtitle = layout::subtitle_after(page, l.repeat, l.subtitle_index);
  }
  const uint32_t limit = l.repeat != kNone ? l.repeat : std::min<uint32_t>(4, page.blocks.size());
  a.categories = layout::breadcrumb_before(page, limit, l.title.text, l.crumb_blocks);
  if (l.crumb_blocks.empty()) {
    a.categories = layout::wrapped_breadcrumb(page, limit, l.title.text, l.crumb_blocks);
  }
  if (l.crumb_blocks.empty()) {
    a.categories = layout::home_path_breadcrumb(page, limit, l.title.text, l.crumb_blocks);
  }
  uint32_t end = static_cast<uint32_t>(page.blocks.size());
  // Footer lines close a dump: read them from the end up to the last body line.
  while (end > 1 && fields::is_footer_line(page.blocks[end - 1].text)) {
    --end;
  }
  // Navigation above the headline and related links or widgets under the body are no
  // paragraphs: the body is the densest run of prose lines.
  const layout::DumpRegion region = layout::dump_region(page, dump_body_from(l), end);
  // A <title> line whose page shows navigation before the body carries the site's suffix; a
  // clean title+body dump (the body right under it) shows its headline as published.
  if (l.repeat == kNone && region.begin > dump_body_from(l)) {
    l.title.text = fields::clean_title(l.title.text, "");
  }
  l.footer_from = region.end;
  set_window(l.body, region.begin, region.end, page.blocks.size());
  const uint32_t header_from = l.repeat != kNone ? l.repeat + 1 : 1;
  set_window(l.header, header_from, std::max<uint32_t>(8, region.begin + 3), region.end);
  return l;
}

/// Takes the headline, sub-headline and breadcrumb blocks out of the date/byline window: a
/// headline such as "9月26日盘中资讯汇总" is no date line.
void drop_used_from_header(Layout& l) {
  l.header.erase(
      std::remove_if(l.header.begin(), l.header.end(),
                     [&l](uint32_t i) {
                       return (l.title.first != kNone && i >= l.title.first && i <= l.title.last) ||
                              i == l.subtitle_index ||
                              std::find(l.crumb_blocks.begin(), l.crumb_blocks.end(), i) !=
                                  l.crumb_blocks.end();
                     }),
      l.header.end());
}

/// Fills source and author from a meta or byline line when they are still empty.
void take_byline(std::string_view text, Article& a) {
  const fields::Byline by = fields::parse_byline(text);
  if (a.source.empty()) {
    a.source = by.source;
  }
  if (a.author.empty()) {
    a.author = by.author;
  }
}

/// Comparison keys of the header fields, computed once per page.
struct Keys {
  std::string title;
  std::string subtitle;
};

/// Longest line the meta-line and boilerplate rules are asked about: a date/source line or a
/// widget/notice line is short, and asking about long paragraphs only costs time.
constexpr uint32_t kMaxMetaChars = 150;
constexpr uint32_t kMaxBoilerplateChars = 300;

/// True for date_digits output that is a bare year or two groups ("2019", "2019-09", "09-07"):
/// part of a date. A whole date alone on a line ("2012年6月24日") closes a notice and stays.
bool is_date_fragment(const std::string& digits) {
  const size_t dashes = static_cast<size_t>(std::count(digits.begin(), digits.end(), '-'));
  return digits.size() == 4 ? dashes == 0 : dashes == 1;
}

/// The rule that drops body block `b`, or nullptr to keep it.
const char* drop_rule(const Block& b, const Keys& keys, const ExtractContext& context) {
  if (b.kind == BlockKind::caption) {
    return "caption";
  }
  if (b.chars <= kMaxMetaChars) {
    const std::string key = text::squeeze(b.text);
    if (key == keys.title) {
      return "title-repeat";
    }
    if (!keys.subtitle.empty() && key == keys.subtitle) {
      return "subtitle-repeat";
    }
  }
  if (context.templates != nullptr && context.templates->count(b.text) != 0) {
    return "template";
  }
  // "2019", "2019-09", "9月7日" alone: a piece of a date split over elements, not a paragraph.
  if (b.chars <= 10 && b.kind != BlockKind::table_cell &&
      is_date_fragment(fields::date_digits(b.text))) {
    return "date-fragment";
  }
  // The named boilerplate rules first: "责任编辑：…" is a meta line too, but "editor-line"
  // says more in --explain.
  if (b.chars <= kMaxBoilerplateChars) {
    if (const char* rule = rules::boilerplate_rule(b.text)) {
      return rule;
    }
  }
  if (b.chars <= kMaxMetaChars && fields::is_meta_line(b.text)) {
    return "meta-line";
  }
  if (b.chars <= kMaxMetaChars && fields::is_footer_line(b.text)) {
    return "footer";
  }
  // A line that is nearly all link (a teaser, "返回首页>>", a promo) is navigation. A table row
  // inside the article is data, links or not ("Release 4.1 | Apr 2014" with linked names).
  if (b.kind != BlockKind::line && b.kind != BlockKind::table_cell &&
      b.link_chars * 10 >= b.chars * 8) {
    return "link-line";
  }
  return nullptr;
}

bool byline_rule(std::string_view rule) {
  return rule == "meta-line" || rule == "byline-line" || rule == "source-line";
}

void mark_fields(const Page& page, const Layout& l, Explain* explain) {
  if (l.title.first != kNone) {
    for (uint32_t i = l.title.first; i <= l.title.last; ++i) {
      sheaf::explain(explain, page.blocks[i].source_line, "title", "headline", page.blocks[i].text);
    }
  }
  if (l.repeat != kNone) {
    const Block& b = page.blocks[l.repeat];
    sheaf::explain(explain, b.source_line, "title", "headline-repeat", b.text);
  }
  if (l.subtitle_index != kNone) {
    const Block& b = page.blocks[l.subtitle_index];
    sheaf::explain(explain, b.source_line, "subtitle", "sub-headline", b.text);
  }
  for (const uint32_t i : l.crumb_blocks) {
    sheaf::explain(explain, page.blocks[i].source_line, "categories", "breadcrumb",
                   page.blocks[i].text);
  }
}

/// Keeps the body blocks no rule drops; reads the dateline from the first kept one.
void compose_body(const Page& page, const Layout& l, const ExtractContext& context, Article& a,
                  fields::Dateline& dateline, Explain* explain) {
  std::vector<char> used(page.blocks.size(), 0);
  if (l.title.first != kNone) {
    std::fill(used.begin() + l.title.first, used.begin() + l.title.last + 1, 1);
  }
  for (const uint32_t i : {l.subtitle_index, l.repeat}) {
    if (i != kNone) {
      used[i] = 1;
    }
  }
  for (const uint32_t i : l.crumb_blocks) {
    used[i] = 1;
  }
  const Keys keys{text::squeeze(a.title), text::squeeze(a.subtitle)};
  const std::vector<const char*> runs = layout::body_run_rules(page, l.body);
  for (const uint32_t i : l.body) {
    const Block& b = page.blocks[i];
    if (used[i] != 0) {
      continue;
    }
    const char* rule = runs[i] != nullptr ? runs[i] : drop_rule(b, keys, context);
    if (rule != nullptr) {
      sheaf::explain(explain, b.source_line, "drop", rule, b.text);
      if (byline_rule(rule)) {
        take_byline(b.text, a);
      }
      continue;
    }
    if (a.paragraphs.empty()) {
      if (auto d = fields::parse_dateline(b.text)) {
        dateline = *d;
      }
    }
    a.paragraphs.push_back(b.text);
  }
}

/// Lists for --explain every block the content selection left out (navigation, sidebars,
/// footers...): nothing leaves a page without a line saying so.
void explain_outside(const Page& page, const Layout& l, Explain* explain) {
  if (explain == nullptr) {
    return;
  }
  std::vector<char> kept(page.blocks.size(), 0);
  for (const uint32_t i : l.body) {
    kept[i] = 1;
  }
  if (l.title.first != kNone) {
    std::fill(kept.begin() + l.title.first, kept.begin() + l.title.last + 1, 1);
  }
  for (const uint32_t i : {l.subtitle_index, l.repeat}) {
    if (i != kNone) {
      kept[i] = 1;
    }
  }
  for (const uint32_t i : l.crumb_blocks) {
    kept[i] = 1;
  }
  // The rule that chose the content, then each block it left out.
  if (*page.content_rule != '\0' && !page.content.empty()) {
    const Block& first = page.blocks[page.content.front()];
    explain->add(first.source_line, "content", page.content_rule, first.text);
  }
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    if (kept[i] == 0) {
      explain->add(page.blocks[i].source_line, "drop", "outside-content", page.blocks[i].text);
    }
  }
}

/// Names in --explain the rule that chose the date, and metadata that gave its year.
void explain_date(const Page& page, const layout::DateChoice& date, Explain* explain) {
  if (explain == nullptr || date.date.empty()) {
    return;
  }
  const bool shown = date.block != kNone;
  const uint32_t line = shown ? page.blocks[date.block].source_line : 0;
  explain->add(line, "date", date.rule,
               shown ? date.date + " <- " + page.blocks[date.block].text : date.date);
  if (date.year_from_metadata) {
    explain->add(line, "date", "metadata-year", date.date);
  }
}

}  // namespace

Article extract_page(const Page& page, const std::string& id, const ExtractContext& context,
                     Diagnostics& diagnostics, Explain* explain) {
  Article a;
  a.id = id;
  a.origin = page.origin;
  a.url = page.meta.url;
  const bool dump = is_dump(page);
  Layout l = dump ? dump_layout(page, a) : html_layout(page, a);
  drop_used_from_header(l);
  a.title = l.title.text;
  mark_fields(page, l, explain);
  // The header's labelled 来源/作者 come before bylines found lower in the body.
  for (const uint32_t i : l.header) {
    if (fields::is_meta_line(page.blocks[i].text)) {
      take_byline(page.blocks[i].text, a);
    }
  }
  fields::Dateline dateline;
  compose_body(page, l, context, a, dateline, explain);
  explain_outside(page, l, explain);
  std::vector<uint32_t> tail = l.body;
  set_window(tail, l.footer_from, l.footer_from + kTailBlocks, page.blocks.size());
  layout::DateChoice from_dateline{dateline.date, "dateline-date", kNone, false};
  // An English dateline opens the first paragraph of the story, which may follow a short
  // credit or two ("Health News", "Reviewed by …").
  for (size_t p = 0; from_dateline.date.empty() && p < std::min<size_t>(3, a.paragraphs.size());
       ++p) {
    from_dateline.date = fields::english_dateline_date(a.paragraphs[p]);
    from_dateline.rule = "english-dateline-date";
  }
  const layout::DateChoice date =
      layout::choose_date(page, l.header, tail, from_dateline, a.subtitle);
  a.date = date.date;
  explain_date(page, date, explain);
  if (a.source.empty()) {
    a.source = dateline.source;
  }
  a.location = dateline.location;
  SiteInfo site;
  layout::read_site(page, l.footer_from, site);
  a.site = SiteRef(std::move(site));
  // Front matter states fields outright, so it wins, and a title it gives is a title.
  apply_front_matter(page.meta.front_matter, a);
  OriginLocation at = split_origin(page.origin);
  if (a.title.empty()) {
    diagnostics.warning(at.file, at.line, DiagCode::no_title, "no title found on the page");
  }
  if (a.paragraphs.empty()) {
    diagnostics.warning(at.file, at.line, DiagCode::empty_body, "no body text found on the page");
  }
  return a;
}

}  // namespace sheaf
