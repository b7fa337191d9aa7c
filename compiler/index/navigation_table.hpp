// compiler, index stage: the NAVIGATION section (SPEC: "Navigation section"), the articles
// newest first and the category tree of their breadcrumbs, so that a reader lists a home
// screen or a category menu without decoding a record.
#pragma once

#include <string>
#include <vector>

#include "model/article.hpp"

namespace sheaf {

/// What the NAVIGATION section needs of one article: its date and its breadcrumb.
struct NavigationEntry {
  std::string date;                     ///< "YYYY-MM-DD", "--MM-DD" or ""
  std::vector<std::string> categories;  ///< outermost first
};

/// The entries of `articles`, in their order (id order at the index stage).
std::vector<NavigationEntry> navigation_entries(const std::vector<Article>& articles);

/// The NAVIGATION section's bytes for the articles of `entries` (article i at i): the
/// newest-first order (date keys descending, ties in article order), the date keys, each
/// article's slot in that order, the node each is filed in, the slots filed in each node, the
/// nodes (breadth first, siblings in ascending name bytes) and their names.
std::string encode_navigation(const std::vector<NavigationEntry>& entries);

}  // namespace sheaf
