// compiler, extract stage: format dispatch, cross-page templates, what is kept.
#include "extract/extract.hpp"

#include <algorithm>
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

using Verdict = Extractor::Verdict;

// Whether `article` is kept, and what is missing. A missing title or body is reported for
// records; extract_page() reports it for pages (`report_partial` false).
Verdict judge(const Article& article, bool report_partial) {
  if (article.title.empty() && article.paragraphs.empty()) {
    return Verdict::nothing;
  }
  if (!report_partial) {
    return Verdict::kept;
  }
  if (article.paragraphs.empty()) {
    return Verdict::empty_body;
  }
  return article.title.empty() ? Verdict::no_title : Verdict::kept;
}

// Says what `verdict` means for the article from `origin`; false when it is not kept.
bool report(Verdict verdict, const std::string& origin, Diagnostics& diags) {
  if (verdict == Verdict::kept) {
    return true;
  }
  OriginLocation at = split_origin(origin);
  switch (verdict) {
    case Verdict::nothing:
      diags.warning(at.file, at.line, DiagCode::nothing_extracted,
                    "no title and no body text found; skipped");
      return false;
    case Verdict::empty_body:
      diags.warning(at.file, at.line, DiagCode::empty_body,
                    "no body text found; kept with its title");
      break;
    case Verdict::no_title:
      diags.warning(at.file, at.line, DiagCode::no_title, "no title found");
      break;
    case Verdict::kept:
      break;
  }
  return true;
}

// The article of page `page` (Document `doc`), with the diagnostics of its extraction.
Article extract_one_page(const Page& page, const Document& doc,
                         const std::map<std::string, TemplateLines>& templates, Explain* explain,
                         Diagnostics& diags) {
  ExtractContext context;
  const auto t = templates.find(site_key(page));
  context.templates = t == templates.end() ? nullptr : &t->second;
  report_front_matter(page, diags);
  report_cut(page, diags);
  Article article = extract_page(page, doc.id, context, diags, explain);
  article.source_file = doc.source_file;
  return article;
}

}  // namespace

void Extractor::expect(size_t n) {
  if (sink_ != nullptr) {
    sink_->expect(n);
  } else if (entries_.size() + n > entries_.capacity()) {  // geometric: many small files
    entries_.reserve(std::max(entries_.size() + n, 2 * entries_.capacity()));
  }
}

// Points `site` at the copy an earlier article holds when they are equal.
void Extractor::share_site(SiteRef& site) {
  if (site.empty()) {
    return;
  }
  std::string key;  // every field, each after its length: equal keys, equal sites
  for (const auto& [name, value] : site->fields()) {
    key += std::to_string(value->size());
    key += ':';
    key += *value;
  }
  const auto [it, fresh] = sites_.emplace(std::move(key), site);
  if (!fresh) {
    site = it->second;
  }
}

// A kept article: to the sink, or kept in input order.
void Extractor::keep(Article&& article, Explain&& explain) {
  if (sink_ != nullptr) {
    sink_->put(std::move(article));
    return;
  }
  entries_.push_back(std::move(article));
  dropped_.push_back(false);
  if (options_.explain) {
    explains_.push_back(std::move(explain));
  }
}

// A record's verdict is reported now, into reports_, and moved to the build's diagnostics in
// finish(), in input order among the pages'.
void Extractor::take_record(const Document& doc) {
  Article article = parse::article_from_json_record(doc);
  share_site(article.site);
  article.source_file = doc.source_file;
  if (report(judge(article, true), article.origin, reports_)) {
    keep(std::move(article), Explain());
  }
}

void Extractor::take_page(const Document* doc, Document* owned) {
  pages_.push_back({doc, owned, documents_ - 1, reports_.items().size(), entries_.size()});
  if (sink_ == nullptr) {
    keep(Article(), Explain());  // its place, filled in finish()
  }
}

void Extractor::take(Document&& doc) {
  ++documents_;
  text_bytes_ += doc.text.size();
  if (doc.format == DocumentFormat::record) {
    take_record(doc);
    return;
  }
  owned_.push_back(std::move(doc));
  take_page(&owned_.back(), &owned_.back());
}

void Extractor::take_ref(const Document& doc) {
  ++documents_;
  text_bytes_ += doc.text.size();
  if (doc.format == DocumentFormat::record) {
    take_record(doc);
  } else {
    take_page(&doc, nullptr);
  }
}

// Extracts each page, its diagnostics after those of the records that came before it.
void Extractor::extract_pages(std::vector<Page>& pages, Diagnostics& diags, Progress* progress) {
  const std::map<std::string, TemplateLines> templates = find_templates(pages);
  size_t moved = 0;
  for (size_t k = 0; k < pages_.size(); ++k) {
    const PageDoc& p = pages_[k];
    if (progress != nullptr) {
      progress->update(pages.size() + p.ordinal);
    }
    diags.move_front(reports_, p.reports_before - moved);
    moved = p.reports_before;
    Explain explain;
    Article article =
        extract_one_page(pages[k], *p.doc, templates, options_.explain ? &explain : nullptr, diags);
    share_site(article.site);
    pages[k] = Page();
    if (p.owned != nullptr) {
      *p.owned = Document();
    }
    if (!report(judge(article, false), article.origin, diags)) {
      if (sink_ == nullptr) {
        dropped_[p.slot] = true;
      }
    } else if (sink_ != nullptr) {
      sink_->put(std::move(article));
    } else {
      entries_[p.slot] = std::move(article);
      if (options_.explain) {
        explains_[p.slot] = std::move(explain);
      }
    }
  }
}

Extracted Extractor::finish(Diagnostics& diags, Progress* progress) {
  std::vector<Page> pages;
  pages.reserve(pages_.size());
  for (const PageDoc& p : pages_) {
    if (progress != nullptr) {
      progress->update(pages.size());
    }
    pages.push_back(to_page(*p.doc));
  }
  extract_pages(pages, diags, progress);
  diags.move_front(reports_, reports_.items().size());
  Extracted out;
  out.articles.reserve(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (!dropped_[i]) {
      out.articles.push_back(std::move(entries_[i]));
      if (options_.explain) {
        out.explains.push_back(std::move(explains_[i]));
      }
    }
  }
  std::vector<Article>().swap(entries_);
  std::vector<bool>().swap(dropped_);
  std::vector<Explain>().swap(explains_);
  std::vector<PageDoc>().swap(pages_);
  owned_.clear();
  sites_.clear();
  return out;
}

Extracted extract(const std::vector<Document>& docs, Diagnostics& diags,
                  const ExtractOptions& options) {
  Extractor extractor(options);
  extractor.expect(docs.size());
  for (const Document& doc : docs) {
    extractor.take_ref(doc);
  }
  return extractor.finish(diags);
}

std::vector<Article> extract(const std::vector<Document>& docs, Diagnostics& diags) {
  return extract(docs, diags, ExtractOptions{}).articles;
}

std::vector<Article> extract(std::vector<Document>&& docs, Diagnostics& diags, Progress* progress) {
  Extractor extractor;
  extractor.expect(docs.size());
  for (Document& doc : docs) {
    extractor.take(std::move(doc));
  }
  std::vector<Document>().swap(docs);
  return extractor.finish(diags, progress).articles;
}

uint64_t extract_steps(const std::vector<Document>& docs) {
  uint64_t steps = docs.size();
  for (const Document& d : docs) {
    steps += d.format != DocumentFormat::record ? 1 : 0;
  }
  return steps;
}

}  // namespace sheaf
