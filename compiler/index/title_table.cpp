// compiler, index stage: the TITLES section.
#include "index/title_table.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include <sheaf/record.hpp>

#include "index/le_words.hpp"

namespace sheaf {

std::vector<std::string_view> record_titles(const RecordStore& records) {
  std::vector<std::string_view> out(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const Result<Record> r = parse_record(records[i]);
    if (r.ok()) {
      out[i] = r.value().title;
    }
  }
  return out;
}

std::string encode_titles(const std::vector<std::string_view>& titles) {
  const auto n = static_cast<uint32_t>(titles.size());
  std::vector<uint32_t> sorted(n);
  std::iota(sorted.begin(), sorted.end(), 0);
  // Ties keep article order: the sort is stable over ascending article numbers.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](uint32_t x, uint32_t y) { return titles[x] < titles[y]; });
  std::vector<uint32_t> position(n);
  for (uint32_t p = 0; p < n; ++p) {
    position[sorted[p]] = p;
  }
  std::string blob;
  std::vector<uint32_t> offsets = {0};
  offsets.reserve(size_t{n} + 1);
  for (const uint32_t a : sorted) {
    blob += titles[a];
    offsets.push_back(static_cast<uint32_t>(blob.size()));
  }
  std::string out;
  out.reserve(8 + 12 * size_t{n} + 4 + blob.size());
  put_le32(out, n);
  put_le32(out, static_cast<uint32_t>(blob.size()));
  for (const std::vector<uint32_t>* table : {&sorted, &position, &offsets}) {
    for (const uint32_t v : *table) {
      put_le32(out, v);
    }
  }
  return out + blob;
}

}  // namespace sheaf
