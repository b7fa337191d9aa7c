// compiler/extract: a text dump (one scraped page saved as text) -> an Article. Pure.
#pragma once

#include "diag/diagnostics.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Splits `doc.text` on '\n' and cleans every line (clean_line). The first non-empty line is
/// the title and each further non-empty line one paragraph ("For text dumps, one non-empty
/// line", gold/README.md). id and origin are copied from `doc`; no other field is guessed.
///
/// Reports to `diags` (file and line from doc.origin):
/// - warning "no-title": no line is left after cleaning; the returned Article is empty and
///   extract() skips it;
/// - warning "empty-body": a title but no paragraph (the Article is kept: never drop data).
/// @param doc  a Document with format == text_dump (the format is not checked).
Article extract_text_dump(const Document& doc, Diagnostics& diags);

}  // namespace sheaf
