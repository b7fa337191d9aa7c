// compiler, CLI: unpack's output checks and manifest (see unpack_files.hpp).
#include "cli/unpack_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/article_json.hpp"
#include "cli/terminal_text.hpp"

namespace sheaf::cli {
namespace {

enum class Kind { missing, folder, other };

Kind kind_of(const std::string& path) {
  struct stat st {};

  if (::lstat(path.c_str(), &st) != 0) {
    return Kind::missing;
  }
  if (S_ISDIR(st.st_mode)) {
    return Kind::folder;
  }
  if (S_ISLNK(st.st_mode) && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return Kind::folder;  // a link to a folder serves as one
  }
  return Kind::other;
}

}  // namespace

bool check_output_folder(const std::string& dir, const std::vector<PlannedFile>& files) {
  const std::string root = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  if (const Kind k = kind_of(dir); k == Kind::other) {
    std::fprintf(stderr, "sheaf: error: %s: not a folder; nothing written\n", dir.c_str());
    return false;
  }
  std::set<std::string> folders;
  for (const PlannedFile& f : files) {
    for (size_t slash = f.path.find('/'); slash != std::string::npos;
         slash = f.path.find('/', slash + 1)) {
      folders.insert(f.path.substr(0, slash));
    }
  }
  for (const std::string& folder : folders) {
    if (kind_of(root + folder) == Kind::other) {
      std::fprintf(stderr,
                   "sheaf: error: %s%s: exists and is not a folder, but unpack needs a folder "
                   "there; nothing written\n",
                   escape_field(root).c_str(), escape_field(folder).c_str());
      return false;
    }
  }
  bool changed = false;
  for (const PlannedFile& f : files) {
    changed = changed || f.changed;
    if (kind_of(root + f.path) == Kind::folder) {
      std::fprintf(stderr,
                   "sheaf: error: %s%s: is a folder, but unpack writes a file there; nothing "
                   "written\n",
                   escape_field(root).c_str(), escape_field(f.path).c_str());
      return false;
    }
  }
  if (changed && kind_of(root + kManifestName) == Kind::folder) {
    std::fprintf(stderr,
                 "sheaf: error: %s%s: is a folder, but unpack writes its manifest there; "
                 "nothing written\n",
                 escape_field(root).c_str(), kManifestName);
    return false;
  }
  return true;
}

bool write_manifest(const std::string& dir, const std::string& kind, const std::string& key_name,
                    const std::vector<std::string>& keys, const std::vector<PlannedFile>& files,
                    bool quiet) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].changed) {
      list.push_back({{key_name, keys[i]}, {"file", files[i].path}});
    }
  }
  const std::string path = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + kManifestName;
  if (list.empty()) {
    // A manifest from an earlier unpack into this folder would no longer be true.
    if (kind_of(path) == Kind::other && ::unlink(path.c_str()) != 0) {
      std::fprintf(stderr, "sheaf: error: %s: cannot remove the old manifest: %s\n",
                   escape_field(path).c_str(), std::strerror(errno));
      return false;
    }
    return true;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << dump(nlohmann::ordered_json{{kind, list}}, 2) << "\n";
  out.close();
  if (!out) {
    std::fprintf(stderr, "sheaf: error: %s: cannot write: %s\n", path.c_str(),
                 std::strerror(errno));
    return false;
  }
  if (!quiet) {
    std::fprintf(stderr,
                 "sheaf: note: %zu of %zu names could not be used as they are (too long, a "
                 "folder of the same name, or not a valid file name); %s lists each with its "
                 "file\n",
                 list.size(), files.size(), path.c_str());
  }
  return true;
}

}  // namespace sheaf::cli
