// compiler/extract: the extract stage: Documents -> Articles. Pure, no I/O.
#pragma once

#include <vector>

#include "diag/diagnostics.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Turns each Document into an Article: extract_text_dump or extract_record by format, then
/// remove_boilerplate.
///
/// An Article with neither title nor paragraphs is skipped; its extractor has already
/// reported it ("no-title"). If boilerplate removal takes the last paragraph away, a warning
/// "empty-body" says so (the Article is kept).
/// @return the Articles in the order of `docs`.
std::vector<Article> extract(const std::vector<Document>& docs, Diagnostics& diags);

}  // namespace sheaf
