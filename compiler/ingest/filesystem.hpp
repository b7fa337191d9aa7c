// compiler/ingest: the only door to the disk, for reading inputs and writing the bundle.
// Abstract so tests can run in memory (ninja's DiskInterface idea; the in-memory tree is
// tests/support/memory_filesystem.hpp). Errors are values with
// readable text, never exceptions.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/status.hpp"

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

/// Checks the complete new bytes of a file before they take its name (FileSystem::write_file).
/// `written_path` names where they lie meanwhile (a temporary file on disk), for messages;
/// `bytes` is valid only during the call. Success lets the write go on.
using WrittenFileCheck =
    std::function<Status(const std::string& written_path, std::string_view bytes)>;

/// Access to a tree of files. Paths are '/'-separated strings as the user gave them.
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

  /// A string that is the same for every path naming the same existing file (following
  /// symbolic links), hard links included, and "" when `path` names no file. Here the
  /// identity of stat(); the real disk gives "DEVICE:INODE" (st_dev, st_ino), one stat(2).
  virtual std::string file_id(const std::string& path) { return stat(path).identity; }

  /// Makes `pieces`, in order, the file `path`, all at once or not at all: `check` (when set)
  /// sees the complete bytes first, and on any failure an existing file keeps its old bytes.
  /// @return success, else the failure (io_error, or the check's) as "PATH: not written, any
  ///   existing file of that name is unchanged (REASON)", or "PATH: is a directory".
  virtual Status write_file(const std::string& path, const std::vector<std::string_view>& pieces,
                            const WrittenFileCheck& check) = 0;

  /// The same for standard output (`-o -`): nothing is sent unless the whole passed `check`.
  /// @return success, else "standard output: nothing written (REASON)" or a failed send.
  virtual Status write_standard_output(const std::vector<std::string_view>& pieces,
                                       const WrittenFileCheck& check) = 0;
};

/// The real disk, through std::filesystem (error_code overloads) and std::ifstream.
/// Follows symbolic links; tells dangling links and link loops apart from missing paths.
/// Writes go through write/atomic_file.hpp (temporary file, fsync, rename); `check` sees the
/// temporary file mapped into memory.
class RealFileSystem final : public FileSystem {
 public:
  StatResult stat(const std::string& path) override;
  ListResult list_dir(const std::string& path) override;
  ReadResult read_file(const std::string& path) override;
  std::string file_id(const std::string& path) override;
  Status write_file(const std::string& path, const std::vector<std::string_view>& pieces,
                    const WrittenFileCheck& check) override;
  Status write_standard_output(const std::vector<std::string_view>& pieces,
                               const WrittenFileCheck& check) override;
};

}  // namespace sheaf
