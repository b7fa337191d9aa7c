// compiler, CLI: the JSON shape of an article (the gold format of the shared corpus, plus id
// and url), used by `cat --json`, `ls --json` and `unpack`.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include <sheaf/bundle.hpp>

namespace sheaf::cli {

/// Metadata only: id, title, subtitle, date, source, location, categories, author, url.
nlohmann::ordered_json article_metadata_json(const ArticleView& a);

/// Metadata plus "paragraphs" (the body split on '\n') and an empty "site".
nlohmann::ordered_json article_json(const ArticleView& a, std::string_view body);

/// Serializes with invalid UTF-8 replaced, never throwing on content.
std::string dump(const nlohmann::ordered_json& j, int indent = -1);

}  // namespace sheaf::cli
