// compiler/extract: dispatch by format, then boilerplate (see extract.hpp).
#include "extract/extract.hpp"

#include <utility>

#include "extract/boilerplate.hpp"
#include "extract/origin.hpp"
#include "extract/record.hpp"
#include "extract/text_dump.hpp"

namespace sheaf {

std::vector<Article> extract(const std::vector<Document>& docs, Diagnostics& diags) {
  std::vector<Article> articles;
  articles.reserve(docs.size());
  for (const Document& doc : docs) {
    Article article = doc.format == DocumentFormat::record ? extract_record(doc, diags)
                                                           : extract_text_dump(doc, diags);
    if (article.title.empty() && article.paragraphs.empty()) {
      continue;  // already reported as "no-title" by the extractor
    }
    const bool had_body = !article.paragraphs.empty();
    remove_boilerplate(article, diags);
    if (had_body && article.paragraphs.empty()) {
      OriginLocation at = split_origin(doc.origin);
      diags.warning(std::move(at.file), at.line, "empty-body",
                    "no paragraphs left after boilerplate removal");
    }
    articles.push_back(std::move(article));
  }
  return articles;
}

}  // namespace sheaf
