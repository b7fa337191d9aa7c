// compiler: the stage order of a build, and the memory each stage hands back. Each stage is
// one call returning a plain struct; the report is made from those structs.
#include "pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sheaf/sheaf.hpp>

#include "compress/base_bundle.hpp"
#include "compress/compressor.hpp"
#include "compress/dictionary.hpp"
#include "compress/frame_plan.hpp"
#include "extract/extract.hpp"
#include "extract/origin.hpp"
#include "index/catalog.hpp"
#include "index/charset_table.hpp"
#include "index/headline_table.hpp"
#include "index/navigation_table.hpp"
#include "index/search_table.hpp"
#include "ingest/discover.hpp"
#include "ingest/ingest.hpp"
#include "ingest/input_types.hpp"
#include "write/bundle_writer.hpp"
#include "write/layout.hpp"

namespace sheaf {
namespace {

void report_frames(size_t done, size_t /*total*/, void* context) {
  static_cast<Progress*>(context)->update(done);
}

// Returns the pages of freed heap memory to the system (glibc keeps them otherwise).
void release_free_memory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// ingest stage: the input files found, read and decoded.
struct Inputs {
  std::vector<InputFile> files;
  std::vector<std::string> not_articles;  // files of folders skipped as not articles
  std::vector<std::string> excluded;      // left out by --exclude
  Extractor extractor;                    // the pages to extract (the records are in the catalog)
  std::vector<SourceFile> sources;        // with --keep-source: every file read, byte for byte
  uint64_t text_bytes = 0;                // of the documents, decoded to UTF-8
  bool output_is_input = false;           // -o names one of the input files: nothing was read
};

// True (with an error naming both) when `output` is the same file as one of `files`: the same
// device and inode (a hard link or another spelling of the path is the same file). Checked
// before anything is read or written; one stat per input file, only when `output` exists.
bool output_is_an_input(const std::string& output, const std::vector<InputFile>& files,
                        FileSystem& fs, Diagnostics& diagnostics) {
  if (output == "-" || fs.stat(output).kind != FileKind::regular) {
    return false;  // a new name, or a device written in place: never an input file
  }
  const std::string out = fs.file_id(output);
  for (const InputFile& f : files) {
    if (!out.empty() && fs.file_id(f.path) == out) {
      diagnostics.error(output, 0, DiagCode::write_failed,
                        "the output is the input file " + f.path +
                            " (the same file: device and inode); writing it would replace that "
                            "input; choose another output name");
      return true;
    }
  }
  return false;
}

Inputs read_inputs(const BuildOptions& options, FileSystem& fs, Diagnostics& diagnostics,
                   Progress& progress, RecordCatalog& catalog) {
  Discovery discovery = discover(options.inputs, fs, diagnostics, DiscoverOptions{options.exclude});
  Inputs in{{}, {}, {}, Extractor(ExtractOptions{}, &catalog), {}, 0, false};
  in.files = std::move(discovery.files);
  in.not_articles = std::move(discovery.not_articles);
  in.excluded = std::move(discovery.excluded);
  if (output_is_an_input(options.output, in.files, fs, diagnostics)) {
    in.output_is_input = true;
    return in;
  }
  progress.begin("reading", in.files.size(), "files");
  // Each record becomes its article, and that its record in `catalog`, as it is read, so that
  // a million small records are held as records, not as Documents or Articles; pages wait for
  // the extraction stage.
  ingest(in.files, fs, diagnostics, in.extractor, options.keep_source ? &in.sources : nullptr,
         &progress);
  in.text_bytes = in.extractor.text_bytes();
  progress.end(std::to_string(in.text_bytes) + " bytes of text");
  return in;
}

// extract stage: the pages' articles join the records' in `catalog`; each page Document is
// freed once extracted.
void extract_articles(Extractor& extractor, const RecordCatalog& catalog, Diagnostics& diagnostics,
                      Progress& progress) {
  progress.begin("extraction", extractor.steps(), "steps");
  extractor.finish(diagnostics, &progress);
  progress.end(std::to_string(catalog.size()) + " articles");
}

// build -v: each input file, its type and how many articles it gave.
void note_files(const std::vector<InputFile>& files, const RecordCatalog& catalog,
                Progress& progress) {
  std::map<std::string, size_t> counts;
  for (size_t i = 0; i < catalog.size(); ++i) {
    ++counts[split_origin(catalog.origin(i)).file];
  }
  for (const InputFile& f : files) {
    const InputType* type = input_type_of(f.rel_path);
    const size_t n = counts[f.path];
    progress.note("sheaf: " + f.path + ": " +
                  (type != nullptr ? std::string(type->extension.substr(1)) : "?") + ", " +
                  std::to_string(n) + (n == 1 ? " article" : " articles"));
  }
}

// Once compressed, the frames are the only copy of the text: free the records, keeping what the
// read-back of the written bundle compares with.
RecordFingerprints free_records(RecordCatalog& catalog, BuildReport& report) {
  RecordFingerprints fingerprints = fingerprint_records(catalog.records());
  report.record_bytes = catalog.records().bytes().size();
  catalog.records().clear();
  return fingerprints;
}

// Whether the build goes on after the index stage: no errors but those naming inputs left out
// (and those only with --keep-going), and under --strict no warnings but --allow'ed ones.
bool may_build(const BuildOptions& options, const Diagnostics& diagnostics, size_t input_errors) {
  return (input_errors == 0 || options.keep_going) && diagnostics.error_count() == input_errors &&
         !(options.strict && diagnostics.warning_count(options.allow) > 0);
}

// index stage: the records in id order. False when the build stops there: an error about the
// articles, one about an input without --keep-going, a warning under --strict, no articles.
bool order_catalog(const BuildOptions& options, RecordCatalog& catalog, Diagnostics& diagnostics,
                   BuildReport& report) {
  const size_t input_errors = diagnostics.error_count();  // each names an input left out
  const bool ordered = catalog.order(diagnostics);
  report.body_bytes = catalog.body_bytes();
  if (!ordered || !may_build(options, diagnostics, input_errors)) {
    return false;
  }
  report.skipped_errors = input_errors;
  if (catalog.size() == 0) {
    diagnostics.error("", 0, DiagCode::no_articles,
                      "no articles found in the inputs; nothing to build");
    return false;
  }
  report.articles = catalog.size();
  return true;
}

// compress stage: every frame of the plan, and where each lies in DATA.
struct CompressedData {
  std::vector<std::string> frames;
  std::vector<FrameRecord> table;
  std::vector<bool> copied;  // frame j was copied from the base, not compressed
};

// With a base whose frames were compressed with `dictionary` at this block size: for each
// planned frame, the base frame with the same content, or -1. Otherwise every frame is new.
std::vector<int64_t> base_matches(const FramePlan& plan, const RecordStore& records,
                                  const std::string& dictionary, uint32_t block_size,
                                  BaseBundle* base) {
  std::vector<int64_t> matches(plan.frames.size(), -1);
  if (base == nullptr || base->dictionary != dictionary || base->block_size != block_size) {
    return matches;
  }
  for (size_t j = 0; j < plan.frames.size(); ++j) {
    matches[j] = base->find(frame_bytes(plan, j, records));
  }
  return matches;
}

// Compresses the frames of `plan` with `dictionary`, copying from `base` (may be null) every
// frame whose content it holds compressed with the same dictionary: the same bytes compression
// would give, so the output does not depend on the copy, only the time does.
CompressedData compress_data(const FramePlan& plan, const RecordStore& records,
                             const std::string& dictionary, BaseBundle* base,
                             const CompressOptions& options, ProgressMode mode,
                             Progress& progress) {
  const std::vector<int64_t> matches =
      base_matches(plan, records, dictionary, static_cast<uint32_t>(options.frame_size), base);
  CompressedData out;
  out.copied.resize(plan.frames.size());
  std::vector<std::string_view> copies(plan.frames.size());
  std::vector<uint32_t> raw_sizes;
  raw_sizes.reserve(plan.frames.size());
  for (size_t j = 0; j < plan.frames.size(); ++j) {
    if (matches[j] >= 0) {
      copies[j] = base->compressed_of(base->frames[static_cast<size_t>(matches[j])]);
      out.copied[j] = true;
    }
    raw_sizes.push_back(plan.frames[j].raw_size);
  }
  const auto to_compress =
      static_cast<size_t>(std::count(out.copied.begin(), out.copied.end(), false));
  progress.begin("compression", to_compress, "frames");
  out.frames = compress_or_copy(
      copies, [&](size_t j) { return frame_bytes(plan, j, records); }, dictionary, options,
      mode != ProgressMode::off ? report_frames : nullptr, &progress);
  progress.end();
  out.table = place_frames(out.frames, raw_sizes);
  return out;
}

// The drift rule's figures for frames compressed with the base dictionary.
Drift drift_of(const FramePlan& plan, const CompressedData& data, uint64_t base_new_raw) {
  uint64_t sums[2][2] = {};  // [copied][raw, compressed]
  for (size_t j = 0; j < plan.frames.size(); ++j) {
    uint64_t* sum = sums[data.copied[j] ? 1 : 0];
    sum[0] += plan.frames[j].raw_size;
    sum[1] += data.frames[j].size();
  }
  return judge_drift(sums[1][0], sums[1][1], sums[0][0], sums[0][1], base_new_raw);
}

// compress stage, --keep-source: each kept input file as one zstd frame, no dictionary (SPEC:
// "Sources"), and where each lies in SOURCES.
struct PackedSources {
  std::vector<std::string> frames;
  std::vector<SourceRecord> records;
};

// A file the base keeps byte for byte is copied from it, as DATA's frames are.
PackedSources pack_sources(const std::vector<SourceFile>& sources, const CompressOptions& options,
                           const BaseBundle* base, size_t& copied) {
  PackedSources out;
  copied = 0;
  if (sources.empty()) {
    return out;
  }
  std::vector<std::string_view> copies(sources.size());
  for (size_t k = 0; k < sources.size() && base != nullptr; ++k) {
    copies[k] = base->find_source(sources[k].bytes);
    copied += copies[k].empty() ? 0 : 1;
  }
  out.frames = compress_or_copy(
      copies, [&](size_t k) -> std::string_view { return sources[k].bytes; }, "", options);
  const std::vector<uint64_t> offsets = aligned_offsets(out.frames);
  for (size_t k = 0; k < sources.size(); ++k) {
    const std::string& bytes = sources[k].bytes;
    out.records.push_back(
        {sources[k].path, offsets[k], out.frames[k].size(), bytes.size(),
         detail::xxh64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())});
  }
  return out;
}

DictionaryOptions dictionary_options_of(const BuildOptions& options) {
  DictionaryOptions d;
  d.max_size = options.dictionary_size;
  d.pack = options.pack_dictionary;
  return d;
}

CompressOptions compress_options_of(const BuildOptions& options) {
  CompressOptions c;
  c.level = options.level;
  c.threads = options.threads;
  c.frame_size = options.block_size;
  return c;
}

BundleMeta meta_of(const BuildOptions& options) {
  BundleMeta meta = options.meta;
  meta.generator = std::string("sheaf ") + SHEAF_VERSION;
  meta.created = creation_time_from_environment();
  meta.block_size = options.block_size;
  return meta;
}

// compress stage: the dictionary and the frames.
struct Compressed {
  DictionaryChoice dictionary;
  CompressedData data;
};

size_t count_copied(const CompressedData& data) {
  return static_cast<size_t>(std::count(data.copied.begin(), data.copied.end(), true));
}

// The dictionary and the frames. A base's dictionary (`base` may be null) is tried first: the
// frames the base does not hold are compressed with it, and the drift rule (judge_drift) keeps
// it or has a new one trained, as without a base; then only frames the base holds compressed
// with that same dictionary are copied.
Compressed compress_records(const BuildOptions& options, const FramePlan& plan,
                            const RecordStore& records, BaseBundle* base, Progress& progress,
                            BuildReport& report) {
  const CompressOptions compress = compress_options_of(options);
  const DictionaryOptions dictionary_options = dictionary_options_of(options);
  if (base != nullptr) {
    report.base = base->path;
    report.base_dictionary = options.dictionary_size == 0 ? "none"
                             : base->dictionary.empty()   ? "trained"
                                                          : "kept";
  }
  if (base != nullptr && !base->dictionary.empty() && options.dictionary_size > 0) {
    CompressedData data =
        compress_data(plan, records, base->dictionary, base, compress, options.progress, progress);
    const Drift drift = drift_of(plan, data, base->dictionary_new_raw);
    report.changed_factor = drift.changed_factor;
    report.new_share = drift.new_share;
    report.keep_cost = drift.keep_cost;
    report.new_since_training_share = drift.new_since_training_share;
    if (!drift.retrain) {
      report.frames_copied = count_copied(data);
      report.dictionary_new_raw = drift.new_since_training;
      return {keep_dictionary(base->dictionary, dictionary_options, compress), std::move(data)};
    }
    report.base_dictionary = "retrained";
  }
  DictionaryChoice dictionary =
      choose_dictionary(plan, records, dictionary_options, compress, progress);
  CompressedData data =
      compress_data(plan, records, dictionary.bytes, base, compress, options.progress, progress);
  report.frames_copied = count_copied(data);
  return {std::move(dictionary), std::move(data)};
}

// The end of the last blob of a section, padded to 8 bytes: its size.
template <typename Placed>
uint64_t section_bytes(const std::vector<Placed>& placed) {
  return placed.empty() ? 0
                        : format::align_up(placed.back().offset + placed.back().compressed_size);
}

// The part of the report the inputs make: kept when the build fails.
void report_inputs(Inputs& inputs, BuildReport& report) {
  report.input_files = inputs.files.size();
  report.not_articles = std::move(inputs.not_articles);
  report.excluded = std::move(inputs.excluded);
  report.input_bytes = inputs.text_bytes;
}

// The part of the report a written bundle adds.
void report_output(const CompressedData& data, const DictionaryChoice& dictionary,
                   const PackedSources& sources, const std::string& index, const FileImage& file,
                   BuildReport& report) {
  report.frames = data.frames.size();
  report.index_bytes = index.size();
  report.dictionary_bytes = dictionary.stored().size();
  report.dictionary_size = dictionary.bytes.size();
  report.data_bytes = section_bytes(data.table);
  report.source_bytes = section_bytes(sources.records);
  report.sources = sources.records.size();
  report.file_bytes = file.size;
}

// The optional sections' bytes (SPEC: "Charset section", "Navigation section", "Headlines
// section", "Search section"); each is written unless its --no-* option leaves it out (SEARCH
// only with --search; HEADLINES only with NAVIGATION, whose slot order it follows).
struct OptionalTables {
  std::string charset;
  std::string navigation;
  std::string headlines;
  std::string search;
};

bool writes_headlines(const BuildOptions& options) {
  return !options.no_navigation && !options.no_titles;
}

// The tables made from the records (in id order): the dates and breadcrumbs they hold.
void tables_of_records(const BuildOptions& options, const RecordStore& records,
                       OptionalTables& tables) {
  if (!options.no_navigation) {
    tables.navigation = encode_navigation(navigation_entries(records));
  }
}

// The optional sections the options ask for, in kind order.
std::vector<OptionalSection> optional_sections(const BuildOptions& options,
                                               const OptionalTables& tables) {
  std::vector<OptionalSection> sections;
  if (!options.no_charset) {
    sections.push_back({format::SectionKind::charset, tables.charset});
  }
  if (!options.no_navigation) {
    sections.push_back({format::SectionKind::navigation, tables.navigation});
  }
  if (options.search) {
    sections.push_back({format::SectionKind::search, tables.search});
  }
  if (writes_headlines(options)) {
    sections.push_back({format::SectionKind::headlines, tables.headlines});
  }
  return sections;
}

}  // namespace

uint64_t creation_time_from_environment() {
  const char* s = std::getenv("SOURCE_DATE_EPOCH");
  if (s == nullptr || *s == '\0') {
    return 0;
  }
  uint64_t v = 0;
  for (const char* p = s; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10) {
      return 0;  // not a plain decimal number, or too large: treat as unset
    }
    v = v * 10 + static_cast<uint64_t>(*p - '0');
  }
  return v;
}

bool run_build(const BuildOptions& options, FileSystem& fs, Diagnostics& diagnostics,
               BuildReport& report) {
  const auto started = std::chrono::steady_clock::now();
  Progress progress(options.progress);
  // Read and verified in full before anything is written (-o may name it: the output is renamed
  // over it at the end, after it is dropped).
  BaseBundle base;
  if (!options.base.empty()) {
    if (const Status read = read_base_bundle(options.base, base, progress); !read.ok()) {
      diagnostics.error(options.base, 0, DiagCode::bad_base, read.message());
      return false;
    }
  }
  RecordCatalog catalog;  // every article as its record, as extraction makes it
  Inputs inputs = read_inputs(options, fs, diagnostics, progress, catalog);
  if (inputs.output_is_input) {
    return false;
  }
  report_inputs(inputs, report);
  extract_articles(inputs.extractor, catalog, diagnostics, progress);
  if (options.verbose) {
    note_files(inputs.files, catalog, progress);
  }
  // The inputs were freed one by one while the records were made: hand back the pages they
  // left empty before the records in id order take fresh ones (bulk corpus: 218 -> 179 MiB).
  release_free_memory();
  if (!order_catalog(options, catalog, diagnostics, report)) {
    return false;
  }

  const FramePlan plan = plan_frames(catalog.records(), options.block_size);
  const IndexKeys keys = index_keys(catalog.records(), catalog.sites(), plan);
  catalog.free_entries();
  OptionalTables tables;
  tables_of_records(options, catalog.records(), tables);
  release_free_memory();  // before training (about 40 MB of zstd state) and compression
  const CompressOptions compress = compress_options_of(options);
  const Compressed compressed = compress_records(
      options, plan, catalog.records(), options.base.empty() ? nullptr : &base, progress, report);
  const DictionaryChoice& dictionary = compressed.dictionary;
  const CompressedData& data = compressed.data;
  if (!options.keep_source) {
    base = BaseBundle();  // the frames copied from it are in `data`: free it
  }
  report.dictionary_note = dictionary.note;
  if (writes_headlines(options)) {  // compressed with DATA's dictionary, as its frames are
    tables.headlines =
        encode_record_headlines(catalog.records(), tables.navigation, dictionary.bytes, compress);
  }
  if (!options.no_charset) {
    tables.charset = encode_charset(collect_code_points(catalog.records(), keys.sites));
  }
  if (options.search) {
    tables.search = encode_search(catalog.records());
  }
  const RecordFingerprints fingerprints = free_records(catalog, report);
  // --keep-source: the kept files, once the records are freed; those the base holds byte for
  // byte are copied from it (so with --keep-source the base is kept until here).
  const PackedSources sources = pack_sources(
      inputs.sources, compress, options.base.empty() ? nullptr : &base, report.sources_copied);
  inputs.sources.clear();
  base = BaseBundle();

  BundleMeta meta = meta_of(options);
  meta.dictionary_new_raw = report.dictionary_new_raw;
  const std::string index = build_index(meta, keys, plan, data.table, sources.records);
  const FileImage file =
      lay_out_bundle(index, dictionary.stored(), data.frames, sources.frames,
                     !dictionary.packed.empty(), optional_sections(options, tables));
  if (const Status written = write_bundle(options.output, file, fingerprints, fs, progress);
      !written.ok()) {
    diagnostics.error("", 0, DiagCode::write_failed, written.message());
    return false;
  }
  report_output(data, dictionary, sources, index, file, report);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return true;
}

}  // namespace sheaf
