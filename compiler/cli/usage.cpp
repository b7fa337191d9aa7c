// compiler, CLI: usage errors in sheaf's own format (see usage.hpp).
#include "cli/usage.hpp"

#include <cstdio>
#include <functional>
#include <string>

#include "cli/commands.hpp"

namespace sheaf::cli {

bool check_command_name(const CLI::App& app, int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--") {
      return true;  // CLI11 reports what follows
    }
    if (word.empty() || word[0] != '-') {
      const auto named = [&word](const CLI::App* sub) { return sub->check_name(word); };
      if (!app.get_subcommands(std::function<bool(const CLI::App*)>(named)).empty()) {
        return true;
      }
      std::fprintf(stderr, "sheaf: error: unknown command '%s' (see sheaf --help)\n", word.c_str());
      return false;
    }
  }
  return true;
}

int handle_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == 0) {
    return app.exit(e);  // --help, --version: CLI11 prints them
  }
  std::string command = "sheaf";
  for (const CLI::App* sub : app.get_subcommands()) {
    command += " " + sub->get_name();
  }
  std::fprintf(stderr, "sheaf: error: %s (see %s --help)\n", e.what(), command.c_str());
  return kExitUsage;
}

}  // namespace sheaf::cli
