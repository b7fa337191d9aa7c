// compiler/config: `sheaf build --config FILE`, a TOML file with the build's settings and the
// bundle's metadata, so CI can commit them. Reads and checks the file, merges it under the
// command line, and prints the settings in effect (--print-config). No other I/O.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline.hpp"

namespace sheaf {

/// One value of a settings file, already checked against its key's type and range.
using ConfigValue = std::variant<bool, int64_t, std::string, std::vector<std::string>>;

/// One `key = value` of a settings file.
struct ConfigEntry {
  std::string name;  ///< the setting's name: its long option, e.g. "block-size", "title"
  ConfigValue value;
  uint32_t line = 0;  ///< 1-based line in the file
};

/// A parsed settings file: its entries (by table, then key name), or its first problem (the
/// one on the lowest line).
struct ConfigFile {
  std::string path;
  std::vector<ConfigEntry> entries;
  std::string error;        ///< "" when the file is good
  uint32_t error_line = 0;  ///< 1-based, 0 when the problem is not on a line
};

/// Where a setting in effect came from.
enum class SettingOrigin { default_value, file, command_line };

/// Parses settings file text. `path` names the file in errors and anchors relative paths:
/// `inputs` and `output` are taken relative to the folder holding the file.
///
/// Format: a `[build]` table whose keys are build's long options (inputs, output, block-size,
/// level, dict-size, pack-dictionary, threads, strict, allow, exclude, keep-going,
/// keep-source) and a `[bundle]` table (title, language, creator). Ranges are those of the
/// options; `allow` codes must be warning codes of the registry (diag/codes.hpp). Anything
/// else (an unknown table or key, a key outside the tables, a wrong type, a value out of
/// range, TOML syntax) sets `error` and `error_line`.
ConfigFile parse_build_config(std::string_view text, const std::string& path);

/// Reads the file at `path` and parses it (parse_build_config). A file that cannot be read
/// sets `error`.
ConfigFile load_build_config(const std::string& path);

/// Applies `file`'s entries to `options`, except the settings named in `given` (those set on
/// the command line win). Fills `origins` for every setting: file, command line or default.
void merge_build_config(const ConfigFile& file, const std::set<std::string>& given,
                        BuildOptions& options, std::map<std::string, SettingOrigin>& origins);

/// The settings of `options` as a TOML settings file, each line ending in a comment that says
/// where its value came from (`origins`; a setting missing there is a default).
std::string format_build_config(const BuildOptions& options,
                                const std::map<std::string, SettingOrigin>& origins);

/// The names of every setting, in the order format_build_config() prints them.
std::vector<std::string> build_setting_names();

}  // namespace sheaf
