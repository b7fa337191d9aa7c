// tests: the in-memory FileSystem (see memory_filesystem.hpp).
#include "support/memory_filesystem.hpp"

#include <filesystem>
#include <set>
#include <utility>

namespace sheaf {
namespace {

namespace fs = std::filesystem;

/// Lexical normal form for MemoryFileSystem keys: "./a//b/" -> "a/b", "." -> "".
std::string normalize(const std::string& path) {
  std::string norm = fs::path(path).lexically_normal().generic_string();
  while (norm.size() > 1 && norm.back() == '/') {
    norm.pop_back();
  }
  return norm == "." ? std::string() : norm;
}

/// The prefix every path strictly inside directory `dir` (normalized) starts with.
std::string child_prefix(const std::string& dir) {
  if (dir.empty() || dir == "/") {
    return dir;
  }
  return dir + '/';
}

std::string joined(const std::vector<std::string_view>& pieces) {
  std::string bytes;
  for (const std::string_view piece : pieces) {
    bytes += piece;
  }
  return bytes;
}

}  // namespace

void MemoryFileSystem::add_file(const std::string& path, std::string bytes) {
  const std::string key = normalize(path);
  unreadable_.erase(key);
  files_[key] = std::move(bytes);
}

void MemoryFileSystem::add_unreadable_file(const std::string& path, std::string reason) {
  const std::string key = normalize(path);
  files_[key].clear();
  unreadable_[key] = std::move(reason);
}

StatResult MemoryFileSystem::stat(const std::string& path) {
  const std::string key = normalize(path);
  if (files_.count(key) != 0) {
    return {FileKind::regular, "", key};
  }
  const std::string prefix = child_prefix(key);
  const auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    return {FileKind::directory, "", key};
  }
  return {FileKind::missing, "", ""};
}

ListResult MemoryFileSystem::list_dir(const std::string& path) {
  const std::string key = normalize(path);
  if (stat(key).kind != FileKind::directory) {
    return {{}, "cannot list directory: Not a directory"};
  }
  const std::string prefix = child_prefix(key);
  std::set<std::string> names;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    const std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return {std::vector<std::string>(names.begin(), names.end()), ""};
}

ReadResult MemoryFileSystem::read_file(const std::string& path) {
  const std::string key = normalize(path);
  const auto bad = unreadable_.find(key);
  if (bad != unreadable_.end()) {
    return {"", "cannot open file: " + bad->second};
  }
  const auto it = files_.find(key);
  if (it == files_.end()) {
    return {"", stat(key).kind == FileKind::directory
                    ? "cannot read file: Is a directory"
                    : "cannot read file: No such file or directory"};
  }
  return {it->second, ""};
}

void MemoryFileSystem::add_unwritable_path(const std::string& path, std::string reason) {
  unwritable_[normalize(path)] = std::move(reason);
}

Status MemoryFileSystem::write_file(const std::string& path,
                                    const std::vector<std::string_view>& pieces,
                                    const WrittenFileCheck& check) {
  const std::string key = normalize(path);
  if (stat(key).kind == FileKind::directory) {
    return Status::io_error(path + ": is a directory");
  }
  const auto unwritable = unwritable_.find(key);
  std::string bytes = joined(pieces);
  const Status status = unwritable != unwritable_.end()
                            ? Status::io_error(path + ": cannot write: " + unwritable->second)
                        : check ? check(path, bytes)
                                : Status();
  if (!status.ok()) {
    return status.wrapped(path + ": not written, any existing file of that name is unchanged (",
                          ")");
  }
  files_[key] = std::move(bytes);
  unreadable_.erase(key);
  return Status();
}

Status MemoryFileSystem::write_standard_output(const std::vector<std::string_view>& pieces,
                                               const WrittenFileCheck& check) {
  std::string bytes = joined(pieces);
  if (const Status status = check ? check("standard output", bytes) : Status(); !status.ok()) {
    return status.wrapped("standard output: nothing written (", ")");
  }
  standard_output_ += bytes;
  return Status();
}

}  // namespace sheaf
