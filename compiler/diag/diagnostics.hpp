// compiler: the one sink for problems found in inputs. No stage prints or throws for bad input;
// it reports here, and the CLI decides how to show it and which exit code follows.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "model/shared_text.hpp"

namespace sheaf {

enum class Severity : uint8_t { warning, error };

/// Every diagnostic code, one enumerator per entry of diag/codes.def (where each is documented:
/// severity, stage, meaning, what to do), in that order. Only code_name() is printed.
enum class DiagCode : uint8_t {
#define SHEAF_DIAGNOSTIC_CODE(id, name, severity, stage, meaning, action) id,
#include "diag/codes.def"
#undef SHEAF_DIAGNOSTIC_CODE
};

/// The code's stable kebab-case name, as printed in brackets, in --json and given to --allow
/// (e.g. "duplicate-id" for DiagCode::duplicate_id). Static storage; never empty.
std::string_view code_name(DiagCode code);

/// One problem with one input. `line` is 1-based, 0 when the problem is not on a line.
/// (A build of a million records without titles holds a million of these: the file name and
/// the message are shared handles, so that a run of diagnostics about one file, or with one
/// fixed message, holds each once; 48 bytes each.)
struct Diagnostic {
  SharedText file;
  SharedText message;
  uint64_t line = 0;
  Severity severity = Severity::error;
  DiagCode code = DiagCode::write_failed;  ///< printed as code_name(code)
};

/// Collects diagnostics in the order reported, in a deque: growing never copies them all, nor
/// leaves room for as many again. Not thread-safe: stages that run in parallel
/// collect their own and merge them in input order, so output stays deterministic.
class Diagnostics {
 public:
  /// Reports a problem under `code`, whose severity in diag/codes.def must match the call
  /// (tests/diag_codes.py checks every call site).
  void warning(const std::string& file, uint64_t line, DiagCode code, const std::string& message);
  void error(const std::string& file, uint64_t line, DiagCode code, const std::string& message);
  void add(Diagnostic d);
  void merge(const Diagnostics& other);
  /// Moves the first `n` diagnostics of `from` (all when it holds fewer) to the end of this.
  void move_front(Diagnostics& from, size_t n);

  const std::deque<Diagnostic>& items() const { return items_; }

  size_t error_count() const { return errors_; }

  size_t warning_count() const { return items_.size() - errors_; }

  /// The warnings whose code's name is not in `allowed` (what --strict counts under --allow).
  size_t warning_count(const std::vector<std::string>& allowed) const;

 private:
  std::deque<Diagnostic> items_;
  size_t errors_ = 0;
  TextInterner files_;     // consecutive diagnostics about one file share its name
  TextInterner messages_;  // and a repeated message
};

/// "sheaf: error: FILE:LINE: message [code]" (LINE omitted when 0, FILE when empty).
std::string format_diagnostic(const Diagnostic& d);

}  // namespace sheaf
