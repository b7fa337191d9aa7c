// compiler/ingest: --exclude matching (see glob.hpp): fnmatch(3) per path part, plus `**`.
#include "ingest/glob.hpp"

#include <vector>

#include <fnmatch.h>

namespace sheaf {
namespace {

std::vector<std::string> split_parts(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) {
      parts.emplace_back(path.substr(start, end - start));  // "a//b" is "a/b"
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return parts;
}

// pattern[pi..] against path[si..]. Recursion depth is bounded by the pattern's part count.
bool match_parts(const std::vector<std::string>& pattern, size_t pi,
                 const std::vector<std::string>& path, size_t si) {
  if (pi == pattern.size()) {
    return si == path.size();
  }
  if (pattern[pi] == "**") {
    // Consecutive `**` parts mean the same as one.
    size_t next = pi;
    while (next < pattern.size() && pattern[next] == "**") {
      ++next;
    }
    for (size_t k = si; k <= path.size(); ++k) {
      if (match_parts(pattern, next, path, k)) {
        return true;
      }
    }
    return false;
  }
  return si < path.size() && fnmatch(pattern[pi].c_str(), path[si].c_str(), 0) == 0 &&
         match_parts(pattern, pi + 1, path, si + 1);
}

}  // namespace

bool exclude_matches(std::string_view pattern, std::string_view rel_path, bool is_dir) {
  const bool dirs_only = !pattern.empty() && pattern.back() == '/';
  if (dirs_only) {
    if (!is_dir) {
      return false;
    }
    pattern.remove_suffix(1);
  }
  const std::vector<std::string> path = split_parts(rel_path);
  if (pattern.find('/') == std::string_view::npos) {
    // A name: it matches the entry's own name, at whatever depth it is.
    return !path.empty() && fnmatch(std::string(pattern).c_str(), path.back().c_str(), 0) == 0;
  }
  return match_parts(split_parts(pattern), 0, path, 0);
}

std::string check_exclude_pattern(std::string_view pattern) {
  if (pattern.empty()) {
    return "an empty --exclude pattern matches nothing";
  }
  if (pattern.find_first_not_of('/') == std::string_view::npos) {
    return "--exclude '" + std::string(pattern) + "' names no file or folder";
  }
  return "";
}

}  // namespace sheaf
