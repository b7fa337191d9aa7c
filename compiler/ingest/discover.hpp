// compiler/ingest: turns the paths on the command line into a sorted list of input files.
// Walks directories through a FileSystem; never reads file contents.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "ingest/filesystem.hpp"
#include "ingest/input_types.hpp"

namespace sheaf {

/// One file to ingest.
struct InputFile {
  std::string path;      ///< as to open it: the argument, joined with the walked names by '/'
  std::string rel_path;  ///< relative to its root: the directory argument it was found under,
                         ///< or, for a file argument, the file's parent ("a.txt"); '/'-separated
  InputKind kind = InputKind::text_dump;
};

/// Finds the input files named by `paths`. Each path is a file or a directory; directories are
/// walked recursively, following symbolic links.
///
/// Reports to `diags` (file = the path as opened):
/// - error "missing-input": an argument that does not exist;
/// - error "bad-input": an argument that is a dangling link, a link loop, or not a file/directory;
/// - error "unreadable-dir" / "unreadable-path": a directory or entry the OS refuses to show;
/// - warning "unknown-file-type": a file whose extension is not in kInputTypes (skipped);
/// - warning "dangling-symlink", "symlink-loop", "not-a-file": such entries inside a walked
///   directory (skipped); "symlink-loop" also covers a link back to a directory being walked;
/// - warning "duplicate-input": the same file reached under two different relative paths (the
///   first in sorted order is kept). The same file reached twice under one relative path (a
///   repeated argument, or a directory and a file in it) is listed once without a warning.
///
/// Names starting with '.' are skipped silently inside walked directories, but an argument is
/// taken as given even when it is hidden.
///
/// @return the files sorted by (rel_path, path), byte-wise: the same set of arguments gives the
///         same list whatever their order and whatever order the OS lists directories in.
std::vector<InputFile> discover(const std::vector<std::string>& paths, FileSystem& fs,
                                Diagnostics& diags);

}  // namespace sheaf
