// compiler/diag: the registry of diagnostic codes (see codes.hpp), made from diag/codes.def.
#include "diag/codes.hpp"

namespace sheaf {

const std::vector<CodeInfo>& diagnostic_codes() {
  static const std::vector<CodeInfo> codes = {
#define SHEAF_DIAGNOSTIC_CODE(id, name, severity, stage, meaning, action) \
  {DiagCode::id, name, Severity::severity, stage, meaning, action},
#include "diag/codes.def"
#undef SHEAF_DIAGNOSTIC_CODE
  };
  return codes;
}

const CodeInfo& code_info(DiagCode code) {
  return diagnostic_codes()[static_cast<size_t>(code)];
}

const CodeInfo* find_code(std::string_view code) {
  for (const CodeInfo& c : diagnostic_codes()) {
    if (c.code == code) {
      return &c;
    }
  }
  return nullptr;
}

std::string check_allow_code(std::string_view code) {
  const CodeInfo* info = find_code(code);
  if (info == nullptr) {
    return "unknown diagnostic code '" + std::string(code) + "' (`sheaf codes` lists them)";
  }
  if (info->severity != Severity::warning) {
    return "'" + std::string(code) + "' is an error, not a warning: it cannot be allowed";
  }
  return "";
}

}  // namespace sheaf
