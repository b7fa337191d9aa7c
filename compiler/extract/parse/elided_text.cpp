// compiler, extract stage (internal): texts kept away from libxml2's parser (see
// elided_text.hpp). The scan follows libxml2 2.9's HTMLparser.c: htmlParseStartTag and
// htmlParseAttribute for tags and attributes, htmlParseScript in recovery mode for where a
// script's text ends, htmlParseComment for what a comment hides.
#include "extract/parse/elided_text.hpp"

#include <algorithm>
#include <cstring>

#include <libxml/tree.h>

#include "ingest/utf8.hpp"

namespace sheaf::parse::html {
namespace {

constexpr size_t kNone = std::string_view::npos;

/// Starts and ends a marker. A page holding this byte anywhere is not elided, so no text of the
/// page can be taken for a marker.
constexpr char kDelimiter = '\x7F';

/// libxml2 refuses to grow a text node past 10,000,000 bytes without XML_PARSE_HUGE and stops the
/// parse there. Longer texts are left to libxml2, so that it stops where it would have.
constexpr size_t kMaxElided = 8'000'000;

/// Shorter attribute values stay in the page: their marker would save little.
constexpr size_t kMinAttribute = 16;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// The first character of an attribute name, and any character of a name, as htmlParseHTMLName
/// reads them.
bool is_name_start(char c) {
  return is_letter(c) || c == '_' || c == ':' || c == '.';
}

bool is_name_char(char c) {
  return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-' || c == '.';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t skip_blanks(std::string_view html, size_t at) {
  while (at < html.size() && is_blank(html[at])) {
    ++at;
  }
  return at;
}

/// True when `html` at `at` spells `name` (lowercase) in any case.
bool name_at(std::string_view html, size_t at, std::string_view name) {
  if (at > html.size() || html.size() - at < name.size()) {
    return false;
  }
  for (size_t i = 0; i < name.size(); ++i) {
    if (lower(html[at + i]) != name[i]) {
      return false;
    }
  }
  return true;
}

bool same_name(std::string_view name, std::string_view lowercase) {
  return name.size() == lowercase.size() && name_at(name, 0, lowercase);
}

/// True at "/>", which ends a start tag as an empty element.
bool empty_tag_end(std::string_view html, size_t at) {
  return html[at] == '/' && at + 1 < html.size() && html[at + 1] == '>';
}

/// Just after the "-->" (or "--!>") that ends the comment opening at `at`, or kNone when it is
/// not closed. libxml2 looks for either from the first character after "<!--" on, so "<!-->"
/// does not end there.
size_t comment_end(std::string_view html, size_t at) {
  const size_t from = std::min(at + 4, html.size());
  for (size_t dashes = html.find("--", from); dashes != kNone;
       dashes = html.find("--", dashes + 1)) {
    if (html.compare(dashes + 2, 1, ">") == 0) {
      return dashes + 3;
    }
    if (html.compare(dashes + 2, 2, "!>") == 0) {
      return dashes + 4;
    }
  }
  return kNone;
}

/// Where the text of the element `name` that starts at `at` ends: at the first "</" followed by
/// the name in any case (htmlParseScript in recovery mode), or at the page's end.
size_t raw_text_end(std::string_view html, size_t at, std::string_view name) {
  for (size_t lt = html.find("</", at); lt != kNone; lt = html.find("</", lt + 2)) {
    if (name_at(html, lt + 2, name)) {
      return lt;
    }
  }
  return html.size();
}

/// True when some byte of `word` is below 0x20 (Hacker's Delight: "has less than").
bool has_control(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  return ((word - kOnes * 0x20U) & ~word & (kOnes * 0x80U)) != 0;
}

/// True when libxml2 copies `text` unchanged: valid UTF-8 without the characters it drops or
/// replaces (controls but tab, newline and carriage return; U+FFFE, U+FFFF). Counts the text's
/// newlines into `newlines`. Eight bytes at a time while there is no control character: this
/// runs over more than half of a page's bytes. The UTF-8 checks run only on text that is not
/// all ASCII.
bool copied_unchanged(std::string_view text, size_t& newlines) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  uint64_t high = 0;  // the high bits of every byte seen
  size_t i = 0;
  while (i < text.size()) {
    uint64_t word = 0;
    if (text.size() - i >= sizeof word) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if (!has_control(word)) {
        high |= word & kHighBits;
        i += sizeof word;
        continue;
      }
    }
    const size_t stop = std::min(text.size(), i + sizeof word);
    for (; i < stop; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      newlines += c == '\n' ? 1 : 0;
      high |= c & 0x80U;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
  }
  if (high == 0) {
    return true;
  }
  for (size_t at = text.find("\xEF\xBF"); at != kNone; at = text.find("\xEF\xBF", at + 1)) {
    if (at + 2 < text.size() && (static_cast<unsigned char>(text[at + 2]) & 0xFEU) == 0xBE) {
      return false;
    }
  }
  return find_invalid_utf8(text) == kUtf8Valid;
}

/// The marker of text number `index`: its number between delimiters, then the text's newlines.
/// It holds no quote, '&' or '<', so it ends neither an attribute value nor a script's text.
void append_marker(std::string& out, size_t index, size_t newlines) {
  out += kDelimiter;
  out += std::to_string(index);
  out += kDelimiter;
  out.append(newlines, '\n');
}

/// Builds the elided page: the page up to each elided text, then the text's marker.
class Elider {
 public:
  explicit Elider(std::string_view html) : html_(html) {}

  /// Replaces html[begin, end) by its marker when libxml2 would copy it unchanged.
  void elide(size_t begin, size_t end, TextKind kind) {
    ElidedText text;
    text.begin = begin;
    text.end = end;
    text.kind = kind;
    const std::string_view body = html_.substr(begin, end - begin);
    if (body.empty() || body.size() > kMaxElided || !copied_unchanged(body, text.newlines)) {
      return;
    }
    if (page_.texts.empty()) {
      page_.html.reserve(html_.size());
    }
    page_.html.append(html_, copied_, begin - copied_);
    append_marker(page_.html, page_.texts.size(), text.newlines);
    copied_ = end;
    page_.texts.push_back(text);
  }

  ElidedPage finish() {
    if (!page_.texts.empty()) {
      page_.html.append(html_, copied_, html_.size() - copied_);
    }
    return std::move(page_);
  }

 private:
  std::string_view html_;
  ElidedPage page_;
  size_t copied_ = 0;  ///< html_[0, copied_) is in page_.html
};

/// Skips the attribute value at `at` (just after "=" and blanks): quoted, or up to a blank or
/// '>'. Elides a quoted one when it is long and holds no entity reference (libxml2 decodes
/// those), and is not an id or name (libxml2 files those in the document's ID table and marks
/// repeated ones). @return just after the value, kNone when its quote is not closed.
size_t scan_value(std::string_view html, size_t at, std::string_view name, Elider* elider) {
  if (at < html.size() && (html[at] == '"' || html[at] == '\'')) {
    const size_t close = html.find(html[at], at + 1);
    if (close == kNone) {
      return kNone;
    }
    const std::string_view value = html.substr(at + 1, close - at - 1);
    if (elider != nullptr && value.size() >= kMinAttribute && !same_name(name, "id") &&
        !same_name(name, "name") && !same_name(name, "xml:id") && value.find('&') == kNone) {
      elider->elide(at + 1, close, TextKind::attribute);
    }
    return close + 1;
  }
  while (at < html.size() && !is_blank(html[at]) && html[at] != '>') {
    ++at;
  }
  return at;
}

/// Where a start tag ends: just after its '>' (kNone: not in the page) and whether that was "/>".
struct TagEnd {
  size_t next = kNone;
  bool empty = false;
};

/// Skips the attributes of a start tag from `at` (just after the tag's name) as
/// htmlParseStartTag reads them, eliding values through `elider` when it is not null.
TagEnd scan_attributes(std::string_view html, size_t at, Elider* elider) {
  while (at < html.size()) {
    if (html[at] == '>') {
      return {at + 1, false};
    }
    if (empty_tag_end(html, at)) {
      return {at + 2, true};
    }
    if (is_blank(html[at])) {
      ++at;
      continue;
    }
    if (!is_name_start(html[at])) {
      // Not a name: libxml2 drops everything up to a blank or the tag's end.
      while (at < html.size() && !is_blank(html[at]) && html[at] != '>' &&
             !empty_tag_end(html, at)) {
        ++at;
      }
      continue;
    }
    const size_t name = at;
    while (at < html.size() && is_name_char(html[at])) {
      ++at;
    }
    const std::string_view attribute = html.substr(name, at - name);
    at = skip_blanks(html, at);
    if (at < html.size() && html[at] == '=') {
      at = scan_value(html, skip_blanks(html, at + 1), attribute, elider);
    }
  }
  return {};
}

/// Skips the start tag opening at `lt` ('<' and a letter) and, for a <script> or <style>, its
/// text, eliding what can be. @return where to look for the next tag, kNone at the page's end.
size_t scan_tag(std::string_view html, size_t lt, Elider& elider) {
  size_t at = lt + 1;
  while (at < html.size() && is_name_char(html[at])) {
    ++at;
  }
  const std::string_view name = html.substr(lt + 1, at - lt - 1);
  const bool keep = same_name(name, "meta") || same_name(name, "html") || same_name(name, "head") ||
                    same_name(name, "body");
  const TagEnd end = scan_attributes(html, at, keep ? nullptr : &elider);
  const bool style = same_name(name, "style");
  if (end.next == kNone || end.empty || (!style && !same_name(name, "script"))) {
    return end.next;
  }
  const size_t text_end = raw_text_end(html, end.next, style ? "style" : "script");
  elider.elide(end.next, text_end, style ? TextKind::style : TextKind::script);
  return text_end;
}

}  // namespace

ElidedPage elide_texts(std::string_view html) {
  if (html.find(kDelimiter) != kNone) {
    return {};
  }
  Elider elider(html);
  size_t lt = html.find('<');
  while (lt != kNone) {
    size_t next = lt + 1;
    if (html.compare(lt, 4, "<!--") == 0) {
      next = comment_end(html, lt);
    } else if (lt + 1 < html.size() && is_letter(html[lt + 1])) {
      next = scan_tag(html, lt, elider);
    }
    lt = next == kNone ? kNone : html.find('<', next);
  }
  return elider.finish();
}

namespace {

/// The next node after `n` in document order; into its children only when `descend`.
xmlNode* next_node(xmlNode* n, bool descend, const xmlDoc* doc) {
  if (descend && n->children != nullptr) {
    return n->children;
  }
  while (n->next == nullptr) {
    n = n->parent;
    if (n == nullptr || n == reinterpret_cast<const xmlNode*>(doc)) {
      return nullptr;
    }
  }
  return n->next;
}

/// True when `node` holds a marker.
bool holds_marker(const xmlNode* node) {
  return node->content != nullptr && node->content[0] == static_cast<xmlChar>(kDelimiter);
}

/// Puts back the text whose marker `node` holds, `node` being where a text of `kind` is (a
/// script's or style's CDATA child, an attribute's text). False when it is not exactly the
/// marker of a text of that kind, or that text was already put back.
bool restore_marker(xmlNode* node, TextKind kind, std::string_view html,
                    const std::vector<ElidedText>& texts, std::vector<bool>& restored) {
  const std::string_view content = reinterpret_cast<const char*>(node->content);
  size_t index = 0;
  size_t i = 1;
  for (; i < content.size() && content[i] >= '0' && content[i] <= '9' && i < 20; ++i) {
    index = index * 10 + static_cast<size_t>(content[i] - '0');
  }
  const xmlElementType type = kind == TextKind::attribute ? XML_TEXT_NODE : XML_CDATA_SECTION_NODE;
  const bool digits = i > 1 && (i == 2 || content[1] != '0');  // as append_marker writes them
  if (node->type != type || !digits || i == content.size() || content[i] != kDelimiter ||
      index >= texts.size() || restored[index] || texts[index].kind != kind) {
    return false;
  }
  // The marker's newlines, and nothing after them.
  const ElidedText& text = texts[index];
  const std::string_view rest = content.substr(i + 1);
  if (rest.size() != text.newlines || rest.find_first_not_of('\n') != kNone) {
    return false;
  }
  xmlNodeSetContentLen(node, reinterpret_cast<const xmlChar*>(html.data() + text.begin),
                       static_cast<int>(text.end - text.begin));
  restored[index] = true;
  return true;
}

/// Restores the markers in the attributes of element `n` and, for a script or style, in its
/// text. @return how many, or kNone when one is not where its kind is.
size_t restore_element(xmlNode* n, std::string_view html, const std::vector<ElidedText>& texts,
                       std::vector<bool>& restored) {
  size_t count = 0;
  for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    xmlNode* value = a->children;
    if (value == nullptr || !holds_marker(value)) {
      continue;
    }
    if (value->next != nullptr ||
        !restore_marker(value, TextKind::attribute, html, texts, restored)) {
      return kNone;
    }
    ++count;
  }
  const std::string_view name = n->name != nullptr ? reinterpret_cast<const char*>(n->name) : "";
  if (name != "script" && name != "style") {
    return count;
  }
  const TextKind kind = name == "style" ? TextKind::style : TextKind::script;
  for (xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (!holds_marker(c)) {
      continue;
    }
    if (!restore_marker(c, kind, html, texts, restored)) {
      return kNone;
    }
    ++count;
  }
  return count;
}

}  // namespace

bool restore_texts(xmlDoc* doc, std::string_view html, const std::vector<ElidedText>& texts) {
  std::vector<bool> restored(texts.size(), false);
  size_t count = 0;
  for (xmlNode* n = doc != nullptr ? doc->children : nullptr; n != nullptr;) {
    const bool element = n->type == XML_ELEMENT_NODE;
    if (element) {
      const size_t in_element = restore_element(n, html, texts, restored);
      if (in_element == kNone) {
        return false;
      }
      count += in_element;
    }
    n = next_node(n, element, doc);
  }
  return count == texts.size();
}

}  // namespace sheaf::parse::html
