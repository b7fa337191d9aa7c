// compiler, CLI: article <-> JSON.
#include "cli/article_json.hpp"

#include <string>

#include "model/article.hpp"

namespace sheaf::cli {

nlohmann::ordered_json article_metadata_json(const ArticleView& a) {
  nlohmann::ordered_json categories = nlohmann::ordered_json::array();
  for (uint32_t k = 0; k < a.category_count(); ++k) {
    categories.push_back(std::string(a.category(k)));
  }
  return {{"id", std::string(a.id)},
          {"title", std::string(a.title)},
          {"subtitle", std::string(a.subtitle)},
          {"date", std::string(a.date)},
          {"source", std::string(a.source)},
          {"location", std::string(a.location)},
          {"categories", categories},
          {"author", std::string(a.author)},
          {"url", std::string(a.url)}};
}

nlohmann::ordered_json article_json(const ArticleView& a, std::string_view body) {
  nlohmann::ordered_json j = article_metadata_json(a);
  j["paragraphs"] = split_body(std::string(body));
  j["site"] = nlohmann::ordered_json::object();
  return j;
}

std::string dump(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sheaf::cli
