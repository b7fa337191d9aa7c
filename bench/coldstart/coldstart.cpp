// bench/coldstart: a kiosk's cold start and its cold reads, sheaf against SQLite, with the
// bundle's pages evicted from the page cache (bench/coldstart/README.md defines the figures).
//
//   coldstart --bundle B --articles SET [--sqlite S] [--boots M] [--reads N] [--seed X]
//
// boot-to-first-screen: with no page of the file in the page cache: map the file, Bundle::open,
//   Decoder::init, the newest list screen (10 headlines with dates), then the first headline's
//   article. M times (default 20), each after an eviction.
// steady-state cold read: the reader open and initialised, what it prefetched resident, every
//   other page of the file evicted; then one read by id of a random article. N times (default
//   300).
// sheaf runs both without prefetch (nothing resident: the cold read as bench/compare measures
// it), with prefetch_dictionary() (the dictionary resident) and with prefetch_lookup_tables()
// (the dictionary and the index but its article table resident); SQLite (the same articles,
// bench/compare's store) under the same evictions, its dictionary in its heap.
// For each: wall time, page faults (getrusage ru_majflt, ru_minflt), KiB read from the device
// (ru_inblock) and the file's pages brought into the page cache (mincore before and after),
// the sheaf rows per section.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zstd.h>

#include <sheaf/posix_file.hpp>
#include <sheaf/screens.hpp>
#include <sheaf/sheaf.hpp>

#include "../compare/common.hpp"

namespace {

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "coldstart: error: %s\n", message.c_str());
  std::exit(1);
}

const size_t kPage = static_cast<size_t>(::sysconf(_SC_PAGESIZE));

/// The file under test: a descriptor for posix_fadvise, an untouched mapping for mincore().
class Residency {
 public:
  void open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0 || !probe_.open(path)) {
      die(path + ": cannot open");
    }
    ::fsync(fd_);  // dirty pages cannot be evicted
    pages_ = (probe_.size() + kPage - 1) / kPage;
  }

  size_t pages() const { return pages_; }

  /// Evicts every page of the file but those marked in `keep` (one flag a page; empty: none):
  /// `mapped` (the reader's mapping of the whole file, or empty) first drops them from its page
  /// tables (the kernel keeps mapped pages), then posix_fadvise DONTNEED evicts them. Retries
  /// briefly while a read is still in flight. @return false when some page not kept stays
  /// resident, or some kept page is not resident.
  bool evict(sheaf::ByteSpan mapped, const std::vector<bool>& keep) const {
    auto kept = [&](size_t p) { return p < keep.size() && keep[p]; };
    for (int attempt = 0; attempt < 40; ++attempt) {
      for (size_t p = 0; p < pages_;) {
        size_t q = p;
        while (q < pages_ && !kept(q)) {
          ++q;
        }
        drop(mapped, p, q);
        p = q + 1;
      }
      const std::vector<unsigned char> now = snapshot();
      bool clean = true;
      for (size_t p = 0; p < pages_ && clean; ++p) {
        clean = kept(p) == ((now[p] & 1) != 0);
      }
      if (clean) {
        return true;
      }
      ::usleep(500);
    }
    return false;
  }

  /// Waits (up to two seconds) for the pages marked in `keep` to be resident: MADV_WILLNEED's
  /// reads are asynchronous.
  void wait_resident(const std::vector<bool>& keep) const {
    for (int wait = 0; wait < 400; ++wait) {
      const std::vector<unsigned char> now = snapshot();
      bool all = true;
      for (size_t p = 0; p < pages_ && p < keep.size() && all; ++p) {
        all = !keep[p] || (now[p] & 1) != 0;
      }
      if (all) {
        return;
      }
      ::usleep(5000);
    }
  }

  std::vector<unsigned char> snapshot() const {
    std::vector<unsigned char> v(pages_);
    if (pages_ > 0 &&
        ::mincore(const_cast<uint8_t*>(probe_.data()), probe_.size(), v.data()) != 0) {
      die("mincore failed");
    }
    return v;
  }

  size_t resident(size_t first, size_t end) const {
    const std::vector<unsigned char> v = snapshot();
    size_t n = 0;
    for (size_t p = first; p < end && p < pages_; ++p) {
      n += v[p] & 1U;
    }
    return n;
  }

 private:
  void drop(sheaf::ByteSpan mapped, size_t first, size_t end) const {
    if (first >= end) {
      return;
    }
    if (!mapped.empty()) {
      ::madvise(const_cast<uint8_t*>(mapped.data()) + first * kPage,
                std::min(end * kPage, mapped.size()) - first * kPage, MADV_DONTNEED);
    }
    ::posix_fadvise(fd_, static_cast<off_t>(first * kPage),
                    end >= pages_ ? 0 : static_cast<off_t>((end - first) * kPage),
                    POSIX_FADV_DONTNEED);
  }

  int fd_ = -1;
  bench::Mapping probe_;
  size_t pages_ = 0;
};

/// Which section each page of the bundle starts in: "header" before the first section.
struct PageMap {
  std::vector<std::string> names;  // per page
  std::string layout;              // "index 0-4, dictionary 4-192, ...": pages [first, end)

  void build(const sheaf::Bundle& b, size_t pages) {
    names.assign(pages, "header");
    layout.clear();
    static const char* const kKinds[] = {
        "?",       "index",      "dictionary",       "data",   "sources",  "packed dict",
        "charset", "navigation", "titles (retired)", "search", "headlines"};
    for (uint32_t k = 0; k < b.section_count(); ++k) {
      const sheaf::Result<sheaf::SectionEntry> s = b.section(k);
      if (!s.ok() || s.value().size == 0) {
        continue;
      }
      const char* name =
          s.value().kind < sizeof(kKinds) / sizeof(kKinds[0]) ? kKinds[s.value().kind] : "other";
      const size_t first = static_cast<size_t>(s.value().offset) / kPage;
      const size_t end =
          static_cast<size_t>((s.value().offset + s.value().size + kPage - 1) / kPage);
      layout += (layout.empty() ? "" : ", ") + std::string(name) + " " + std::to_string(first) +
                "-" + std::to_string(end);
      for (size_t p = first; p < end && p < pages; ++p) {
        // A page shared by two sections counts for the one it starts in.
        if (p == first && names[p] != "header" && s.value().offset % kPage != 0) {
          continue;
        }
        names[p] = name;
      }
    }
  }
};

/// One figure: M runs, each timed alone.
struct Figure {
  explicit Figure(std::string n) : name(std::move(n)) {}

  std::string name;
  std::vector<double> us;
  uint64_t major = 0, minor = 0, in_blocks = 0, pages = 0;
  size_t not_cold = 0, failed = 0;
  std::map<std::string, uint64_t> by_section;  // pages brought in, summed over the runs
  std::string first_error;
};

struct Probe {
  struct rusage ru {};

  std::vector<unsigned char> resident;
  uint64_t t = 0;
};

Probe start(const Residency& r) {
  Probe p;
  p.resident = r.snapshot();
  ::getrusage(RUSAGE_SELF, &p.ru);
  p.t = bench::now_ns();
  return p;
}

void stop(const Probe& before, const Residency& r, const PageMap* map, Figure& f) {
  const uint64_t t = bench::now_ns();

  struct rusage ru {};

  ::getrusage(RUSAGE_SELF, &ru);
  const std::vector<unsigned char> after = r.snapshot();
  f.us.push_back(static_cast<double>(t - before.t) / 1e3);
  f.major += static_cast<uint64_t>(ru.ru_majflt - before.ru.ru_majflt);
  f.minor += static_cast<uint64_t>(ru.ru_minflt - before.ru.ru_minflt);
  f.in_blocks += static_cast<uint64_t>(ru.ru_inblock - before.ru.ru_inblock);
  for (size_t p = 0; p < after.size(); ++p) {
    if ((after[p] & 1) != 0 && (before.resident[p] & 1) == 0) {
      ++f.pages;
      if (map != nullptr) {
        ++f.by_section[map->names[p]];
      }
    }
  }
}

void fail(Figure& f, const std::string& why) {
  ++f.failed;
  if (f.first_error.empty()) {
    f.first_error = why;
  }
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(q * static_cast<double>(v.size()) + 0.999999);
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

struct Options {
  std::string bundle, sqlite, articles;
  size_t boots = 20, reads = 300;
  uint64_t seed = 20240601;
};

class Bench {
 public:
  explicit Bench(const Options& o) : o_(o) {
    std::string error;
    if (!set_.open(o.articles, error)) {
      die(error);
    }
    if (set_.articles().empty()) {
      die("empty article set");
    }
    std::mt19937_64 rng(o.seed);
    std::uniform_int_distribution<size_t> pick(0, set_.articles().size() - 1);
    for (size_t k = 0; k < o.reads; ++k) {
      picks_.push_back(pick(rng));
    }
    for (const bench::Article& a : set_.articles()) {
      max_text_ = std::max(max_text_, a.text.size());
    }
    scratch_.assign(max_text_ + 1, ' ');  // touched now, not during the reads
    scratch_.clear();
  }

  // ------------------------------------------------------------------ sheaf

  /// Maps the bundle into `f` and opens it; a benchmark without its bundle stops.
  sheaf::Bundle open_bundle(sheaf::MappedFile& f) const {
    if (f.open(o_.bundle.c_str(), sheaf::Access::random) != sheaf::Errc::ok) {
      die(o_.bundle + ": cannot map");
    }
    const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(f.bytes());
    if (!b.ok()) {
      die(o_.bundle + ": " + sheaf::to_string(b.error()));
    }
    return b.value();
  }

  /// level 0: no prefetch; 1: prefetch_dictionary(); 2: prefetch_lookup_tables().
  void sheaf_figures(int level, Figure& boot, Figure& read) {
    Residency res;
    res.open(o_.bundle);
    {
      // The section of each page, and buffers allocated and touched before any timing. No
      // readahead: it could still be filling the page cache when the first boot starts.
      sheaf::MappedFile f;
      const sheaf::Bundle b = open_bundle(f);
      map_.build(b, res.pages());
      workspace_.assign((sheaf::Decoder::workspace_size(b) + 7) / 8, 0);
      buffer_.assign(std::max<size_t>(b.info().max_read_size, 1), 0);
    }
    const std::vector<bool> none;
    for (size_t k = 0; k < o_.boots; ++k) {
      if (!res.evict(sheaf::ByteSpan(), none)) {
        ++boot.not_cold;
      }
      const Probe p = start(res);
      const std::string error = sheaf_boot(level);
      stop(p, res, &map_, boot);
      if (!error.empty()) {
        fail(boot, error);
      }
    }

    sheaf::MappedFile f;
    const sheaf::Bundle b = open_bundle(f);
    // Steady state: what was prefetched stays resident (every read uses it); without the
    // prefetch nothing keeps the dictionary, and each read starts with nothing of the file in
    // memory.
    std::vector<bool> keep(res.pages(), false);
    auto mark = [&](const sheaf::MappedRange& r) {
      for (size_t p = r.offset / kPage; p < (r.offset + r.size + kPage - 1) / kPage; ++p) {
        keep[p] = true;
      }
    };
    if (level == 1) {
      mark(sheaf::prefetch_dictionary(f, b));
    } else if (level == 2) {
      const sheaf::LookupPrefetch l = sheaf::prefetch_lookup_tables(f, b);
      mark(l.dictionary);
      mark(l.index_front);
      mark(l.index_back);
    }
    kept_pages_[level] = static_cast<size_t>(std::count(keep.begin(), keep.end(), true));
    sheaf::Result<sheaf::Decoder> d = sheaf::Decoder::init(b, workspace());
    if (!d.ok()) {
      die(o_.bundle + ": decoder: " + sheaf::to_string(d.error()));
    }
    sheaf::Decoder decoder = d.value();
    res.wait_resident(keep);
    for (const size_t k : picks_) {
      if (!res.evict(f.bytes(), keep)) {
        ++read.not_cold;
      }
      const bench::Article& a = set_.articles()[k];
      const Probe p = start(res);
      const sheaf::Result<sheaf::Found> found = decoder.find(a.id, buffer());
      stop(p, res, &map_, read);
      check(read, a, found);
    }
  }

  std::string sheaf_boot(int level) {
    sheaf::MappedFile f;
    if (f.open(o_.bundle.c_str(), sheaf::Access::random) != sheaf::Errc::ok) {
      return "cannot map";
    }
    const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(f.bytes());
    if (!b.ok()) {
      return sheaf::to_string(b.error());
    }
    if (level == 1) {
      sheaf::prefetch_dictionary(f, b.value());
    } else if (level == 2) {
      sheaf::prefetch_lookup_tables(f, b.value());
    }
    sheaf::Result<sheaf::Decoder> d = sheaf::Decoder::init(b.value(), workspace());
    if (!d.ok()) {
      return std::string("decoder: ") + sheaf::to_string(d.error());
    }
    sheaf::Decoder decoder = d.value();
    const sheaf::Result<sheaf::Navigation> nav = b.value().navigation();
    const sheaf::Result<sheaf::Headlines> headlines = b.value().headlines();
    if (!nav.ok() || !headlines.ok()) {
      return "no NAVIGATION or HEADLINES section";
    }
    sheaf::Headline lines[10];
    std::vector<uint8_t> text(sheaf::screen_buffer_size(headlines.value(), 10));
    const sheaf::Result<size_t> n =
        sheaf::newest_headlines(nav.value(), headlines.value(), decoder, 0, lines, 10,
                                sheaf::MutableByteSpan(text.data(), text.size()));
    if (!n.ok() || n.value() == 0) {
      return "no list screen";
    }
    char date[10];
    for (size_t j = 0; j < n.value(); ++j) {
      screen_chars_ += sheaf::date_text(lines[j].date_key, date) + lines[j].title.size();
    }
    const sheaf::Result<sheaf::Record> r = decoder.read(lines[0].article, buffer());
    if (!r.ok()) {
      return std::string("read: ") + sheaf::to_string(r.error());
    }
    screen_chars_ += r.value().body.size();
    return {};
  }

  // ------------------------------------------------------------------ SQLite

  void sqlite_figures(Figure& boot, Figure& read) {
    Residency res;
    res.open(o_.sqlite);
    for (size_t k = 0; k < o_.boots; ++k) {
      if (!res.evict(sheaf::ByteSpan(), std::vector<bool>())) {
        ++boot.not_cold;
      }
      const Probe p = start(res);
      const std::string error = sqlite_boot();
      stop(p, res, nullptr, boot);
      if (!error.empty()) {
        fail(boot, error);
      }
    }
    Sqlite db;
    const std::string error = db.open(o_.sqlite);
    if (!error.empty()) {
      die(o_.sqlite + ": " + error);
    }
    for (const size_t k : picks_) {
      // Its own page cache emptied, the file evicted: the dictionary (in the heap since the
      // open) is all that stays, as sheaf's does in the page cache.
      sqlite3_db_release_memory(db.db);
      if (!res.evict(sheaf::ByteSpan(), std::vector<bool>())) {
        ++read.not_cold;
      }
      const bench::Article& a = set_.articles()[k];
      const Probe p = start(res);
      std::string_view text;
      const std::string e = db.read(std::string(a.id), text);
      stop(p, res, nullptr, read);
      if (!e.empty()) {
        fail(read, std::string(a.id) + ": " + e);
      } else if (text != a.text) {
        fail(read, std::string(a.id) + ": wrong text");
      }
    }
  }

  std::string sqlite_boot() {
    Sqlite db;
    std::string error = db.open(o_.sqlite);
    if (!error.empty()) {
      return error;
    }
    // The first screen: ten titles. The store has no dates; the last ten rows are the
    // cheapest ten titles it can list (a date order would need an index of its own).
    sqlite3_stmt* list = nullptr;
    if (sqlite3_prepare_v2(db.db, "SELECT id, title FROM articles ORDER BY rowid DESC LIMIT 10", -1,
                           &list, nullptr) != SQLITE_OK) {
      return sqlite3_errmsg(db.db);
    }
    std::string first;
    while (sqlite3_step(list) == SQLITE_ROW) {
      if (first.empty()) {
        first = reinterpret_cast<const char*>(sqlite3_column_text(list, 0));
      }
      screen_chars_ += static_cast<size_t>(sqlite3_column_bytes(list, 1));
    }
    sqlite3_finalize(list);
    if (first.empty()) {
      return "no rows";
    }
    std::string_view text;
    error = db.read(first, text);
    screen_chars_ += text.size();
    return error;
  }

  // ------------------------------------------------------------------ report

  static void print(const Figure& f) {
    const double n = f.us.empty() ? 1.0 : static_cast<double>(f.us.size());
    std::printf("%-44s %5zu %9.1f %9.1f %9.1f %8.1f %8.1f %8.1f %8.1f", f.name.c_str(), f.us.size(),
                percentile(f.us, 0.5), percentile(f.us, 0.9), percentile(f.us, 0.99),
                static_cast<double>(f.major) / n, static_cast<double>(f.minor) / n,
                static_cast<double>(f.pages) / n, static_cast<double>(f.in_blocks) / 2.0 / n);
    std::string sections;
    for (const auto& [name, pages] : f.by_section) {
      char s[64];
      std::snprintf(s, sizeof(s), "%s%s %.1f", sections.empty() ? "" : ", ", name.c_str(),
                    static_cast<double>(pages) / n);
      sections += s;
    }
    std::printf("  %s\n", sections.c_str());
    const double kib_in_pages = static_cast<double>(f.pages) * static_cast<double>(kPage) / 1024.0;
    if (kib_in_pages > static_cast<double>(f.in_blocks) / 2.0 * 1.05 + 8.0 * n) {
      std::printf(
          "    more pages arrived than this process read: another process reads the file?\n");
    }
    if (f.not_cold > 0) {
      std::printf("    %zu runs did not start cold (pages still resident after eviction)\n",
                  f.not_cold);
    }
    if (f.failed > 0) {
      std::printf("    %zu FAILED, first: %s\n", f.failed, f.first_error.c_str());
    }
  }

  static void header() {
    std::printf("%-44s %5s %9s %9s %9s %8s %8s %8s %8s  %s\n", "figure", "runs", "p50 us", "p90 us",
                "p99 us", "majflt", "minflt", "pages", "KiB read", "pages by section (sheaf)");
  }

  /// Pages kept resident in the steady state at each prefetch level.
  size_t kept_pages(int level) const { return kept_pages_[level]; }

  const std::string& layout() const { return map_.layout; }

 private:
  struct Sqlite {
    sqlite3* db = nullptr;
    sqlite3_stmt* by_id = nullptr;
    ZSTD_DCtx* dctx = nullptr;
    ZSTD_DDict* ddict = nullptr;
    std::vector<char> out;

    ~Sqlite() {
      sqlite3_finalize(by_id);
      sqlite3_close(db);
      ZSTD_freeDCtx(dctx);
      ZSTD_freeDDict(ddict);
    }

    std::string open(const std::string& path) {
      if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
              SQLITE_OK ||
          sqlite3_prepare_v3(db, "SELECT body FROM articles WHERE id = ?1", -1,
                             SQLITE_PREPARE_PERSISTENT, &by_id, nullptr) != SQLITE_OK) {
        return sqlite3_errmsg(db);
      }
      sqlite3_stmt* meta = nullptr;
      sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &meta, nullptr);
      size_t max_text = 0;
      while (meta != nullptr && sqlite3_step(meta) == SQLITE_ROW) {
        const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(meta, 0));
        if (key == "dictionary") {
          ddict = ZSTD_createDDict(sqlite3_column_blob(meta, 1),
                                   static_cast<size_t>(sqlite3_column_bytes(meta, 1)));
        } else if (key == "max_text") {
          max_text = static_cast<size_t>(sqlite3_column_int64(meta, 1));
        }
      }
      sqlite3_finalize(meta);
      dctx = ZSTD_createDCtx();
      out.resize(max_text + 1);
      return dctx != nullptr ? "" : "cannot create the zstd context";
    }

    std::string read(const std::string& id, std::string_view& text) {
      sqlite3_bind_text(by_id, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
      std::string error = "not found";
      if (sqlite3_step(by_id) == SQLITE_ROW) {
        const void* blob = sqlite3_column_blob(by_id, 0);
        const size_t size = static_cast<size_t>(sqlite3_column_bytes(by_id, 0));
        const size_t n =
            ddict != nullptr
                ? ZSTD_decompress_usingDDict(dctx, out.data(), out.size(), blob, size, ddict)
                : ZSTD_decompressDCtx(dctx, out.data(), out.size(), blob, size);
        if (ZSTD_isError(n)) {
          error = ZSTD_getErrorName(n);
        } else {
          text = std::string_view(out.data(), n);
          error.clear();
        }
      }
      sqlite3_reset(by_id);
      return error;
    }
  };

  sheaf::MutableByteSpan workspace() {
    return sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace_.data()),
                                  workspace_.size() * 8);
  }

  sheaf::MutableByteSpan buffer() { return sheaf::MutableByteSpan(buffer_.data(), buffer_.size()); }

  void check(Figure& f, const bench::Article& a, const sheaf::Result<sheaf::Found>& found) {
    if (!found.ok()) {
      fail(f, std::string(a.id) + ": " + sheaf::to_string(found.error()));
      return;
    }
    const sheaf::Record& r = found.value().record;
    scratch_.assign(r.title);
    scratch_ += '\n';
    scratch_.append(r.body);
    if (scratch_ != a.text) {
      fail(f, std::string(a.id) + ": wrong text");
    }
  }

  const Options& o_;
  bench::ArticleSet set_;
  std::vector<size_t> picks_;
  size_t max_text_ = 0;
  std::string scratch_;
  std::vector<uint64_t> workspace_;
  std::vector<uint8_t> buffer_;
  PageMap map_;
  size_t kept_pages_[3] = {0, 0, 0};
  size_t screen_chars_ = 0;  // keeps the screens' work observable
};

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: coldstart --bundle B --articles SET [--sqlite S] [--boots M] [--reads N] "
               "[--seed X]\n"
               "  B: a sheaf bundle with NAVIGATION and HEADLINES (the default build); SET: the\n"
               "  article set (bench/compare's articles.bin) of the same articles; S: the same\n"
               "  articles in SQLite (build_stores sqlite). M boots (default 20), N reads\n"
               "  (default 300) per figure. Needs the right to evict the files' pages.\n");
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    const bool more = k + 1 < argc;
    if (a == "-h" || a == "--help") {
      usage(stdout);
      return 0;
    } else if (a == "--bundle" && more) {
      o.bundle = argv[++k];
    } else if (a == "--sqlite" && more) {
      o.sqlite = argv[++k];
    } else if (a == "--articles" && more) {
      o.articles = argv[++k];
    } else if (a == "--boots" && more) {
      o.boots = std::strtoull(argv[++k], nullptr, 10);
    } else if (a == "--reads" && more) {
      o.reads = std::strtoull(argv[++k], nullptr, 10);
    } else if (a == "--seed" && more) {
      o.seed = std::strtoull(argv[++k], nullptr, 10);
    } else {
      usage(stderr);
      return 2;
    }
  }
  if (o.bundle.empty() || o.articles.empty()) {
    usage(stderr);
    return 2;
  }
  Bench bench(o);
  Figure boot0("sheaf boot-to-first-screen, no prefetch");
  Figure read0("sheaf cold read, no prefetch (nothing cached)");
  Figure boot1("sheaf boot-to-first-screen, prefetch dict");
  Figure read1("sheaf steady-state cold read, prefetch dict");
  Figure boot2("sheaf boot-to-first-screen, prefetch lookup");
  Figure read2("sheaf steady-state cold read, prefetch lookup");
  Figure boot_sql("SQLite boot-to-first-screen");
  Figure read_sql("SQLite steady-state cold read");
  bench.sheaf_figures(0, boot0, read0);
  bench.sheaf_figures(1, boot1, read1);
  bench.sheaf_figures(2, boot2, read2);
  if (!o.sqlite.empty()) {
    bench.sqlite_figures(boot_sql, read_sql);
  }
  std::printf("coldstart: %s, %zu boots and %zu reads per figure (seed %" PRIu64
              "), pages of %zu bytes; means per run\n",
              o.bundle.c_str(), o.boots, o.reads, o.seed, kPage);
  std::printf("sheaf sections, pages [first-end): %s\n", bench.layout().c_str());
  std::printf(
      "kept resident in the steady state: prefetch dict (prefetch_dictionary) %zu pages, "
      "prefetch lookup (prefetch_lookup_tables) %zu pages\n",
      bench.kept_pages(1), bench.kept_pages(2));
  Bench::header();
  size_t failed = 0;
  for (const Figure* f : {&boot0, &boot1, &boot2, &boot_sql, &read0, &read1, &read2, &read_sql}) {
    if (!f->us.empty()) {
      Bench::print(*f);
    }
    failed += f->failed;
  }
  return failed > 0 ? 1 : 0;
}
