// compiler, extract stage: Documents -> Articles. Pure, no I/O. Every page format (text dump,
// HTML, Markdown) is parsed into a Page, template lines are found across the pages of each
// site, then each page is extracted (page_extractor.hpp). Records are cleaned field by field.
#pragma once

#include <vector>

#include "diag/diagnostics.hpp"
#include "diag/progress.hpp"
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
/// its article is made, so a build never holds every input and every article at once. With
/// `progress`, work done is reported to it in steps: each page parsed, then each document
/// extracted (2 steps a page, 1 a record; the caller begins the stage with extract_steps()).
std::vector<Article> extract(std::vector<Document>&& docs, Diagnostics& diags,
                             Progress* progress = nullptr);

/// The number of progress steps extract() reports for `docs`.
uint64_t extract_steps(const std::vector<Document>& docs);

}  // namespace sheaf
