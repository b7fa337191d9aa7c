// compiler, extract stage: cross-page template detection (see corpus_template.hpp).
#include "extract/corpus_template.hpp"

#include <unordered_map>
#include <unordered_set>

namespace sheaf {

using parse::Block;
using parse::Page;

std::string site_key(const Page& page) {
  const std::string& url = page.meta.url;
  const size_t scheme = url.find("://");
  if (scheme != std::string::npos) {
    const size_t host_start = scheme + 3;
    const size_t host_end = url.find_first_of("/?#", host_start);
    return url.substr(host_start,
                      host_end == std::string::npos ? std::string::npos : host_end - host_start);
  }
  const size_t slash = page.origin.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : page.origin.substr(0, slash);
}

std::map<std::string, TemplateLines> find_templates(const std::vector<Page>& pages,
                                                    const TemplateOptions& options) {
  std::map<std::string, std::vector<const Page*>> by_site;
  for (const Page& page : pages) {
    by_site[site_key(page)].push_back(&page);
  }
  std::map<std::string, TemplateLines> out;
  for (const auto& [site, members] : by_site) {
    if (members.size() < options.min_pages) {
      continue;
    }
    std::unordered_map<std::string, size_t> pages_with;
    for (const Page* page : members) {
      std::unordered_set<std::string_view> seen;  // count each text once per page
      for (const Block& block : page->blocks) {
        if (block.text.size() <= options.max_line_bytes && seen.insert(block.text).second) {
          ++pages_with[block.text];
        }
      }
    }
    const auto threshold =
        static_cast<size_t>(options.min_share * static_cast<double>(members.size()));
    TemplateLines lines;
    for (const auto& [text, count] : pages_with) {
      if (count >= options.min_pages && count >= threshold) {
        lines.insert(text);
      }
    }
    if (!lines.empty()) {
      out.emplace(site, std::move(lines));
    }
  }
  return out;
}

}  // namespace sheaf
