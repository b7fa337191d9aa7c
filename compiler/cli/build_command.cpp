// compiler, CLI: `sheaf build`.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/build_options.hpp"
#include "cli/commands.hpp"
#include "compress/base_bundle.hpp"
#include "ingest/discover.hpp"
#include "ingest/filesystem.hpp"

namespace sheaf::cli {
namespace {

// Prints each diagnostic code's first `limit` messages, then how many more there were.
void print_diagnostics(const Diagnostics& diagnostics, size_t limit) {
  std::map<std::string_view, size_t> seen;  // by name: the notes come in the names' order
  for (const Diagnostic& d : diagnostics.items()) {
    if (++seen[code_name(d.code)] <= limit) {
      std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    }
  }
  for (const auto& [code, count] : seen) {
    if (count > limit) {
      std::fprintf(stderr, "sheaf: note: %zu more [%s] messages not shown\n", count - limit,
                   std::string(code).c_str());
    }
  }
}

nlohmann::ordered_json diagnostics_json(const Diagnostics& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    list.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"},
                    {"file", d.file.str()},
                    {"line", d.line},
                    {"code", code_name(d.code)},
                    {"message", d.message.str()}});
  }
  return list;
}

double ratio(uint64_t a, uint64_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

// --files-from: appends the names listed in `list` ("-": standard input) to `inputs`, split at
// '\n' (or '\0' with -0) and taken byte for byte; empty names are skipped. Prints why not.
bool read_file_list(const std::string& list, bool null_separated,
                    std::vector<std::string>& inputs) {
  std::FILE* in = list == "-" ? stdin : std::fopen(list.c_str(), "rb");
  const std::string shown = list == "-" ? "standard input" : list;
  if (in == nullptr) {
    std::fprintf(stderr, "sheaf: error: %s: cannot open the --files-from list: %s\n", shown.c_str(),
                 std::strerror(errno));
    return false;
  }
  const int separator = null_separated ? 0 : static_cast<unsigned char>('\n');
  std::string name;
  for (int c = std::fgetc(in); c != EOF; c = std::fgetc(in)) {
    if (c != separator) {
      name.push_back(static_cast<char>(c));
    } else if (!name.empty()) {
      inputs.push_back(std::move(name));
      name.clear();
    }
  }
  const bool failed = std::ferror(in) != 0;
  const int err = errno;
  if (in != stdin) {
    std::fclose(in);
  }
  if (failed) {
    std::fprintf(stderr, "sheaf: error: %s: cannot read the --files-from list: %s\n", shown.c_str(),
                 std::strerror(err));
    return false;
  }
  if (!name.empty()) {
    inputs.push_back(std::move(name));  // the last name needs no separator after it
  }
  return true;
}

// What `build` needs beyond its options' own checks; prints a usage error and returns false.
bool check_usage(const BuildCommand& command) {
  const char* problem = nullptr;
  if (command.build.output == "-" && command.json) {
    problem = "--json prints to standard output, which -o - uses for the bundle";
  } else if (command.build.output == "-" && ::isatty(STDOUT_FILENO) != 0) {
    problem = "-o - would write a binary bundle to a terminal; redirect or pipe it";
  } else if (command.build.inputs.empty() && command.files_from.empty()) {
    problem = "no inputs: name files or folders, or give --files-from";
  }
  if (problem != nullptr) {
    std::fprintf(stderr, "sheaf: error: %s (see sheaf build --help)\n", problem);
  }
  return problem == nullptr;
}

ProgressMode progress_mode(const BuildCommand& command) {
  if (command.quiet || command.json) {
    return ProgressMode::off;
  }
  if (::isatty(STDERR_FILENO) != 0) {
    return ProgressMode::terminal;
  }
  if (command.progress) {
    return ProgressMode::log;
  }
  return command.verbose ? ProgressMode::stages : ProgressMode::off;
}

// build --json: the report and every diagnostic, as one JSON object on one line.
void print_report_json(const std::string& output, bool ok, const BuildReport& report,
                       const Diagnostics& diagnostics) {
  nlohmann::ordered_json out = {{"ok", ok},
                                {"output", output},
                                {"input_files", report.input_files},
                                {"articles", report.articles},
                                {"frames", report.frames},
                                {"body_bytes", report.body_bytes},
                                {"file_bytes", report.file_bytes},
                                {"index_bytes", report.index_bytes},
                                {"dictionary_bytes", report.dictionary_bytes},
                                {"data_bytes", report.data_bytes},
                                {"source_bytes", report.source_bytes},
                                {"ratio", ratio(report.file_bytes, report.body_bytes)},
                                {"seconds", report.seconds},
                                {"errors", diagnostics.error_count()},
                                {"inputs_left_out", ok && report.skipped_errors > 0},
                                {"warnings", diagnostics.warning_count()},
                                {"diagnostics", diagnostics_json(diagnostics)},
                                {"not_articles", report.not_articles},
                                {"excluded", report.excluded}};
  if (!report.base.empty()) {
    out["base"] = {{"path", report.base},
                   {"dictionary", report.base_dictionary},
                   {"changed_factor", report.changed_factor},
                   {"keep_cost", report.keep_cost},
                   {"keep_cost_limit", Drift::kMaxKeepCost},
                   {"new_share", report.new_share},
                   {"new_since_training_share", report.new_since_training_share},
                   {"new_share_limit", Drift::kMaxNewShare},
                   {"dictionary_new_raw", report.dictionary_new_raw},
                   {"frames_copied", report.frames_copied},
                   {"frames_compressed", report.frames - report.frames_copied},
                   {"sources_copied", report.sources_copied},
                   {"sources_compressed", report.sources - report.sources_copied}};
  }
  std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

// 1234567 -> "1,234,567": the frame counts of the --base line.
std::string with_commas(size_t n) {
  std::string digits = std::to_string(n);
  for (size_t at = digits.size(); at > 3; at -= 3) {
    digits.insert(at - 3, ",");
  }
  return digits;
}

// build --base: what was kept of the base, and the figures the dictionary was judged on.
void print_base_summary(const BuildReport& report) {
  std::string dictionary = "dictionary " + report.base_dictionary;
  if (report.base_dictionary == "kept" || report.base_dictionary == "retrained") {
    char figures[256];
    std::snprintf(figures, sizeof figures,
                  " (changed text %.2fx the unchanged ratio, so keeping it costs about %.2f%%, "
                  "limit %.0f%%; %.1f%% of the text new, %.1f%% since the dictionary was "
                  "trained, limit %.0f%%)",
                  report.changed_factor, 100.0 * report.keep_cost, 100.0 * Drift::kMaxKeepCost,
                  100.0 * report.new_share, 100.0 * report.new_since_training_share,
                  100.0 * Drift::kMaxNewShare);
    dictionary += figures;
  } else if (report.base_dictionary == "trained") {
    dictionary = "the base has none, so chosen as without --base";
  } else {
    dictionary = "no dictionary (--dict-size 0)";
  }
  std::string kept;
  if (report.sources > 0) {
    kept = ", " + with_commas(report.sources_copied) + " of " + with_commas(report.sources) +
           " kept sources";
  }
  std::fprintf(stderr, "sheaf: base %s: %s; %s of %s frames%s copied from the base\n",
               report.base.c_str(), dictionary.c_str(), with_commas(report.frames_copied).c_str(),
               with_commas(report.frames).c_str(), kept.c_str());
}

// The line a written bundle gets on stderr (`output`: its name for people), and the note on
// the dictionary when there is one.
void print_summary(const std::string& output, const BuildReport& report, size_t warnings) {
  std::fprintf(stderr,
               "sheaf: wrote %s: %zu articles from %zu files, %llu bytes of text -> %llu bytes "
               "(%.1f%%; index %llu, dictionary %llu, %zu frames) in %.2f s, %zu warnings\n",
               output.c_str(), report.articles, report.input_files,
               static_cast<unsigned long long>(report.body_bytes),
               static_cast<unsigned long long>(report.file_bytes),
               100.0 * ratio(report.file_bytes, report.body_bytes),
               static_cast<unsigned long long>(report.index_bytes),
               static_cast<unsigned long long>(report.dictionary_bytes), report.frames,
               report.seconds, warnings);
  if (!report.dictionary_note.empty()) {
    std::fprintf(stderr, "sheaf: note: %s\n", report.dictionary_note.c_str());
  }
  if (!report.base.empty()) {
    print_base_summary(report);
  }
}

}  // namespace

int run_build_command(BuildCommand& command) {
  if (const int settled = settle_build_options(command); settled >= 0) {
    return settled;  // --print-config, or a bad --config file
  }
  if (!check_usage(command)) {
    return kExitUsage;
  }
  if (!command.files_from.empty() &&
      !read_file_list(command.files_from, command.null_separated, command.build.inputs)) {
    return kExitFailure;
  }
  command.build.progress = progress_mode(command);
  command.build.verbose = command.verbose && !command.quiet && !command.json;
  RealFileSystem fs;
  Diagnostics diagnostics;
  BuildReport report;
  const bool ok = run_build(command.build, fs, diagnostics, report);
  const std::string output = command.build.output == "-" ? "standard output" : command.build.output;
  if (command.json) {
    print_report_json(command.build.output, ok, report, diagnostics);
    return !ok ? kExitFailure : report.skipped_errors > 0 ? kExitPartial : kExitOk;
  }
  print_diagnostics(diagnostics, command.max_messages);
  if (!command.quiet && !report.not_articles.empty()) {
    std::fprintf(stderr, "sheaf: note: %s; --json lists them\n",
                 not_articles_summary(report.not_articles).c_str());
  }
  if (!ok) {
    std::fprintf(stderr, "sheaf: error: build failed (%zu errors, %zu warnings); %s not written\n",
                 diagnostics.error_count(), diagnostics.warning_count(), output.c_str());
    return kExitFailure;
  }
  if (!command.quiet) {
    print_summary(output, report, diagnostics.warning_count());
  }
  if (report.skipped_errors > 0) {
    std::fprintf(stderr,
                 "sheaf: warning: --keep-going: %s was written without what the %zu errors above "
                 "name\n",
                 output.c_str(), report.skipped_errors);
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace sheaf::cli
