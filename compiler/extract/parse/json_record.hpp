// compiler, extract stage: a JSON record Document -> an Article. Pure.
#pragma once

#include "model/article.hpp"

namespace sheaf::parse {

/// Cleans every string field of `doc.fields` with clean_line: title, subtitle, date, source,
/// author, location, url, each category (empty ones dropped) and the site facts. Paragraphs
/// are `doc.fields.paragraphs` when that list is non-empty; else `doc.text` (the record's body)
/// parsed as an HTML fragment when it looks like HTML (one paragraph per visual block), else
/// split on '\n'; each is cleaned and empty ones are dropped. id and origin are copied from
/// `doc`. Empty results are reported by extract(), the one place that decides what is kept.
/// @param doc  a Document with format == record (the format is not checked).
Article article_from_json_record(const Document& doc);

}  // namespace sheaf::parse
