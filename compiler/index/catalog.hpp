// compiler, index stage: the articles of a build as records and small entries. Each article is
// encoded as its record when extraction hands it over and is dropped then; what the ordering,
// the site numbers and the messages need of it stays in an entry of 40 bytes. order() puts the
// records in id order (SPEC: Article table) with their site numbers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/article_sink.hpp"
#include "model/record_store.hpp"
#include "model/shared_text.hpp"

namespace sheaf {

/// What is kept of an article besides its record.
struct CatalogEntry {
  SharedText file;                 ///< its origin's file ("dir/b.jsonl"), shared by its file
  uint64_t line = 0;               ///< its origin's line, 0 for none
  const SiteInfo* site = nullptr;  ///< its publisher facts, null for none
  uint64_t record = 0;             ///< its record's index in the order articles came
};

/// Records appended one at a time, in blocks: no copy of them all as they grow (a single
/// growing buffer briefly holds three times the text), no block per record.
class RecordLog {
 public:
  void append(std::string_view record);

  void reserve(size_t count) { ends_.reserve(count); }

  size_t capacity() const { return ends_.capacity(); }

  size_t size() const { return ends_.size(); }

  uint64_t bytes() const { return bytes_; }

  std::string_view operator[](size_t i) const;

 private:
  std::vector<std::string> blocks_;
  std::vector<uint64_t> block_starts_;  ///< offset of each block's first byte in the log
  std::vector<uint64_t> ends_;          ///< ends_[i]: offset just past record i
  uint64_t bytes_ = 0;
};

/// The build's ArticleSink.
class RecordCatalog : public ArticleSink {
 public:
  void expect(size_t n) override;

  /// Encodes `article`'s record (its site number comes in order()) and keeps its entry.
  void put(Article&& article) override;

  size_t size() const { return entries_.size(); }

  /// Puts the entries and records in id order (ties in origin order) and numbers the sites;
  /// reports every empty and duplicate id (naming both inputs) and every record of 4 GiB or
  /// more. @return false when any error was reported.
  bool order(Diagnostics& diagnostics);

  /// Article i's origin ("dir/b.jsonl:12", "dir/a.txt").
  std::string origin(size_t i) const;

  const std::vector<CatalogEntry>& entries() const { return entries_; }

  /// Once ordered: article i's record at i.
  const RecordStore& records() const { return records_; }

  RecordStore& records() { return records_; }

  /// Once ordered: the distinct sites, in order of first use (a record's site field is 1 + the
  /// index here).
  const std::vector<const SiteInfo*>& sites() const { return distinct_; }

  uint64_t body_bytes() const { return body_bytes_; }

  /// Frees the entries and the sites (the records stay).
  void free_entries();

 private:
  void sort_entries();
  bool check_ids(Diagnostics& diagnostics) const;
  bool check_sizes(Diagnostics& diagnostics) const;
  std::vector<uint32_t> number_sites();
  void permute(const std::vector<uint32_t>& site_numbers);

  std::vector<CatalogEntry> entries_;
  RecordLog log_;        // the records as they came, site fields left out
  RecordStore records_;  // once ordered: in id order, with their site fields
  std::map<const SiteInfo*, SiteRef> held_sites_;  // keeps each site an entry points to
  std::vector<const SiteInfo*> distinct_;
  TextInterner files_;
  uint64_t body_bytes_ = 0;
};

}  // namespace sheaf
