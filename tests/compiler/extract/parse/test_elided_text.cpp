// tests/compiler/extract: script and style texts and long attribute values kept away from
// libxml2 and put back (extract/parse/elided_text.hpp). The tree after put-back must be the tree
// libxml2 builds from the page itself, node for node and line for line; when the scan and
// libxml2 disagree, put-back must say so (the caller then parses the page as it is).
#include <string>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "extract/parse/elided_text.hpp"
#include "extract/parse/html_page.hpp"
#include "support/catch.hpp"

namespace {

using sheaf::parse::html::elide_texts;
using sheaf::parse::html::ElidedPage;
using sheaf::parse::html::restore_texts;

/// libxml2's tree of `html`, read with the options parse_html uses.
htmlDocPtr read(std::string_view html) {
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  return htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options);
}

/// Every node of a tree: depth, type, line, name, attributes and content, one line each.
void dump(const xmlNode* n, int depth, std::string& out) {
  for (; n != nullptr; n = n->next) {
    out += std::to_string(depth) + " " + std::to_string(n->type) + " ";
    if (n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE ||
        n->type == XML_CDATA_SECTION_NODE) {
      out += std::to_string(n->line) + " ";
    }
    out += n->name != nullptr ? reinterpret_cast<const char*>(n->name) : "";
    for (const xmlAttr* a = n->type == XML_ELEMENT_NODE ? n->properties : nullptr; a != nullptr;
         a = a->next) {
      xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
      out += std::string(" ") + reinterpret_cast<const char*>(a->name) + "=" +
             (value != nullptr ? reinterpret_cast<const char*>(value) : "") + "/" +
             std::to_string(a->atype);
      xmlFree(value);
    }
    if (n->type != XML_ELEMENT_NODE && n->content != nullptr) {
      out += std::string(" [") + reinterpret_cast<const char*>(n->content) + "]";
    }
    out += "\n";
    if (n->type == XML_ELEMENT_NODE) {
      dump(n->children, depth + 1, out);
    }
  }
}

std::string tree_of(htmlDocPtr doc) {
  std::string out;
  dump(doc->children, 0, out);
  return out;
}

/// How many texts were elided, and whether put-back gave libxml2's own tree of `html`.
struct Outcome {
  size_t elided = 0;
  bool restored = false;
  bool same_tree = false;
};

Outcome elide_and_restore(std::string_view html) {
  Outcome outcome;
  const ElidedPage elided = elide_texts(html);
  outcome.elided = elided.texts.size();
  htmlDocPtr plain = read(html);
  htmlDocPtr doc = read(elided.texts.empty() ? html : std::string_view(elided.html));
  outcome.restored = restore_texts(doc, html, elided.texts);
  outcome.same_tree = tree_of(doc) == tree_of(plain);
  xmlFreeDoc(doc);
  xmlFreeDoc(plain);
  return outcome;
}

}  // namespace

TEST_CASE("elided texts: scripts and styles come back as libxml2 reads them, lines included",
          "[compiler][extract]") {
  const Outcome o = elide_and_restore(
      "<html><head><STYLE type=\"text/css\">p > a { color: red }\n</style>\n"
      "<script type=\"application/ld+json\">{\"datePublished\": \"2024-01-02\"}</SCRIPT >\n"
      "<script data-x=\"a>b\" async>if (a < b && c > d) {\n  s = '<div></div>';\n"
      "  t = '</scr' + 'ipt>';\n  u = '<!-- not a comment';\n}\n</script>\n"
      "</head><body><p>after</p><script>last()</script></body></html>");
  CHECK(o.elided == 5);  // four texts and the long type="application/ld+json"
  CHECK(o.restored);
  CHECK(o.same_tree);
}

TEST_CASE("elided texts: long attribute values come back, ids and entity references stay",
          "[compiler][extract]") {
  const Outcome o = elide_and_restore(
      "<html><body class=\"a-long-body-class-name\"><meta content=\"a long meta content value\">"
      "<div class='single quoted long class' id=\"a-long-identifier-value\">"
      "<a name=\"a-long-anchor-name-value\" href=\"https://example.org/path?a=1&amp;b=2\" "
      "title=\"a title on\ntwo lines, long\" data-html=\"<script>x()</script>\">link</a>"
      "<img src=/an/unquoted/long/source/path.png alt = \"spaces around the equals sign\"/>"
      "</div><p id=\"a-long-identifier-value\">repeated id</p></body></html>");
  CHECK(o.elided == 4);  // the single-quoted class, the two-line title, data-html, alt
  CHECK(o.restored);
  CHECK(o.same_tree);
}

TEST_CASE("elided texts: comments, empty elements and unclosed scripts", "[compiler][extract]") {
  // A script tag inside a comment is no script; "<script/>" has no text; an unclosed script
  // runs to the page's end.
  const Outcome commented = elide_and_restore(
      "<body><!-- <script>x()</script> --><p>a</p><script src=x /><p>b</p>"
      "<script>var s = 1;\n</body>");
  CHECK(commented.elided == 1);
  CHECK(commented.restored);
  CHECK(commented.same_tree);
  // "<!-->" does not close the comment it opens.
  const Outcome odd = elide_and_restore("<body><!--><script>x()</script>--><p>a</p></body>");
  CHECK(odd.elided == 0);
  CHECK(odd.same_tree);
}

TEST_CASE("elided texts: texts libxml2 would change are left to it", "[compiler][extract]") {
  // libxml2 drops control characters and U+FFFF from a script's text.
  CHECK(elide_and_restore("<script>a\x01"
                          "b</script><script>c\xEF\xBF\xBF</script><p>x</p>")
            .elided == 0);
  // A DEL byte anywhere: no text is elided (it delimits the markers).
  CHECK(elide_and_restore("<script>a()</script><p>\x7F</p>").elided == 0);
}

TEST_CASE("elided texts: put-back refuses a page the scan read differently from libxml2",
          "[compiler][extract]") {
  // libxml2 keeps the first of two attributes of one name and drops the second.
  const Outcome repeated = elide_and_restore(
      "<body><div class=\"the first long class\" class=\"the second long class\">a</div></body>");
  CHECK(repeated.elided == 2);
  CHECK_FALSE(repeated.restored);
  // "</scriptx>" ends the scan's text, but libxml2 drops that end tag and goes on with the
  // script's text up to "</script>".
  const Outcome near_end = elide_and_restore("<script>a()</scriptx>b()</script><p>c</p>");
  CHECK(near_end.elided == 1);
  CHECK_FALSE(near_end.restored);
}

TEST_CASE("elided texts: parse_html reads pages with scripts as before", "[compiler][extract]") {
  // The end-to-end view: the JSON-LD date and the script date still reach the page's metadata,
  // and a page put-back refuses (a repeated attribute) still parses.
  const sheaf::parse::Page page = sheaf::parse::parse_html(
      "<html><head><script type=\"application/ld+json\">{\"datePublished\": \"2024-01-02\"}"
      "</script><script>var pubtime = \"2023-05-06 10:00\";</script></head>"
      "<body><div class=\"the first long class\" class=\"the second long class\">"
      "<p class=\"a long paragraph class\">Body text.</p></div></body></html>",
      "p.html");
  CHECK(page.meta.json_ld_dates == std::vector<std::string>{"2024-01-02"});
  CHECK(page.meta.script_dates == std::vector<std::string>{"2023-05-06"});
  REQUIRE(page.blocks.size() == 1);
  CHECK(page.blocks[0].text == "Body text.");
}
