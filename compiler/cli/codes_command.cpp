// compiler, CLI: `sheaf codes` (codes_command.hpp). Every form is generated from the one
// registry in diag/codes.def; README.md's block and the man page come from here.
#include "cli/codes_command.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "diag/codes.hpp"

namespace sheaf::cli {
namespace {

static_assert(kExitCodes[0].value == kExitOk && kExitCodes[1].value == kExitFailure &&
                  kExitCodes[2].value == kExitUsage && kExitCodes[3].value == kExitPartial &&
                  std::size(kExitCodes) == 4,
              "diag/codes.hpp must document exactly the exit codes of cli/commands.hpp");

const char* severity_name(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

std::string print_text() {
  std::string out = "Exit codes:\n";
  for (const ExitCodeInfo& e : kExitCodes) {
    out += "  " + std::to_string(e.value) + "  " + std::string(e.name) + ": " +
           std::string(e.meaning) + "\n";
  }
  out +=
      "\nDiagnostic codes (the [code] that ends each message; warnings fail a build only under "
      "--strict, unless --allow CODE):\n";
  for (const CodeInfo& c : diagnostic_codes()) {
    out += "  " + std::string(c.code) + " (" + severity_name(c.severity) + ", " +
           std::string(c.stage) + "): " + std::string(c.meaning) +
           ".\n      What to do: " + std::string(c.action) + ".\n";
  }
  return out;
}

std::string print_json() {
  nlohmann::ordered_json exits = nlohmann::ordered_json::array();
  for (const ExitCodeInfo& e : kExitCodes) {
    exits.push_back({{"value", e.value}, {"name", e.name}, {"meaning", e.meaning}});
  }
  nlohmann::ordered_json codes = nlohmann::ordered_json::array();
  for (const CodeInfo& c : diagnostic_codes()) {
    codes.push_back({{"code", c.code},
                     {"severity", severity_name(c.severity)},
                     {"stage", c.stage},
                     {"meaning", c.meaning},
                     {"action", c.action}});
  }
  return nlohmann::ordered_json{{"exit_codes", exits}, {"diagnostics", codes}}.dump(2) + "\n";
}

// Markdown table cells: a '|' would end the cell.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  }
  return out;
}

std::string print_markdown() {
  std::string out =
      "Exit codes (every command):\n\n"
      "| Exit | Name | Meaning |\n"
      "| --- | --- | --- |\n";
  for (const ExitCodeInfo& e : kExitCodes) {
    out += "| " + std::to_string(e.value) + " | " + cell(e.name) + " | " + cell(e.meaning) + " |\n";
  }
  out +=
      "\nDiagnostic codes: each message ends in one, as `sheaf: warning: FILE:LINE: reason "
      "[code]`. Warnings fail a build only under `--strict`, and `--allow CODE` accepts a "
      "warning code even then.\n\n"
      "| Code | Severity | Stage | Meaning | What to do |\n"
      "| --- | --- | --- | --- | --- |\n";
  for (const CodeInfo& c : diagnostic_codes()) {
    out += "| `" + std::string(c.code) + "` | " + severity_name(c.severity) + " | " +
           cell(c.stage) + " | " + cell(c.meaning) + " | " + cell(c.action) + " |\n";
  }
  return out;
}

// roff text: a leading '.' or '\'' would be a request, and '\' starts an escape. `code`
// spans become bold.
std::string roff(std::string_view text) {
  std::string out;
  bool bold = false;
  for (const char c : text) {
    if (c == '`') {
      out += bold ? "\\fR" : "\\fB";
      bold = !bold;
    } else {
      out += c == '\\' ? std::string("\\e") : c == '-' ? std::string("\\-") : std::string(1, c);
    }
  }
  if (bold) {
    out += "\\fR";
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) {
    out.insert(0, "\\&");
  }
  return out;
}

// Sections for `help2man --include`: a "[SECTION]" line, then roff.
std::string print_man() {
  std::string out = "[EXIT STATUS]\n";
  for (const ExitCodeInfo& e : kExitCodes) {
    out +=
        ".TP\n.B " + std::to_string(e.value) + "\n" + roff(e.name) + ": " + roff(e.meaning) + "\n";
  }
  out +=
      "[DIAGNOSTICS]\nEach message ends in a code in brackets, as in\n"
      ".B sheaf: warning: FILE:LINE: reason [code]\n.PP\nWarnings fail a build only under\n"
      ".BR \\-\\-strict ,\nand\n.BI \\-\\-allow \" CODE\"\naccepts a warning code even then.\n";
  for (const CodeInfo& c : diagnostic_codes()) {
    out += ".TP\n.BR " + roff(c.code) + " \" (" + severity_name(c.severity) + ", " + roff(c.stage) +
           ")\"\n" + roff(c.meaning) + ".\n.br\nWhat to do: " + roff(c.action) + ".\n";
  }
  return out;
}

}  // namespace

void add_codes_command(CLI::App& app, CodesCommand& command) {
  CLI::App* sub = app.add_subcommand(
      "codes",
      "List every exit code and every diagnostic code, with what each means and what "
      "to do about it");
  auto* json = sub->add_flag("--json", command.json, "As one JSON object");
  auto* markdown = sub->add_flag("--markdown", command.markdown, "As README.md's Markdown tables");
  auto* man = sub->add_flag("--man", command.man,
                            "As [EXIT STATUS] and [DIAGNOSTICS] sections for help2man --include");
  json->excludes(markdown)->excludes(man);
  markdown->excludes(man);
  app.footer(
      "Exit codes: 0 ok, 1 failure, 2 usage error, 3 build --keep-going left inputs out.\n"
      "Every message ends in a [code]; `sheaf codes` explains each exit and diagnostic code.");
}

int run_codes(const CodesCommand& command) {
  const std::string out = command.json       ? print_json()
                          : command.markdown ? print_markdown()
                          : command.man      ? print_man()
                                             : print_text();
  std::fputs(out.c_str(), stdout);
  return kExitOk;
}

}  // namespace sheaf::cli
