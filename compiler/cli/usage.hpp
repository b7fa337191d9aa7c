// compiler, CLI: usage errors. Every one is printed as "sheaf: error: MESSAGE (see sheaf CMD
// --help)", like every other error, and exits 2 (kExitUsage).
#pragma once

#include <CLI/CLI.hpp>

namespace sheaf::cli {

/// Finds the command word in `argv` (the first argument not starting with '-': the top level
/// takes no option with a value) and, when it is not one of `app`'s subcommands, prints
/// "sheaf: error: unknown command 'WORD' (see sheaf --help)". Done before CLI11 parses, which
/// would otherwise answer `sheaf nosuch --help` with the help text and exit 0.
/// @return false after printing that message.
bool check_command_name(const CLI::App& app, int argc, const char* const* argv);

/// Handles a CLI11 parse exception: help and version go to CLI11 (exit 0); anything else is
/// printed as a usage error naming the subcommand being parsed, if any.
/// @return the exit code.
int handle_parse_error(const CLI::App& app, const CLI::ParseError& e);

}  // namespace sheaf::cli
