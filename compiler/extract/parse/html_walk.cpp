// compiler, extract stage (internal): the single pass over a libxml2 HTML tree (see
// html_walk.hpp). Text is folded while it is appended, so each block costs one string.
#include "extract/parse/html_walk.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <string>
#include <string_view>

#include <libxml/tree.h>

#include "extract/parse/html_head.hpp"
#include "extract/parse/html_style.hpp"
#include "extract/parse/html_tags.hpp"
#include "extract/text/clean.hpp"

namespace sheaf::parse::html {
namespace {

std::string_view name_of(const xmlNode* n) {
  return n->name != nullptr ? std::string_view(reinterpret_cast<const char*>(n->name))
                            : std::string_view();
}

std::string_view text_of(const xmlChar* s) {
  return s != nullptr ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

/// The attributes the walk reads, looked up once per element.
struct Attributes {
  std::string_view cls, id, style, role, rel, href, lang, type;
  std::string_view meta_key, content, datetime, alt;
  bool hidden = false;
  bool aria_hidden = false;
  bool centered = false;  ///< align="center" or text-align:center
};

std::string_view attribute_value(const xmlAttr* a) {
  return a->children != nullptr ? text_of(a->children->content) : std::string_view();
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;
         });
}

Attributes read_attributes(const xmlNode* n) {
  Attributes at;
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    const std::string_view name = text_of(a->name);
    const std::string_view value = attribute_value(a);
    if (name == "class") {
      at.cls = value;
    } else if (name == "id") {
      at.id = value;
    } else if (name == "style") {
      at.style = value;
      at.centered = at.centered || style_centers(value);
    } else if (name == "align") {
      at.centered = equals_ignoring_case(value, "center");
    } else if (name == "hidden") {
      at.hidden = true;
    } else if (name == "aria-hidden") {
      at.aria_hidden = equals_ignoring_case(value, "true");
    } else if (name == "role") {
      at.role = value;
    } else if (name == "href") {
      at.href = value;
    } else if (name == "rel") {
      at.rel = value;
    } else if (name == "lang") {
      at.lang = value;
    } else if (name == "type") {
      at.type = value;
    } else if (name == "content") {
      at.content = value;
    } else if (name == "datetime") {
      at.datetime = value;
    } else if (name == "alt") {
      at.alt = value;
    } else if ((name == "name" || name == "property" || name == "itemprop") &&
               at.meta_key.empty()) {
      at.meta_key = value;
    }
  }
  return at;
}

/// Lowercase class and id words with separators folded to single spaces.
void append_hint_words(std::string_view words, std::string& out) {
  for (const char c : words) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  if (!out.empty() && out.back() != ' ') {
    out += ' ';
  }
}

bool is_chrome_role(std::string_view role) {
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary";
}

constexpr size_t kMaxHintBytes = 240;  // enough for the nearest few ancestors' words

/// Tokens of a caption or alt text: lowercase ASCII words, and each other character (a CJK
/// ideograph is a word of its own), sorted.
std::vector<std::string> caption_tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) != 0) {
      word += static_cast<char>(std::tolower(c));
      continue;
    }
    if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
    if (c >= 0xC0) {  // a multi-byte character: one token
      size_t n = 1;
      while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0U) == 0x80U) {
        ++n;
      }
      out.emplace_back(text.substr(i, n));
      i += n - 1;
    }
  }
  if (!word.empty()) {
    out.push_back(std::move(word));
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// True when `text` says what the image's alt text says: most tokens of the shorter one are in
/// the longer one (sites reword a caption slightly against its alt text).
bool repeats_alt(std::string_view text, const std::vector<std::string>& alt) {
  constexpr size_t kMinTokens = 4;
  const std::vector<std::string> t = caption_tokens(text);
  if (t.size() < kMinTokens || alt.size() < kMinTokens) {
    return false;
  }
  std::vector<std::string> common;
  std::set_intersection(t.begin(), t.end(), alt.begin(), alt.end(), std::back_inserter(common));
  return common.size() * 10 >= std::min(t.size(), alt.size()) * 7;
}

/// True when no element under `n` (to a few levels) opens a block or breaks a line: a cell
/// holding only inline text and links.
bool inline_only(const xmlNode* n, int depth) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    const TagInfo tag = classify_tag(name_of(c));
    if (tag.role == TagRole::block || tag.role == TagRole::container ||
        tag.role == TagRole::line_break || tag.role == TagRole::image || depth > 4 ||
        !inline_only(c, depth + 1)) {
      return false;
    }
  }
  return true;
}

/// A row of a data table: two or more td/th cells, each holding inline text only. Layout
/// tables (cells holding paragraphs, lists, other tables) keep one block per paragraph.
bool simple_row(const xmlNode* tr) {
  size_t cells = 0;
  for (const xmlNode* c = tr->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    const std::string_view name = name_of(c);
    if ((name != "td" && name != "th") || !inline_only(c, 0)) {
      return false;
    }
    ++cells;
  }
  return cells >= 2;
}

/// The walk's state: the block being built and the stacks of enclosing elements.
class Walker {
 public:
  Walker(Page& page, std::vector<ContainerNode>& nodes) : page_(page), nodes_(nodes) {
    nodes_.clear();
    nodes_.push_back(ContainerNode{});
  }

  void children(const xmlNode* first) {
    for (const xmlNode* n = first; n != nullptr; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        append_text(text_of(n->content), n);
      } else if (n->type == XML_ELEMENT_NODE) {
        element(n);
      }
    }
  }

  void finish() {
    flush();
    nodes_[0].end_block = static_cast<uint32_t>(page_.blocks.size());
  }

  void element(const xmlNode* n) {
    const TagInfo tag = classify_tag(name_of(n));
    if (tag.role == TagRole::drop) {
      return;
    }
    const Attributes at = read_attributes(n);
    if (tag.role == TagRole::script) {
      script(n, at);
      return;
    }
    if (at.hidden || (!at.style.empty() && style_hides(at.style))) {
      return;
    }
    switch (tag.role) {
      case TagRole::head_title:
        title(n);
        return;
      case TagRole::meta:
        add_meta(at.meta_key, at.content, page_.meta);
        return;
      case TagRole::link:
        if (equals_ignoring_case(at.rel, "canonical") && !at.href.empty()) {
          page_.meta.url = std::string(at.href);
        }
        return;
      case TagRole::line_break:
        flush();
        return;
      case TagRole::image:
        flush();
        image_pending_ = true;
        image_alt_ = caption_tokens(at.alt);
        return;
      default:
        break;
    }
    if (tag.role == TagRole::container && name_of(n) == "tr" && simple_row(n)) {
      row(n);
      return;
    }
    if (!at.datetime.empty() && name_of(n) == "time") {
      // Its text joins the block being built, which gets the next index when flushed.
      page_.meta.time_dates.push_back(
          {static_cast<uint32_t>(page_.blocks.size()), std::string(at.datetime)});
    }
    if (tag.role == TagRole::root && !at.lang.empty() && page_.meta.language.empty()) {
      page_.meta.language = std::string(at.lang);
    }
    enter(n, tag, at);
  }

 private:
  /// A data-table row: its cells' text joined by spaces into one table_cell block, as the gold
  /// reads a table row (one paragraph per <tr>).
  void row(const xmlNode* n) {
    flush();
    const Context saved = ctx_;
    ctx_.kind = BlockKind::table_cell;
    ctx_.level = 0;
    ++ctx_.depth;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) {
        continue;
      }
      const Attributes cell = read_attributes(c);
      if (cell.hidden || (!cell.style.empty() && style_hides(cell.style))) {
        continue;
      }
      pending_space_ = !buffer_.empty();
      children(c->children);
    }
    flush();
    ctx_ = saved;
  }

  void enter(const xmlNode* n, const TagInfo& tag, const Attributes& at) {
    const bool block = tag.role == TagRole::block || tag.role == TagRole::container;
    // aria-hidden hides from screen readers only: sighted readers still see a date line or
    // an icon label there, so its text is kept, as chrome (never body).
    const bool chrome = tag.chrome || is_chrome_role(at.role) || at.aria_hidden;
    const size_t hint_mark = hints_.size();
    if (!at.cls.empty() || !at.id.empty()) {
      std::string words;
      append_hint_words(at.cls, words);
      append_hint_words(at.id, words);
      hints_.push_back(std::move(words));
    }
    const Context saved = ctx_;
    if (block) {
      flush();
      ctx_.kind = ctx_.in_figure ? BlockKind::caption : tag.kind;
      ctx_.level = tag.level;
    }
    if (tag.role == TagRole::container) {
      ContainerNode node;
      node.parent = ctx_.container;
      node.first_block = static_cast<uint32_t>(page_.blocks.size());
      node.chrome = chrome;
      node.hint = static_cast<int8_t>(
          hints_.size() > hint_mark ? std::clamp(hint_score(hints_.back()), -100, 100) : 0);
      ctx_.container = static_cast<uint32_t>(nodes_.size());
      nodes_.push_back(node);
    }
    ctx_.centered = saved.centered || at.centered || tag.centered;
    ctx_.in_figure = saved.in_figure || tag.figure;
    ctx_.in_link = saved.in_link || tag.role == TagRole::link_anchor;
    ctx_.chrome = saved.chrome || chrome || tag.form;
    ++ctx_.depth;
    children(n->children);
    if (block) {
      flush();
    }
    if (tag.role == TagRole::container) {
      nodes_[ctx_.container].end_block = static_cast<uint32_t>(page_.blocks.size());
    }
    ctx_ = saved;
    hints_.resize(hint_mark);
  }

  void script(const xmlNode* n, const Attributes& at) {
    const bool json_ld = at.type.find("ld+json") != std::string_view::npos;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) {
        scan_script(text_of(c->content), json_ld, page_.meta);
      }
    }
  }

  void title(const xmlNode* n) {
    if (!page_.meta.title_tag.empty()) {
      return;
    }
    std::string raw;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      raw += text_of(c->content);
    }
    page_.meta.title_tag = text::clean_line(raw);
  }

  /// Appends folded text: runs of ASCII whitespace and NBSP become one space, emitted only
  /// before the next visible character (so no block ends or starts with one).
  void append_text(std::string_view text, const xmlNode* n) {
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space_ = true;
        continue;
      }
      if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (buffer_.empty()) {
        line_ = static_cast<uint32_t>(xmlGetLineNo(n) > 0 ? xmlGetLineNo(n) : 0);
        pending_space_ = false;
      }
      if (pending_space_) {
        buffer_ += ' ';
        link_chars_ += ctx_.in_link ? 1 : 0;
        pending_space_ = false;
      }
      buffer_ += c;
      if (ctx_.in_link && (static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
        ++link_chars_;
      }
    }
  }

  void flush();

  struct Context {
    BlockKind kind = BlockKind::paragraph;
    uint8_t level = 0;
    uint32_t container = 0;
    uint32_t depth = 0;
    bool in_figure = false;
    bool in_link = false;
    bool chrome = false;
    bool centered = false;  ///< align=center, text-align:center or <center>
  };

  Page& page_;
  std::vector<ContainerNode>& nodes_;
  std::vector<std::string> hints_;
  Context ctx_;
  std::string buffer_;
  uint32_t link_chars_ = 0;
  uint32_t line_ = 0;
  bool pending_space_ = false;
  bool image_pending_ = false;          ///< an <img> came after the last block
  std::vector<std::string> image_alt_;  ///< caption_tokens of that image's alt text
};

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

void Walker::flush() {
  pending_space_ = false;
  std::string_view text = buffer_;
  // Leading "　　" indentation and trailing U+3000 go, as clean_line trims them.
  while (text.substr(0, 3) == kIdeographicSpace || text.substr(0, 1) == " ") {
    text.remove_prefix(text[0] == ' ' ? 1 : 3);
  }
  while (text.size() >= 3 &&
         (text.substr(text.size() - 3) == kIdeographicSpace || text.back() == ' ')) {
    text.remove_suffix(text.back() == ' ' ? 1 : 3);
  }
  if (!text.empty()) {
    Block b;
    const bool after_image = image_pending_;
    image_pending_ = false;
    b.text = std::string(text);
    // A line under an image that repeats the image's alt text is its caption, whatever its
    // length or markup (a list item, a paragraph).
    const bool alt_caption = after_image && repeats_alt(text, image_alt_);
    b.kind = after_image && (alt_caption || looks_like_caption(text, ctx_.centered))
                 ? BlockKind::caption
                 : ctx_.kind;
    b.after_image = after_image;
    b.level = ctx_.level;
    b.container = ctx_.container;
    b.depth = ctx_.depth;
    b.chars = static_cast<uint32_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
    b.link_chars = std::min(link_chars_, b.chars);
    b.chrome = ctx_.chrome;
    b.source_line = line_;
    for (auto it = hints_.rbegin(); it != hints_.rend() && b.hints.size() < kMaxHintBytes; ++it) {
      b.hints += *it;
    }
    if (!b.hints.empty()) {
      b.hints.pop_back();  // the trailing separator
    }
    page_.blocks.push_back(std::move(b));
  }
  buffer_.clear();
  link_chars_ = 0;
}

}  // namespace

void walk_tree(const _xmlNode* root, bool siblings, Page& page,
               std::vector<ContainerNode>& containers) {
  Walker walker(page, containers);
  if (root != nullptr) {
    if (siblings) {
      walker.children(root);
    } else {
      walker.element(root);
    }
  }
  walker.finish();
}

}  // namespace sheaf::parse::html
