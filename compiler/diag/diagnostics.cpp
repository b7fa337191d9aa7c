// compiler: diagnostics sink and its one text format.
#include "diag/diagnostics.hpp"

#include <algorithm>
#include <utility>

namespace sheaf {
namespace {

constexpr std::string_view kCodeNames[] = {
#define SHEAF_DIAGNOSTIC_CODE(id, name, severity, stage, meaning, action) name,
#include "diag/codes.def"
#undef SHEAF_DIAGNOSTIC_CODE
};

}  // namespace

std::string_view code_name(DiagCode code) {
  return kCodeNames[static_cast<size_t>(code)];
}

void Diagnostics::warning(const std::string& file, uint64_t line, DiagCode code,
                          const std::string& message) {
  add({files_(file), messages_(message), line, Severity::warning, code});
}

void Diagnostics::error(const std::string& file, uint64_t line, DiagCode code,
                        const std::string& message) {
  add({files_(file), messages_(message), line, Severity::error, code});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) {
    ++errors_;
  }
  d.file = files_(d.file);
  d.message = messages_(d.message);
  items_.push_back(std::move(d));
}

void Diagnostics::move_front(Diagnostics& from, size_t n) {
  for (; n > 0 && !from.items_.empty(); --n) {
    if (from.items_.front().severity == Severity::error) {
      --from.errors_;
    }
    add(std::move(from.items_.front()));
    from.items_.pop_front();
  }
}

void Diagnostics::merge(const Diagnostics& other) {
  for (const Diagnostic& d : other.items()) {
    add(d);
  }
}

size_t Diagnostics::warning_count(const std::vector<std::string>& allowed) const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::warning &&
           std::find(allowed.begin(), allowed.end(), code_name(d.code)) == allowed.end();
  }));
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = "sheaf: ";
  out += d.severity == Severity::error ? "error: " : "warning: ";
  if (!d.file.empty()) {
    out += d.file.str();
    if (d.line != 0) {
      out += ':' + std::to_string(d.line);
    }
    out += ": ";
  }
  out += d.message.str();
  out += " [";
  out += code_name(d.code);
  out += ']';
  return out;
}

}  // namespace sheaf
