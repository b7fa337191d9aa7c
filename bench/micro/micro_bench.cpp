// bench/micro: Google Benchmark micro-benchmarks of the runtime on real bundles: open, decoder
// init, index lookup, read by position, lookup by id and by title, and reads of a small, a
// median and a large article. Warm: the bundle is mapped and in the page cache.
//
// Usage: micro_bench BUNDLE... [--benchmark_* flags]
// Each bundle gets its own set of benchmarks, named after the file.
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace {

using sheaf::Bundle;
using sheaf::Decoder;
using sheaf::MutableByteSpan;

constexpr size_t kSampleCount = 4096;  // random articles each lookup benchmark cycles through

// One opened bundle with a fast-mode decoder, its read buffer, and sampled keys.
struct Fixture {
  std::string name;
  sheaf::MappedFile file;
  Bundle bundle;
  std::vector<uint64_t> workspace;
  std::vector<uint8_t> buffer;
  Decoder decoder;
  std::vector<uint32_t> positions;            // uniformly random article numbers
  std::vector<std::string> ids;               // their ids
  std::vector<std::string> titles;            // their titles
  uint32_t small = 0, median = 0, large = 0;  // articles at record-size percentiles 10, 50, 99

  MutableByteSpan out() { return MutableByteSpan(buffer.data(), buffer.size()); }

  bool load(const std::string& path) {
    name = path.substr(path.find_last_of('/') + 1);
    if (file.open(path.c_str()) != sheaf::Errc::ok) {
      std::fprintf(stderr, "micro_bench: %s: cannot open\n", path.c_str());
      return false;
    }
    const auto b = Bundle::open(file.bytes());
    if (!b.ok()) {
      std::fprintf(stderr, "micro_bench: %s: %s\n", path.c_str(), sheaf::to_string(b.error()));
      return false;
    }
    bundle = b.value();
    workspace.assign((Decoder::workspace_size(bundle) + 7) / 8, 0);
    buffer.assign(bundle.info().max_read_size, 0);
    const auto d = Decoder::init(
        bundle,
        MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
    if (!d.ok() || bundle.size() == 0) {
      std::fprintf(stderr, "micro_bench: %s: cannot read\n", path.c_str());
      return false;
    }
    decoder = d.value();
    std::mt19937 rng(42);
    std::uniform_int_distribution<uint32_t> pick(0, bundle.size() - 1);
    for (size_t k = 0; k < kSampleCount; ++k) {
      const uint32_t i = pick(rng);
      const auto r = decoder.read(i, out());
      if (!r.ok()) {
        return false;
      }
      positions.push_back(i);
      ids.emplace_back(r.value().id);
      titles.emplace_back(r.value().title);
    }
    std::vector<std::pair<uint32_t, uint32_t>> sizes;  // (record size, article)
    for (uint32_t i = 0; i < bundle.size(); ++i) {
      sizes.emplace_back(bundle.article(i).value().size, i);
    }
    std::sort(sizes.begin(), sizes.end());
    small = sizes[sizes.size() / 10].second;
    median = sizes[sizes.size() / 2].second;
    large = sizes[sizes.size() * 99 / 100].second;
    return true;
  }
};

std::vector<Fixture*> g_fixtures;

void open_bundle(benchmark::State& state, Fixture* f) {
  for (auto _ : state) {
    auto b = Bundle::open(f->file.bytes());
    benchmark::DoNotOptimize(b);
  }
  state.counters["articles"] = f->bundle.size();
}

void init_decoder(benchmark::State& state, Fixture* f) {
  for (auto _ : state) {
    auto d = Decoder::init(
        f->bundle,
        MutableByteSpan(reinterpret_cast<uint8_t*>(f->workspace.data()), f->workspace.size() * 8));
    benchmark::DoNotOptimize(d);
  }
  // init() rebuilt the decoder in the same workspace: the fixture's copy stays valid.
}

void article_entry(benchmark::State& state, Fixture* f) {
  size_t k = 0;
  for (auto _ : state) {
    auto a = f->bundle.article(f->positions[k++ % kSampleCount]);
    benchmark::DoNotOptimize(a);
  }
}

void read_by_position(benchmark::State& state, Fixture* f) {
  size_t k = 0;
  for (auto _ : state) {
    auto r = f->decoder.read(f->positions[k++ % kSampleCount], f->out());
    if (!r.ok()) {
      state.SkipWithError("read failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

void find_by_id(benchmark::State& state, Fixture* f) {
  size_t k = 0;
  for (auto _ : state) {
    auto r = f->decoder.find(f->ids[k++ % kSampleCount], f->out());
    if (!r.ok()) {
      state.SkipWithError("find failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

void find_by_title(benchmark::State& state, Fixture* f) {
  size_t k = 0;
  for (auto _ : state) {
    auto r = f->decoder.find_title(f->titles[k++ % kSampleCount], f->out());
    if (!r.ok()) {
      state.SkipWithError("find_title failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

// A list screen of 16 headlines with dates from the NAVIGATION and HEADLINES sections (no
// record decoded): pages of 16 from a random slot rounded down to a multiple of 16 (`aligned`:
// one headline frame decoded), or from any slot (two frames).
void home_screen(benchmark::State& state, Fixture* f, bool aligned) {
  const auto nav = f->bundle.navigation();
  const auto headlines = f->bundle.headlines();
  if (!nav.ok() || !headlines.ok()) {
    state.SkipWithError("no NAVIGATION or HEADLINES section");
    return;
  }
  constexpr size_t kLines = 16;
  sheaf::Headline lines[kLines];
  std::vector<uint8_t> text(sheaf::screen_buffer_size(headlines.value(), kLines));
  size_t k = 0;
  for (auto _ : state) {
    const uint32_t pos = f->positions[k++ % kSampleCount];
    const uint32_t first = aligned ? pos / kLines * kLines : pos;
    auto n = sheaf::newest_headlines(nav.value(), headlines.value(), f->decoder, first, lines,
                                     kLines, MutableByteSpan(text.data(), text.size()));
    if (!n.ok()) {
      state.SkipWithError("newest_headlines failed");
      break;
    }
    char date[10];
    for (size_t j = 0; j < n.value(); ++j) {
      benchmark::DoNotOptimize(sheaf::date_text(lines[j].date_key, date));
    }
    benchmark::DoNotOptimize(lines);
  }
  state.counters["text_buffer_bytes"] = static_cast<double>(text.size());
}

// The same screen without the HEADLINES section: the 16 records decoded for their titles and
// dates (what a reader of a bundle without it must do).
void home_screen_from_records(benchmark::State& state, Fixture* f) {
  const auto nav = f->bundle.navigation();
  if (!nav.ok()) {
    state.SkipWithError("no NAVIGATION section");
    return;
  }
  size_t k = 0;
  for (auto _ : state) {
    const uint32_t first = f->positions[k++ % kSampleCount] / 16 * 16;
    for (uint32_t s = first; s < first + 16 && s < f->bundle.size(); ++s) {
      auto r = f->decoder.read(nav.value().newest(s).value_or(0), f->out());
      benchmark::DoNotOptimize(r);
    }
  }
}

// A title-prefix lookup: the first two code points of a random article's title.
void title_prefix(benchmark::State& state, Fixture* f) {
  const auto headlines = f->bundle.headlines();
  if (!headlines.ok()) {
    state.SkipWithError("no HEADLINES section");
    return;
  }
  std::vector<uint8_t> buffer(headlines.value().max_raw());
  std::vector<std::string> prefixes;
  for (const std::string& t : f->titles) {
    size_t at = 0;
    for (int cps = 0; cps < 2 && at < t.size(); ++cps) {
      do {
        ++at;
      } while (at < t.size() && (static_cast<unsigned char>(t[at]) & 0xC0) == 0x80);
    }
    prefixes.push_back(t.substr(0, at));
  }
  size_t k = 0;
  for (auto _ : state) {
    auto r = headlines.value().with_prefix(f->decoder, prefixes[k++ % prefixes.size()],
                                           MutableByteSpan(buffer.data(), buffer.size()));
    benchmark::DoNotOptimize(r);
  }
}

void read_one(benchmark::State& state, Fixture* f, uint32_t i) {
  const uint32_t size = f->bundle.article(i).value().size;
  for (auto _ : state) {
    auto r = f->decoder.read(i, f->out());
    benchmark::DoNotOptimize(r);
  }
  state.counters["record_bytes"] = size;
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);  // removes the --benchmark_* flags it knows
  if (argc < 2) {
    std::fprintf(stderr, "usage: micro_bench BUNDLE... [--benchmark_* flags]\n");
    return 2;
  }
  for (int k = 1; k < argc; ++k) {
    auto* f = new Fixture;  // lives for the whole run
    if (!f->load(argv[k])) {
      return 1;
    }
    g_fixtures.push_back(f);
    const std::string n = f->name + "/";
    benchmark::RegisterBenchmark((n + "open").c_str(), open_bundle, f);
    benchmark::RegisterBenchmark((n + "decoder_init").c_str(), init_decoder, f);
    benchmark::RegisterBenchmark((n + "article_entry").c_str(), article_entry, f);
    benchmark::RegisterBenchmark((n + "read_random").c_str(), read_by_position, f);
    benchmark::RegisterBenchmark((n + "find_id_random").c_str(), find_by_id, f);
    benchmark::RegisterBenchmark((n + "find_title_random").c_str(), find_by_title, f);
    benchmark::RegisterBenchmark((n + "home_screen_16").c_str(), home_screen, f, true);
    benchmark::RegisterBenchmark((n + "home_screen_16_any_slot").c_str(), home_screen, f, false);
    benchmark::RegisterBenchmark((n + "home_screen_16_from_records").c_str(),
                                 home_screen_from_records, f);
    benchmark::RegisterBenchmark((n + "title_prefix_2cp").c_str(), title_prefix, f);
    benchmark::RegisterBenchmark((n + "read_small_p10").c_str(), read_one, f, f->small);
    benchmark::RegisterBenchmark((n + "read_median_p50").c_str(), read_one, f, f->median);
    benchmark::RegisterBenchmark((n + "read_large_p99").c_str(), read_one, f, f->large);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
