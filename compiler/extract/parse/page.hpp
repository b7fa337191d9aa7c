// compiler, extract stage: the page model every input format is turned into before fields
// and body are chosen. Plain data: a flat list of text blocks in document order, plus what the
// page says about itself (HTML head, front matter). No markup survives into a Block.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "extract/parse/front_matter.hpp"

namespace sheaf::parse {

enum class BlockKind : uint8_t {
  line,        ///< a line of a text dump (no structure known)
  heading,     ///< h1-h6 (see Block::level) or a Markdown heading
  paragraph,   ///< p, a block div, or text ended by <br>
  list_item,   ///< li, dt, dd
  table_cell,  ///< td, th
  preformatted,
  caption,  ///< figcaption, caption, or text inside a figure
};

/// One visual paragraph of a page: what the gold format calls a paragraph candidate.
struct Block {
  std::string text;  ///< cleaned: entities decoded, whitespace folded, trimmed; never empty
  BlockKind kind = BlockKind::line;
  uint8_t level = 0;         ///< heading level 1-6, else 0
  uint32_t container = 0;    ///< id of the nearest block container (div, section, article,
                             ///< td, ul...) holding it; equal ids = same container. 0 in text
  uint32_t depth = 0;        ///< element depth in the DOM, 0 for text dumps
  uint32_t link_chars = 0;   ///< code points of `text` inside <a> elements
  uint32_t chars = 0;        ///< code points of `text`
  std::string hints;         ///< lowercase class and id words of its ancestors, nearest first,
                             ///< space-separated ("content article main"); "" in text dumps
  bool after_image = false;  ///< the first text after an <img> (a caption or a gallery slide)
  bool chrome = false;       ///< inside header, footer, nav, aside, form, or an element whose
                             ///< role is navigation/banner/contentinfo
  uint32_t source_line = 0;  ///< 1-based line in the input where the block starts (for --explain)
};

/// A <time datetime="…"> element: its machine-readable value and the block its text is in.
struct TimeStamp {
  uint32_t block = 0;  ///< index into Page::blocks of the block holding the element's text
  std::string value;   ///< the datetime attribute as written
};

/// What a page declares about itself, outside its visible body.
struct PageMeta {
  std::string title_tag;  ///< <title> text, cleaned
  std::string language;   ///< <html lang>
  std::string url;        ///< canonical / og:url when given
  /// <meta name|property|itemprop=K content=V>, keys lowercased; first occurrence wins.
  std::map<std::string, std::string> meta;
  std::vector<std::string> json_ld_dates;  ///< datePublished values from JSON-LD, in order
  std::vector<std::string> script_dates;   ///< dates found in inline scripts (e.g. WeChat `var ct`
                                           ///< epoch, converted to YYYY-MM-DD, UTC+8)
  std::vector<TimeStamp> time_dates;       ///< <time datetime> elements, in document order
  FrontMatter front_matter;                ///< Markdown front matter, keys lowercased
};

/// Where the HTML parser stopped before the end of a page (elements nested deeper than it
/// allows, see html_page.cpp): the page's text from there on is missing. lost_bytes 0: none.
struct PageCut {
  uint32_t depth = 0;       ///< the nesting limit that was hit (0: another reason)
  uint32_t line = 0;        ///< 1-based line where parsing stopped
  uint64_t lost_bytes = 0;  ///< bytes of the page from there to its end
};

struct Page {
  std::string origin;  ///< "dir/a.html", for messages
  PageMeta meta;
  PageCut cut;  ///< set when the parser stopped early; extract reports it (html-too-deep)
  std::vector<Block> blocks;
  /// Indices into `blocks` of the main content chosen for an HTML page, in order; empty means
  /// the whole page (text dumps, fragments, Markdown). Filled by parse_html's content selector.
  std::vector<uint32_t> content;
  /// The content selector's rule for that choice ("best-container", "sections",
  /// "outside-furniture"), named in --explain; "" when there was no choice.
  const char* content_rule = "";
};

}  // namespace sheaf::parse
