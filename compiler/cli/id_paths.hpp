// compiler, CLI: file names for article ids and kept sources (unpack, extract).
#pragma once

#include <string>
#include <vector>

namespace sheaf::cli {

/// The relative file an article is written to by the plain rule: its id's '/'-separated
/// segments, percent-encoded so that they are plain file names ('%', '\\' and control bytes
/// become %XX; the segments "", "." and ".." become "%", "%2E" and "%2E%2E"), plus ".json".
/// Injective, but not always a name the file system takes: see plan_article_files.
std::string file_name_for_id(const std::string& id);

/// A '/'-separated path made safe to join under an output directory the same way (no "..",
/// no absolute path, no empty segment), without the ".json".
std::string safe_relative_path(const std::string& path);

/// Where one article or kept source goes, relative to the output folder.
struct PlannedFile {
  std::string path;      ///< '/'-separated relative path
  bool changed = false;  ///< differs from the plain rule (articles) or from the stored path
                         ///< (sources): the manifest lists it
};

/// The longest file name (one path component) written, in bytes: NAME_MAX of Linux and macOS.
constexpr size_t kNameMax = 255;

/// The manifest's name in the output folder; no article or source is given this name.
constexpr const char* kManifestName = "sheaf-manifest.json";

/// The files of all articles, in the order of `ids`: never a component over kNameMax bytes,
/// never two the same, never a file where another needs a folder. Deterministic (the same ids
/// in the same order give the same names). docs/article-json.md states the rules:
/// 1. the plain rule (file_name_for_id);
/// 2. a component over kNameMax bytes keeps its first bytes (whole %XX escapes and UTF-8
///    characters) and ends in "~" and 16 hex digits of the FNV-1a 64 hash of the whole
///    component (then ".json"), so that ids sharing a long folder share its short name;
/// 3. a file whose name is a folder of another article, or the name of an earlier article's
///    file, or the manifest's, becomes STEM~HASH.json (HASH: of the id, and of a counter
///    when that name is taken too), in the same folder.
std::vector<PlannedFile> plan_article_files(const std::vector<std::string>& ids);

/// The same for kept sources, whose names are kept as stored where the file system allows:
/// only the segments "", "." and ".." ("%", "%2E", "%2E%2E") and NUL bytes ("%00") change,
/// then rules 2 and 3 (with the hash before the extension: NAME~HASH.EXT).
std::vector<PlannedFile> plan_source_files(const std::vector<std::string>& paths);

}  // namespace sheaf::cli
