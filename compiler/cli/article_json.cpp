// compiler, CLI: article <-> JSON.
#include "cli/article_json.hpp"

#include <utility>

namespace sheaf::cli {

namespace {

std::string str(std::string_view s) {
  return std::string(s);
}

}  // namespace

Article to_article(const Record& r, const SiteView& s) {
  std::vector<std::string> categories;
  for (uint32_t k = 0; k < r.category_count(); ++k) {
    categories.emplace_back(r.category(k).value());
  }
  // Positional: the fields in the order model/article.hpp declares them; SiteView lists the
  // site's fields in that same order. No kept source file, no origin (it came from a bundle).
  SiteInfo site{str(s.name),        str(s.copyright), str(s.icp),   str(s.public_security_record),
                str(s.email),       str(s.address),   str(s.phone), str(s.organizer),
                str(s.tech_support)};
  return Article{str(r.id),
                 str(r.title),
                 str(r.subtitle),
                 str(r.date),
                 str(r.source),
                 str(r.author),
                 str(r.location),
                 str(r.url),
                 std::move(categories),
                 split_body(str(r.body)),
                 SiteRef(std::move(site)),
                 0,
                 std::string()};
}

nlohmann::ordered_json article_metadata_json(const Article& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"subtitle", a.subtitle},
          {"date", a.date},
          {"source", a.source},
          {"location", a.location},
          {"categories", a.categories},
          {"author", a.author},
          {"url", a.url}};
}

nlohmann::ordered_json article_json(const Article& a) {
  nlohmann::ordered_json j = article_metadata_json(a);
  j["paragraphs"] = a.paragraphs;
  nlohmann::ordered_json site = nlohmann::ordered_json::object();
  for (const auto& [key, value] : a.site->fields()) {
    if (!value->empty()) {
      site[key] = *value;
    }
  }
  j["site"] = site;
  return j;
}

std::string dump(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sheaf::cli
