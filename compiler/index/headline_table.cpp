// compiler, index stage: the HEADLINES section.
#include "index/headline_table.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include <sheaf/endian.hpp>
#include <sheaf/record.hpp>
#include <sheaf/xxhash.hpp>

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

// Whether the title closes a frame that already holds `min` titles: its XXH64 (seed 0) is
// divisible by `spacing`, as DATA's groups are cut by their ids' XXH64.
bool cut_hits(std::string_view title, uint32_t spacing) {
  return detail::xxh64(reinterpret_cast<const uint8_t*>(title.data()), title.size()) % spacing == 0;
}

// The first slot of each frame, ascending, for `n` titles (SPEC: "Headlines section").
template <typename TitleAt>
std::vector<uint32_t> cut_frames(uint32_t n, const TitleAt& title_at, const HeadlineCuts& cuts) {
  std::vector<uint32_t> firsts;
  uint32_t held = 0;
  for (uint32_t s = n; s-- > 1;) {
    ++held;
    if (held >= cuts.max || (held >= cuts.min && cut_hits(title_at(s), cuts.spacing))) {
      firsts.push_back(s);
      held = 0;
    }
  }
  if (n > 0) {
    firsts.push_back(0);  // frame 0: what is left, the newest
  }
  std::reverse(firsts.begin(), firsts.end());
  return firsts;
}

// The section for `n` articles, `title_at(s)` the title at slot s.
template <typename TitleAt>
std::string encode(uint32_t n, const TitleAt& title_at, const std::string& dictionary,
                   const CompressOptions& options, const HeadlineCuts& cuts) {
  if (cuts.min == 0 || cuts.max < cuts.min || cuts.spacing == 0) {
    throw std::invalid_argument("headline cuts need 0 < min <= max and a spacing");
  }
  std::vector<uint32_t> sorted(n);
  std::iota(sorted.begin(), sorted.end(), 0);
  // Ties keep slot order (newest first): the sort is stable over ascending slots.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](uint32_t x, uint32_t y) { return title_at(x) < title_at(y); });
  const std::vector<uint32_t> firsts = cut_frames(n, title_at, cuts);
  const auto frames = static_cast<uint32_t>(firsts.size());
  std::vector<std::string> contents(frames);
  for (uint32_t k = 0; k < frames; ++k) {
    const uint32_t end = k + 1 < frames ? firsts[k + 1] : n;
    for (uint32_t s = firsts[k]; s < end; ++s) {
      const std::string_view title = title_at(s);
      put_varint(contents[k], static_cast<uint32_t>(title.size()));
      contents[k].append(title);
    }
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
  out.reserve(20 + 4 * (size_t{n} + 2 * size_t{frames}) + blob);
  for (const uint32_t v :
       {n, cuts.min, frames, static_cast<uint32_t>(blob), static_cast<uint32_t>(max_raw)}) {
    put_le32(out, v);
  }
  for (const uint32_t s : sorted) {
    put_le32(out, s);
  }
  for (const uint32_t s : firsts) {
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
                             const CompressOptions& options, const HeadlineCuts& cuts) {
  return encode(
      static_cast<uint32_t>(newest.size()), [&](uint32_t s) { return titles.at(newest[s]); },
      dictionary, options, cuts);
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
