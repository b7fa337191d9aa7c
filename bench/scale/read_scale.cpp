// bench/scale/read_scale: reads a scale bundle through the public runtime API only
// (MappedFile, Bundle::open, article, frame, record_plan, Decoder::find/read/read_bytes,
// parse_record) and checks every body it reads against the generator's expected.tsv (size and
// CRC-32). Prints figures as JSON on stdout.
//
//   read_scale BUNDLE EXPECTED_TSV [--random N] [--seed S] [--no-full] [--mark BYTES]
//
// 1. open: a cold open (after evicting the file from the page cache) and the median of 1,000 opens;
// 2. N random reads by id (Decoder::find), once cold and once warm: p50/p99/max;
// 3. a full pass over every article in id order (unless --no-full), decoding each frame once
//    (read_bytes with its frame cache, then parse_record): all bodies checked;
// 4. past the mark (default 4 GiB): every marker article ('m' in expected.tsv) and the first
//    article whose frames end past the mark (its body crosses it or starts past it), with their
//    file offsets, read and checked.
// Exit 0 when every check passes, 1 otherwise.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "scale_common.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Expected {
  std::string id;
  uint64_t size = 0;
  uint32_t crc = 0;
  char kind = scale::kNormal;
};

struct Reader {
  const sheaf::Bundle* bundle;
  sheaf::Decoder* decoder;
  std::vector<uint8_t>* buffer;
  const std::vector<Expected>* expected;
  std::unordered_map<std::string_view, size_t>* by_id;
  uint64_t failures = 0;

  void fail(const std::string& what) {
    if (failures < 20) {
      std::fprintf(stderr, "read_scale: FAIL %s\n", what.c_str());
    }
    ++failures;
  }

  /// Checks one record against expected.tsv; `body_size` gets its body size.
  bool check(const sheaf::Result<sheaf::Record>& record, const std::string& what,
             uint64_t& body_size) {
    if (!record.ok()) {
      fail(what + ": read: " + sheaf::to_string(record.error()));
      return false;
    }
    const sheaf::Record& r = record.value();
    body_size = r.body.size();
    const auto it = by_id->find(r.id);
    if (it == by_id->end()) {
      fail(std::string(r.id) + ": not in expected.tsv");
      return false;
    }
    const Expected& e = (*expected)[it->second];
    if (r.body.size() != e.size || scale::Crc32::of(r.body) != e.crc) {
      fail(e.id + ": body differs from the generated one");
      return false;
    }
    return true;
  }
};

std::vector<Expected> load_expected(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "read_scale: cannot read %s\n", path);
    std::exit(1);
  }
  std::vector<Expected> out;
  for (std::string line; std::getline(in, line);) {
    const size_t t1 = line.find('\t');
    const size_t t2 = line.find('\t', t1 + 1);
    const size_t t3 = line.find('\t', t2 + 1);
    if (t3 == std::string::npos || t3 + 1 >= line.size()) {
      std::fprintf(stderr, "read_scale: bad line in %s: %s\n", path, line.c_str());
      std::exit(1);
    }
    Expected e;
    e.id = line.substr(0, t1);
    e.size = std::strtoull(line.c_str() + t1 + 1, nullptr, 10);
    e.crc = static_cast<uint32_t>(std::strtoul(line.c_str() + t2 + 1, nullptr, 16));
    e.kind = line[t3 + 1];
    out.push_back(std::move(e));
  }
  return out;
}

double us_since(Clock::time_point t) {
  return std::chrono::duration<double, std::micro>(Clock::now() - t).count();
}

void evict(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
  }
}

/// "p50/p99/max/mean" of latencies in microseconds, as a JSON object.
std::string percentiles(std::vector<double> v) {
  if (v.empty()) {
    return "null";
  }
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (const double x : v) {
    sum += x;
  }
  const auto at = [&v](double q) {
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "{\"p50_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f,\"mean_us\":%.1f}", at(0.50),
                at(0.99), v.back(), sum / static_cast<double>(v.size()));
  return buf;
}

/// File offset of the frame where article i's body starts (DATA base + frame offset).
struct Where {
  uint32_t frame = 0;
  uint64_t data_offset = 0;  ///< from the start of the DATA section
  uint64_t file_offset = 0;
  uint32_t compressed_size = 0;
};

bool where(const sheaf::Bundle& b, const sheaf::ArticleView& a, Where& w) {
  const sheaf::Result<sheaf::FrameView> f = b.frame(a.first_frame);
  if (!f.ok()) {
    return false;
  }
  w.frame = a.first_frame;
  w.data_offset = f.value().offset;
  w.file_offset = static_cast<uint64_t>(b.data().data() - b.file().data()) + f.value().offset;
  w.compressed_size = f.value().compressed_size;
  return true;
}

/// File offset just past the last frame holding article a's record (0 when unknown).
uint64_t body_end(const sheaf::Bundle& b, const sheaf::ArticleView& a) {
  const sheaf::Result<sheaf::RecordPlan> plan = b.record_plan(a);
  if (!plan.ok() || plan.value().frame_count == 0) {
    return 0;
  }
  const sheaf::Result<sheaf::FrameView> f =
      b.frame(plan.value().first_frame + plan.value().frame_count - 1);
  if (!f.ok()) {
    return 0;
  }
  return static_cast<uint64_t>(b.data().data() - b.file().data()) + f.value().offset +
         f.value().compressed_size;
}

std::string json_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: read_scale BUNDLE EXPECTED_TSV [--random N] [--seed S] "
                 "[--no-full] [--mark BYTES]\n");
    return 2;
  }
  const char* path = argv[1];
  uint64_t random_reads = 10000;
  uint64_t seed = 7;
  uint64_t mark = uint64_t{1} << 32;
  bool full = true;
  for (int i = 3; i < argc; ++i) {
    const std::string key = argv[i];
    if (key == "--no-full") {
      full = false;
    } else if (i + 1 < argc && key == "--random") {
      random_reads = std::strtoull(argv[++i], nullptr, 10);
    } else if (i + 1 < argc && key == "--seed") {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (i + 1 < argc && key == "--mark") {
      mark = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "read_scale: unknown option %s\n", key.c_str());
      return 2;
    }
  }

  std::vector<Expected> expected = load_expected(argv[2]);
  std::unordered_map<std::string_view, size_t> by_id;
  by_id.reserve(expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    by_id.emplace(expected[k].id, k);
  }

  // 1. Open: cold, then warm (the median of many).
  evict(path);
  auto t = Clock::now();
  sheaf::MappedFile file;
  if (file.open(path) != sheaf::Errc::ok) {
    std::fprintf(stderr, "read_scale: cannot map %s (errno %d)\n", path, file.error_number());
    return 1;
  }
  sheaf::Result<sheaf::Bundle> opened = sheaf::Bundle::open(file.bytes());
  const double open_cold_us = us_since(t);
  if (!opened.ok()) {
    std::fprintf(stderr, "read_scale: %s: %s\n", path, sheaf::to_string(opened.error()));
    return 1;
  }
  std::vector<double> opens;
  for (int k = 0; k < 1000; ++k) {
    t = Clock::now();
    sheaf::MappedFile f;
    const bool ok = f.open(path) == sheaf::Errc::ok && sheaf::Bundle::open(f.bytes()).ok();
    opens.push_back(us_since(t));
    if (!ok) {
      std::fprintf(stderr, "read_scale: reopen failed\n");
      return 1;
    }
  }
  const sheaf::Bundle& b = opened.value();
  const sheaf::BundleInfo info = b.info();

  std::vector<uint64_t> workspace((sheaf::Decoder::workspace_size(b) + 7) / 8);
  t = Clock::now();
  sheaf::Result<sheaf::Decoder> made =
      sheaf::Decoder::init(b, sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()),
                                                     workspace.size() * sizeof(uint64_t)));
  const double decoder_init_us = us_since(t);
  if (!made.ok()) {
    std::fprintf(stderr, "read_scale: decoder: %s\n", sheaf::to_string(made.error()));
    return 1;
  }
  sheaf::Decoder decoder = made.value();
  std::vector<uint8_t> buffer(std::max(info.max_read_size, info.max_frame_size));
  Reader r{&b, &decoder, &buffer, &expected, &by_id};
  if (b.size() != expected.size()) {
    r.fail("bundle has " + std::to_string(b.size()) + " articles, expected.tsv " +
           std::to_string(expected.size()));
  }

  // 2. Random reads by id: cold (file evicted), then the same ids warm.
  std::vector<size_t> picks;
  scale::Rng rng(seed);
  for (uint64_t k = 0; k < random_reads && !expected.empty(); ++k) {
    picks.push_back(rng.below(expected.size()));
  }
  std::vector<double> cold;
  std::vector<double> warm;
  std::vector<double> warm_news;     // 'n' and 'm': short articles sharing frames
  std::vector<double> warm_padding;  // 'p': 1 MiB bodies over many frames
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 0) {
      evict(path);
    }
    for (const size_t k : picks) {
      t = Clock::now();
      const sheaf::Result<sheaf::Found> found =
          decoder.find(expected[k].id, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
      const double us = us_since(t);
      (pass == 0 ? cold : warm).push_back(us);
      if (pass == 1) {
        (expected[k].kind == scale::kPadding ? warm_padding : warm_news).push_back(us);
      }
      if (!found.ok() || found.value().record.id != expected[k].id ||
          found.value().record.body.size() != expected[k].size ||
          scale::Crc32::of(found.value().record.body) != expected[k].crc) {
        r.fail(expected[k].id + ": random read failed or differs");
      }
    }
  }

  // 3. Every article, in id order; also finds the first frame at or past the mark.
  double full_s = 0;
  uint64_t full_bytes = 0;
  uint64_t past_mark = 0;
  uint32_t straddle_article = UINT32_MAX;
  if (full) {
    t = Clock::now();
    uint32_t cached = UINT32_MAX;
    for (uint32_t i = 0; i < b.size(); ++i) {
      const sheaf::Result<sheaf::ArticleView> a = b.article(i);
      if (!a.ok()) {
        r.fail("article " + std::to_string(i) + ": " + sheaf::to_string(a.error()));
        continue;
      }
      const sheaf::Result<std::string_view> bytes = decoder.read_bytes(
          a.value(), sheaf::MutableByteSpan(buffer.data(), buffer.size()), cached);
      uint64_t size = 0;
      if (r.check(bytes.ok() ? sheaf::parse_record(bytes.value())
                             : sheaf::Result<sheaf::Record>(bytes.error()),
                  "article " + std::to_string(i), size)) {
        full_bytes += size;
      }
      Where w;
      if (where(b, a.value(), w) && body_end(b, a.value()) > mark) {
        ++past_mark;
        if (straddle_article == UINT32_MAX) {
          straddle_article = i;
        }
      }
    }
    full_s = us_since(t) / 1e6;
  }

  // 4. Past the mark: the first article whose record ends past it, and the markers.
  std::string beyond = "[";
  uint64_t markers = 0;
  uint64_t markers_past = 0;
  const auto report = [&](uint32_t i, const char* why) {
    const sheaf::Result<sheaf::ArticleView> a = b.article(i);
    Where w;
    if (!a.ok() || !where(b, a.value(), w)) {
      r.fail("article " + std::to_string(i) + ": no frame");
      return false;
    }
    t = Clock::now();
    const sheaf::Result<sheaf::Record> record =
        decoder.read(i, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
    const double us = us_since(t);
    uint64_t body_size = 0;
    const bool ok = r.check(record, "article " + std::to_string(i), body_size);
    const std::string id = record.ok() ? std::string(record.value().id) : "?";
    char line[512];
    std::snprintf(line, sizeof line,
                  "%s{\"why\":\"%s\",\"id\":\"%s\",\"index\":%u,\"frame\":%u,"
                  "\"data_offset\":%llu,\"file_offset\":%llu,\"file_offset_gib\":%.4f,"
                  "\"frame_bytes\":%u,\"body_bytes\":%llu,\"read_us\":%.1f,\"ok\":%s}",
                  beyond.size() > 1 ? "," : "", why, json_escape(id).c_str(), i, w.frame,
                  static_cast<unsigned long long>(w.data_offset),
                  static_cast<unsigned long long>(w.file_offset),
                  static_cast<double>(w.file_offset) / (1024.0 * 1024 * 1024), w.compressed_size,
                  static_cast<unsigned long long>(body_size), us, ok ? "true" : "false");
    beyond += line;
    return w.file_offset >= mark;
  };
  if (straddle_article != UINT32_MAX) {
    report(straddle_article, "first record ending past the mark");
  }
  for (const Expected& e : expected) {
    if (e.kind != scale::kMarker) {
      continue;
    }
    ++markers;
    const sheaf::Result<sheaf::Found> found =
        decoder.find(e.id, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
    if (!found.ok()) {
      r.fail(e.id + ": marker not found");
      continue;
    }
    if (report(found.value().index, "marker")) {
      ++markers_past;
    } else {
      r.fail(e.id + ": marker frame starts before the mark");
    }
  }
  beyond += "]";

  std::printf(
      "{\"bundle\":\"%s\",\"file_bytes\":%llu,\"articles\":%u,\"frames\":%u,"
      "\"index_bytes\":%llu,\"dictionary_bytes\":%llu,\"data_bytes\":%llu,"
      "\"max_frame_size\":%u,\"max_read_size\":%u,\"decoder_workspace_bytes\":%zu,"
      "\"open_cold_us\":%.1f,\"open_warm_median_us\":%.2f,\"decoder_init_us\":%.1f,"
      "\"random_reads\":%zu,\"random_cold\":%s,\"random_warm\":%s,"
      "\"random_warm_news\":%s,\"random_warm_padding\":%s,"
      "\"full_pass\":%s,\"full_pass_s\":%.2f,\"full_pass_body_bytes\":%llu,"
      "\"full_pass_mb_per_s\":%.1f,\"mark_bytes\":%llu,\"articles_with_frame_past_mark\":%llu,"
      "\"markers\":%llu,\"markers_past_mark\":%llu,\"beyond_mark\":%s,\"failures\":%llu}\n",
      json_escape(path).c_str(), static_cast<unsigned long long>(info.file_size), b.size(),
      b.frame_count(), static_cast<unsigned long long>(info.index_size),
      static_cast<unsigned long long>(info.dictionary_size),
      static_cast<unsigned long long>(info.data_size), info.max_frame_size, info.max_read_size,
      workspace.size() * sizeof(uint64_t), open_cold_us,
      [&] {
        std::sort(opens.begin(), opens.end());
        return opens[opens.size() / 2];
      }(),
      decoder_init_us, picks.size(), percentiles(cold).c_str(), percentiles(warm).c_str(),
      percentiles(warm_news).c_str(), percentiles(warm_padding).c_str(), full ? "true" : "false",
      full_s, static_cast<unsigned long long>(full_bytes),
      full_s > 0 ? static_cast<double>(full_bytes) / 1e6 / full_s : 0.0,
      static_cast<unsigned long long>(mark), static_cast<unsigned long long>(past_mark),
      static_cast<unsigned long long>(markers), static_cast<unsigned long long>(markers_past),
      beyond.c_str(), static_cast<unsigned long long>(r.failures));
  return r.failures == 0 ? 0 : 1;
}
