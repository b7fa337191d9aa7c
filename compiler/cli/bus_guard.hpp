// compiler, CLI: a mapped bundle that shrinks while it is read is an I/O error, not a crash.
#pragma once

#include <cstddef>
#include <string>

namespace sheaf::cli {

/// From now on, a SIGBUS at an address inside [data, data + size) (the pages of a mapped file
/// that was truncated, or whose disk failed, after it was mapped) prints
/// "sheaf: error: NAME: I/O error: the file shrank or could not be read while it was being
/// read (SIGBUS); nothing after this point was read" and ends the process with exit code 1.
/// (The runtime reads mapped memory directly and stays signal-free; this is the CLI's side.)
/// A SIGBUS anywhere else, or sent by a process (kill), keeps its default action: a core dump.
/// One region at a time: a later call replaces it. `name` is cut to 3000 bytes.
void guard_mapped_reads(const void* data, size_t size, const std::string& name);

}  // namespace sheaf::cli
