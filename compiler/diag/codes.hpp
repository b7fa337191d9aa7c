// compiler/diag: the registry of every exit code and every diagnostic code sheaf uses (the
// latter listed once, in diag/codes.def). It is the one place they are documented: `sheaf codes`
// prints it, README's list and the man page section are generated from it, and
// tests/diag_codes.py fails when a code is never emitted or emitted with the wrong severity.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"

namespace sheaf {

/// One process exit code.
struct ExitCodeInfo {
  int value;
  std::string_view name;     ///< short name, e.g. "usage"
  std::string_view meaning;  ///< one line: when a command exits with it
};

/// Every exit code of every command, by value. cli/commands.hpp's kExit* constants are
/// checked against it at compile time.
inline constexpr ExitCodeInfo kExitCodes[] = {
    {0, "ok", "success; for `build`, the bundle was written"},
    {1, "failure",
     "bad input (errors, or warnings under --strict), a damaged bundle, or an I/O error; "
     "for `build`, nothing was written"},
    {2, "usage",
     "the command line or the --config file is wrong (unknown option, bad value, unknown "
     "--allow code, unknown key); nothing was built"},
    {3, "partial",
     "`build --keep-going` wrote the bundle, but left out the inputs its errors name"},
};

/// One diagnostic code: what `[code]` at the end of a message stands for.
struct CodeInfo {
  DiagCode id;               ///< what the compiler emits
  std::string_view code;     ///< stable kebab-case name, as printed in brackets and in --json
  Severity severity;         ///< warnings fail a build only under --strict (unless --allow'ed)
  std::string_view stage;    ///< where it is found: discover, read, record, extract, ...
  std::string_view meaning;  ///< one line: what happened
  std::string_view action;   ///< one line: what to do about it
};

/// Every diagnostic code, grouped by stage in pipeline order: diag/codes.def, where a new code
/// is added. Entry i documents the DiagCode of value i.
const std::vector<CodeInfo>& diagnostic_codes();

/// The entry for `code`.
const CodeInfo& code_info(DiagCode code);

/// The entry for `code`, or nullptr when no such code exists.
const CodeInfo* find_code(std::string_view code);

/// Why `code` cannot be given to --allow (an unknown code, or an error's code), or "" when
/// it can: a warning's code.
std::string check_allow_code(std::string_view code);

}  // namespace sheaf
