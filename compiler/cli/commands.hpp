// compiler, CLI: one function per subcommand. main.cpp parses arguments and calls these;
// each returns the process exit code (0 ok, 1 failure).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sheaf/record.hpp>

#include "pipeline.hpp"

namespace sheaf::cli {

// Documented, with every diagnostic code, in diag/codes.hpp (kExitCodes; `sheaf codes`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  ///< bad input, damaged bundle, I/O failure
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;  ///< build --keep-going wrote the bundle without some inputs

struct BuildCommand {
  BuildOptions build;
  bool json = false;            ///< summary as one JSON object on stdout
  bool quiet = false;           ///< no progress, no summary
  bool verbose = false;         ///< stage timings and a note per input file
  bool progress = false;        ///< progress even when stderr is not a terminal (CI logs)
  std::string files_from;       ///< --files-from: a file ("-": stdin) listing more inputs
  bool null_separated = false;  ///< -0: that list is NUL-separated, not one name a line
  size_t max_messages = 5;      ///< per diagnostic code, then a count (--json lists all)
  std::string config;           ///< --config FILE: settings the command line overrides
  bool print_config = false;    ///< --print-config: print the settings in effect, build nothing
  std::set<std::string> given;  ///< settings given on the command line, by long option name
};

struct ExtractCommand {
  std::vector<std::string> inputs;
  std::string output_dir;  ///< "" with one input: JSON on stdout
  bool explain = false;    ///< every dropped block and its rule, on stderr
  bool strict = false;
  bool quiet = false;    ///< extract prints no progress or summary: accepted for uniformity
  bool verbose = false;  ///< name every file written
  bool json = false;     ///< one JSON summary on stdout: counts and seconds of the work
};

struct ReadCommand {
  std::string bundle;
  std::string id;          ///< cat: the article id
  std::string output_dir;  ///< unpack: where to write
  bool sources = false;    ///< unpack --source: original input files instead of JSON
  bool json = false;
  bool quiet = false;           ///< verify, unpack: no summary line (errors still print)
  bool verbose = false;         ///< info, verify: every frame; unpack: every file written
  std::string format = "text";  ///< charset: text, ranges or json
  bool newest = false;          ///< ls --newest: newest first
  std::string category;         ///< ls --category 'A > B': that category and below, newest first
  std::optional<std::string> title_prefix;  ///< ls --title-prefix P: titles starting with P
  std::string query;                        ///< search: the terms, separated by white space
  size_t limit = 20;                        ///< search --limit: hits shown at most
};

/// `sheaf diff OLD NEW -o PATCH` and `sheaf patch OLD PATCH -o NEW`.
struct PatchCommand {
  std::string first;       ///< OLD, both commands
  std::string second;      ///< diff: NEW; patch: PATCH
  std::string output;      ///< -o: the patch (diff) or the new bundle (patch)
  uint32_t max_chunk = 0;  ///< diff --max-chunk: the largest chunk (0: the default)
  bool json = false;
  bool quiet = false;
};

/// One `sheaf ls` line for `r`: id, date and title tab-separated, or (json) its JSON object.
void print_ls_line(const Record& r, bool json);

int run_build_command(BuildCommand& command);
int run_extract(const ExtractCommand& command);
int run_info(const ReadCommand& command);
int run_ls(const ReadCommand& command);
int run_cat(const ReadCommand& command);
int run_verify(const ReadCommand& command);
int run_unpack(const ReadCommand& command);
int run_charset(const ReadCommand& command);
int run_ls_navigation(const ReadCommand& command);
int run_ls_title_prefix(const ReadCommand& command);
int run_categories(const ReadCommand& command);
int run_search(const ReadCommand& command);
int run_diff(const PatchCommand& command);
int run_patch(const PatchCommand& command);

}  // namespace sheaf::cli
