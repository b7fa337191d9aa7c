// compiler, index stage: id order and uniqueness.
#include "index/ordering.hpp"

#include <algorithm>

namespace sheaf {

bool order_by_id(std::vector<Article>& articles, Diagnostics& diagnostics) {
  // Ties keep origin order, so the duplicate message is the same for any input order.
  std::sort(articles.begin(), articles.end(), [](const Article& a, const Article& b) {
    return a.id != b.id ? a.id < b.id : a.origin < b.origin;
  });
  bool ok = true;
  for (size_t i = 0; i < articles.size(); ++i) {
    if (articles[i].id.empty()) {
      diagnostics.error(articles[i].origin, 0, DiagCode::empty_id, "article has an empty id");
      ok = false;
    } else if (i > 0 && articles[i].id == articles[i - 1].id) {
      diagnostics.error(
          articles[i].origin, 0, DiagCode::duplicate_id,
          "duplicate id '" + articles[i].id + "', also used by " + articles[i - 1].origin);
      ok = false;
    }
  }
  return ok;
}

}  // namespace sheaf
