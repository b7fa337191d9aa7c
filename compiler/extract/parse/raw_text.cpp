// compiler, extract stage (internal): script and style texts kept away from libxml2's parser
// (see raw_text.hpp). The scan follows libxml2 2.9's HTMLparser.c: htmlParseStartTag for where a
// start tag ends, htmlParseScript in recovery mode for where the text ends, htmlParseComment for
// what a comment hides.
#include "extract/parse/raw_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

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

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// A character of an element name as htmlParseHTMLName reads it.
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ':' || c == '-' || c == '.';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// True when `html` at `at` spells `name` (lowercase) in any case.
bool name_at(std::string_view html, size_t at, std::string_view name) {
  if (html.size() - at < name.size()) {
    return false;
  }
  for (size_t i = 0; i < name.size(); ++i) {
    if (lower(html[at + i]) != name[i]) {
      return false;
    }
  }
  return true;
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

/// Just after the '>' that ends the start tag whose attributes begin at `at`: values are quoted
/// or run up to a blank or '>'. kNone when the tag ends in "/>" (an empty element: no text) or
/// not at all.
size_t start_tag_end(std::string_view html, size_t at) {
  while (at < html.size()) {
    const char c = html[at];
    if (c == '>') {
      return at + 1;
    }
    if (c == '/' && at + 1 < html.size() && html[at + 1] == '>') {
      return kNone;
    }
    ++at;
    if (c != '=') {
      continue;
    }
    while (at < html.size() && is_blank(html[at])) {
      ++at;
    }
    if (at < html.size() && (html[at] == '"' || html[at] == '\'')) {
      const size_t quote = html.find(html[at], at + 1);
      if (quote == kNone) {
        return kNone;
      }
      at = quote + 1;
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
/// runs over half of a page's bytes.
bool copied_unchanged(std::string_view text, size_t& newlines) {
  size_t i = 0;
  while (i < text.size()) {
    uint64_t word = 0;
    if (text.size() - i >= sizeof word) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if (!has_control(word)) {
        i += sizeof word;
        continue;
      }
    }
    const size_t stop = std::min(text.size(), i + sizeof word);
    for (; i < stop; ++i) {
      const char c = text[i];
      newlines += c == '\n' ? 1 : 0;
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
  }
  for (size_t at = text.find("\xEF\xBF"); at != kNone; at = text.find("\xEF\xBF", at + 1)) {
    if (at + 2 < text.size() && (static_cast<unsigned char>(text[at + 2]) & 0xFEU) == 0xBE) {
      return false;
    }
  }
  return find_invalid_utf8(text) == kUtf8Valid;
}

/// The marker of text number `index`: its number between delimiters, then the text's newlines.
void append_marker(std::string& out, size_t index, size_t newlines) {
  out += kDelimiter;
  out += std::to_string(index);
  out += kDelimiter;
  out.append(newlines, '\n');
}

/// The raw text whose start tag opens at `lt`, with `end` its end; false when there is none
/// (another tag, an empty element, an unclosed start tag).
bool raw_text_at(std::string_view html, size_t lt, RawText& text) {
  const bool style = name_at(html, lt + 1, "style");
  if (!style && !name_at(html, lt + 1, "script")) {
    return false;
  }
  const std::string_view name = style ? "style" : "script";
  const size_t after = lt + 1 + name.size();
  if (after < html.size() && is_name_char(html[after])) {
    return false;
  }
  const size_t begin = start_tag_end(html, after);
  if (begin == kNone) {
    return false;
  }
  text.begin = begin;
  text.end = raw_text_end(html, begin, name);
  text.style = style;
  return true;
}

}  // namespace

ElidedPage elide_raw_texts(std::string_view html) {
  ElidedPage out;
  if (html.find(kDelimiter) != kNone) {
    return out;
  }
  size_t copied = 0;  // html[0, copied) is in out.html
  size_t lt = html.find('<');
  while (lt != kNone) {
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = comment_end(html, lt);
      lt = end == kNone ? kNone : html.find('<', end);
      continue;
    }
    RawText text;
    if (!raw_text_at(html, lt, text)) {
      lt = html.find('<', lt + 1);
      continue;
    }
    const std::string_view body = html.substr(text.begin, text.end - text.begin);
    if (!body.empty() && body.size() <= kMaxElided && copied_unchanged(body, text.newlines)) {
      if (out.texts.empty()) {
        out.html.reserve(html.size());
      }
      out.html.append(html, copied, text.begin - copied);
      append_marker(out.html, out.texts.size(), text.newlines);
      copied = text.end;
      out.texts.push_back(text);
    }
    lt = text.end == html.size() ? kNone : html.find('<', text.end + 1);
  }
  if (!out.texts.empty()) {
    out.html.append(html, copied, html.size() - copied);
  }
  return out;
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

/// True when `node` holds a marker (a child of a <script> or <style> element).
bool holds_marker(const xmlNode* node) {
  return node->content != nullptr && node->content[0] == static_cast<xmlChar>(kDelimiter);
}

/// Puts back the text whose marker `node`, a child of a <script> (or a <style> when `style`),
/// holds. False when the node is not exactly the raw text marker of a text of that element's
/// name, or that text was already put back.
bool restore_marker(xmlNode* node, bool style, std::string_view html,
                    const std::vector<RawText>& texts, std::vector<bool>& restored) {
  const auto* content = reinterpret_cast<const char*>(node->content);
  size_t index = 0;
  for (size_t i = 1; content[i] >= '0' && content[i] <= '9' && i < 20; ++i) {
    index = index * 10 + static_cast<size_t>(content[i] - '0');
  }
  if (node->type != XML_CDATA_SECTION_NODE || index >= texts.size() || restored[index] ||
      texts[index].style != style) {
    return false;
  }
  const RawText& text = texts[index];
  const std::string_view body = html.substr(text.begin, text.end - text.begin);
  std::string marker;
  append_marker(marker, index, text.newlines);
  if (marker != content) {
    return false;
  }
  xmlNodeSetContentLen(node, reinterpret_cast<const xmlChar*>(body.data()),
                       static_cast<int>(body.size()));
  restored[index] = true;
  return true;
}

}  // namespace

bool restore_raw_texts(xmlDoc* doc, std::string_view html, const std::vector<RawText>& texts) {
  std::vector<bool> restored(texts.size(), false);
  size_t count = 0;
  for (xmlNode* n = doc != nullptr ? doc->children : nullptr; n != nullptr;) {
    const bool element = n->type == XML_ELEMENT_NODE;
    const std::string_view name =
        element && n->name != nullptr ? reinterpret_cast<const char*>(n->name) : "";
    if (name == "script" || name == "style") {
      for (xmlNode* c = n->children; c != nullptr; c = c->next) {
        if (!holds_marker(c)) {
          continue;
        }
        if (!restore_marker(c, name == "style", html, texts, restored)) {
          return false;
        }
        ++count;
      }
    }
    n = next_node(n, element, doc);
  }
  return count == texts.size();
}

}  // namespace sheaf::parse::html
