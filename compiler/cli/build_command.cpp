// compiler, CLI: `sheaf build`.
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/build_options.hpp"
#include "cli/commands.hpp"
#include "ingest/discover.hpp"
#include "ingest/filesystem.hpp"

namespace sheaf::cli {
namespace {

// Prints each diagnostic code's first `limit` messages, then how many more there were.
void print_diagnostics(const Diagnostics& diagnostics, size_t limit) {
  std::map<std::string, size_t> seen;
  for (const Diagnostic& d : diagnostics.items()) {
    if (++seen[d.code] <= limit) {
      std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    }
  }
  for (const auto& [code, count] : seen) {
    if (count > limit) {
      std::fprintf(stderr, "sheaf: note: %zu more [%s] messages not shown\n", count - limit,
                   code.c_str());
    }
  }
}

nlohmann::ordered_json diagnostics_json(const Diagnostics& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    list.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"},
                    {"file", d.file},
                    {"line", d.line},
                    {"code", d.code},
                    {"message", d.message}});
  }
  return list;
}

double ratio(uint64_t a, uint64_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

}  // namespace

int run_build_command(BuildCommand& command) {
  if (const int settled = settle_build_options(command); settled >= 0) {
    return settled;
  }
  RealFileSystem fs;
  Diagnostics diagnostics;
  BuildReport report;
  const bool ok = run_build(command.build, fs, diagnostics, report);
  if (command.json) {
    nlohmann::ordered_json out = {{"ok", ok},
                                  {"output", command.build.output},
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
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return !ok ? kExitFailure : report.skipped_errors > 0 ? kExitPartial : kExitOk;
  }
  print_diagnostics(diagnostics, command.max_messages);
  if (!command.quiet && !report.not_articles.empty()) {
    std::fprintf(stderr, "sheaf: note: %s; --json lists them\n",
                 not_articles_summary(report.not_articles).c_str());
  }
  if (!ok) {
    std::fprintf(stderr, "sheaf: error: build failed (%zu errors, %zu warnings); %s not written\n",
                 diagnostics.error_count(), diagnostics.warning_count(),
                 command.build.output.c_str());
    return kExitFailure;
  }
  if (!command.quiet) {
    std::fprintf(stderr,
                 "sheaf: wrote %s: %zu articles from %zu files, %llu bytes of text -> %llu bytes "
                 "(%.1f%%; index %llu, dictionary %llu, %zu frames) in %.2f s, %zu warnings\n",
                 command.build.output.c_str(), report.articles, report.input_files,
                 static_cast<unsigned long long>(report.body_bytes),
                 static_cast<unsigned long long>(report.file_bytes),
                 100.0 * ratio(report.file_bytes, report.body_bytes),
                 static_cast<unsigned long long>(report.index_bytes),
                 static_cast<unsigned long long>(report.dictionary_bytes), report.frames,
                 report.seconds, diagnostics.warning_count());
    if (!report.dictionary_note.empty()) {
      std::fprintf(stderr, "sheaf: note: %s\n", report.dictionary_note.c_str());
    }
  }
  if (report.skipped_errors > 0) {
    std::fprintf(stderr,
                 "sheaf: warning: --keep-going: %s was written without what the %zu errors above "
                 "name\n",
                 command.build.output.c_str(), report.skipped_errors);
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace sheaf::cli
