// compiler, CLI: article <-> JSON.
#include "cli/article_json.hpp"

#include <utility>

namespace sheaf::cli {

Article to_article(const Record& a, const SiteView& site) {
  Article out;
  out.id = a.id;
  out.title = a.title;
  out.subtitle = a.subtitle;
  out.date = a.date;
  out.source = a.source;
  out.author = a.author;
  out.location = a.location;
  out.url = a.url;
  for (uint32_t k = 0; k < a.category_count(); ++k) {
    out.categories.emplace_back(a.category(k).value());
  }
  out.paragraphs = split_body(std::string(a.body));
  out.site.name = site.name;
  out.site.copyright = site.copyright;
  out.site.icp = site.icp;
  out.site.public_security_record = site.public_security_record;
  out.site.email = site.email;
  out.site.address = site.address;
  out.site.phone = site.phone;
  out.site.organizer = site.organizer;
  out.site.tech_support = site.tech_support;
  return out;
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
  for (const auto& [key, value] : a.site.fields()) {
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
