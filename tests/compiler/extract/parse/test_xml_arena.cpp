// tests/compiler/extract: libxml2's memory for one page from an arena
// (extract/parse/xml_arena.hpp): blocks keep their bytes through realloc, memory from before a
// scope stays malloc's, and only the outer scope releases.
#include <cstring>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include "extract/parse/html_page.hpp"
#include "extract/parse/xml_arena.hpp"
#include "support/catch.hpp"

using sheaf::parse::html::XmlArenaScope;

TEST_CASE("xml arena: realloc keeps the bytes, malloc's blocks stay malloc's",
          "[compiler][extract]") {
  sheaf::parse::html::install_xml_arena();
  xmlChar* before = xmlStrdup(reinterpret_cast<const xmlChar*>("made before the scope"));
  {
    const XmlArenaScope scope;
    CHECK(scope.releases());
    {
      const XmlArenaScope inner;
      CHECK_FALSE(inner.releases());
    }
    auto* grown = static_cast<char*>(xmlMalloc(8));
    std::memcpy(grown, "1234567", 8);
    for (size_t size = 16; size <= (size_t{4} << 20); size *= 4) {  // past the first chunk
      grown = static_cast<char*>(xmlRealloc(grown, size));
      REQUIRE(grown != nullptr);
      CHECK(std::strcmp(grown, "1234567") == 0);
    }
    xmlFree(grown);
    // A block from before the scope grows and is freed by malloc.
    before = static_cast<xmlChar*>(xmlRealloc(before, 64));
    CHECK(std::strcmp(reinterpret_cast<const char*>(before), "made before the scope") == 0);
  }
  xmlFree(before);
}

TEST_CASE("xml arena: trees built outside a scope are freed as before, pages parse alike",
          "[compiler][extract]") {
  const std::string html = "<html><body><p class=\"a long paragraph class\">One.</p></body></html>";
  const sheaf::parse::Page first = sheaf::parse::parse_html(html, "a.html");
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR);
  REQUIRE(doc != nullptr);
  const sheaf::parse::Page second = sheaf::parse::parse_html(html, "a.html");
  xmlFreeDoc(doc);  // malloc'd before the second page's scope, freed after it
  REQUIRE(first.blocks.size() == 1);
  REQUIRE(second.blocks.size() == 1);
  CHECK(first.blocks[0].text == "One.");
  CHECK(second.blocks[0].text == first.blocks[0].text);
}
