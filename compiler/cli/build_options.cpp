// compiler, CLI: build's --config, --print-config, --allow and --exclude (build_options.hpp).
#include "cli/build_options.hpp"

#include <cstdio>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "config/build_config.hpp"
#include "diag/codes.hpp"
#include "ingest/glob.hpp"

namespace sheaf::cli {
namespace {

// The command-line option of a setting: "inputs" is the positional, the rest are --NAME.
const CLI::Option* option_of(const CLI::App& build, const std::string& setting) {
  return build.get_option_no_throw(setting == "inputs" ? setting : "--" + setting);
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "sheaf: error: %s (see sheaf build --help)\n", message.c_str());
  return kExitUsage;
}

}  // namespace

void add_build_config_options(CLI::App& build, BuildCommand& command) {
  build
      .add_option("--config", command.config,
                  "Read settings from a TOML file: [build] takes the long options' names "
                  "(inputs, output, level, exclude, ...), [bundle] title, language and creator; "
                  "paths are relative to the file; the command line overrides it")
      ->type_name("FILE");
  build.add_flag("--print-config", command.print_config,
                 "Print the settings in effect as TOML, each with where it came from (default, "
                 "file, command line), and exit without building");
  build
      .add_option("--allow", command.build.allow,
                  "A warning code --strict accepts (repeatable; `sheaf codes` lists them)")
      ->type_name("CODE")
      ->allow_extra_args(false)  // one value per --allow: never swallow the inputs after it
      ->check(CLI::Validator([](std::string& code) { return check_allow_code(code); }, "CODE",
                             "diagnostic code"));
  build
      .add_option("--exclude", command.build.exclude,
                  "Leave out files and folders inside folder inputs whose relative path matches "
                  "GLOB (repeatable): `*.css` at any depth, `drafts/` a folder, `news/**/*.txt` "
                  "anchored; `*` never crosses '/', `**` spans folders")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->check(CLI::Validator([](std::string& pattern) { return check_exclude_pattern(pattern); },
                             "GLOB", "glob"));
  // A --config file may give these; settle_build_options() checks that something does.
  for (const char* name : {"inputs", "--output"}) {
    if (CLI::Option* option = build.get_option_no_throw(name)) {
      option->required(false);
    }
  }
  build.parse_complete_callback([&build, &command] {
    for (const std::string& setting : build_setting_names()) {
      const CLI::Option* option = option_of(build, setting);
      if (option != nullptr && option->count() > 0) {
        command.given.insert(setting);
      }
    }
  });
}

int settle_build_options(BuildCommand& command) {
  std::map<std::string, SettingOrigin> origins;
  ConfigFile file;
  if (!command.config.empty()) {
    file = load_build_config(command.config);
    if (!file.error.empty()) {
      std::fprintf(stderr, "%s\n",
                   format_diagnostic({file.path, file.error, file.error_line, Severity::error,
                                      DiagCode::bad_config})
                       .c_str());
      return kExitUsage;
    }
  }
  merge_build_config(file, command.given, command.build, origins);
  if (command.print_config) {
    std::printf("%s", format_build_config(command.build, origins).c_str());
    return kExitOk;
  }
  if (command.build.inputs.empty() && command.files_from.empty()) {
    return usage_error(
        "no inputs: name files or folders, give --files-from, or set inputs in [build] of "
        "--config");
  }
  if (command.build.output.empty()) {
    return usage_error("no output: give -o/--output BUNDLE, or set output in [build] of --config");
  }
  return -1;
}

}  // namespace sheaf::cli
