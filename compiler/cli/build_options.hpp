// compiler, CLI: build's settings beyond the basic options: --config FILE (a TOML settings
// file under the command line), --print-config, --allow CODE and --exclude GLOB.
#pragma once

#include "cli/commands.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace sheaf::cli {

/// Adds --config, --print-config, --allow and --exclude to the `build` subcommand, and makes
/// its inputs and -o optional on the command line (a --config file may give them; run_build
/// checks that something does). Records in command.given which settings the command line
/// gave, so that they override the file. `build` and `command` must outlive parsing.
void add_build_config_options(CLI::App& build, BuildCommand& command);

/// After parsing: reads command.config under the command line, then checks that inputs and
/// an output are known. Prints the settings and returns kExitOk for --print-config.
/// @return -1 to go on and build; else the exit code (kExitOk, or kExitUsage after printing
///         why: a bad --config file, or no inputs or output).
int settle_build_options(BuildCommand& command);

}  // namespace sheaf::cli
