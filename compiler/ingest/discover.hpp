// compiler/ingest: turns the paths on the command line into a sorted list of input files.
// Walks directories through a FileSystem; never reads file contents.
#pragma once

#include <string>
#include <string_view>
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

/// What discover() leaves out besides what it reports as diagnostics.
struct DiscoverOptions {
  std::vector<std::string> exclude;  ///< --exclude patterns (see ingest/glob.hpp)
};

/// The input files, and the files left out on purpose.
struct Discovery {
  std::vector<InputFile> files;
  /// Files in walked folders that are not articles (stylesheets, scripts, images, fonts,
  /// media, archives: see is_not_article()), as opened, sorted. Reported as one note.
  std::vector<std::string> not_articles;
  /// Files and folders left out by an --exclude pattern, as opened, sorted.
  std::vector<std::string> excluded;
};

/// Finds the input files named by `paths`. Each path is a file or a directory; directories are
/// walked recursively, following symbolic links.
///
/// Reports to `diags` (file = the path as opened):
/// - error "missing-input": an argument that does not exist;
/// - error "bad-input": an argument that is a dangling link, a link loop, or not a file/directory;
/// - error "unreadable-dir" / "unreadable-path": a directory or entry the OS refuses to show;
/// - error "unsupported-input": a file argument whose extension is not in kInputTypes;
/// - warning "unknown-file-type": a file in a walked folder whose extension is neither in
///   kInputTypes nor a known non-article type (skipped; the known ones go to not_articles);
/// - warning "dangling-symlink", "symlink-loop", "not-a-file": such entries inside a walked
///   directory (skipped); "symlink-loop" also covers a link back to a directory being walked;
/// - warning "duplicate-input": the same file reached under two different relative paths (the
///   first in sorted order is kept). The same file reached twice under one relative path (a
///   repeated argument, or a directory and a file in it) is listed once without a warning.
///
/// Names starting with '.' are skipped silently inside walked directories, but an argument is
/// taken as given even when it is hidden.
///
/// Entries of walked folders whose relative path matches an `options.exclude` pattern are left
/// out (a folder with all it holds); arguments themselves are never excluded.
///
/// @return the files sorted by (rel_path, path), byte-wise: the same set of arguments gives the
///         same list whatever their order and whatever order the OS lists directories in.
Discovery discover(const std::vector<std::string>& paths, FileSystem& fs, Diagnostics& diags,
                   const DiscoverOptions& options);

/// discover() with no exclusions, for callers that need the files only.
std::vector<InputFile> discover(const std::vector<std::string>& paths, FileSystem& fs,
                                Diagnostics& diags);

/// Whether a file with this extension (".css", any case) is known not to be an article: a
/// stylesheet, script, source map, image, font, audio or video file, or an archive.
bool is_not_article(std::string_view extension);

/// The one line that reports `not_articles`: "skipped 12 files that are not articles (.css 5,
/// .js 4, .png 3)", extensions lowercased, most frequent first. "" for an empty list.
std::string not_articles_summary(const std::vector<std::string>& not_articles);

}  // namespace sheaf
