// bench/compare/read_bench: times one system's reader in this process and prints one JSON object.
//
//   read_bench --system sheaf|zstd|sqlite|zim --articles SET [--pages PAGES] [--reads N]
//              [--cold-reads M] [--opens R] [--seed S] FILE
//
// 1. Loads the article set and keeps only what checking needs (ids, titles, a hash of each
//    expected payload), then snapshots memory (RssAnon, malloc in-use bytes).
// 2. Warm: reads FILE whole into the page cache, opens the store (timed), then N reads by id and
//    N by title, interleaved, of uniformly random articles (seed S: the same sequences for every
//    system).
//    Reader memory = memory after these reads minus the snapshot.
// 3. Open time: R more opens with the file cached (median), and R with it evicted.
// 4. Cold: M reads by id and M by title, each on a store freshly opened and then evicted from
//    memory (every mapping of the file in this process dropped with MADV_DONTNEED, found in
//    /proc/self/maps, then posix_fadvise DONTNEED), checked with mincore() to hold no page of
//    the file; only the read is timed.
// Every read is checked against the expected payload's hash; a by-title read may return any
// article carrying that title.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>

#include "common.hpp"
#include "driver.hpp"

namespace {

struct Options {
  std::string system, articles, pages, file;
  size_t reads = 10000;
  size_t cold_reads = 10000;
  size_t opens = 50;
  uint64_t seed = 20240601;
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "read_bench: error: %s\n", message.c_str());
  std::exit(1);
}

struct Memory {
  long rss_anon_kib = 0;
  long rss_file_kib = 0;
  size_t heap_bytes = 0;
};

Memory memory_now() {
  Memory m;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("RssAnon:", 0) == 0) {
      m.rss_anon_kib = std::atol(line.c_str() + 8);
    } else if (line.rfind("RssFile:", 0) == 0) {
      m.rss_file_kib = std::atol(line.c_str() + 8);
    }
  }
  const struct mallinfo2 mi = mallinfo2();
  m.heap_bytes = mi.uordblks + mi.hblkhd;
  return m;
}

/// The file under test: an fd for posix_fadvise and an untouched mapping for mincore().
class Residency {
 public:
  void open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0 || !probe_.open(path)) {
      die(path + ": cannot open");
    }
    ::fsync(fd_);  // dirty pages cannot be evicted
    char* real = ::realpath(path.c_str(), nullptr);
    real_path_ = real != nullptr ? real : path;
    std::free(real);
    pages_ = (probe_.size() + 4095) / 4096;
    vec_.resize(pages_);
  }

  size_t pages() const { return pages_; }

  /// Drops every mapping of the file in this process (the driver's, or a library's own) from
  /// the page tables with MADV_DONTNEED: the kernel does not evict pages that are mapped. Then
  /// evicts the file's pages from the page cache.
  void evict() const {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
      const size_t slash = line.find('/');
      if (slash == std::string::npos || line.compare(slash, std::string::npos, real_path_) != 0) {
        continue;
      }
      const unsigned long begin = std::strtoul(line.c_str(), nullptr, 16);
      const unsigned long end = std::strtoul(line.c_str() + line.find('-') + 1, nullptr, 16);
      if (reinterpret_cast<const uint8_t*>(begin) != probe_.data()) {
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
      }
    }
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_DONTNEED);
  }

  /// Reads the whole file once so that its pages are in the page cache.
  void warm(std::vector<char>& scratch) const {
    off_t at = 0;
    ssize_t n = 0;
    while ((n = ::pread(fd_, scratch.data(), scratch.size(), at)) > 0) {
      at += n;
    }
  }

  size_t resident() {
    if (probe_.size() == 0 ||
        ::mincore(const_cast<uint8_t*>(probe_.data()), probe_.size(), vec_.data()) != 0) {
      return 0;
    }
    return static_cast<size_t>(
        std::count_if(vec_.begin(), vec_.end(), [](unsigned char c) { return (c & 1) != 0; }));
  }

 private:
  int fd_ = -1;
  std::string real_path_;
  bench::Mapping probe_;
  size_t pages_ = 0;
  std::vector<unsigned char> vec_;
};

struct ModeResult {
  bool supported = true;
  std::vector<double> us;  // latency of each read
  size_t ok = 0, wrong = 0, missing = 0, errors = 0;
  size_t not_cold = 0, max_resident = 0;
  size_t major_faults = 0, input_blocks = 0;  // cold reads: page faults that waited for I/O
  std::string first_error;
};

struct Expected {
  std::vector<std::string> ids, titles;
  std::vector<size_t> hash;           // of the payload each system must give back
  std::vector<uint32_t> title_group;  // articles with the same title share a group
  std::vector<std::vector<size_t>> group_hashes;
  size_t max_payload = 0;
};

Expected load_expected(const Options& o, bench::Payload payload) {
  bench::ArticleSet set;
  std::string error;
  if (!set.open(o.articles, error)) {
    die(error);
  }
  const std::vector<bench::Article>& a = set.articles();
  std::vector<std::string_view> pages;
  bench::Mapping pages_file;
  if (payload == bench::Payload::html &&
      (!bench::load_pages(o.pages, pages, pages_file, error) || pages.size() != a.size())) {
    die(o.pages.empty() ? "--pages is required for this system" : error);
  }
  Expected e;
  std::unordered_map<std::string_view, uint32_t> groups;
  for (size_t k = 0; k < a.size(); ++k) {
    const std::string_view p = payload == bench::Payload::html ? pages[k] : a[k].text;
    e.ids.emplace_back(a[k].id);
    e.titles.emplace_back(a[k].title);
    e.hash.push_back(std::hash<std::string_view>()(p));
    e.max_payload = std::max(e.max_payload, p.size());
    const auto [it, fresh] = groups.emplace(a[k].title, static_cast<uint32_t>(groups.size()));
    if (fresh) {
      e.group_hashes.emplace_back();
    }
    e.title_group.push_back(it->second);
    e.group_hashes[it->second].push_back(e.hash.back());
  }
  return e;
}

class Bench {
 public:
  Bench(const Options& o, bench::Driver& driver, const Expected& e)
      : o_(o), driver_(driver), e_(e) {
    std::mt19937_64 rng(o.seed);
    std::uniform_int_distribution<uint32_t> pick(0, static_cast<uint32_t>(e.ids.size() - 1));
    for (size_t k = 0; k < o.reads; ++k) {
      by_id_.push_back(pick(rng));
    }
    for (size_t k = 0; k < o.reads; ++k) {
      by_title_.push_back(pick(rng));
    }
    scratch_.reserve(e.max_payload + 1);
    scratch_.assign(e.max_payload, ' ');  // touched now, not during the reads
    file_buffer_.assign(1 << 20, '\0');
    residency_.open(o.file);
  }

  void run() {
    for (ModeResult* r : {&warm_id_, &warm_title_, &cold_id_, &cold_title_}) {
      r->us.reserve(o_.reads);
    }
    before_ = memory_now();
    residency_.warm(file_buffer_);
    warm_resident_ = residency_.resident();
    std::string error;
    const uint64_t t0 = bench::now_ns();
    if (!driver_.open(o_.file, error)) {
      die(error);
    }
    open_first_us_ = static_cast<double>(bench::now_ns() - t0) / 1e3;
    // Interleaved, so that both modes read under the same conditions (first touches of the
    // mapping, the store's own caches filling up).
    for (size_t k = 0; k < o_.reads; ++k) {
      read(warm_id_, by_id_[k], false);
      read(warm_title_, by_title_[k], true);
    }
    after_ = memory_now();
    driver_.close();
    measure_opens();
    for (size_t k = 0; k < std::min(o_.cold_reads, o_.reads); ++k) {
      cold_read(cold_id_, by_id_[k], false);
    }
    for (size_t k = 0; k < std::min(o_.cold_reads, o_.reads); ++k) {
      cold_read(cold_title_, by_title_[k], true);
    }
  }

  void print_json() const;

 private:
  void read(ModeResult& r, uint32_t k, bool by_title) {
    if (!r.supported) {
      return;
    }
    bench::Got got;
    const uint64_t t0 = bench::now_ns();
    const bench::Status s =
        by_title ? driver_.by_title(e_.titles[k], got) : driver_.by_id(e_.ids[k], got);
    const uint64_t t1 = bench::now_ns();
    check(r, k, by_title, s, got);
    if (r.supported) {
      r.us.push_back(static_cast<double>(t1 - t0) / 1e3);
    }
  }

  void cold_read(ModeResult& r, uint32_t k, bool by_title) {
    if (!r.supported) {
      return;
    }
    std::string error;
    if (!driver_.open(o_.file, error)) {
      die(error);
    }
    // Pages under I/O (a readahead the open started) cannot be evicted yet: retry briefly.
    size_t resident = 0;
    for (int attempt = 0; attempt < 20; ++attempt) {
      residency_.evict();
      resident = residency_.resident();
      if (resident == 0) {
        break;
      }
      ::usleep(500);
    }
    if (resident > 0) {
      ++r.not_cold;
      r.max_resident = std::max(r.max_resident, resident);
    }

    struct rusage before {};

    struct rusage after {};

    ::getrusage(RUSAGE_SELF, &before);
    read(r, k, by_title);
    ::getrusage(RUSAGE_SELF, &after);
    r.major_faults += static_cast<size_t>(after.ru_majflt - before.ru_majflt);
    r.input_blocks += static_cast<size_t>(after.ru_inblock - before.ru_inblock);
    driver_.close();
  }

  void check(ModeResult& r, uint32_t k, bool by_title, bench::Status s, const bench::Got& got) {
    if (s == bench::Status::unsupported) {
      r.supported = false;
      return;
    }
    if (s != bench::Status::ok) {
      ++(s == bench::Status::not_found ? r.missing : r.errors);
      if (r.first_error.empty()) {
        r.first_error = (by_title ? e_.titles[k] : e_.ids[k]) + ": " +
                        (s == bench::Status::not_found ? "not found" : driver_.last_error());
      }
      return;
    }
    scratch_.clear();
    for (int p = 0; p < got.count; ++p) {
      scratch_.append(got.part[p]);
    }
    const size_t h = std::hash<std::string_view>()(scratch_);
    bool good = h == e_.hash[k];
    if (!good && by_title) {
      const std::vector<size_t>& g = e_.group_hashes[e_.title_group[k]];
      good = std::find(g.begin(), g.end(), h) != g.end();
    }
    if (good) {
      ++r.ok;
    } else {
      ++r.wrong;
      if (r.first_error.empty()) {
        r.first_error = (by_title ? e_.titles[k] : e_.ids[k]) + ": wrong text (" +
                        std::to_string(scratch_.size()) + " bytes)";
      }
    }
  }

  void measure_opens() {
    std::string error;
    for (int cold = 0; cold < 2; ++cold) {
      std::vector<double>& out = cold ? open_cold_us_ : open_warm_us_;
      if (!cold) {
        residency_.warm(file_buffer_);
      }
      for (size_t k = 0; k < o_.opens; ++k) {
        if (cold) {
          residency_.evict();
        }
        const uint64_t t0 = bench::now_ns();
        if (!driver_.open(o_.file, error)) {
          die(error);
        }
        out.push_back(static_cast<double>(bench::now_ns() - t0) / 1e3);
        driver_.close();
      }
    }
  }

  const Options& o_;
  bench::Driver& driver_;
  const Expected& e_;
  std::vector<uint32_t> by_id_, by_title_;
  std::string scratch_;
  std::vector<char> file_buffer_;
  Residency residency_;
  Memory before_, after_;
  size_t warm_resident_ = 0;
  double open_first_us_ = 0;
  std::vector<double> open_warm_us_, open_cold_us_;
  ModeResult warm_id_, warm_title_, cold_id_, cold_title_;
};

double percentile(std::vector<double> v, double q) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(q * static_cast<double>(v.size()) + 0.999999);
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];  // nearest rank
}

void print_mode(const char* name, const ModeResult& r, bool last) {
  std::printf("    \"%s\": {\"supported\": %s", name, r.supported ? "true" : "false");
  if (r.supported) {
    double sum = 0;
    for (const double x : r.us) {
      sum += x;
    }
    std::printf(
        ", \"n\": %zu, \"p50_us\": %.2f, \"p90_us\": %.2f, \"p99_us\": %.2f, \"max_us\": %.2f, "
        "\"mean_us\": %.2f, \"ok\": %zu, \"wrong\": %zu, \"missing\": %zu, \"errors\": %zu, "
        "\"not_cold\": %zu, \"max_resident_pages\": %zu, \"major_faults\": %zu, "
        "\"input_blocks\": %zu",
        r.us.size(), percentile(r.us, 0.5), percentile(r.us, 0.9), percentile(r.us, 0.99),
        percentile(r.us, 1.0), r.us.empty() ? 0.0 : sum / static_cast<double>(r.us.size()), r.ok,
        r.wrong, r.missing, r.errors, r.not_cold, r.max_resident, r.major_faults, r.input_blocks);
    std::string err;
    for (const char c : r.first_error) {
      if (c == '"' || c == '\\') {
        err += '\\';
      }
      if (static_cast<unsigned char>(c) >= 0x20) {
        err += c;
      }
    }
    std::printf(", \"first_error\": \"%s\"", err.c_str());
  }
  std::printf("}%s\n", last ? "" : ",");
}

void Bench::print_json() const {
  std::printf("{\n  \"system\": \"%s\",\n  \"file_bytes\": %zu,\n  \"file_pages\": %zu,\n",
              o_.system.c_str(), residency_.pages() * 4096, residency_.pages());
  std::printf("  \"articles\": %zu,\n  \"warm_resident_pages\": %zu,\n", e_.ids.size(),
              warm_resident_);
  std::printf("  \"open_first_us\": %.2f,\n  \"open_warm_us\": %.2f,\n  \"open_cold_us\": %.2f,\n",
              open_first_us_, percentile(open_warm_us_, 0.5), percentile(open_cold_us_, 0.5));
  std::printf(
      "  \"memory\": {\"rss_anon_kib\": %ld, \"heap_bytes\": %lld, \"rss_file_kib\": %ld, "
      "\"rss_anon_before_kib\": %ld},\n",
      after_.rss_anon_kib - before_.rss_anon_kib,
      static_cast<long long>(after_.heap_bytes) - static_cast<long long>(before_.heap_bytes),
      after_.rss_file_kib - before_.rss_file_kib, before_.rss_anon_kib);
  std::printf("  \"modes\": {\n");
  print_mode("warm_id", warm_id_, false);
  print_mode("warm_title", warm_title_, false);
  print_mode("cold_id", cold_id_, false);
  print_mode("cold_title", cold_title_, true);
  std::printf("  }\n}\n");
}

bool parse(int argc, char** argv, Options& o) {
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    const bool has_value = k + 1 < argc;
    if (a == "--system" && has_value) {
      o.system = argv[++k];
    } else if (a == "--articles" && has_value) {
      o.articles = argv[++k];
    } else if (a == "--pages" && has_value) {
      o.pages = argv[++k];
    } else if (a == "--reads" && has_value) {
      o.reads = std::strtoull(argv[++k], nullptr, 10);
    } else if (a == "--cold-reads" && has_value) {
      o.cold_reads = std::strtoull(argv[++k], nullptr, 10);
    } else if (a == "--opens" && has_value) {
      o.opens = std::strtoull(argv[++k], nullptr, 10);
    } else if (a == "--seed" && has_value) {
      o.seed = std::strtoull(argv[++k], nullptr, 10);
    } else if (!a.empty() && a[0] != '-' && o.file.empty()) {
      o.file = a;
    } else {
      return false;
    }
  }
  return !o.system.empty() && !o.articles.empty() && !o.file.empty() && o.reads > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: read_bench --system sheaf|zstd|sqlite|zim --articles SET [--pages PAGES]"
                 " [--reads N] [--cold-reads M] [--opens R] [--seed S] FILE\n");
    return 2;
  }
  std::unique_ptr<bench::Driver> driver;
  if (o.system == "sheaf") {
    driver = bench::make_sheaf_driver();
  } else if (o.system == "zstd") {
    driver = bench::make_zstd_driver();
  } else if (o.system == "sqlite") {
    driver = bench::make_sqlite_driver();
  } else if (o.system == "zim") {
    driver = bench::make_zim_driver();
  } else {
    die("unknown system " + o.system);
  }
  const Expected expected = load_expected(o, driver->payload());
  if (expected.ids.empty()) {
    die("empty article set");
  }
  Bench b(o, *driver, expected);
  b.run();
  b.print_json();
  return 0;
}
