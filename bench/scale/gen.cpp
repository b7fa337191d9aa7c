// bench/scale/gen: deterministic synthetic JSONL corpora for the scale benchmark (see README.md).
//
//   gen news --pool DIR --out DIR [--seed S] [--articles N] [--per-file K]
//   gen big  --pool DIR --out DIR [--seed S] [--articles N] [--per-file K]
//            --pad-articles P --pad-size BYTES --markers M --marker-after BYTES
//
// news: N articles whose bodies recombine the sentences of DIR/sentences.txt (sentences.py),
// ids "YYYY-MM-DD-NNNNNNN" (unsorted input: sheaf sorts them), titles from DIR/titles.txt.
// big: the same N news articles, then P padding articles "pad-NNNNNN" of about BYTES bytes each
// of random, nearly incompressible but valid UTF-8 (byte values spread evenly over ASCII
// symbols, 2-, 3- and 4-byte sequences), then M marker articles (normal news bodies) with ids
// "pad-NNNNNN-marker", so that sheaf's id order places each right after padding article NNNNNN:
// the markers follow the padding articles once their raw bytes exceed --marker-after.
//
// Writes OUT/corpus/part-NNNN.jsonl (K articles each) and OUT/expected.tsv (scale_common.hpp),
// and prints a one-line JSON summary. Everything follows from the seed.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "scale_common.hpp"

namespace {

struct Options {
  std::string mode;
  std::string pool;
  std::string out;
  uint64_t seed = 20240601;
  uint64_t articles = 1000000;
  uint64_t per_file = 100000;
  uint64_t pad_articles = 0;
  uint64_t pad_size = 1 << 20;
  uint64_t markers = 0;
  uint64_t marker_after = 0;
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "gen: %s\n", message.c_str());
  std::exit(1);
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    die("cannot read " + path + " (run sentences.py first)");
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) {
      lines.push_back(line);
    }
  }
  if (lines.empty()) {
    die(path + " is empty");
  }
  return lines;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

/// The JSONL output, split into files of `per_file` records, plus expected.tsv.
class Writer {
 public:
  Writer(const Options& o) : dir_(o.out + "/corpus"), per_file_(o.per_file) {
    expected_ = std::fopen((o.out + "/expected.tsv").c_str(), "wb");
    if (expected_ == nullptr) {
      die("cannot write " + o.out + "/expected.tsv");
    }
  }

  ~Writer() {
    close_part();
    std::fclose(expected_);
  }

  void add(const std::string& id, std::string_view title, std::string_view date,
           std::string_view source, std::string_view category, std::string_view body, char kind) {
    if (part_ == nullptr || in_part_ == per_file_) {
      open_part();
    }
    line_.clear();
    line_ += "{\"id\":";
    append_json_string(line_, id);
    line_ += ",\"title\":";
    append_json_string(line_, title);
    line_ += ",\"date\":";
    append_json_string(line_, date);
    line_ += ",\"source\":";
    append_json_string(line_, source);
    line_ += ",\"category\":";
    append_json_string(line_, category);
    line_ += ",\"body\":";
    append_json_string(line_, body);
    line_ += "}\n";
    if (std::fwrite(line_.data(), 1, line_.size(), part_) != line_.size()) {
      die("write failed (disk full?)");
    }
    std::fprintf(expected_, "%s\t%zu\t%08x\t%c\n", id.c_str(), body.size(), scale::Crc32::of(body),
                 kind);
    ++in_part_;
    ++articles_;
    body_bytes_ += body.size();
    jsonl_bytes_ += line_.size();
  }

  uint64_t articles() const { return articles_; }

  uint64_t body_bytes() const { return body_bytes_; }

  uint64_t jsonl_bytes() const { return jsonl_bytes_; }

  uint64_t files() const { return files_; }

 private:
  void open_part() {
    close_part();
    char name[32];
    std::snprintf(name, sizeof name, "/part-%04llu.jsonl", static_cast<unsigned long long>(files_));
    part_ = std::fopen((dir_ + name).c_str(), "wb");
    if (part_ == nullptr) {
      die("cannot write " + dir_ + name);
    }
    std::setvbuf(part_, nullptr, _IOFBF, 1 << 20);
    ++files_;
    in_part_ = 0;
  }

  void close_part() {
    if (part_ != nullptr && std::fclose(part_) != 0) {
      die("write failed (disk full?)");
    }
    part_ = nullptr;
  }

  std::string dir_;
  uint64_t per_file_;
  std::FILE* part_ = nullptr;
  std::FILE* expected_ = nullptr;
  std::string line_;
  uint64_t in_part_ = 0;
  uint64_t files_ = 0;
  uint64_t articles_ = 0;
  uint64_t body_bytes_ = 0;
  uint64_t jsonl_bytes_ = 0;
};

/// News-like articles from the sentence pool.
class News {
 public:
  explicit News(const std::string& pool)
      : sentences_(read_lines(pool + "/sentences.txt")),
        titles_(read_lines(pool + "/titles.txt")) {}

  /// Paragraphs of 1-4 sentences; 1-6 paragraphs, and 2% long articles of 20-80 paragraphs.
  std::string body(scale::Rng& rng) const {
    const uint64_t paragraphs = rng.below(50) == 0 ? 20 + rng.below(61) : 1 + rng.below(6);
    std::string out;
    for (uint64_t p = 0; p < paragraphs; ++p) {
      if (p > 0) {
        out += '\n';
      }
      const uint64_t n = 1 + rng.below(4);
      for (uint64_t k = 0; k < n; ++k) {
        out += sentences_[rng.below(sentences_.size())];
      }
    }
    return out;
  }

  const std::string& title(scale::Rng& rng) const { return titles_[rng.below(titles_.size())]; }

  static std::string date(scale::Rng& rng) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", static_cast<unsigned>(2000 + rng.below(25)),
                  static_cast<unsigned>(1 + rng.below(12)),
                  static_cast<unsigned>(1 + rng.below(28)));
    return buf;
  }

  void write(Writer& w, scale::Rng& rng, const std::string& id, const std::string& date,
             char kind) const {
    static const char* const kSources[] = {"新闻联播 (CCTV)", "央视网", "新华社", "人民日报",
                                           "中国新闻网"};
    static const char* const kCategories[] = {"新闻联播", "国内", "国际", "经济",
                                              "社会",     "科技", "文化"};
    const std::string& t = title(rng);
    const char* source = kSources[rng.below(5)];
    const char* category = kCategories[rng.below(7)];
    w.add(id, t, date, source, category, body(rng), kind);
  }

 private:
  std::vector<std::string> sentences_;
  std::vector<std::string> titles_;
};

/// Random valid UTF-8 whose byte values are spread about evenly over 195 values, so zstd
/// finds neither matches nor a skewed histogram: per 131 characters on average, 89 ASCII symbols
/// (no space, '"', '&', '<', '>', '\'), 29 two-byte (leads C3-DF: no C1 controls, no NBSP),
/// 10 three-byte (leads E4-EC, EE: no U+3000, no surrogates, no U+FEFF/FFFD) and 3 four-byte
/// (leads F1-F3) characters. sheaf's cleaning leaves such text unchanged.
std::string padding(scale::Rng& rng, uint64_t size) {
  static const std::string kAscii = [] {
    std::string s;
    for (char c = 0x21; c < 0x7F; ++c) {
      if (std::strchr("\"&<>\\", c) == nullptr) {
        s += c;
      }
    }
    return s;
  }();
  static const unsigned char kLead3[] = {0xE4, 0xE5, 0xE6, 0xE7, 0xE8,
                                         0xE9, 0xEA, 0xEB, 0xEC, 0xEE};
  std::string out;
  out.reserve(size + 4);
  while (out.size() < size) {
    const uint64_t r = rng.next();
    const uint64_t pick = ((r & 0xFFFFFFFFu) * 131) >> 32;
    uint64_t bits = r >> 32;
    const auto cont = [&bits] {
      const auto b = static_cast<char>(0x80 | (bits & 0x3F));
      bits >>= 6;
      return b;
    };
    if (pick < 89) {
      out += kAscii[(bits & 0xFF) % kAscii.size()];
    } else if (pick < 118) {
      out += static_cast<char>(0xC3 + (bits & 0xFF) % 29);
      bits >>= 8;
      out += cont();
    } else if (pick < 128) {
      out += static_cast<char>(kLead3[(bits & 0xFF) % 10]);
      bits >>= 8;
      out += cont();
      out += cont();
    } else {
      out += static_cast<char>(0xF1 + (bits & 0xFF) % 3);
      bits >>= 8;
      out += cont();
      out += cont();
      out += cont();
    }
  }
  return out;
}

uint64_t parse_number(const char* s, const char* what) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0') {
    die(std::string("bad number for ") + what + ": " + s);
  }
  return v;
}

Options parse(int argc, char** argv) {
  Options o;
  if (argc < 2) {
    die("usage: gen news|big --pool DIR --out DIR [options] (see the head of gen.cpp)");
  }
  o.mode = argv[1];
  if (o.mode != "news" && o.mode != "big") {
    die("mode must be news or big");
  }
  for (int i = 2; i < argc; i += 2) {
    const std::string key = argv[i];
    if (i + 1 >= argc) {
      die("missing value for " + key);
    }
    const char* v = argv[i + 1];
    if (key == "--pool") {
      o.pool = v;
    } else if (key == "--out") {
      o.out = v;
    } else if (key == "--seed") {
      o.seed = parse_number(v, "--seed");
    } else if (key == "--articles") {
      o.articles = parse_number(v, "--articles");
    } else if (key == "--per-file") {
      o.per_file = std::max<uint64_t>(1, parse_number(v, "--per-file"));
    } else if (key == "--pad-articles") {
      o.pad_articles = parse_number(v, "--pad-articles");
    } else if (key == "--pad-size") {
      o.pad_size = parse_number(v, "--pad-size");
    } else if (key == "--markers") {
      o.markers = parse_number(v, "--markers");
    } else if (key == "--marker-after") {
      o.marker_after = parse_number(v, "--marker-after");
    } else {
      die("unknown option " + key);
    }
  }
  if (o.pool.empty() || o.out.empty()) {
    die("--pool and --out are required");
  }
  return o;
}

/// Padding article positions after which a marker goes: spread evenly from the first padding
/// article whose cumulative raw bytes pass `after` to the last one (always a marker at the end).
std::vector<uint64_t> marker_positions(const Options& o) {
  std::vector<uint64_t> at;
  if (o.markers == 0 || o.pad_articles == 0) {
    return at;
  }
  uint64_t first = std::min(o.pad_articles - 1, o.marker_after / std::max<uint64_t>(1, o.pad_size));
  const uint64_t span = o.pad_articles - 1 - first;
  for (uint64_t k = 0; k < o.markers; ++k) {
    at.push_back(o.markers == 1 ? o.pad_articles - 1 : first + span * k / (o.markers - 1));
  }
  return at;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const News news(o.pool);
  if (std::system(("mkdir -p '" + o.out + "/corpus'").c_str()) != 0) {
    die("cannot create " + o.out + "/corpus");
  }
  Writer w(o);
  scale::Rng rng(o.seed);
  for (uint64_t k = 0; k < o.articles; ++k) {
    const std::string date = News::date(rng);
    char id[40];
    std::snprintf(id, sizeof id, "%s-%07llu", date.c_str(), static_cast<unsigned long long>(k));
    news.write(w, rng, id, date, scale::kNormal);
  }
  if (o.mode == "big") {
    const std::vector<uint64_t> markers = marker_positions(o);
    size_t next_marker = 0;
    for (uint64_t k = 0; k < o.pad_articles; ++k) {
      char id[40];
      std::snprintf(id, sizeof id, "pad-%06llu", static_cast<unsigned long long>(k));
      char title[48];
      std::snprintf(title, sizeof title, "填充 %06llu", static_cast<unsigned long long>(k));
      w.add(id, title, "2000-01-01", "scale", "padding", padding(rng, o.pad_size), scale::kPadding);
      for (; next_marker < markers.size() && markers[next_marker] == k; ++next_marker) {
        char marker_id[48];
        std::snprintf(marker_id, sizeof marker_id, "pad-%06llu-marker%02zu",
                      static_cast<unsigned long long>(k), next_marker);
        news.write(w, rng, marker_id, News::date(rng), scale::kMarker);
      }
    }
  }
  std::printf(
      "{\"mode\":\"%s\",\"seed\":%llu,\"articles\":%llu,\"files\":%llu,\"body_bytes\":%llu,"
      "\"jsonl_bytes\":%llu}\n",
      o.mode.c_str(), static_cast<unsigned long long>(o.seed),
      static_cast<unsigned long long>(w.articles()), static_cast<unsigned long long>(w.files()),
      static_cast<unsigned long long>(w.body_bytes()),
      static_cast<unsigned long long>(w.jsonl_bytes()));
  return 0;
}
