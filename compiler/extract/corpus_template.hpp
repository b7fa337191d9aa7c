// compiler, extract stage: template lines found across the pages of one site in a build. A
// single-page extractor cannot tell a site's boilerplate (nav labels, footers, "related" boxes,
// disclaimers) from article text; text that repeats on many pages of the same site can.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/page_extractor.hpp"
#include "extract/parse/page.hpp"

namespace sheaf {

struct TemplateOptions {
  size_t min_pages = 3;         ///< a site needs this many pages before repetition means anything
  double min_share = 0.5;       ///< a line is template when it is on at least this share of them
  size_t max_line_bytes = 600;  ///< longer repeated blocks are kept: likely real duplicated text
};

/// The site a page belongs to, for grouping: the host of its canonical URL when it has one,
/// else the folder of its origin path.
std::string site_key(const parse::Page& page);

/// For each site key with enough pages, the block texts that appear on at least
/// `min_share` of its pages (counted once per page). Deterministic: depends only on the pages.
std::map<std::string, TemplateLines> find_templates(const std::vector<parse::Page>& pages,
                                                    const TemplateOptions& options = {});

}  // namespace sheaf
