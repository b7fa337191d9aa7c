// compiler/extract: record -> Article (see record.hpp).
#include "extract/record.hpp"

#include <string_view>

#include "extract/clean.hpp"
#include "extract/origin.hpp"

namespace sheaf {
namespace {

/// Cleans each value and appends the non-empty ones to `out`.
void append_cleaned(const std::vector<std::string>& values, std::vector<std::string>& out) {
  for (const std::string& value : values) {
    std::string cleaned = clean_line(value);
    if (!cleaned.empty()) {
      out.push_back(std::move(cleaned));
    }
  }
}

/// Splits a body on '\n', cleans each line and appends the non-empty ones to `out`.
void append_body_lines(std::string_view body, std::vector<std::string>& out) {
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    std::string cleaned = clean_line(body.substr(start, end - start));
    if (!cleaned.empty()) {
      out.push_back(std::move(cleaned));
    }
    start = end + 1;
  }
}

}  // namespace

Article extract_record(const Document& doc, Diagnostics& diags) {
  const Article& in = doc.fields;
  Article article;
  article.id = doc.id;
  article.origin = doc.origin;
  article.title = clean_line(in.title);
  article.subtitle = clean_line(in.subtitle);
  article.date = clean_line(in.date);
  article.source = clean_line(in.source);
  article.author = clean_line(in.author);
  article.location = clean_line(in.location);
  article.url = clean_line(in.url);
  append_cleaned(in.categories, article.categories);
  if (!in.paragraphs.empty()) {
    append_cleaned(in.paragraphs, article.paragraphs);
  } else {
    append_body_lines(doc.text, article.paragraphs);
  }

  OriginLocation at = split_origin(doc.origin);
  if (article.title.empty() && article.paragraphs.empty()) {
    diags.warning(std::move(at.file), at.line, "no-title",
                  "no title and no text left after cleaning; skipped");
  } else if (article.title.empty()) {
    diags.warning(std::move(at.file), at.line, "no-title", "the record has no title");
  } else if (article.paragraphs.empty()) {
    diags.warning(std::move(at.file), at.line, "empty-body",
                  "the record has a title but no paragraphs");
  }
  return article;
}

}  // namespace sheaf
