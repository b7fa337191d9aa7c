// compiler, CLI: `sheaf codes`, the registry of exit codes and diagnostic codes
// (diag/codes.hpp) as text, JSON, the README's Markdown, or a help2man include section.
#pragma once

namespace CLI {
class App;
}  // namespace CLI

namespace sheaf::cli {

struct CodesCommand {
  bool json = false;      ///< one JSON object: {"exit_codes": [...], "diagnostics": [...]}
  bool markdown = false;  ///< README's "Exit codes and diagnostics" block
  bool man = false;       ///< [EXIT STATUS] and [DIAGNOSTICS] sections for help2man --include
};

/// Adds the `codes` subcommand to `app`, and a --help footer that points to it.
void add_codes_command(CLI::App& app, CodesCommand& command);

/// Prints the registry in the form asked for. @return kExitOk.
int run_codes(const CodesCommand& command);

}  // namespace sheaf::cli
