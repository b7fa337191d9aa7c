// compiler, index stage: the HEADLINES section.
#include "index/headline_table.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include <sheaf/endian.hpp>
#include <sheaf/record.hpp>

#include "index/le_words.hpp"

namespace sheaf {
namespace {

void put_varint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// The section for `n` articles, `title_at(s)` the title at slot s.
template <typename TitleAt>
std::string encode(uint32_t n, const TitleAt& title_at, const std::string& dictionary,
                   const CompressOptions& options, uint32_t group) {
  if (group == 0) {
    throw std::invalid_argument("headline group 0");
  }
  std::vector<uint32_t> sorted(n);
  std::iota(sorted.begin(), sorted.end(), 0);
  // Ties keep slot order (newest first): the sort is stable over ascending slots.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](uint32_t x, uint32_t y) { return title_at(x) < title_at(y); });
  // Frames are cut from the oldest end (SPEC: "Headlines section"): frame 0 holds the newest
  // n - group * (frames - 1) titles, so a night's new articles change only the newest frames.
  const uint32_t frames = n / group + (n % group != 0 ? 1 : 0);
  const uint32_t top = frames == 0 ? 0 : n - group * (frames - 1);
  std::vector<std::string> contents(frames);
  for (uint32_t s = 0; s < n; ++s) {
    std::string& c = contents[s < top ? 0 : 1 + (s - top) / group];
    const std::string_view title = title_at(s);
    put_varint(c, static_cast<uint32_t>(title.size()));
    c.append(title);
  }
  const std::vector<std::string> compressed = compress_each(
      frames, [&](size_t k) -> std::string_view { return contents[k]; }, dictionary, options);
  size_t blob = 0;
  size_t max_raw = 0;
  for (uint32_t k = 0; k < frames; ++k) {
    blob += compressed[k].size();
    max_raw = std::max(max_raw, contents[k].size());
  }
  if (blob > UINT32_MAX) {
    throw std::runtime_error("the HEADLINES frames exceed 4 GiB");
  }
  std::string out;
  out.reserve(20 + 4 * (size_t{n} + frames) + blob);
  for (const uint32_t v :
       {n, group, frames, static_cast<uint32_t>(blob), static_cast<uint32_t>(max_raw)}) {
    put_le32(out, v);
  }
  for (const uint32_t s : sorted) {
    put_le32(out, s);
  }
  size_t end = 0;
  for (const std::string& f : compressed) {
    end += f.size();
    put_le32(out, static_cast<uint32_t>(end));
  }
  for (const std::string& f : compressed) {
    out.append(f);
  }
  return out;
}

}  // namespace

std::string encode_headlines(const std::vector<std::string_view>& titles,
                             const std::vector<uint32_t>& newest, const std::string& dictionary,
                             const CompressOptions& options, uint32_t group) {
  return encode(
      static_cast<uint32_t>(newest.size()), [&](uint32_t s) { return titles.at(newest[s]); },
      dictionary, options, group);
}

std::string encode_record_headlines(const RecordStore& records, const std::string& navigation,
                                    const std::string& dictionary, const CompressOptions& options) {
  const auto n = static_cast<uint32_t>(records.size());
  // SPEC: "Navigation section": newest[n] follows the 12-byte header.
  if (navigation.size() < 12 + 4 * size_t{n}) {
    throw std::logic_error("HEADLINES needs the NAVIGATION section of the same records");
  }
  std::vector<uint32_t> newest(n);
  for (uint32_t s = 0; s < n; ++s) {
    newest[s] = detail::load_le32(reinterpret_cast<const uint8_t*>(navigation.data()) + 12 + 4 * s);
  }
  // An unparsable record has no title (the write stage's check names it).
  std::vector<std::string_view> titles(n);
  for (uint32_t i = 0; i < n; ++i) {
    const Result<Record> r = parse_record(records[i]);
    if (r.ok()) {
      titles[i] = r.value().title;
    }
  }
  return encode_headlines(titles, newest, dictionary, options);
}

}  // namespace sheaf
