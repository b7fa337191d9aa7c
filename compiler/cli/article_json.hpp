// compiler, CLI: the JSON shape of an article: the gold format of the shared corpus
// (title, subtitle, date, source, location, categories, author, paragraphs, site) plus id and
// url. Used by `cat --json`, `ls --json`, `unpack` and `extract`.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <sheaf/bundle.hpp>
#include <sheaf/record.hpp>

#include "model/article.hpp"

namespace sheaf::cli {

/// An article read from a bundle, as the compiler's model (paragraphs split from the body).
Article to_article(const Record& r, const SiteView& site);

/// Metadata only: id, title, subtitle, date, source, location, categories, author, url.
nlohmann::ordered_json article_metadata_json(const Article& a);

/// Metadata plus "paragraphs" and "site" (its non-empty fields).
nlohmann::ordered_json article_json(const Article& a);

/// Serializes with invalid UTF-8 replaced, never throwing on content.
std::string dump(const nlohmann::ordered_json& j, int indent = -1);

}  // namespace sheaf::cli
