// compiler, index stage: records as articles come, then id order (see catalog.hpp).
#include "index/catalog.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "extract/origin.hpp"
#include "index/record_writer.hpp"

namespace sheaf {
namespace {

constexpr size_t kLogBlock = size_t{1} << 20;

std::string join_origin(const CatalogEntry& e) {
  return e.line == 0 ? e.file.str() : e.file.str() + ':' + std::to_string(e.line);
}

}  // namespace

void RecordLog::append(std::string_view record) {
  if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < record.size()) {
    blocks_.emplace_back();
    blocks_.back().reserve(std::max(kLogBlock, record.size()));
    block_starts_.push_back(bytes_);
  }
  blocks_.back().append(record);
  bytes_ += record.size();
  ends_.push_back(bytes_);
}

std::string_view RecordLog::operator[](size_t i) const {
  const uint64_t begin = i == 0 ? 0 : ends_[i - 1];
  const size_t k =
      static_cast<size_t>(std::upper_bound(block_starts_.begin(), block_starts_.end(), begin) -
                          block_starts_.begin() - 1);
  return std::string_view(blocks_[k])
      .substr(static_cast<size_t>(begin - block_starts_[k]), static_cast<size_t>(ends_[i] - begin));
}

void RecordCatalog::expect(size_t n) {
  if (entries_.size() + n > entries_.capacity()) {  // geometric, so many small files stay linear
    const size_t room = std::max(entries_.size() + n, 2 * entries_.capacity());
    entries_.reserve(room);
    log_.reserve(room);
  }
}

void RecordCatalog::put(Article&& article) {
  CatalogEntry e;
  OriginLocation at = split_origin(article.origin);
  if (at.line != 0 && at.file + ':' + std::to_string(at.line) != article.origin) {
    at = {article.origin, 0};  // kept whole when splitting would not give it back
  }
  e.file = files_(at.file);
  e.line = at.line;
  if (!article.site.empty()) {
    e.site = &*article.site;
    held_sites_.emplace(e.site, article.site);
  }
  e.record = log_.size();
  const std::string body = join_body(article.paragraphs);
  body_bytes_ += body.size();
  log_.append(encode_record(article, body, 0));
  entries_.push_back(std::move(e));
}

std::string RecordCatalog::origin(size_t i) const {
  return join_origin(entries_[i]);
}

// Id order, byte-wise (the order SPEC requires and Bundle::find() searches); ties keep origin
// order, so the duplicate message is the same for any input order.
void RecordCatalog::sort_entries() {
  std::sort(entries_.begin(), entries_.end(), [&](const CatalogEntry& a, const CatalogEntry& b) {
    const std::string_view x = record_id(log_[a.record]);
    const std::string_view y = record_id(log_[b.record]);
    return x != y ? x < y : join_origin(a) < join_origin(b);
  });
}

bool RecordCatalog::check_ids(Diagnostics& diagnostics) const {
  bool ok = true;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const std::string_view id = record_id(records_[i]);
    if (id.empty()) {
      diagnostics.error(origin(i), 0, DiagCode::empty_id, "article has an empty id");
      ok = false;
    } else if (i > 0 && id == record_id(records_[i - 1])) {
      diagnostics.error(origin(i), 0, DiagCode::duplicate_id,
                        "duplicate id '" + std::string(id) + "', also used by " + origin(i - 1));
      ok = false;
    }
  }
  return ok;
}

// Records must fit the format's 32-bit sizes (SPEC: Article.size).
bool RecordCatalog::check_sizes(Diagnostics& diagnostics) const {
  bool ok = true;
  for (size_t i = 0; i < records_.size(); ++i) {
    if (records_.size_of(i) >= std::numeric_limits<uint32_t>::max()) {
      diagnostics.error(origin(i), 0, DiagCode::article_too_large,
                        "article (fields and body) is 4 GiB or more; split it");
      ok = false;
    }
  }
  return ok;
}

// Distinct sites in order of first use in id order, and for each article 1 + its site's index,
// 0 for none (what its record's site field holds).
std::vector<uint32_t> RecordCatalog::number_sites() {
  std::vector<uint32_t> numbers(entries_.size(), 0);
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].site == nullptr) {
      continue;
    }
    const SiteInfo& s = *entries_[i].site;
    size_t k = 0;
    while (k < distinct_.size() && !(*distinct_[k] == s)) {
      ++k;  // sites are few: one per publisher
    }
    if (k == distinct_.size()) {
      distinct_.push_back(&s);
    }
    numbers[i] = static_cast<uint32_t>(k + 1);
  }
  return numbers;
}

// The records in id order, each with its site field, in one buffer of exactly their size; the
// log they came in is freed.
void RecordCatalog::permute(const std::vector<uint32_t>& site_numbers) {
  uint64_t total = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    total += log_[entries_[i].record].size() + site_field(site_numbers[i]).size();
  }
  records_.clear();
  records_.reserve(entries_.size(), total);
  for (size_t i = 0; i < entries_.size(); ++i) {
    const std::string_view r = log_[entries_[i].record];
    const size_t at = site_field_offset(r);
    records_.append({r.substr(0, at), site_field(site_numbers[i]), r.substr(at)});
    entries_[i].record = i;
  }
  log_ = RecordLog();
}

bool RecordCatalog::order(Diagnostics& diagnostics) {
  sort_entries();
  permute(number_sites());
  const bool ids_ok = check_ids(diagnostics);
  if (entries_.size() >= std::numeric_limits<uint32_t>::max()) {
    diagnostics.error("", 0, DiagCode::too_many_articles, "more than 4294967294 articles");
    return false;
  }
  return check_sizes(diagnostics) && ids_ok;
}

void RecordCatalog::free_entries() {
  std::vector<CatalogEntry>().swap(entries_);
  held_sites_.clear();
  distinct_.clear();
}

}  // namespace sheaf
