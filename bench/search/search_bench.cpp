// bench/search: figures of a bundle's SEARCH section. Prints the section's size as a share of
// the compressed text (the DATA section), and query latency over terms drawn from the bundle's
// own articles: two-term queries of two CJK characters each (answered by the index alone), and
// two-term queries of a three-to-four-character phrase and a pair (whose phrase is confirmed by
// decoding its candidates, or proven from the index), the latter also with
// SearchCount::at_least (the best 20 exact, the count a range). Each query runs once, timed
// with steady_clock; p50, p99 and max.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace {

struct Reader {
  sheaf::Bundle bundle;
  std::vector<uint64_t> workspace;
  sheaf::Decoder decoder;
  std::vector<uint8_t> buffer;
};

// Code points of the CJK Unified Ideographs block.
bool is_han(uint32_t cp) {
  return cp >= 0x4E00 && cp <= 0x9FFF;
}

// A run of `length` ideographs at a pseudo-random place of a pseudo-random article ("" if the
// place has none).
std::string draw_term(Reader& r, uint64_t& state, size_t length) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  const auto a = static_cast<uint32_t>((state >> 33) % r.bundle.size());
  const auto rec = r.decoder.read(a, sheaf::MutableByteSpan(r.buffer.data(), r.buffer.size()));
  if (!rec.ok() || rec.value().body.empty()) {
    return "";
  }
  const std::string_view body = rec.value().body;
  size_t at = static_cast<size_t>((state >> 13) % body.size());
  while (at < body.size() && (static_cast<uint8_t>(body[at]) & 0xC0) == 0x80) {
    ++at;
  }
  std::string out;
  for (size_t n = 0; n < length && at < body.size(); ++n) {
    const sheaf::detail::Decoded d = sheaf::detail::decode_utf8(body, at);
    if (!is_han(d.cp)) {
      return "";
    }
    out.append(body.substr(at, d.size));
    at += d.size;
  }
  return out.size() == 3 * length ? out : "";
}

void run_queries(Reader& r, const sheaf::SearchIndex& index, const char* label, size_t first_len,
                 size_t count, sheaf::SearchCount counting = sheaf::SearchCount::exact) {
  uint64_t state = 42;
  std::vector<std::string> queries;
  while (queries.size() < count) {
    const std::string a = draw_term(r, state, first_len + (first_len > 2 ? state % 2 : 0));
    const std::string b = draw_term(r, state, 2);
    if (!a.empty() && !b.empty()) {
      queries.push_back(a + " " + b);
    }
  }
  auto scratch = std::make_unique<sheaf::SearchScratch>();
  sheaf::SearchHit hits[20];
  std::vector<double> ms;
  uint64_t matches = 0;
  uint64_t decoded = 0;
  uint64_t unconfirmed = 0;
  for (const std::string& q : queries) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto s =
        sheaf::search(r.bundle, index, q, *scratch, hits, 20, &r.decoder,
                      sheaf::MutableByteSpan(r.buffer.data(), r.buffer.size()), counting);
    const auto t1 = std::chrono::steady_clock::now();
    if (!s.ok()) {
      std::fprintf(stderr, "search_bench: query '%s': %s\n", q.c_str(),
                   sheaf::to_string(s.error()));
      return;
    }
    matches += s.value().matches;
    decoded += s.value().decoded;
    unconfirmed += s.value().unconfirmed;
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf(
      "%-34s %5zu queries  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  "
      "matches/query %7.1f  records decoded/query %7.1f  unconfirmed/query %7.1f\n",
      label, ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back(),
      static_cast<double>(matches) / ms.size(), static_cast<double>(decoded) / ms.size(),
      static_cast<double>(unconfirmed) / ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: search_bench BUNDLE\n");
    return 2;
  }
  sheaf::MappedFile file;
  if (file.open(argv[1]) != sheaf::Errc::ok) {
    std::fprintf(stderr, "search_bench: cannot open %s\n", argv[1]);
    return 1;
  }
  Reader r;
  const auto b = sheaf::Bundle::open(file.bytes());
  if (!b.ok()) {
    std::fprintf(stderr, "search_bench: %s: %s\n", argv[1], sheaf::to_string(b.error()));
    return 1;
  }
  r.bundle = b.value();
  r.workspace.resize(sheaf::Decoder::workspace_size(r.bundle) / 8 + 1);
  const auto d = sheaf::Decoder::init(
      r.bundle, sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(r.workspace.data()),
                                       r.workspace.size() * 8));
  const auto index = r.bundle.search();
  if (!d.ok() || !index.ok()) {
    std::fprintf(stderr, "search_bench: %s: no decoder or no SEARCH section\n", argv[1]);
    return 1;
  }
  r.decoder = d.value();
  r.buffer.resize(r.bundle.info().max_read_size);
  uint64_t search_bytes = 0;
  for (uint32_t k = 0; k < r.bundle.section_count(); ++k) {
    const sheaf::SectionEntry s = r.bundle.section(k).value();
    if (s.kind == static_cast<uint32_t>(sheaf::format::SectionKind::search)) {
      search_bytes = s.size;
    }
  }
  const uint64_t data_bytes = r.bundle.data().size();
  std::printf("bundle %s: %u articles, %u keys, %u folds\n", argv[1], r.bundle.size(),
              index.value().key_count(), index.value().fold_count());
  std::printf(
      "SEARCH section %llu bytes, DATA (compressed text) %llu bytes: index = %.1f%% of "
      "the compressed text (target <= 30%%)\n",
      static_cast<unsigned long long>(search_bytes), static_cast<unsigned long long>(data_bytes),
      100.0 * static_cast<double>(search_bytes) / static_cast<double>(data_bytes));
  run_queries(r, index.value(), "two terms, 2 + 2 characters", 2, 1000);
  run_queries(r, index.value(), "two terms, 3-4 + 2 characters", 3, 300);
  run_queries(r, index.value(), "same, top 20, count at least", 3, 300,
              sheaf::SearchCount::at_least);
  return 0;
}
