// compiler/extract: text dump -> Article (see text_dump.hpp).
#include "extract/text_dump.hpp"

#include <string_view>

#include "extract/clean.hpp"
#include "extract/origin.hpp"

namespace sheaf {

Article extract_text_dump(const Document& doc, Diagnostics& diags) {
  Article article;
  article.id = doc.id;
  article.origin = doc.origin;
  const std::string_view text = doc.text;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string line = clean_line(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      continue;
    }
    if (article.title.empty()) {
      article.title = std::move(line);
    } else {
      article.paragraphs.push_back(std::move(line));
    }
  }
  OriginLocation at = split_origin(doc.origin);
  if (article.title.empty()) {
    diags.warning(std::move(at.file), at.line, "no-title",
                  "no title: the text dump has no non-empty line; skipped");
  } else if (article.paragraphs.empty()) {
    diags.warning(std::move(at.file), at.line, "empty-body",
                  "the text dump has a title but no paragraphs");
  }
  return article;
}

}  // namespace sheaf
