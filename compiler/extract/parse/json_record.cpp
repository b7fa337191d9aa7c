// compiler/extract: a JSON record -> Article (see json_record.hpp).
#include "extract/parse/json_record.hpp"

#include <string_view>

#include "extract/parse/html_page.hpp"
#include "extract/text/clean.hpp"

namespace sheaf::parse {
namespace {

/// Cleans each value and appends the non-empty ones to `out`.
void append_cleaned(const std::vector<std::string>& values, std::vector<std::string>& out) {
  for (const std::string& value : values) {
    std::string cleaned = text::clean_line(value);
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
    std::string cleaned = text::clean_line(body.substr(start, end - start));
    if (!cleaned.empty()) {
      out.push_back(std::move(cleaned));
    }
    start = end + 1;
  }
}

}  // namespace

Article article_from_json_record(const Document& doc) {
  const Article& in = doc.fields;
  Article article;
  article.id = doc.id;
  article.origin = doc.origin;
  article.title = text::clean_line(in.title);
  article.subtitle = text::clean_line(in.subtitle);
  article.date = text::clean_line(in.date);
  article.source = text::clean_line(in.source);
  article.author = text::clean_line(in.author);
  article.location = text::clean_line(in.location);
  article.url = text::clean_line(in.url);
  append_cleaned(in.categories, article.categories);
  SiteInfo site;
  const auto from = in.site->fields();
  const auto to = site.fields();
  for (size_t k = 0; k < from.size(); ++k) {
    *to[k].second = text::clean_line(*from[k].second);
  }
  article.site = SiteRef(std::move(site));
  if (!in.paragraphs.empty()) {
    append_cleaned(in.paragraphs, article.paragraphs);
  } else if (looks_like_html(doc.text)) {
    // A body scraped as HTML fragments ("<p>…</p>"): one paragraph per visual block.
    for (const Block& block : parse_html_fragment(doc.text, doc.origin).blocks) {
      article.paragraphs.push_back(block.text);
    }
  } else {
    append_body_lines(doc.text, article.paragraphs);
  }

  return article;
}

}  // namespace sheaf::parse
