// compiler: the one sink for problems found in inputs. No stage prints or throws for bad input;
// it reports here, and the CLI decides how to show it and which exit code follows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sheaf {

enum class Severity { warning, error };

/// One problem with one input. `line` is 1-based, 0 when the problem is not on a line.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  uint64_t line = 0;
  std::string code;  ///< stable kebab-case name, e.g. "unknown-file-type", "duplicate-id"
  std::string message;
};

/// Collects diagnostics in the order reported. Not thread-safe: stages that run in parallel
/// collect their own and merge them in input order, so output stays deterministic.
class Diagnostics {
 public:
  void warning(std::string file, uint64_t line, std::string code, std::string message);
  void error(std::string file, uint64_t line, std::string code, std::string message);
  void add(Diagnostic d);
  void merge(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }

  size_t error_count() const { return errors_; }

  size_t warning_count() const { return items_.size() - errors_; }

  /// The warnings whose code is not in `allowed` (what --strict counts under --allow).
  size_t warning_count(const std::vector<std::string>& allowed) const;

 private:
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
};

/// "sheaf: error: FILE:LINE: message [code]" (LINE omitted when 0, FILE when empty).
std::string format_diagnostic(const Diagnostic& d);

}  // namespace sheaf
