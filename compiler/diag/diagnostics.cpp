// compiler: diagnostics sink and its one text format.
#include "diag/diagnostics.hpp"

#include <algorithm>
#include <utility>

namespace sheaf {

void Diagnostics::warning(std::string file, uint64_t line, std::string code, std::string message) {
  add({Severity::warning, std::move(file), line, std::move(code), std::move(message)});
}

void Diagnostics::error(std::string file, uint64_t line, std::string code, std::string message) {
  add({Severity::error, std::move(file), line, std::move(code), std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) {
    ++errors_;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::merge(const Diagnostics& other) {
  for (const Diagnostic& d : other.items()) {
    add(d);
  }
}

size_t Diagnostics::warning_count(const std::vector<std::string>& allowed) const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::warning &&
           std::find(allowed.begin(), allowed.end(), d.code) == allowed.end();
  }));
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = "sheaf: ";
  out += d.severity == Severity::error ? "error: " : "warning: ";
  if (!d.file.empty()) {
    out += d.file;
    if (d.line != 0) {
      out += ':' + std::to_string(d.line);
    }
    out += ": ";
  }
  out += d.message;
  if (!d.code.empty()) {
    out += " [" + d.code + ']';
  }
  return out;
}

}  // namespace sheaf
