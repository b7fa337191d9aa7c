// compiler, extract stage (internal): the texts libxml2's HTML parser copies slowly (the text of
// <script> and <style> elements, long attribute values) kept away from it, then put back into
// its tree.
//
// Why: libxml2 2.9 copies these one character at a time (htmlParseScript and
// htmlParseHTMLAttribute decode, test and buffer every byte: 80 to 100 instructions a byte).
// On the gold pages script and style texts are half of the bytes and attribute values a fifth;
// copying them took about half of the instructions of a `sheaf extract` run. So the page is
// scanned here for those texts, libxml2 parses a copy of the page in which each text is a short
// marker (with the text's newlines, so line numbers do not move), and the texts are then put
// back in place of the markers. The result is the tree libxml2 builds from the page itself: a
// marker that does not come back as the whole text of an element or attribute means that this
// scan and libxml2 disagree about the page, and the caller parses the page as it is.
// Not a public header: html_page.cpp and the tests use it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// libxml2's xmlDoc, kept out of the includes of our callers (libxml2 chose the name).
struct _xmlDoc;  // NOLINT(bugprone-reserved-identifier)

namespace sheaf::parse::html {

/// What an elided text is in the page.
enum class TextKind : uint8_t {
  script,     ///< the text of a <script>
  style,      ///< the text of a <style>
  attribute,  ///< a quoted attribute value, without its quotes
};

/// One elided text, as offsets into the page.
struct ElidedText {
  size_t begin = 0;     ///< its first byte
  size_t end = 0;       ///< just after its last byte
  size_t newlines = 0;  ///< how many '\n' it holds (its marker holds as many)
  TextKind kind = TextKind::script;
};

/// The page with each elided text replaced by its marker.
struct ElidedPage {
  std::string html;               ///< the page to parse; empty when `texts` is empty
  std::vector<ElidedText> texts;  ///< in page order; empty when nothing was replaced
};

/// Finds the script and style texts and the long quoted attribute values of `html` and replaces
/// each with its marker. Leaves out texts libxml2 would change while copying (control
/// characters, U+FFFE, U+FFFF, bytes that are not UTF-8, entity references in attribute
/// values), the values libxml2 reads itself (id and name attributes, <meta>; <html>, <head> and
/// <body>, whose attributes it drops when the tag is misplaced), and all texts when the page
/// contains a DEL byte (the markers' delimiter).
ElidedPage elide_texts(std::string_view html);

/// Puts the texts of `html` back into `doc`, parsed from elide_texts(html).html.
/// @return false, with `doc` in an unspecified state, when some marker is not the whole text of
///         an element or attribute of its kind (libxml2 did not read the page the way the scan
///         did).
bool restore_texts(_xmlDoc* doc, std::string_view html, const std::vector<ElidedText>& texts);

}  // namespace sheaf::parse::html
