// compiler/ingest: `--exclude` patterns, matched against paths relative to a folder input.
// Pure string work: no file system access.
#pragma once

#include <string>
#include <string_view>

namespace sheaf {

/// Whether the --exclude `pattern` matches the entry at `rel_path` ('/'-separated, relative to
/// the folder input it was found under, no leading '/'); `is_dir` when the entry is a folder.
///
/// Rules (those of .gitignore, minus negation):
/// - each '/'-separated part of the pattern is matched against one part of the path with
///   fnmatch(3) and no flags: `*` and `?` never cross a '/', `[abc]` and `[!a-z]` are classes;
/// - a pattern with no '/' (other than a trailing one) matches an entry of that name at any
///   depth: `*.css` leaves out every stylesheet, `drafts` every file or folder named drafts;
/// - a pattern with a '/' is anchored at the folder input: `news/*.txt` matches news/a.txt but
///   not news/2024/a.txt nor old/news/a.txt; a leading '/' changes nothing;
/// - a part that is exactly `**` matches zero or more parts: `**/tmp/*.txt`, `news/**/*.txt`,
///   and `drafts/**` (everything under drafts);
/// - a trailing '/' matches folders only: `cache/`.
/// A folder that matches is not walked, so nothing below it is an input.
bool exclude_matches(std::string_view pattern, std::string_view rel_path, bool is_dir);

/// Checks an --exclude pattern before use. @return "" when it is usable, else why not
/// (an empty pattern, or one that is only '/').
std::string check_exclude_pattern(std::string_view pattern);

}  // namespace sheaf
