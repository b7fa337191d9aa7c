// compiler/extract: minimal boilerplate removal (see boilerplate.hpp).
#include "extract/boilerplate.hpp"

#include <algorithm>

namespace sheaf {

void remove_boilerplate(Article& article, Diagnostics& /*diags*/) {
  if (article.title.empty()) {
    return;
  }
  std::vector<std::string>& paragraphs = article.paragraphs;
  paragraphs.erase(std::remove(paragraphs.begin(), paragraphs.end(), article.title),
                   paragraphs.end());
}

}  // namespace sheaf
