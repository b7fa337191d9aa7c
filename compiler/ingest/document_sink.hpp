// compiler/ingest: where ingest hands its Documents, one at a time and in input order, so that
// a build can extract each record as it is read instead of holding every Document at once.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "model/article.hpp"

namespace sheaf {

/// Receives the Documents of ingest (and of parse_jsonl / parse_json) in order.
class DocumentSink {
 public:
  virtual ~DocumentSink() = default;

  /// About `n` more Documents follow (a JSONL file's lines, a JSON array's items): room for
  /// them may be made at once. A hint only; fewer may come.
  virtual void expect(size_t n) { (void)n; }

  virtual void take(Document&& doc) = 0;
};

/// The sink that keeps every Document, in order.
class DocumentList : public DocumentSink {
 public:
  explicit DocumentList(std::vector<Document>& out) : out_(out) {}

  void expect(size_t n) override {
    if (out_.size() + n > out_.capacity()) {  // geometric, so that many small files stay linear
      out_.reserve(std::max(out_.size() + n, 2 * out_.capacity()));
    }
  }

  void take(Document&& doc) override { out_.push_back(std::move(doc)); }

 private:
  std::vector<Document>& out_;
};

}  // namespace sheaf
