// compiler/ingest: the real FileSystem (see filesystem.hpp).
#include "ingest/filesystem.hpp"

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <sys/stat.h>

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

std::string RealFileSystem::file_id(const std::string& path) {
  struct stat st {};

  if (::stat(path.c_str(), &st) != 0) {
    return "";
  }
  return std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
         std::to_string(static_cast<unsigned long long>(st.st_ino));
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

Status RealFileSystem::write_file(const std::string& path,
                                  const std::vector<std::string_view>& pieces,
                                  const WrittenFileCheck& check) {
  return write_file_atomically(path, pieces, mapped_check(check));
}

Status RealFileSystem::write_standard_output(const std::vector<std::string_view>& pieces,
                                             const WrittenFileCheck& check) {
  return write_verified_to_stdout(pieces, mapped_check(check));
}

}  // namespace sheaf
