// tests: an in-memory FileSystem, so that discovery, ingest and the write stage run without a disk.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/filesystem.hpp"

namespace sheaf {

/// An in-memory tree for tests: a map from file path to bytes. Directories exist implicitly
/// for every proper prefix of a file path ("a/b/c.txt" makes "a" and "a/b"); "" and "." name
/// the root. Paths are normalized lexically ("./a//b/" is "a/b"). No links. Written files can be
/// read back with read_file; what went to standard output is standard_output().
class MemoryFileSystem final : public FileSystem {
 public:
  /// Adds (or replaces) a regular file.
  void add_file(const std::string& path, std::string bytes);

  /// Adds a file that exists but fails to read with `reason` (e.g. "Permission denied").
  void add_unreadable_file(const std::string& path, std::string reason);

  /// Makes every later write to `path` fail with io_error `reason` (e.g. "No space left").
  void add_unwritable_path(const std::string& path, std::string reason);

  StatResult stat(const std::string& path) override;
  ListResult list_dir(const std::string& path) override;
  ReadResult read_file(const std::string& path) override;
  Status write_file(const std::string& path, const std::vector<std::string_view>& pieces,
                    const WrittenFileCheck& check) override;
  Status write_standard_output(const std::vector<std::string_view>& pieces,
                               const WrittenFileCheck& check) override;

  /// Everything written to standard output so far.
  const std::string& standard_output() const { return standard_output_; }

 private:
  std::map<std::string, std::string> files_;       // normalized path -> bytes
  std::map<std::string, std::string> unreadable_;  // normalized path -> read error
  std::map<std::string, std::string> unwritable_;  // normalized path -> write error
  std::string standard_output_;
};

}  // namespace sheaf
