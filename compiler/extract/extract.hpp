// compiler, extract stage: Documents -> Articles. Pure, no I/O. Every page format (text dump,
// HTML, Markdown) is parsed into a Page, template lines are found across the pages of each
// site, then each page is extracted (page_extractor.hpp). Records are cleaned field by field.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "diag/progress.hpp"
#include "extract/explain.hpp"
#include "extract/parse/page.hpp"
#include "ingest/document_sink.hpp"
#include "model/article.hpp"
#include "model/article_sink.hpp"

namespace sheaf {

struct ExtractOptions {
  bool explain = false;  ///< record every dropped block and the rule that dropped it
};

struct Extracted {
  std::vector<Article> articles;
  std::vector<Explain> explains;  ///< parallel to `articles` when options.explain, else empty
};

/// Extracts every document, in order. A document that yields neither a title nor a paragraph
/// is skipped with a warning naming it ("nothing-extracted"); one with a title but no body is
/// kept, with a warning ("empty-body"). Nothing is dropped silently.
Extracted extract(const std::vector<Document>& docs, Diagnostics& diags,
                  const ExtractOptions& options);

/// extract() without explanations.
std::vector<Article> extract(const std::vector<Document>& docs, Diagnostics& diags);

/// extract() without explanations, consuming `docs`: each document's text is freed as soon as
/// its article is made, so a build never holds every input and every article at once. With
/// `progress`, work done is reported to it in steps: each page parsed, then each document
/// extracted (2 steps a page, 1 a record; the caller begins the stage with extract_steps()).
std::vector<Article> extract(std::vector<Document>&& docs, Diagnostics& diags,
                             Progress* progress = nullptr);

/// The number of progress steps extract() reports for `docs`.
uint64_t extract_steps(const std::vector<Document>& docs);

/// extract(), fed one Document at a time in input order (a DocumentSink for ingest). A record
/// becomes its Article as it comes, and its Document is dropped then; a page Document is kept
/// until finish(), since its templates are found across all pages. finish() gives the same
/// articles, explanations and diagnostics, in the same order, as extract() on all the
/// Documents: extraction's diagnostics are reported there, after everything ingest reported.
/// Given an ArticleSink, the Extractor hands each kept Article to it as soon as it is made
/// (a record's in take(), a page's in finish()) and keeps none: finish() then gives no
/// articles, only the diagnostics, still in input order.
class Extractor : public DocumentSink {
 public:
  explicit Extractor(ExtractOptions options = {}, ArticleSink* sink = nullptr)
      : options_(options), sink_(sink) {}

  void expect(size_t n) override;
  void take(Document&& doc) override;

  /// take() without owning `doc`: a page is read in place, so it must outlive finish().
  void take_ref(const Document& doc);

  /// Bytes of text of the Documents taken (Document::text).
  uint64_t text_bytes() const { return text_bytes_; }

  /// The progress steps finish() reports (as extract_steps()).
  uint64_t steps() const { return documents_ + pages_.size(); }

  /// Extracts the pages, reports what extraction found, in input order, and hands over the
  /// articles (none when given a sink). Call once.
  Extracted finish(Diagnostics& diags, Progress* progress = nullptr);

  /// What happens to a Document's article.
  enum class Verdict : uint8_t { kept, no_title, empty_body, nothing };

 private:
  struct PageDoc {
    const Document* doc;
    Document* owned;        // freed once extracted; null when borrowed
    uint64_t ordinal;       // its place among the Documents taken
    size_t reports_before;  // the records' diagnostics reported before it
    size_t slot;            // without a sink: its place in entries_
  };

  void take_record(const Document& doc);
  void share_site(SiteRef& site);
  void take_page(const Document* doc, Document* owned);
  void keep(Article&& article, Explain&& explain);
  void extract_pages(std::vector<parse::Page>& pages, Diagnostics& diags, Progress* progress);

  ExtractOptions options_;
  ArticleSink* sink_;
  std::vector<Article> entries_;          // without a sink: the kept articles, a page's in finish()
  std::vector<bool> dropped_;             // parallel to entries_: a page that was not kept
  std::vector<Explain> explains_;         // parallel to entries_ with options.explain
  Diagnostics reports_;                   // the records' diagnostics, held until finish()
  std::vector<PageDoc> pages_;            // the page Documents, in order
  std::deque<Document> owned_;            // the page Documents given to take()
  std::map<std::string, SiteRef> sites_;  // each distinct site once: equal ones share it
  uint64_t documents_ = 0;
  uint64_t text_bytes_ = 0;
};

}  // namespace sheaf
