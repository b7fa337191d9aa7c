// compiler, extract stage (internal): the text of <script> and <style> elements kept away from
// libxml2's HTML parser, then put back into its tree.
//
// Why: libxml2 2.9 copies a script's or a style's text one character at a time (htmlParseScript
// decodes, tests and buffers every byte: about 80 instructions a byte). On the gold pages that
// text is half of the bytes, and copying it took a fifth (Chinese pages) to a third (English) of
// the instructions of a `sheaf extract` run. So the page is scanned here for those texts,
// libxml2 parses a copy of the page in which each text is a short marker (with the text's
// newlines, so line numbers do not move), and the texts are then put back in place of the
// markers. The result is the tree libxml2 builds from the page itself:
// a marker that does not come back as the whole text of an element of the expected name means
// that this scan and libxml2 disagree about the page, and the caller parses the page as it is.
// Not a public header: html_page.cpp and the tests use it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// libxml2's xmlDoc, kept out of the includes of our callers (libxml2 chose the name).
struct _xmlDoc;  // NOLINT(bugprone-reserved-identifier)

namespace sheaf::parse::html {

/// The text of one <script> or <style> element, as offsets into the page.
struct RawText {
  size_t begin = 0;     ///< just after the '>' of the start tag
  size_t end = 0;       ///< at the "</script" or "</style" that ends it, or the page's end
  size_t newlines = 0;  ///< how many '\n' the text holds (its marker holds as many)
  bool style = false;   ///< a <style>, else a <script>
};

/// The page with each raw text replaced by its marker.
struct ElidedPage {
  std::string html;            ///< the page to parse; empty when `texts` is empty
  std::vector<RawText> texts;  ///< in page order; empty when nothing was replaced
};

/// Finds the <script> and <style> texts of `html` and replaces each with its marker. Leaves out
/// texts libxml2 would change while copying (control characters, U+FFFE, U+FFFF, bytes that are
/// not UTF-8) and all texts when the page contains a DEL byte (the markers' delimiter).
ElidedPage elide_raw_texts(std::string_view html);

/// Puts the texts of `html` back into `doc`, parsed from elide_raw_texts(html).html.
/// @return false, with `doc` in an unspecified state, when some marker is not the whole text of
///         an element of its name (libxml2 did not read the page the way the scan did).
bool restore_raw_texts(_xmlDoc* doc, std::string_view html, const std::vector<RawText>& texts);

}  // namespace sheaf::parse::html
