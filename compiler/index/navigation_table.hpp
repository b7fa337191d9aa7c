// compiler, index stage: the NAVIGATION section (SPEC: "Navigation section"), the articles
// newest first and the category tree of their breadcrumbs, so that a reader lists a home
// screen or a category menu without decoding a record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/record_store.hpp"

namespace sheaf {

/// What the NAVIGATION section needs of one article: its date and its breadcrumb, viewed in the
/// bytes that hold them (its record at the index stage).
struct NavigationEntry {
  std::string_view date;                     ///< "YYYY-MM-DD", "--MM-DD" or ""
  std::vector<std::string_view> categories;  ///< outermost first
};

/// The entries of the articles of `records`, in their order (id order at the index stage);
/// they view `records`.
std::vector<NavigationEntry> navigation_entries(const RecordStore& records);

/// The NAVIGATION section's bytes for the articles of `entries` (article i at i): the
/// newest-first order (date keys descending, ties in article order), the date keys, each
/// article's slot in that order, the node each is filed in, the slots filed in each node, the
/// nodes (breadth first, siblings in ascending name bytes) and their names.
std::string encode_navigation(const std::vector<NavigationEntry>& entries);

}  // namespace sheaf
