// bench/compare/build_stores: builds the competitors that have no command-line builder of their
// own from the article set: per-article zstd (zart_format.hpp) and SQLite with zstd bodies.
//
//   build_stores zstd   [--level L] [--dict-size BYTES] [--threads N] ARTICLES OUT
//   build_stores sqlite [--level L] [--dict-size BYTES] [--threads N] ARTICLES OUT
//
// Both train a zstd dictionary of at most BYTES on all texts (ZDICT_trainFromBuffer, zstd's
// default trainer) unless BYTES is 0, and compress every text as one frame at level L with
// neither checksum nor dictionary id (the smallest frames zstd makes). Compression runs on N
// threads (default: all cores), like `sheaf build`.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>
#include <zdict.h>
#include <zstd.h>

#include "common.hpp"
#include "zart_format.hpp"

namespace {

struct Options {
  std::string kind, articles, out;
  int level = 19;
  size_t dict_size = 1 << 20;
  unsigned threads = 0;
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "build_stores: error: %s\n", message.c_str());
  std::exit(1);
}

bool parse(int argc, char** argv, Options& o) {
  std::vector<std::string> positional;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    if ((a == "--level" || a == "--dict-size" || a == "--threads") && k + 1 < argc) {
      const unsigned long v = std::strtoul(argv[++k], nullptr, 10);
      if (a == "--level") {
        o.level = static_cast<int>(v);
      } else if (a == "--dict-size") {
        o.dict_size = v;
      } else {
        o.threads = static_cast<unsigned>(v);
      }
    } else if (!a.empty() && a[0] == '-') {
      return false;
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 3 || (positional[0] != "zstd" && positional[0] != "sqlite")) {
    return false;
  }
  o.kind = positional[0];
  o.articles = positional[1];
  o.out = positional[2];
  if (o.threads == 0) {
    o.threads = std::max(1u, std::thread::hardware_concurrency());
  }
  return true;
}

std::string train_dictionary(const std::vector<bench::Article>& articles, size_t capacity) {
  if (capacity == 0) {
    return {};
  }
  std::string samples;
  std::vector<size_t> sizes;
  for (const bench::Article& a : articles) {
    samples.append(a.text);
    sizes.push_back(a.text.size());
  }
  std::string dict(capacity, '\0');
  const size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), samples.data(), sizes.data(),
                                         static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) {
    die(std::string("dictionary training failed: ") + ZDICT_getErrorName(n));
  }
  dict.resize(n);
  return dict;
}

/// Every text as one zstd frame, in article order.
std::vector<std::string> compress_all(const std::vector<bench::Article>& articles,
                                      const std::string& dict, const Options& o) {
  ZSTD_CDict* cdict = dict.empty() ? nullptr : ZSTD_createCDict(dict.data(), dict.size(), o.level);
  std::vector<std::string> frames(articles.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, o.level);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_dictIDFlag, 0);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
    if (cdict != nullptr) {
      ZSTD_CCtx_refCDict(cctx, cdict);
    }
    for (size_t k = next++; k < articles.size(); k = next++) {
      const std::string_view text = articles[k].text;
      std::string& f = frames[k];
      f.resize(ZSTD_compressBound(text.size()));
      const size_t n = ZSTD_compress2(cctx, f.data(), f.size(), text.data(), text.size());
      if (ZSTD_isError(n)) {
        failed = true;
        break;
      }
      f.resize(n);
    }
    ZSTD_freeCCtx(cctx);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < o.threads; ++t) {
    pool.emplace_back(work);
  }
  for (std::thread& t : pool) {
    t.join();
  }
  ZSTD_freeCDict(cdict);
  if (failed) {
    die("zstd compression failed");
  }
  return frames;
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void pad8(std::string& out) {
  out.resize((out.size() + 7) / 8 * 8, '\0');
}

void write_file(const std::string& path, const std::string& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() ||
      std::fflush(f) != 0 || ::fsync(fileno(f)) != 0 || std::fclose(f) != 0) {
    die(path + ": cannot write");
  }
}

void build_zart(const std::vector<bench::Article>& articles, const Options& o) {
  const std::string dict = train_dictionary(articles, o.dict_size);
  const std::vector<std::string> frames = compress_all(articles, dict, o);
  bench::zart::Header h;
  h.count = static_cast<uint32_t>(articles.size());
  std::string out(bench::zart::kHeaderSize, '\0');
  h.dict_offset = out.size();
  h.dict_size = dict.size();
  out += dict;
  pad8(out);
  h.ids_offset = out.size();
  uint32_t id_end = 0;
  for (const bench::Article& a : articles) {
    id_end += static_cast<uint32_t>(a.id.size());
    put(out, id_end);
    h.max_text = std::max(h.max_text, static_cast<uint32_t>(a.text.size()));
  }
  for (const bench::Article& a : articles) {
    out += a.id;
  }
  pad8(out);
  h.titles_offset = out.size();
  std::vector<std::pair<uint32_t, uint32_t>> titles;
  for (uint32_t k = 0; k < h.count; ++k) {
    titles.emplace_back(bench::title_hash(articles[k].title), k);
  }
  std::sort(titles.begin(), titles.end());
  for (const auto& [hash, index] : titles) {
    put(out, hash);
    put(out, index);
  }
  h.frames_offset = out.size();
  uint64_t frame_end = 0;
  for (const std::string& f : frames) {
    frame_end += f.size();
    if (frame_end > UINT32_MAX) {
      die("more than 4 GiB of frames: the per-article zstd format uses 32-bit offsets");
    }
    put(out, static_cast<uint32_t>(frame_end));
  }
  pad8(out);
  h.data_offset = out.size();
  for (const std::string& f : frames) {
    out += f;
  }
  std::string head(bench::zart::kMagic, sizeof bench::zart::kMagic);
  put(head, h.count);
  put(head, h.max_text);
  put(head, h.dict_offset);
  put(head, h.dict_size);
  put(head, h.ids_offset);
  put(head, h.titles_offset);
  put(head, h.frames_offset);
  put(head, h.data_offset);
  out.replace(0, head.size(), head);
  write_file(o.out, out);
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string m = message != nullptr ? message : "?";
    sqlite3_free(message);
    die(std::string("sqlite: ") + sql + ": " + m);
  }
}

void build_sqlite(const std::vector<bench::Article>& articles, const Options& o) {
  const std::string dict = train_dictionary(articles, o.dict_size);
  const std::vector<std::string> frames = compress_all(articles, dict, o);
  std::remove(o.out.c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(o.out.c_str(), &db) != SQLITE_OK) {
    die(o.out + ": " + sqlite3_errmsg(db));
  }
  exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  exec(db,
       "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB);"
       "CREATE TABLE articles(id TEXT PRIMARY KEY, title TEXT NOT NULL, body BLOB NOT NULL);"
       "BEGIN;");
  sqlite3_stmt* meta = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO meta VALUES(?1, ?2)", -1, &meta, nullptr);
  sqlite3_bind_text(meta, 1, "dictionary", -1, SQLITE_STATIC);
  sqlite3_bind_blob(meta, 2, dict.data(), static_cast<int>(dict.size()), SQLITE_STATIC);
  if (sqlite3_step(meta) != SQLITE_DONE) {
    die(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  sqlite3_reset(meta);
  size_t max_text = 0;
  for (const bench::Article& a : articles) {
    max_text = std::max(max_text, a.text.size());
  }
  sqlite3_bind_text(meta, 1, "max_text", -1, SQLITE_STATIC);
  sqlite3_bind_int64(meta, 2, static_cast<sqlite3_int64>(max_text));
  if (sqlite3_step(meta) != SQLITE_DONE) {
    die(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  sqlite3_finalize(meta);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO articles VALUES(?1, ?2, ?3)", -1, &insert, nullptr);
  for (size_t k = 0; k < articles.size(); ++k) {
    const bench::Article& a = articles[k];
    sqlite3_bind_text(insert, 1, a.id.data(), static_cast<int>(a.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, a.title.data(), static_cast<int>(a.title.size()), SQLITE_STATIC);
    sqlite3_bind_blob(insert, 3, frames[k].data(), static_cast<int>(frames[k].size()),
                      SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      die(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  exec(db, "COMMIT; CREATE INDEX articles_title ON articles(title);");
  if (sqlite3_close(db) != SQLITE_OK) {
    die(o.out + ": cannot close");
  }
  const int fd = ::open(o.out.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    die(o.out + ": cannot sync");
  }
  ::close(fd);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: build_stores zstd|sqlite [--level L] [--dict-size BYTES] "
                 "[--threads N] ARTICLES OUT\n");
    return 2;
  }
  bench::ArticleSet set;
  std::string error;
  if (!set.open(o.articles, error)) {
    die(error);
  }
  const std::vector<bench::Article>& articles = set.articles();
  for (size_t k = 1; k < articles.size(); ++k) {
    if (!(articles[k - 1].id < articles[k].id)) {
      die("article set not sorted by id, or ids repeat");
    }
  }
  if (o.kind == "zstd") {
    build_zart(articles, o);
  } else {
    build_sqlite(articles, o);
  }
  return 0;
}
