// compiler/extract: a JSON record Document -> an Article. Pure.
#pragma once

#include "diag/diagnostics.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Cleans every string field of `doc.fields` with clean_line: title, subtitle, date, source,
/// author, location, url and each category (empty categories are dropped). Paragraphs are
/// `doc.fields.paragraphs` when that list is non-empty, else `doc.text` (the record's body)
/// split on '\n'; each is cleaned and empty ones are dropped. id and origin are copied from
/// `doc`.
///
/// Reports to `diags` (file and line from doc.origin):
/// - warning "no-title": no title after cleaning. With no paragraphs either the Article is
///   empty and extract() skips it; otherwise it is kept;
/// - warning "empty-body": a title but no paragraph (kept).
/// @param doc  a Document with format == record (the format is not checked).
Article extract_record(const Document& doc, Diagnostics& diags);

}  // namespace sheaf
