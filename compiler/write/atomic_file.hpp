// compiler, write stage: replace a file all at once, or not at all.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/status.hpp"

namespace sheaf {

/// Checks a fully written temporary file before it takes the final name: success when good,
/// else the reason it is not (its code is kept in what the writer returns).
using TempFileCheck = std::function<Status(const std::string& temp_path)>;

/// Writes `bytes` to `path` so that `path` is always either the old file (or absent) or the
/// complete new one. For a regular file (or a new name): a temporary file in the same directory,
/// fsync, `check`, rename over `path`, fsync of the directory. A terminating signal during that
/// window (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1/2, SIGALRM, SIGXCPU, SIGVTALRM,
/// SIGPROF; not those the caller ignores) removes the temporary file before the process dies;
/// SIGXFSZ is ignored meanwhile, so a write over the size limit fails as an error. The
/// temporary name is ".NAME.tmp.XXXXXX" with NAME cut to 200 bytes (within NAME_MAX). An existing
/// non-regular target (a character device such as /dev/stdout or /dev/full, a FIFO) is written in
/// place.
/// @return success, else StatusCode::io_error with a message naming the file and the OS reason,
///   or the check's failure, as "PATH: not written, any existing file of that name is unchanged
///   (REASON)" once a temporary file was made.
Status write_file_atomically(const std::string& path, const std::string& bytes,
                             const TempFileCheck& check);

/// The same, for a file made of `pieces` written in order (no joined copy is made).
Status write_file_atomically(const std::string& path, const std::vector<std::string_view>& pieces,
                             const TempFileCheck& check);

/// Writes the next bytes of the file; false once a write has failed (the producer stops).
using TempFileSink = std::function<bool(std::string_view bytes)>;

/// Makes the file's bytes by calling the sink, front to back; returns a failure of its own
/// (which, like a failed check, leaves the file unchanged) or success.
using TempFileProducer = std::function<Status(const TempFileSink& write)>;

/// The same, for a file whose bytes `produce` streams (memory: none held here).
Status write_file_atomically(const std::string& path, const TempFileProducer& produce,
                             const TempFileCheck& check);

/// For `build -o -`: writes `pieces` to a temporary file in $TMPDIR (else /tmp), runs `check`
/// on it, and only when that passes copies the file to `out_fd` (standard output); the
/// temporary file is removed in every case, on SIGINT/SIGTERM/SIGHUP too. A failed write or
/// check sends nothing, so a reader of the pipe never gets a bundle that was not verified.
/// SIGPIPE is ignored while copying: a reader that goes away is an error returned here.
/// @return success, else "standard output: nothing written (REASON)" before the copy began
///   (the check's code, or io_error), or io_error "standard output: cannot write: REASON (N of M
///   bytes sent)".
Status write_verified_to_stdout(const std::vector<std::string_view>& pieces,
                                const TempFileCheck& check, int out_fd = 1);

}  // namespace sheaf
