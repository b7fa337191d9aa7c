// bench/compare: one reader per system, behind one interface, so read_bench times every system
// the same way. A driver may allocate in open() (that memory is part of the reader's memory);
// lookups should not need to.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace bench {

/// What a read returned: up to three pieces whose concatenation is the stored payload.
struct Got {
  std::string_view part[3];
  int count = 0;

  void add(std::string_view s) { part[count++] = s; }
};

enum class Status { ok, not_found, error, unsupported };

/// The stored payload: the article text itself, or the HTML page made of it (ZIM).
enum class Payload { text, html };

class Driver {
 public:
  virtual ~Driver() = default;

  virtual Payload payload() const { return Payload::text; }

  /// Opens the store: everything needed before the first read (file, index, dictionary).
  /// @return false with `error` set.
  virtual bool open(const std::string& path, std::string& error) = 0;

  virtual void close() = 0;

  /// Looks `id` up and reads its article. The views stay valid until the next call.
  virtual Status by_id(const std::string& id, Got& got) = 0;

  /// Looks an exact title up and reads (one of) the article(s) carrying it.
  virtual Status by_title(const std::string& title, Got& got) = 0;

  /// Last error message, for reports.
  virtual std::string last_error() const { return {}; }
};

std::unique_ptr<Driver> make_sheaf_driver();
std::unique_ptr<Driver> make_zstd_driver();
std::unique_ptr<Driver> make_sqlite_driver();
std::unique_ptr<Driver> make_zim_driver();

}  // namespace bench
