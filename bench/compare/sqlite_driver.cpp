// bench/compare: the SQLite reader (schema in build_stores.cpp). Open = sqlite3_open_v2 read-only,
// prepare both lookups, load the dictionary row into a DDict, allocate one output buffer.
// SQLite runs with its defaults (pread, no mmap, its own page cache of up to 2 MB).
#include <memory>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <zstd.h>

#include "driver.hpp"

namespace bench {
namespace {

class SqliteDriver final : public Driver {
 public:
  ~SqliteDriver() override { close(); }

  bool open(const std::string& path, std::string& error) override {
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v3(db_, "SELECT body FROM articles WHERE id = ?1", -1,
                           SQLITE_PREPARE_PERSISTENT, &by_id_, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v3(db_, "SELECT body FROM articles WHERE title = ?1 LIMIT 1", -1,
                           SQLITE_PREPARE_PERSISTENT, &by_title_, nullptr) != SQLITE_OK) {
      error = path + ": " + sqlite3_errmsg(db_);
      return false;
    }
    sqlite3_stmt* meta = nullptr;
    sqlite3_prepare_v2(db_, "SELECT key, value FROM meta", -1, &meta, nullptr);
    while (meta != nullptr && sqlite3_step(meta) == SQLITE_ROW) {
      const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(meta, 0));
      if (key == "dictionary") {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(meta, 1));
        dict_.assign(p, p + sqlite3_column_bytes(meta, 1));
      } else if (key == "max_text") {
        max_text_ = static_cast<size_t>(sqlite3_column_int64(meta, 1));
      }
    }
    sqlite3_finalize(meta);
    dctx_ = ZSTD_createDCtx();
    if (!dict_.empty()) {
      ddict_ = ZSTD_createDDict(dict_.data(), dict_.size());
    }
    buffer_.reset(new char[max_text_ > 0 ? max_text_ : 1]);
    if (dctx_ == nullptr || (!dict_.empty() && ddict_ == nullptr)) {
      error = path + ": cannot create the zstd decoder";
      return false;
    }
    return true;
  }

  void close() override {
    sqlite3_finalize(by_id_);
    sqlite3_finalize(by_title_);
    sqlite3_close(db_);
    by_id_ = by_title_ = nullptr;
    db_ = nullptr;
    ZSTD_freeDCtx(dctx_);
    ZSTD_freeDDict(ddict_);
    dctx_ = nullptr;
    ddict_ = nullptr;
    dict_.clear();
    dict_.shrink_to_fit();
    buffer_.reset();
  }

  Status by_id(const std::string& id, Got& got) override { return query(by_id_, id, got); }

  Status by_title(const std::string& title, Got& got) override {
    return query(by_title_, title, got);
  }

  std::string last_error() const override { return error_; }

 private:
  Status query(sqlite3_stmt* stmt, const std::string& key, Got& got) {
    sqlite3_bind_text(stmt, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    Status status = Status::not_found;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const void* body = sqlite3_column_blob(stmt, 0);
      const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, 0));
      const size_t n =
          ddict_ != nullptr
              ? ZSTD_decompress_usingDDict(dctx_, buffer_.get(), max_text_, body, size, ddict_)
              : ZSTD_decompressDCtx(dctx_, buffer_.get(), max_text_, body, size);
      if (ZSTD_isError(n)) {
        error_ = ZSTD_getErrorName(n);
        status = Status::error;
      } else {
        got.add(std::string_view(buffer_.get(), n));
        status = Status::ok;
      }
    } else if (rc != SQLITE_DONE) {
      error_ = sqlite3_errmsg(db_);
      status = Status::error;
    }
    sqlite3_reset(stmt);
    return status;
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* by_id_ = nullptr;
  sqlite3_stmt* by_title_ = nullptr;
  std::vector<char> dict_;
  size_t max_text_ = 0;
  ZSTD_DCtx* dctx_ = nullptr;
  ZSTD_DDict* ddict_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  std::string error_;
};

}  // namespace

std::unique_ptr<Driver> make_sqlite_driver() {
  return std::make_unique<SqliteDriver>();
}

}  // namespace bench
