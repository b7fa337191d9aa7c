// compiler, extract stage: format dispatch, cross-page templates, what is kept.
#include "extract/extract.hpp"

#include <map>
#include <utility>

#include "extract/corpus_template.hpp"
#include "extract/fields/line_fields.hpp"
#include "extract/origin.hpp"
#include "extract/page_extractor.hpp"
#include "extract/parse/html_page.hpp"
#include "extract/parse/json_record.hpp"
#include "extract/parse/markdown.hpp"
#include "extract/text/clean.hpp"

namespace sheaf {

using parse::Page;

namespace {

Page to_page(const Document& doc) {
  switch (doc.format) {
    case DocumentFormat::html:
      return parse::parse_html(doc.text, doc.origin);
    case DocumentFormat::markdown:
      return parse::parse_markdown(doc.text, doc.origin);
    case DocumentFormat::text_dump:
    case DocumentFormat::record:
      break;
  }
  return parse::parse_text_dump(doc.text, doc.origin);
}

void report_front_matter(const Page& page, Diagnostics& diags) {
  if (!page.meta.front_matter.error.empty()) {
    diags.warning(split_origin(page.origin).file, page.meta.front_matter.error_line,
                  DiagCode::bad_front_matter, page.meta.front_matter.error);
  }
}

// The HTML parser stopped before the end of the page: say where, and what is missing.
void report_cut(const Page& page, Diagnostics& diags) {
  const parse::PageCut& cut = page.cut;
  if (cut.lost_bytes == 0) {
    return;
  }
  const std::string why = cut.depth != 0 ? "elements nested deeper than " +
                                               std::to_string(cut.depth) + "; the HTML parser"
                                         : "the HTML parser";
  diags.warning(split_origin(page.origin).file, cut.line, DiagCode::html_too_deep,
                why + " stopped here, and the last " + std::to_string(cut.lost_bytes) +
                    " bytes of the page are not in the article");
}

// Keeps `article` unless it is empty, and says so. A missing title or body is reported here
// for records; extract_page() reports it for pages (`report_partial` false).
bool keep(const Article& article, const std::string& origin, bool report_partial,
          Diagnostics& diags) {
  OriginLocation at = split_origin(origin);
  if (article.title.empty() && article.paragraphs.empty()) {
    diags.warning(std::move(at.file), at.line, DiagCode::nothing_extracted,
                  "no title and no body text found; skipped");
    return false;
  }
  if (!report_partial) {
    return true;
  }
  if (article.paragraphs.empty()) {
    diags.warning(std::move(at.file), at.line, DiagCode::empty_body,
                  "no body text found; kept with its title");
  } else if (article.title.empty()) {
    diags.warning(std::move(at.file), at.line, DiagCode::no_title, "no title found");
  }
  return true;
}

// The extraction; with `consume`, each document (and its parsed page) is freed once used.
Extracted extract_all(const std::vector<Document>& docs, Diagnostics& diags,
                      const ExtractOptions& options, std::vector<Document>* consume,
                      Progress* progress) {
  std::vector<Page> pages;
  std::vector<size_t> page_of(docs.size(), SIZE_MAX);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (progress != nullptr) {
      progress->update(pages.size());
    }
    if (docs[i].format != DocumentFormat::record) {
      page_of[i] = pages.size();
      pages.push_back(to_page(docs[i]));
    }
  }
  const std::map<std::string, TemplateLines> templates = find_templates(pages);

  Extracted out;
  out.articles.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    if (progress != nullptr) {
      progress->update(pages.size() + i);
    }
    const Document& doc = docs[i];
    Explain explain;
    Article article;
    if (page_of[i] == SIZE_MAX) {
      article = parse::article_from_json_record(doc);
    } else {
      const Page& page = pages[page_of[i]];
      ExtractContext context;
      const auto t = templates.find(site_key(page));
      context.templates = t == templates.end() ? nullptr : &t->second;
      report_front_matter(page, diags);
      report_cut(page, diags);
      article = extract_page(page, doc.id, context, diags, options.explain ? &explain : nullptr);
    }
    article.source_file = doc.source_file;
    if (keep(article, doc.origin, page_of[i] == SIZE_MAX, diags)) {
      out.articles.push_back(std::move(article));
      if (options.explain) {
        out.explains.push_back(std::move(explain));
      }
    }
    if (consume != nullptr) {
      Document& used = (*consume)[i];
      std::string().swap(used.text);
      used.fields = Article();
      if (page_of[i] != SIZE_MAX) {
        pages[page_of[i]] = Page();
      }
    }
  }
  return out;
}

}  // namespace

Extracted extract(const std::vector<Document>& docs, Diagnostics& diags,
                  const ExtractOptions& options) {
  return extract_all(docs, diags, options, nullptr, nullptr);
}

std::vector<Article> extract(const std::vector<Document>& docs, Diagnostics& diags) {
  return extract_all(docs, diags, ExtractOptions{}, nullptr, nullptr).articles;
}

std::vector<Article> extract(std::vector<Document>&& docs, Diagnostics& diags, Progress* progress) {
  std::vector<Document> consumed = std::move(docs);
  return extract_all(consumed, diags, ExtractOptions{}, &consumed, progress).articles;
}

uint64_t extract_steps(const std::vector<Document>& docs) {
  uint64_t steps = docs.size();
  for (const Document& d : docs) {
    steps += d.format != DocumentFormat::record ? 1 : 0;
  }
  return steps;
}

}  // namespace sheaf
