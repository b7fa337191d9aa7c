// tests: helpers shared by the compiler and end-to-end tests (temp dirs, files, running sheaf).
#pragma once

#include <string>

namespace sheaf::test {

/// The shared corpus folder (../shared/corpus), or "" when absent. Tests that need it call
/// this and skip with a visible WARN when it returns "".
std::string corpus_dir();

std::string source_dir();
std::string sheaf_binary();

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }

  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `command` through /bin/sh, capturing stdout and stderr.
CommandResult run(const std::string& command);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

/// Shell-quotes `s` for run().
std::string quote(const std::string& s);

}  // namespace sheaf::test
