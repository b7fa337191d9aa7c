// compiler/ingest: the only door to the disk for reading inputs. Abstract so tests can run in
// memory (ninja's DiskInterface idea). Errors are values with readable text, never exceptions.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sheaf {

/// What a path names, after following symbolic links.
enum class FileKind {
  regular,           ///< a regular file (or a link to one)
  directory,         ///< a directory (or a link to one)
  symlink_dangling,  ///< a symbolic link whose target does not exist
  symlink_loop,      ///< a symbolic link that cannot be resolved (too many levels: a loop)
  other,             ///< a FIFO, socket or device, or a path that could not be examined
                     ///< (then StatResult::error says why, e.g. "Permission denied")
  missing,           ///< nothing at this path
};

/// The answer of FileSystem::stat.
struct StatResult {
  FileKind kind = FileKind::missing;
  std::string error;     ///< empty for regular/directory/missing and for plain `other` files;
                         ///< otherwise a readable reason for the user
  std::string identity;  ///< regular/directory only: the same string for every path that names
                         ///< the same file (a canonical path); used to find cycles and repeats
};

/// The answer of FileSystem::list_dir.
struct ListResult {
  std::vector<std::string> names;  ///< entry names (no path, no "." or ".."), in no set order
  std::string error;               ///< empty on success, else a readable reason
};

/// The answer of FileSystem::read_file.
struct ReadResult {
  std::string bytes;  ///< the whole file, unchanged
  std::string error;  ///< empty on success, else a readable reason ("Permission denied")

  bool ok() const { return error.empty(); }
};

/// Read-only access to a tree of files. Paths are '/'-separated strings as the user gave them.
/// Implementations report problems in the result, never by throwing for a bad path.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Says what `path` names, following symbolic links.
  virtual StatResult stat(const std::string& path) = 0;

  /// Lists the entries of the directory `path`.
  virtual ListResult list_dir(const std::string& path) = 0;

  /// Reads the whole file at `path`.
  virtual ReadResult read_file(const std::string& path) = 0;
};

/// The real disk, through std::filesystem (error_code overloads) and std::ifstream.
/// Follows symbolic links; tells dangling links and link loops apart from missing paths.
class RealFileSystem final : public FileSystem {
 public:
  StatResult stat(const std::string& path) override;
  ListResult list_dir(const std::string& path) override;
  ReadResult read_file(const std::string& path) override;
};

/// An in-memory tree for tests: a map from file path to bytes. Directories exist implicitly
/// for every proper prefix of a file path ("a/b/c.txt" makes "a" and "a/b"); "" and "." name
/// the root. Paths are normalized lexically ("./a//b/" is "a/b"). No links.
class MemoryFileSystem final : public FileSystem {
 public:
  /// Adds (or replaces) a regular file.
  void add_file(const std::string& path, std::string bytes);

  /// Adds a file that exists but fails to read with `reason` (e.g. "Permission denied").
  void add_unreadable_file(const std::string& path, std::string reason);

  StatResult stat(const std::string& path) override;
  ListResult list_dir(const std::string& path) override;
  ReadResult read_file(const std::string& path) override;

 private:
  std::map<std::string, std::string> files_;       // normalized path -> bytes
  std::map<std::string, std::string> unreadable_;  // normalized path -> read error
};

}  // namespace sheaf
