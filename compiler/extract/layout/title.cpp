// compiler, extract stage (internal): headline and sub-headline choice (see page_fields.hpp).
#include <algorithm>
#include <vector>

#include "extract/fields/line_fields.hpp"
#include "extract/layout/page_fields.hpp"
#include "extract/text/shape.hpp"

namespace sheaf::layout {

using parse::Block;
using parse::BlockKind;
using parse::Page;

namespace {

/// How far above the body a headline may sit, in blocks (meta lines, share bars, breadcrumb).
constexpr uint32_t kHeadlineWindow = 40;

/// A heading this close above the body (headline, date line, share bar) is the headline.
constexpr uint32_t kNearBody = 4;

bool is_linky(const Block& b) {
  return b.link_chars * 2 > b.chars;
}

/// True when the class/id words of the block's nearest containers name a title ("title",
/// "tit", "headline", "articlename"): sites that style the headline as a <div>.
bool title_hint(const Block& b) {
  const std::string_view h = std::string_view(b.hints).substr(0, 60);
  return h.find("title") != std::string_view::npos || h.find("tit ") != std::string_view::npos ||
         h.find("headline") != std::string_view::npos ||
         h.find("articlename") != std::string_view::npos ||
         (h.size() >= 3 && h.substr(h.size() - 3) == "tit");
}

/// The longest run of consecutive blocks starting at `i` whose joined text occurs in `ref`
/// (squeezed). Returns the squeezed length matched and sets `last`.
size_t match_run(const Page& page, uint32_t i, uint32_t end, const std::string& ref,
                 uint32_t& last) {
  std::string joined;
  size_t matched = 0;
  for (uint32_t j = i; j < end && j < i + 4; ++j) {
    const Block& b = page.blocks[j];
    if (is_linky(b) || (j > i && b.container != page.blocks[i].container)) {
      break;
    }
    joined += text::straight_quotes(text::squeeze(b.text));
    if (joined.size() < 6 || ref.find(joined) == std::string::npos) {
      break;
    }
    matched = joined.size();
    last = j;
  }
  return matched;
}

/// The heading to fall back on when no block matches the <title>: the non-link heading (or
/// title-styled block) nearest above the body, because headlines sit right over their text
/// while logo and channel headings sit higher.
uint32_t nearest_heading(const Page& page, uint32_t begin, uint32_t end) {
  for (uint32_t i = end; i-- > begin;) {
    const Block& b = page.blocks[i];
    if (is_linky(b) || b.chars < 5 || b.chars > 80) {
      continue;
    }
    if (b.kind == BlockKind::heading || title_hint(b)) {
      return i;
    }
  }
  return kNone;
}

std::string joined_text(const Page& page, uint32_t first, uint32_t last) {
  std::string text = page.blocks[first].text;
  for (uint32_t j = first + 1; j <= last; ++j) {
    text = text::join_wrapped(text, page.blocks[j].text);
  }
  return text;
}

/// The blocks in [begin, end) that best show `ref` (a <title> or og:title): the longest
/// match, nearest the body on ties. With `whole` only a match of most of `ref` counts.
TitleSpan match_headline(const Page& page, const std::string& ref, uint32_t begin, uint32_t end,
                         bool whole) {
  TitleSpan span;
  const std::string key = text::straight_quotes(text::squeeze(ref));
  size_t best_len = 0;
  for (uint32_t i = begin; i < end && !key.empty(); ++i) {
    uint32_t last = i;
    const size_t len = match_run(page, i, end, key, last);
    const Block& b = page.blocks[i];
    // A nav link naming the channel also occurs in the <title>: only a heading, a
    // title-styled block or a match of most of the <title> counts as the headline.
    const bool most = len * 2 >= key.size();
    const bool strong = whole ? most : b.kind == BlockKind::heading || title_hint(b) || most;
    if (strong && len > 0 && len >= best_len) {
      best_len = len;
      span.first = i;
      span.last = last;
    }
  }
  if (span.first != kNone) {
    span.text = fields::clean_title(ref, joined_text(page, span.first, span.last));
  }
  return span;
}

}  // namespace

TitleSpan html_title(const Page& page, uint32_t body_start) {
  std::vector<std::string> refs;
  for (const char* key : {"og:title", "twitter:title"}) {
    const auto it = page.meta.meta.find(key);
    if (it != page.meta.meta.end() && !it->second.empty()) {
      refs.push_back(it->second);
    }
  }
  refs.insert(refs.begin(), page.meta.title_tag);
  const uint32_t end = std::min<uint32_t>(body_start, page.blocks.size());
  const uint32_t begin = end > kHeadlineWindow ? end - kHeadlineWindow : 0;
  // Above the body first; then further down for pages whose teaser or standfirst reads as
  // prose before the headline, where only a match of most of the <title> is trusted.
  const uint32_t wide_end =
      std::min<uint32_t>(end + kHeadlineWindow, static_cast<uint32_t>(page.blocks.size()));
  for (const bool whole : {false, true}) {
    for (const std::string& ref : refs) {
      TitleSpan span = whole ? match_headline(page, ref, 0, wide_end, true)
                             : match_headline(page, ref, begin, end, false);
      if (span.first != kNone) {
        return span;
      }
    }
  }
  const std::string& ref = refs.front().empty() && refs.size() > 1 ? refs[1] : refs.front();
  TitleSpan span;
  span.first = span.last = nearest_heading(page, begin, end);
  if (span.first == kNone) {
    span.text = fields::clean_title(ref, "");
  } else if (end - span.first <= kNearBody) {
    // The <title> does not name the headline shown right above the body (a generic
    // "新闻动态--学会官网"): the page's own headline wins.
    span.text = fields::clean_title("", page.blocks[span.first].text);
  } else {
    span.text = fields::clean_title(ref, page.blocks[span.first].text);
  }
  return span;
}

/// True when heading block `i` is the first of several section headings (a documentation
/// page's "Requirements", "Installing", ...): a later heading of the same level follows after
/// prose. A sub-headline is shown once, under the headline.
bool first_of_sections(const Page& page, uint32_t i) {
  constexpr uint32_t kLookahead = 200;
  const Block& b = page.blocks[i];
  if (b.kind != BlockKind::heading) {
    return false;
  }
  bool prose = false;
  const uint32_t end = std::min<uint32_t>(page.blocks.size(), i + kLookahead);
  for (uint32_t k = i + 1; k < end; ++k) {
    const Block& n = page.blocks[k];
    if (n.kind == BlockKind::heading && n.level == b.level && prose && !n.chrome) {
      return true;
    }
    prose = prose || (n.kind != BlockKind::heading && text::has_sentence_punctuation(n.text));
  }
  return false;
}

std::string subtitle_after(const Page& page, uint32_t after, uint32_t& index) {
  index = kNone;
  if (after == kNone || after + 1 >= page.blocks.size()) {
    return "";
  }
  const Block& title = page.blocks[after];
  const Block& b = page.blocks[after + 1];
  if (is_linky(b) || b.chars > 80 || fields::is_meta_line(b.text) ||
      fields::parse_dateline(b.text).has_value()) {
    return "";
  }
  // A law's adoption note sits in parentheses under its title; a newspaper 副题 is a short
  // line without sentence punctuation, shown as a second heading (or the next dump line).
  const bool note = text::is_parenthesized(b.text) && !fields::first_date(b.text).empty();
  const bool second_heading = (b.kind == BlockKind::heading || b.kind == BlockKind::line) &&
                              b.kind == title.kind && !text::has_sentence_punctuation(b.text) &&
                              b.chars >= 6 && fields::first_date(b.text).empty();
  if (!note && (!second_heading || first_of_sections(page, after + 1))) {
    return "";
  }
  index = after + 1;
  return b.text;
}

}  // namespace sheaf::layout
