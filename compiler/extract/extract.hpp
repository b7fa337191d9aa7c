// compiler, extract stage: Documents -> Articles. Pure, no I/O. Every page format (text dump,
// HTML, Markdown) is parsed into a Page, template lines are found across the pages of each
// site, then each page is extracted (page_extractor.hpp). Records are cleaned field by field.
#pragma once

#include <vector>

#include "diag/diagnostics.hpp"
#include "extract/explain.hpp"
#include "model/article.hpp"

namespace sheaf {

struct ExtractOptions {
  bool explain = false;  ///< record every dropped block and the rule that dropped it
};

struct Extracted {
  std::vector<Article> articles;
  std::vector<Explain> explains;  ///< parallel to `articles` when options.explain, else empty
};

/// Extracts every document, in order. A document that yields neither a title nor a paragraph
/// is skipped with a warning naming it ("nothing-extracted"); one with a title but no body is
/// kept, with a warning ("empty-body"). Nothing is dropped silently.
Extracted extract(const std::vector<Document>& docs, Diagnostics& diags,
                  const ExtractOptions& options);

/// extract() without explanations.
std::vector<Article> extract(const std::vector<Document>& docs, Diagnostics& diags);

/// extract() without explanations, consuming `docs`: each document's text is freed as soon as
/// its article is made, so a build never holds every input and every article at once.
std::vector<Article> extract(std::vector<Document>&& docs, Diagnostics& diags);

}  // namespace sheaf
