// compiler, extract stage: the record of every line or block the extractor dropped or moved,
// and the rule that did it (`sheaf extract --explain`). Collecting is optional: every rule
// takes an `Explain*` that may be null.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sheaf {

struct ExplainEntry {
  uint32_t source_line = 0;  ///< 1-based input line of the block, 0 when unknown
  std::string action;        ///< "drop", or the field it went to: "title", "date", "categories"...
  std::string rule;          ///< stable rule name, e.g. "editor-line", "share-widget"
  std::string text;          ///< the block's text (shortened by the printer, not here)
};

class Explain {
 public:
  void add(uint32_t source_line, std::string action, std::string rule, std::string text) {
    entries_.push_back({source_line, std::move(action), std::move(rule), std::move(text)});
  }

  const std::vector<ExplainEntry>& entries() const { return entries_; }

 private:
  std::vector<ExplainEntry> entries_;
};

/// Records into `e` when it is not null.
inline void explain(Explain* e, uint32_t line, const char* action, const char* rule,
                    const std::string& text) {
  if (e != nullptr) {
    e->add(line, action, rule, text);
  }
}

}  // namespace sheaf
