// compiler, extract stage: HTML documents and fragments (libxml2's HTML parser) and text dumps
// into the Page model (see html_page.hpp).
#include "extract/parse/html_page.hpp"

#include <array>
#include <mutex>
#include <utility>

#include <climits>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "extract/parse/elided_text.hpp"
#include "extract/parse/html_content.hpp"
#include "extract/parse/html_walk.hpp"
#include "extract/parse/xml_arena.hpp"
#include "extract/text/clean.hpp"

namespace sheaf::parse {
namespace {

/// How deep libxml2 may nest elements (its default is 256). HTML_PARSE_HUGE does not exist in
/// libxml2 2.9 and XML_PARSE_HUGE lifts the limit altogether, which makes its end-tag matching
/// quadratic (40,000 unmatched end tags under 40,000 open spans: 4.4 s) and our tree walk's
/// recursion unbounded. Deeper pages are parsed up to here and reported (PageCut).
constexpr unsigned kMaxHtmlDepth = 1024;

/// libxml2 must be initialised once before parsers run on several threads; its depth limit and
/// its allocation functions (xml_arena.hpp) are globals, set here once, before any parser
/// reads them.
void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] {
    html::install_xml_arena();
    xmlInitParser();
    if (xmlParserMaxDepth < kMaxHtmlDepth) {
      xmlParserMaxDepth = kMaxHtmlDepth;
    }
  });
}

/// Where libxml2 stopped when it halted before the end of `html` (too deep, out of memory):
/// `html` after that point is not in the tree. In recovery mode only a halt disables SAX.
PageCut cut_of(const xmlParserCtxt& ctxt, std::string_view html) {
  PageCut cut;
  if (ctxt.disableSAX == 0) {
    return cut;
  }
  const xmlError& e = ctxt.lastError;
  cut.line = e.line > 0 ? static_cast<uint32_t>(e.line) : 1;
  cut.depth = e.int1 > 0 ? static_cast<uint32_t>(e.int1) : 0;
  size_t at = 0;
  for (uint32_t line = 1; line < cut.line && at < html.size(); ++line) {
    const size_t nl = html.find('\n', at);
    at = nl == std::string_view::npos ? html.size() : nl + 1;
  }
  at += e.int2 > 1 ? static_cast<size_t>(e.int2 - 1) : 0;  // int2: the column, 1-based
  // libxml2 stops just after the name of the element that went too deep: count from its '<'.
  const size_t tag = html.rfind('<', at < html.size() ? at : html.size() - 1);
  at = tag == std::string_view::npos ? at : tag;
  cut.lost_bytes = at < html.size() ? html.size() - at : 1;
  return cut;
}

/// libxml2's tree of `html` (nullptr when out of memory). HTML_PARSE_IGNORE_ENC: the bytes are
/// already UTF-8 (ingest decoded them), and a stale <meta charset=gb2312> must not make libxml2
/// re-decode them. `cut` says where libxml2 halted, if it did.
htmlDocPtr read_html(std::string_view html, PageCut& cut) {
  const int size =
      html.size() > static_cast<size_t>(INT_MAX) ? INT_MAX : static_cast<int>(html.size());
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  htmlDocPtr doc = ctxt == nullptr
                       ? nullptr
                       : htmlCtxtReadMemory(ctxt, html.data(), size, nullptr, "UTF-8", options);
  if (ctxt != nullptr) {
    cut = cut_of(*ctxt, html.substr(0, static_cast<size_t>(size)));
    htmlFreeParserCtxt(ctxt);
  }
  return doc;
}

/// The tree libxml2 builds from `html`, faster: the texts it copies slowly (scripts, styles, long
/// attribute values) are kept out of its parser and put back (elided_text.hpp). If that does not
/// give libxml2's own tree, or libxml2 halted (the cut must be measured on the page itself), the
/// page is parsed as it is.
htmlDocPtr read_page(std::string_view html, PageCut& cut) {
  const html::ElidedPage elided =
      html.size() <= static_cast<size_t>(INT_MAX) ? html::elide_texts(html) : html::ElidedPage{};
  if (!elided.texts.empty()) {
    PageCut elided_cut;
    htmlDocPtr doc = read_html(elided.html, elided_cut);
    if (doc != nullptr && elided_cut.line == 0 && html::restore_texts(doc, html, elided.texts)) {
      return doc;
    }
    if (doc != nullptr) {
      xmlFreeDoc(doc);
    }
  }
  return read_html(html, cut);
}

/// Parses `html` and walks it.
Page parse(std::string_view html, std::string origin, bool fragment) {
  init_libxml2();
  Page page;
  page.origin = std::move(origin);
  std::vector<ContainerNode> containers;
  {
    // The tree lives in this page's arena and goes with it, without an xmlFreeDoc walk.
    const html::XmlArenaScope arena;
    htmlDocPtr doc = read_page(html, page.cut);
    // All top-level nodes, not just the root element: after a stray "</html>" (an included
    // header template) libxml2 puts the rest of the page beside the root.
    html::walk_tree(doc != nullptr ? doc->children : nullptr, true, page, containers);
    if (doc != nullptr && !arena.releases()) {
      xmlFreeDoc(doc);
    }
  }
  if (fragment) {
    page.meta = PageMeta{};
  } else {
    page.content = select_content(page.blocks, containers, &page.content_rule);
  }
  return page;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// True when `text` at `pos` (just after '<' or "</") spells one of the block-level tag names
/// that plain text never contains, followed by the end of the name.
bool block_tag_at(std::string_view text, size_t pos) {
  static constexpr std::array<std::string_view, 16> kNames = {
      "p",  "div", "br", "li", "ul", "ol",  "table", "tr",
      "td", "h1",  "h2", "h3", "h4", "img", "span",  "section"};
  for (const std::string_view name : kNames) {
    if (text.size() - pos <= name.size()) {
      continue;
    }
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = lower(text[pos + i]) == name[i];
    }
    const char after = text[pos + name.size()];
    if (same && !is_ascii_letter(after) && (after < '0' || after > '9')) {
      return true;
    }
  }
  return false;
}

}  // namespace

Page parse_html(std::string_view html, std::string origin) {
  return parse(html, std::move(origin), false);
}

Page parse_html_fragment(std::string_view html, std::string origin) {
  return parse(html, std::move(origin), true);
}

bool looks_like_html(std::string_view text) {
  for (size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    size_t pos = at + 1;
    if (pos < text.size() && text[pos] == '/') {
      ++pos;
    }
    if (pos < text.size() && block_tag_at(text, pos)) {
      return true;
    }
  }
  return false;
}

Page parse_text_dump(std::string_view text, std::string origin) {
  Page page;
  page.origin = std::move(origin);
  uint32_t line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    ++line_number;
    std::string line = text::clean_line(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      continue;
    }
    Block b;
    b.kind = BlockKind::line;
    b.chars = 0;
    for (const char c : line) {
      b.chars += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    }
    b.text = std::move(line);
    b.source_line = line_number;
    page.blocks.push_back(std::move(b));
  }
  return page;
}

}  // namespace sheaf::parse
