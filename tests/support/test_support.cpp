// tests: shared helpers.
#include "support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

namespace sheaf::test {

std::string corpus_dir() {
  const std::string dir = SHEAF_CORPUS_DIR;
  return std::filesystem::is_directory(dir) ? dir : std::string();
}

std::string source_dir() {
  return SHEAF_SOURCE_DIR;
}

std::string sheaf_binary() {
  return SHEAF_BINARY;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sheaf-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

CommandResult run(const std::string& command) {
  TempDir dir;
  const std::string out = dir / "out";
  const std::string err = dir / "err";
  const int status = std::system((command + " >" + quote(out) + " 2>" + quote(err)).c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace sheaf::test
