// compiler, index stage: the TITLES section.
#include "index/title_table.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include <sheaf/record.hpp>

#include "index/le_words.hpp"

namespace sheaf {
namespace {

// The section for `n` articles whose titles `title_of(i)` gives, written straight into its
// final buffer: the only other memory is the sort order (4 bytes an article).
template <typename TitleOf>
std::string encode(uint32_t n, const TitleOf& title_of) {
  std::vector<uint32_t> sorted(n);
  std::iota(sorted.begin(), sorted.end(), 0);
  // Ties keep article order: the sort is stable over ascending article numbers.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](uint32_t x, uint32_t y) { return title_of(x) < title_of(y); });
  size_t blob_size = 0;
  for (uint32_t a = 0; a < n; ++a) {
    blob_size += title_of(a).size();
  }
  const size_t sorted_at = 8;
  const size_t position_at = sorted_at + 4 * size_t{n};
  const size_t offsets_at = position_at + 4 * size_t{n};
  const size_t blob_at = offsets_at + 4 * (size_t{n} + 1);
  std::string out(blob_at + blob_size, '\0');
  set_le32(out, 0, n);
  set_le32(out, 4, static_cast<uint32_t>(blob_size));
  size_t blob_end = 0;
  set_le32(out, offsets_at, 0);
  for (uint32_t p = 0; p < n; ++p) {
    const uint32_t a = sorted[p];
    set_le32(out, sorted_at + 4 * size_t{p}, a);
    set_le32(out, position_at + 4 * size_t{a}, p);
    const std::string_view title = title_of(a);
    out.replace(blob_at + blob_end, title.size(), title);
    blob_end += title.size();
    set_le32(out, offsets_at + 4 * (size_t{p} + 1), static_cast<uint32_t>(blob_end));
  }
  return out;
}

}  // namespace

std::string encode_titles(const std::vector<std::string_view>& titles) {
  return encode(static_cast<uint32_t>(titles.size()), [&](uint32_t a) { return titles[a]; });
}

std::string encode_record_titles(const RecordStore& records) {
  // Where each title lies in its record (8 bytes an article, not a 16-byte view): an
  // unparsable record has none (the write stage's check names it).
  struct Span {
    uint32_t offset = 0;
    uint32_t size = 0;
  };

  std::vector<Span> spans(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string_view record = records[i];
    const Result<Record> r = parse_record(record);
    if (r.ok() && !r.value().title.empty()) {  // an absent title views nothing
      const std::string_view title = r.value().title;
      spans[i] = {static_cast<uint32_t>(title.data() - record.data()),
                  static_cast<uint32_t>(title.size())};
    }
  }
  return encode(static_cast<uint32_t>(records.size()),
                [&](uint32_t a) { return records[a].substr(spans[a].offset, spans[a].size); });
}

}  // namespace sheaf
