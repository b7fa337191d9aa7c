// compiler/ingest: argument paths -> sorted input files (see discover.hpp).
#include "ingest/discover.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "ingest/glob.hpp"

namespace sheaf {
namespace {

/// A file found by the walk, with what is needed to spot the same file reached twice.
struct Found {
  InputFile file;
  std::string identity;
};

/// "a/b.TXT" -> ".TXT"; "README" and ".hidden" -> "" (a leading dot is not an extension).
std::string extension_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  const size_t name_start = slash == std::string::npos ? 0 : slash + 1;
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || dot <= name_start) {
    return "";
  }
  return path.substr(dot);
}

std::string to_lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

/// "(expected .html, .htm, ... or .json)", from the input type table.
std::string expected_types() {
  const std::string list = input_extensions(", ");
  const size_t last = list.rfind(", ");
  return "(expected " +
         (last == std::string::npos ? list
                                    : list.substr(0, last) + " or " + list.substr(last + 2)) +
         ")";
}

/// The last component of a file path: "x/y/a.txt" -> "a.txt".
std::string base_name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") {
    return name;
  }
  return dir.back() == '/' ? dir + name : dir + '/' + name;
}

/// Walks the arguments, collecting files and reporting what it skips.
class Walker {
 public:
  Walker(FileSystem& fs, Diagnostics& diags, const DiscoverOptions& options)
      : fs_(fs), diags_(diags), options_(options) {}

  void add_argument(const std::string& path);

  std::vector<Found>& found() { return found_; }

  std::vector<std::string>& not_articles() { return not_articles_; }

  std::vector<std::string>& excluded() { return excluded_; }

 private:
  void add_file(const std::string& path, const std::string& rel_path, const std::string& identity,
                bool named);
  bool is_excluded(const std::string& path, const std::string& rel_path, bool is_dir);
  void enter(const std::string& path, const std::string& rel_path, const std::string& identity);
  void walk(const std::string& dir, const std::string& rel_dir);
  void skip_entry(const std::string& path, const StatResult& st);

  FileSystem& fs_;
  Diagnostics& diags_;
  const DiscoverOptions& options_;
  std::vector<Found> found_;
  std::vector<std::string> not_articles_;
  std::vector<std::string> excluded_;
  std::vector<std::string> ancestors_;  // identities of the directories being walked
};

void Walker::add_argument(const std::string& path) {
  const StatResult st = fs_.stat(path);
  switch (st.kind) {
    case FileKind::regular:
      add_file(path, base_name(path), st.identity, true);
      return;
    case FileKind::directory:
      enter(path, "", st.identity);
      return;
    case FileKind::missing:
      diags_.error(path, 0, DiagCode::missing_input, "no such file or directory");
      return;
    default:
      diags_.error(path, 0, DiagCode::bad_input,
                   st.error.empty() ? "not a regular file or directory" : st.error);
      return;
  }
}

void Walker::add_file(const std::string& path, const std::string& rel_path,
                      const std::string& identity, bool named) {
  if (const InputType* type = input_type_of(rel_path)) {
    found_.push_back({{path, rel_path, type->kind}, identity});
    return;
  }
  const std::string ext = extension_of(rel_path);
  const std::string what = ext.empty() ? "no file extension " + expected_types()
                                       : "unknown file type '" + ext + "' " + expected_types();
  if (named) {
    // The user asked for this very file: never skipped quietly, whatever its type.
    diags_.error(path, 0, DiagCode::unsupported_input, "not an article file: " + what);
  } else if (is_not_article(to_lower_ascii(ext))) {
    not_articles_.push_back(path);
  } else {
    diags_.warning(path, 0, DiagCode::unknown_file_type, "skipped: " + what);
  }
}

bool Walker::is_excluded(const std::string& path, const std::string& rel_path, bool is_dir) {
  for (const std::string& pattern : options_.exclude) {
    if (exclude_matches(pattern, rel_path, is_dir)) {
      excluded_.push_back(path);
      return true;
    }
  }
  return false;
}

void Walker::enter(const std::string& path, const std::string& rel_path,
                   const std::string& identity) {
  // A link to a directory that is being walked would make the walk endless.
  if (std::find(ancestors_.begin(), ancestors_.end(), identity) != ancestors_.end()) {
    diags_.warning(path, 0, DiagCode::symlink_loop,
                   "skipped: links back to a directory that contains it (directory cycle)");
    return;
  }
  ancestors_.push_back(identity);
  walk(path, rel_path);
  ancestors_.pop_back();
}

void Walker::walk(const std::string& dir, const std::string& rel_dir) {
  ListResult list = fs_.list_dir(dir);
  if (!list.error.empty()) {
    diags_.error(dir, 0, DiagCode::unreadable_dir, list.error);
    return;
  }
  // Sorted so that diagnostics come out in the same order whatever the OS listing order.
  std::sort(list.names.begin(), list.names.end());
  for (const std::string& name : list.names) {
    if (name.empty() || name[0] == '.') {
      continue;  // hidden files and directories are not inputs
    }
    const std::string path = join_path(dir, name);
    const std::string rel_path = join_path(rel_dir, name);
    const StatResult st = fs_.stat(path);
    if (!options_.exclude.empty() && is_excluded(path, rel_path, st.kind == FileKind::directory)) {
      continue;
    }
    if (st.kind == FileKind::regular) {
      add_file(path, rel_path, st.identity, false);
    } else if (st.kind == FileKind::directory) {
      enter(path, rel_path, st.identity);
    } else {
      skip_entry(path, st);
    }
  }
}

void Walker::skip_entry(const std::string& path, const StatResult& st) {
  switch (st.kind) {
    case FileKind::symlink_dangling:
      diags_.warning(path, 0, DiagCode::dangling_symlink, "skipped: " + st.error);
      return;
    case FileKind::symlink_loop:
      diags_.warning(path, 0, DiagCode::symlink_loop, "skipped: " + st.error);
      return;
    case FileKind::missing:
      diags_.warning(path, 0, DiagCode::not_a_file,
                     "skipped: disappeared while the directory was read");
      return;
    default:
      if (st.error.empty()) {
        diags_.warning(path, 0, DiagCode::not_a_file, "skipped: not a regular file or directory");
      } else {
        diags_.error(path, 0, DiagCode::unreadable_path, st.error);
      }
      return;
  }
}

}  // namespace

Discovery discover(const std::vector<std::string>& paths, FileSystem& fs, Diagnostics& diags,
                   const DiscoverOptions& options) {
  Walker walker(fs, diags, options);
  for (const std::string& path : paths) {
    walker.add_argument(path);
  }
  std::vector<Found>& found = walker.found();
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.file.rel_path, a.file.path) < std::tie(b.file.rel_path, b.file.path);
  });

  Discovery out;
  std::map<std::string, size_t> kept;  // identity -> index in `out.files`
  for (Found& f : found) {
    const auto [it, inserted] = kept.emplace(f.identity, out.files.size());
    if (inserted) {
      out.files.push_back(std::move(f.file));
      continue;
    }
    const InputFile& first = out.files[it->second];
    if (first.rel_path != f.file.rel_path) {
      diags.warning(
          f.file.path, 0, DiagCode::duplicate_input,
          "skipped: same file as '" + first.path + "' (kept under '" + first.rel_path + "')");
    }
  }
  for (std::vector<std::string>* list : {&walker.not_articles(), &walker.excluded()}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  out.not_articles = std::move(walker.not_articles());
  out.excluded = std::move(walker.excluded());
  return out;
}

std::vector<InputFile> discover(const std::vector<std::string>& paths, FileSystem& fs,
                                Diagnostics& diags) {
  return discover(paths, fs, diags, DiscoverOptions{}).files;
}

bool is_not_article(std::string_view extension) {
  // Web page assets, media and archives: what a scraper saves next to the pages.
  static const char* const kNotArticles[] = {
      ".css", ".js",  ".mjs", ".cjs", ".map",  ".png",  ".jpg",  ".jpeg",  ".gif", ".webp",
      ".svg", ".ico", ".bmp", ".tif", ".tiff", ".avif", ".woff", ".woff2", ".ttf", ".otf",
      ".eot", ".mp3", ".mp4", ".m4a", ".webm", ".ogg",  ".wav",  ".avi",   ".mov", ".flv",
      ".swf", ".zip", ".gz",  ".tgz", ".bz2",  ".xz",   ".7z",   ".rar",   ".tar"};
  const std::string lower = to_lower_ascii(std::string(extension));
  return std::any_of(std::begin(kNotArticles), std::end(kNotArticles),
                     [&](const char* e) { return lower == e; });
}

std::string not_articles_summary(const std::vector<std::string>& not_articles) {
  if (not_articles.empty()) {
    return "";
  }
  std::map<std::string, size_t> by_extension;
  for (const std::string& path : not_articles) {
    ++by_extension[to_lower_ascii(extension_of(path))];
  }
  std::vector<std::pair<std::string, size_t>> counts(by_extension.begin(), by_extension.end());
  std::stable_sort(counts.begin(), counts.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out = "skipped " + std::to_string(not_articles.size()) +
                    (not_articles.size() == 1 ? " file that is" : " files that are") +
                    " not articles (";
  for (size_t i = 0; i < counts.size(); ++i) {
    out += (i == 0 ? "" : ", ") + counts[i].first + ' ' + std::to_string(counts[i].second);
  }
  return out + ')';
}

}  // namespace sheaf
