// sheaf: the command line. Parses arguments into option structs and calls the commands; the
// only place that catches exceptions (environment failures such as out-of-memory).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/build_options.hpp"
#include "cli/codes_command.hpp"
#include "cli/commands.hpp"
#include "cli/usage.hpp"
#include "ingest/input_types.hpp"
#include "patch/differ.hpp"

namespace {

using sheaf::cli::BuildCommand;
using sheaf::cli::ReadCommand;

// build's options for pipelines: input lists, -v, and the input type table.
void add_build_pipeline_options(CLI::App& sub, BuildCommand& c) {
  sub.add_option("--files-from", c.files_from,
                 "Also build the inputs listed in FILE ('-': standard input), one a line, taken "
                 "byte for byte (spaces included); empty lines are skipped");
  sub.add_flag("-0,--null", c.null_separated,
               "--files-from's names are separated by NUL bytes (find -print0), so they may hold "
               "newlines");
  sub.add_flag("-v,--verbose", c.verbose,
               "Also print each stage's duration and, per input file, its type and how many "
               "articles it gave");
  sub.add_flag_callback(
         "--list-input-types",
         [] {
           for (const sheaf::InputType& type : sheaf::kInputTypes) {
             std::printf("%.*s\n", static_cast<int>(type.extension.size()), type.extension.data());
           }
           throw CLI::Success();
         },
         "Print the accepted extensions, one a line, and exit")
      ->group("");  // hidden: for scripts and tests
  sub.footer(
      "Input types, by extension (case-insensitive). In a folder, web assets (.css, .js, "
      "images,\nfonts, media, archives) are skipped with one note, other types with a "
      "warning each;\na file named on the command line must be one of these:\n" +
      sheaf::input_types_help() +
      "\nProgress (reading, extraction, dictionary training, compression, verification) is "
      "one line\nrewritten on a terminal, with counts and an ETA. With --progress and no "
      "terminal (CI logs):\nat most one plain line a second, plus one at each stage's end. "
      "-q prints neither, nor\nthe summary; warnings and errors always print.");
}

CLI::App* add_build(CLI::App& app, BuildCommand& c) {
  CLI::App* sub = app.add_subcommand("build", "Compile articles (files and folders) into a bundle");
  sub->add_option("inputs", c.build.inputs,
                  "Input files and folders (" + sheaf::input_extensions(" ") + "; see below)");
  sub->add_option("-o,--output", c.build.output,
                  "Bundle file to write; '-': standard output, once the whole bundle is verified")
      ->required();
  add_build_pipeline_options(*sub, c);
  sub->add_option("--block-size", c.build.block_size,
                  "Largest uncompressed frame in bytes, or with K or M (1024s: 16K); a reader "
                  "needs a buffer this big")
      ->capture_default_str()
      ->transform(CLI::AsSizeValue(false))
      ->type_name("BYTES")
      ->check(CLI::Range(1024u, 64u * 1024 * 1024));
  sub->add_option("--level", c.build.level, "zstd compression level")
      ->capture_default_str()
      ->check(CLI::Range(1, 22));
  sub->add_option("--dict-size", c.build.dictionary_size,
                  "Largest trained dictionary in bytes, or with K or M (1024s: 512K, 1M); 0 "
                  "disables it")
      ->capture_default_str()
      ->transform(CLI::AsSizeValue(false))
      ->type_name("BYTES")
      ->check(CLI::Range(size_t{0}, size_t{16} << 20));
  sub->add_flag("--pack-dictionary,!--no-pack-dictionary", c.build.pack_dictionary,
                "The default: store the dictionary compressed (a smaller bundle; a reader unpacks "
                "it into RAM, up to --dict-size bytes, at decoder init). --no-pack-dictionary "
                "stores it as is, used in place: for bundles in a microcontroller's flash, with a "
                "--dict-size that fits there")
      ->capture_default_str();
  sub->add_option("--base", c.build.base,
                  "An earlier bundle of (mostly) the same articles: its dictionary is kept unless "
                  "the text drifted: a new one is trained when more than 25% of the text is "
                  "text it was not trained on (new or changed frames, added up over a chain of "
                  "--base builds), or when keeping it is estimated to cost more than 1% of "
                  "the compressed text (the new and changed frames' bytes times 1 - 1/f, where "
                  "they compress f times worse per byte than the unchanged ones). Every frame "
                  "whose content the base holds compressed with the dictionary used is copied, "
                  "not compressed (frames are cut by article ids, so unchanged articles land in "
                  "identical frames), and so is every --keep-source file it keeps byte for "
                  "byte. -o may name it")
      ->type_name("OLD.sheaf");
  sub->add_option("-j,--threads", c.build.threads, "Compression threads (0: all cores)")
      ->capture_default_str();
  sub->add_option("--title", c.build.meta.title, "Bundle title");
  sub->add_option("--language", c.build.meta.language, "Bundle language (BCP 47, e.g. zh-CN)");
  sub->add_option("--creator", c.build.meta.creator, "Who made the bundle");
  sub->add_flag("--strict", c.build.strict, "Treat warnings as errors");
  sub->add_flag("--keep-going", c.build.keep_going,
                "When some inputs have errors (unreadable, undecodable, malformed records), "
                "report them and build from the rest; exit status 3 says something was left out");
  sub->add_flag("--keep-source", c.build.keep_source,
                "Also store every input file's original bytes (see `unpack --source`)");
  sub->add_flag("--no-charset", c.build.no_charset,
                "Leave out the CHARSET section, the code points the articles use (see `sheaf "
                "charset`); by default it is written");
  sub->add_flag("--no-navigation", c.build.no_navigation,
                "Leave out the NAVIGATION section, the newest-first order and the category tree "
                "(see `sheaf ls --newest`, `sheaf categories`), and with it the HEADLINES "
                "section; by default both are written");
  sub->add_flag("--no-titles", c.build.no_titles,
                "Leave out the HEADLINES section, the titles compressed in newest-first order "
                "and their byte order (list screens' titles without decoding a record, `sheaf "
                "ls --title-prefix`); by default it is written with NAVIGATION");
  sub->add_flag(
      "--search", c.build.search,
      "Also write the SEARCH section, a full-text index for `sheaf search` and the "
      "runtime's search() (larger than the compressed text; see SPEC \"Search section\")");
  sub->add_flag("-q,--quiet", c.quiet, "No progress and no summary");
  sub->add_flag("--progress", c.progress,
                "Print progress (stages, frames compressed) even when stderr is not a terminal");
  sub->add_flag("--json", c.json, "Print the summary and diagnostics as one JSON object");
  return sub;
}

CLI::App* add_extract(CLI::App& app, sheaf::cli::ExtractCommand& c) {
  CLI::App* sub = app.add_subcommand(
      "extract", "Extract articles from pages and write each as gold-format JSON (no bundle)");
  sub->add_option("inputs", c.inputs, "Input files and folders")->required();
  CLI::Option* output =
      sub->add_option("-o,--output", c.output_dir,
                      "Directory for ID.json files (default: stdout, for a single article)");
  sub->add_flag("--explain", c.explain,
                "List every dropped line or block and the rule that dropped it (stderr)");
  sub->add_flag("--strict", c.strict, "Treat warnings as errors");
  sub->add_flag("-q,--quiet", c.quiet,
                "Accepted for scripts that pass it to every command: extract prints no progress "
                "or summary (warnings and errors still print)");
  sub->add_flag("-v,--verbose", c.verbose, "Name each file written with -o (stderr)");
  sub->add_flag("--json", c.json,
                "At the end, print one JSON object on stdout: inputs, articles, written, "
                "warnings, errors and seconds (the command's own work from discovering the "
                "inputs to the last file written; process start-up and exit not included)")
      ->needs(output);
  return sub;
}

CLI::App* add_read(CLI::App& app, const char* name, const char* help, ReadCommand& c, bool json) {
  CLI::App* sub = app.add_subcommand(name, help);
  sub->add_option("bundle", c.bundle, "Bundle file; '-': standard input")->required();
  sub->add_flag("-q,--quiet", c.quiet,
                "No summary line; what was asked for and errors still print");
  if (json) {
    sub->add_flag("--json", c.json, "Machine-readable output");
  }
  return sub;
}

int run_command(CLI::App& app, BuildCommand& build, const sheaf::cli::ExtractCommand& extract,
                const ReadCommand& read, const sheaf::cli::PatchCommand& patch);

// diff and patch: a patch between two bundles, and a bundle from a patch (SPEC "Patches").
void add_patch_commands(CLI::App& app, sheaf::cli::PatchCommand& c) {
  CLI::App* diff = app.add_subcommand(
      "diff",
      "Write a patch that turns bundle OLD into bundle NEW (`sheaf patch` or the runtime's "
      "apply_patch applies it): NEW's frames that OLD holds are copied, the rest carried");
  diff->add_option("old", c.first, "The bundle the patch applies to")->required();
  diff->add_option("new", c.second, "The bundle the patch makes")->required();
  diff->add_option("-o,--output", c.output,
                   "Patch file to write; '-': standard output (the summary then goes to stderr)")
      ->required();
  diff->add_option("--max-chunk", c.max_chunk,
                   "Largest zstd block and ADD in the patch, in bytes: the chunk buffer that "
                   "`patch_workspace_size` adds to the applier's zstd context. Default: NEW's "
                   "block size, at least 16 KiB and at most 1 MiB; ask for less when the "
                   "device's RAM is tight (the patch grows a little). K and M suffixes: 1024s")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("BYTES")
      ->check(CLI::Range(sheaf::kMinMaxChunk, sheaf::kMaxMaxChunk));
  CLI::App* patch = app.add_subcommand(
      "patch",
      "Apply PATCH to bundle OLD and write the new bundle, only once it is byte for byte the "
      "bundle the patch was made from and passes `sheaf verify`'s checks");
  patch->add_option("old", c.first, "The bundle the patch was made for")->required();
  patch->add_option("patch", c.second, "Patch file (from `sheaf diff`)")->required();
  patch
      ->add_option("-o,--output", c.output,
                   "Bundle file to write (replaced only on success; may be OLD itself)")
      ->required();
  for (CLI::App* sub : {diff, patch}) {
    sub->add_flag("-q,--quiet", c.quiet, "No summary line; errors still print");
    sub->add_flag("--json", c.json, "Print the summary as one JSON object");
  }
}

// The subcommands that read a bundle: info, ls, categories, cat, verify, unpack, charset.
void add_read_commands(CLI::App& app, ReadCommand& read) {
  add_read(app, "info", "Show format version, counts, sizes and metadata", read, true)
      ->add_flag("-v,--verbose", read.verbose,
                 "Also list every frame: offset, compressed and raw bytes");
  CLI::App* ls = add_read(
      app, "ls",
      "List articles, one per line: id, date, title, tab-separated, control characters "
      "escaped (\\t, \\n, \\x1b, ...; see docs/article-json.md); --json: JSON Lines, exact",
      read, true);
  ls->add_flag("--newest", read.newest,
               "Newest first: dated articles by date, then those dated --MM-DD, then undated "
               "(ties in id order)");
  ls->add_option("--category", read.category,
                 "Only the articles of this category and its subcategories, newest first; the "
                 "path as `sheaf cat` prints it: 'A > B'");
  ls->add_option("--title-prefix", read.title_prefix,
                 "Only the articles whose title starts with these bytes (exact, case-sensitive), "
                 "in title byte order; with --newest, newest first")
      ->excludes("--category");
  add_read(app, "categories",
           "Print the category tree of the breadcrumbs, a line per category: 'name (articles "
           "in it and below)', indented two spaces a level; --json: the tree as nested objects",
           read, true);
  CLI::App* cat =
      add_read(app, "cat",
               "Show one article by id; control characters other than newline and tab are escaped "
               "(\\x00, \\x1b, ...; see docs/article-json.md); --json: exact text",
               read, true);
  cat->add_option("id", read.id, "Article id (see `sheaf ls`)")->required();
  add_read(app, "verify", "Check every byte; exit 0 good, 1 damaged", read, false)
      ->add_flag("-v,--verbose", read.verbose,
                 "Decode each frame on its own first and print a line for each");
  CLI::App* unpack = add_read(
      app, "unpack", "Write every article as one JSON file (gold format plus id)", read, false);
  unpack->add_flag("-v,--verbose", read.verbose, "Name each file written (stderr)");
  unpack->add_option("-o,--output", read.output_dir, "Directory to write into")->required();
  unpack->add_flag("--source", read.sources,
                   "Write the original input files kept by `build --keep-source`, byte for byte, "
                   "instead of article JSON");
  CLI::App* search = add_read(
      app, "search",
      "Full-text search: the articles whose title, subtitle or body holds every term of QUERY "
      "(NFKC-normalised, lower case; CJK or not, a term matches as a substring), best first: "
      "terms in the title, then occurrences, then newest; one line each: id, date, title "
      "(as ls); --json: one object a hit: id, title, date, title_terms, frequency",
      read, true);
  search->add_option("query", read.query, "Terms separated by spaces, all required")->required();
  search->add_option("--limit", read.limit, "Show at most N hits")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  add_read(app, "charset",
           "Print the code points the articles use (titles, bodies, metadata, categories, "
           "sites), to subset a display font",
           read, true)
      ->add_option("--format", read.format,
                   "text: the characters themselves (control characters left out), for "
                   "lv_font_conv --symbols or pyftsubset --text-file; ranges: 0x4E00-0x4E01,... "
                   "for lv_font_conv --range; json: {code_points, ranges: [[first, last]...]}")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "ranges", "json"}));
}

// The whole command line; main() adds the last line of defence.
int run_main(int argc, char** argv) {
  CLI::App app("sheaf: compile articles into one compressed bundle, and read bundles", "sheaf");
  app.set_version_flag("--version", std::string("sheaf ") + SHEAF_VERSION);
  app.require_subcommand(1);

  BuildCommand build;
  sheaf::cli::ExtractCommand extract;
  ReadCommand read;
  sheaf::cli::add_build_config_options(*add_build(app, build), build);
  add_extract(app, extract);
  add_read_commands(app, read);
  sheaf::cli::PatchCommand patch;
  add_patch_commands(app, patch);
  sheaf::cli::CodesCommand codes;
  sheaf::cli::add_codes_command(app, codes);

  if (!sheaf::cli::check_command_name(app, argc, argv)) {
    return sheaf::cli::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return sheaf::cli::handle_parse_error(app, e);
  }

  const int code = *app.get_subcommand("codes") ? sheaf::cli::run_codes(codes)
                                                : run_command(app, build, extract, read, patch);
  // Output that did not reach its destination (a full disk, a closed pipe) is a failure.
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    std::fprintf(stderr, "sheaf: error: cannot write to standard output: %s\n",
                 std::strerror(errno));
    return sheaf::cli::kExitFailure;
  }
  return code;
}

int run_command(CLI::App& app, BuildCommand& build, const sheaf::cli::ExtractCommand& extract,
                const ReadCommand& read, const sheaf::cli::PatchCommand& patch) {
  try {
    if (*app.get_subcommand("diff")) {
      return sheaf::cli::run_diff(patch);
    }
    if (*app.get_subcommand("patch")) {
      return sheaf::cli::run_patch(patch);
    }
    if (*app.get_subcommand("extract")) {
      return sheaf::cli::run_extract(extract);
    }
    if (*app.get_subcommand("build")) {
      return sheaf::cli::run_build_command(build);
    }
    if (*app.get_subcommand("categories")) {
      return sheaf::cli::run_categories(read);
    }
    if (*app.get_subcommand("search")) {
      return sheaf::cli::run_search(read);
    }
    if (*app.get_subcommand("charset")) {
      return sheaf::cli::run_charset(read);
    }
    if (*app.get_subcommand("info")) {
      return sheaf::cli::run_info(read);
    }
    if (*app.get_subcommand("ls")) {
      return sheaf::cli::run_ls(read);
    }
    if (*app.get_subcommand("cat")) {
      return sheaf::cli::run_cat(read);
    }
    if (*app.get_subcommand("verify")) {
      return sheaf::cli::run_verify(read);
    }
    if (*app.get_subcommand("unpack")) {
      return sheaf::cli::run_unpack(read);
    }
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "sheaf: error: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sheaf: error: %s\n", e.what());
  }
  return sheaf::cli::kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  // Errors are values inside sheaf; what can still throw here is the standard library (out of
  // memory, a filesystem error nothing anticipated). Say so and fail, never abort.
  try {
    return run_main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "sheaf: error: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sheaf: error: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "sheaf: error: internal error (unknown exception)\n");
  }
  return sheaf::cli::kExitFailure;
}
