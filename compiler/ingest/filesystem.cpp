// compiler/ingest: the real and the in-memory FileSystem (see filesystem.hpp).
#include "ingest/filesystem.hpp"

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>
#include <utility>

#include <sheaf/posix_file.hpp>

#include "write/atomic_file.hpp"

namespace sheaf {
namespace {

namespace fs = std::filesystem;

/// A canonical path when the OS can give one, else an absolute, lexically normal one.
std::string identity_of(const fs::path& p) {
  std::error_code ec;
  fs::path canonical = fs::canonical(p, ec);
  if (ec) {
    canonical = fs::absolute(p, ec).lexically_normal();
  }
  return canonical.generic_string();
}

/// Classifies a failed stat of a path that exists (at least as a link).
StatResult failed_stat(const fs::path& p, const std::error_code& ec, fs::file_type type) {
  if (ec == std::errc::too_many_symbolic_link_levels) {
    return {FileKind::symlink_loop, "symbolic link loop: " + ec.message(), ""};
  }
  if (type == fs::file_type::not_found) {
    std::error_code ignored;
    const fs::path target = fs::read_symlink(p, ignored);
    return {FileKind::symlink_dangling,
            "dangling symbolic link: target '" + target.generic_string() + "' does not exist", ""};
  }
  return {FileKind::other, "cannot examine path: " + ec.message(), ""};
}

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

// The temporary file's check: map it and show `check` its bytes (what was written, as read
// through the page cache, not the buffers it came from).
TempFileCheck mapped_check(const WrittenFileCheck& check) {
  if (!check) {
    return nullptr;
  }
  return [&check](const std::string& temp) {
    MappedFile file;
    if (file.open(temp.c_str(), Access::sequential) != Errc::ok) {
      return Status::io_error(temp + ": cannot map the written bundle for checking");
    }
    const ByteSpan bytes = file.bytes();
    return check(temp, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  };
}

}  // namespace

StatResult RealFileSystem::stat(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(p, ec);
  if (link.type() == fs::file_type::not_found) {
    return {FileKind::missing, "", ""};
  }
  if (ec) {
    return failed_stat(p, ec, link.type());
  }
  fs::file_status target = link;
  if (fs::is_symlink(link)) {
    target = fs::status(p, ec);
    if (ec) {
      return failed_stat(p, ec, target.type());
    }
  }
  switch (target.type()) {
    case fs::file_type::regular:
      return {FileKind::regular, "", identity_of(p)};
    case fs::file_type::directory:
      return {FileKind::directory, "", identity_of(p)};
    default:
      return {FileKind::other, "", ""};
  }
}

ListResult RealFileSystem::list_dir(const std::string& path) {
  ListResult result;
  std::error_code ec;
  fs::directory_iterator it(fs::path(path), ec);
  while (!ec && it != fs::directory_iterator()) {
    result.names.push_back(it->path().filename().string());
    it.increment(ec);
  }
  if (ec) {
    result.names.clear();
    result.error = "cannot list directory: " + ec.message();
  }
  return result;
}

ReadResult RealFileSystem::read_file(const std::string& path) {
  // Look first: opening a directory or a FIFO would succeed or block instead of failing clearly.
  const StatResult st = stat(path);
  switch (st.kind) {
    case FileKind::regular:
      break;
    case FileKind::missing:
      return {"", "cannot read file: No such file or directory"};
    case FileKind::directory:
      return {"", "cannot read file: Is a directory"};
    default:
      return {"", st.error.empty() ? "cannot read file: not a regular file" : st.error};
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return {"", "cannot open file: " + (err != 0 ? std::generic_category().message(err)
                                                 : std::string("unknown error"))};
  }
  ReadResult result;
  std::error_code ec;
  const uintmax_t size_bytes = fs::file_size(fs::path(path), ec);
  if (!ec) {
    result.bytes.reserve(static_cast<size_t>(size_bytes));
  }
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    result.bytes.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    const int err = errno;
    result.bytes.clear();
    result.error = "read error: " +
                   (err != 0 ? std::generic_category().message(err) : std::string("unknown error"));
  }
  return result;
}

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

Status RealFileSystem::write_file(const std::string& path,
                                  const std::vector<std::string_view>& pieces,
                                  const WrittenFileCheck& check) {
  return write_file_atomically(path, pieces, mapped_check(check));
}

Status RealFileSystem::write_standard_output(const std::vector<std::string_view>& pieces,
                                             const WrittenFileCheck& check) {
  return write_verified_to_stdout(pieces, mapped_check(check));
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
