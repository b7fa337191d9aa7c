// compiler, write stage: replace a file all at once, or not at all.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sheaf {

/// Checks a fully written temporary file before it takes the final name; returns "" when good,
/// else the reason it is not.
using TempFileCheck = std::function<std::string(const std::string& temp_path)>;

/// Writes `bytes` to `path` so that `path` is always either the old file (or absent) or the
/// complete new one. For a regular file (or a new name): a temporary file in the same directory,
/// fsync, `check`, rename over `path`, fsync of the directory. SIGINT/SIGTERM/SIGHUP during that
/// window remove the temporary file before the process dies. An existing non-regular target
/// (a character device such as /dev/stdout or /dev/full, a FIFO) is written in place.
/// @return "" on success, else a message naming the file and the OS reason (or the check's):
///   "PATH: not written, any existing file of that name is unchanged (REASON)" once a temporary
///   file was made.
std::string write_file_atomically(const std::string& path, const std::string& bytes,
                                  const TempFileCheck& check);

/// The same, for a file made of `pieces` written in order (no joined copy is made).
std::string write_file_atomically(const std::string& path,
                                  const std::vector<std::string_view>& pieces,
                                  const TempFileCheck& check);

}  // namespace sheaf
