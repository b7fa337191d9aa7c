// compiler, extract stage: from a Page to an Article: choose the main content, read the fields
// (title, subtitle, date, source, location, categories, author, site), drop the boilerplate.
#pragma once

#include <string>
#include <unordered_set>

#include "diag/diagnostics.hpp"
#include "extract/explain.hpp"
#include "extract/parse/page.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Lines known to be site template (they repeat across many pages of the same site in this
/// build: see corpus_template.hpp). Compared after cleaning, exactly.
using TemplateLines = std::unordered_set<std::string>;

struct ExtractContext {
  const TemplateLines* templates = nullptr;  ///< null when the build has no such evidence
};

/// Extracts one article from `page`. `id` and `page.origin` are copied into it. Problems
/// (no title, no body) are reported to `diagnostics` as warnings naming the origin; nothing is
/// dropped silently: every dropped block is recorded in `explain` when it is not null.
Article extract_page(const parse::Page& page, const std::string& id, const ExtractContext& context,
                     Diagnostics& diagnostics, Explain* explain);

}  // namespace sheaf
