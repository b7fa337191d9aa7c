// compiler: the build pipeline. The only place that knows the stage order:
// ingest -> extract -> index (order) -> compress (plan, dictionary, frames) -> index (build)
// -> write (layout, atomic file, read-back check).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "diag/progress.hpp"
#include "index/index_builder.hpp"
#include "ingest/filesystem.hpp"

namespace sheaf {

struct BuildOptions {
  std::vector<std::string> inputs;       ///< files and folders
  std::string output;                    ///< "-": standard output, once the bundle is verified
  uint32_t block_size = 8 * 1024;        ///< --block-size: largest raw frame (see docs/DESIGN.md)
  int level = 19;                        ///< --level: zstd level
  unsigned threads = 0;                  ///< --threads: 0 = all cores
  size_t dictionary_size = 3072 * 1024;  ///< --dict-size: 0 = no dictionary
  bool pack_dictionary = true;           ///< --no-pack-dictionary: store it as is (in place)
  BundleMeta meta;                   ///< title, language, creator; generator and created are set
  bool strict = false;               ///< warnings are fatal (except those in `allow`)
  std::vector<std::string> allow;    ///< --allow: warning codes --strict accepts
  std::vector<std::string> exclude;  ///< --exclude: patterns for paths inside folder inputs
  bool keep_going = false;   ///< --keep-going: build from what is fine when some inputs have errors
  bool keep_source = false;  ///< --keep-source: store every input file's bytes too
  bool no_charset = false;   ///< --no-charset: no CHARSET section (SPEC: "Charset section")
  bool no_navigation = false;  ///< --no-navigation: no NAVIGATION section (SPEC: "Navigation
                               ///< section")
  bool no_titles = false;      ///< --no-titles: no HEADLINES section (SPEC: "Headlines section")
  bool search = false;         ///< --search: also a SEARCH section (SPEC: "Search section")
  std::string base;  ///< --base: an earlier bundle whose dictionary and unchanged frames are kept
  ProgressMode progress = ProgressMode::off;  ///< how the long stages show progress on stderr
  bool verbose = false;  ///< -v: a note per input file (its type and articles) via `progress`
};

/// What a build did, for `build`'s summary and --json.
struct BuildReport {
  size_t input_files = 0;
  size_t articles = 0;
  size_t frames = 0;
  uint64_t input_bytes = 0;   ///< bytes of input text after decoding to UTF-8
  uint64_t body_bytes = 0;    ///< bytes of body text stored
  uint64_t record_bytes = 0;  ///< bytes of records (metadata fields and bodies) compressed
  uint64_t index_bytes = 0;
  uint64_t dictionary_bytes = 0;  ///< as stored (packed with --pack-dictionary)
  uint64_t dictionary_size = 0;   ///< the dictionary's own size
  uint64_t data_bytes = 0;
  uint64_t source_bytes = 0;  ///< SOURCES section, with --keep-source
  uint64_t file_bytes = 0;
  size_t skipped_errors = 0;  ///< with keep_going: input errors whose inputs were left out
  std::vector<std::string> not_articles;  ///< files of folders skipped as not articles
  std::vector<std::string> excluded;      ///< files and folders left out by --exclude
  std::string dictionary_note;
  double seconds = 0;
  // With --base (docs/DESIGN.md, "Stable builds"):
  std::string base;             ///< the base bundle's path; "" without --base
  std::string base_dictionary;  ///< "kept", "retrained", or "trained" (the base has none)
  double changed_factor = 0;    ///< the drift rule's figures (Drift), when the base has one
  double new_share = 0;
  double keep_cost = 0;
  double new_since_training_share = 0;
  uint64_t dictionary_new_raw = 0;  ///< written to the index: the kept dictionary's untrained text
  size_t frames_copied = 0;         ///< frames copied from the base; the rest were compressed
  size_t sources = 0;               ///< --keep-source: files kept
  size_t sources_copied = 0;        ///< of them, those whose frame was copied from the base
};

/// Runs a whole build. Problems with inputs go to `diagnostics`; a problem writing the output
/// is returned as an error diagnostic too. Writes the output only when there are no errors
/// (and, with options.strict, no warnings); with options.keep_going, errors about single inputs
/// (a file that cannot be read or decoded, a malformed record) leave those inputs out and the
/// rest is built (report.skipped_errors counts them). Duplicate ids, oversized articles, no
/// articles at all and output errors always fail.
/// @return true when the bundle was written.
bool run_build(const BuildOptions& options, FileSystem& fs, Diagnostics& diagnostics,
               BuildReport& report);

/// The creation time recorded in a bundle: SOURCE_DATE_EPOCH when set to a valid number, else 0.
uint64_t creation_time_from_environment();

}  // namespace sheaf
