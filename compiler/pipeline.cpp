// compiler: stage order and the read-back check of every bundle written.
#include "pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "compress/compressor.hpp"
#include "compress/dictionary.hpp"
#include "compress/frame_plan.hpp"
#include "extract/extract.hpp"
#include "extract/origin.hpp"
#include "index/ordering.hpp"
#include "index/record_writer.hpp"
#include "ingest/discover.hpp"
#include "ingest/ingest.hpp"
#include "ingest/input_types.hpp"
#include "write/atomic_file.hpp"
#include "write/layout.hpp"
#include "write/source_files.hpp"

namespace sheaf {
namespace {

void report_frames(size_t done, size_t /*total*/, void* context) {
  static_cast<Progress*>(context)->update(done);
}

void report_articles(uint32_t done, uint32_t /*total*/, void* context) {
  static_cast<Progress*>(context)->update(done);
}

// Returns the pages of freed heap memory to the system (glibc keeps them otherwise).
void release_free_memory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// build -v: each input file, its type and how many articles it gave.
void note_files(const std::vector<InputFile>& files, const std::vector<Article>& articles,
                Progress& progress) {
  std::map<std::string, size_t> counts;
  for (const Article& a : articles) {
    ++counts[split_origin(a.origin).file];
  }
  for (const InputFile& f : files) {
    const InputType* type = input_type_of(f.rel_path);
    const size_t n = counts[f.path];
    progress.note("sheaf: " + f.path + ": " +
                  (type != nullptr ? std::string(type->extension.substr(1)) : "?") + ", " +
                  std::to_string(n) + (n == 1 ? " article" : " articles"));
  }
}

// Records must fit the format's 32-bit sizes (SPEC: Article.size).
bool check_sizes(const std::vector<Article>& articles, const RecordStore& records,
                 Diagnostics& diagnostics) {
  bool ok = true;
  if (articles.size() >= std::numeric_limits<uint32_t>::max()) {
    diagnostics.error("", 0, DiagCode::too_many_articles, "more than 4294967294 articles");
    return false;
  }
  for (size_t i = 0; i < records.size(); ++i) {
    if (records.size_of(i) >= std::numeric_limits<uint32_t>::max()) {
      diagnostics.error(articles[i].origin, 0, DiagCode::article_too_large,
                        "article (fields and body) is 4 GiB or more; split it");
      ok = false;
    }
  }
  return ok;
}

// XXH64 of each record: what read_back() compares with, so the records themselves can be freed
// once compressed.
std::vector<uint64_t> hash_records(const RecordStore& records) {
  std::vector<uint64_t> hashes;
  hashes.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string_view r = records[i];
    hashes.push_back(detail::xxh64(reinterpret_cast<const uint8_t*>(r.data()), r.size()));
  }
  return hashes;
}

// The records of `articles`, in order, in one buffer of exactly their size. Each article's
// paragraphs are freed once its record holds them.
RecordStore encode_records(std::vector<Article>& articles, const std::vector<uint32_t>& site_refs,
                           BuildReport& report) {
  uint64_t total = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    total += record_size(articles[i], body_size(articles[i].paragraphs), site_refs[i]);
  }
  RecordStore records;
  records.reserve(articles.size(), total);
  for (size_t i = 0; i < articles.size(); ++i) {
    Article& a = articles[i];
    const std::string body = join_body(a.paragraphs);
    report.body_bytes += body.size();
    records.append(encode_record(a, body, site_refs[i]));
    std::vector<std::string>().swap(a.paragraphs);
  }
  return records;
}

// Reads the written temp file back through the runtime: full verify, every frame decoded,
// every record compared (size and XXH64) with what was meant to be stored.
// Progress counts 2 steps an article: the runtime's check of its record, then the comparison.
std::string read_back(const std::string& path, const std::vector<uint64_t>& hashes,
                      const std::vector<uint32_t>& sizes, Progress& progress) {
  MappedFile file;
  if (file.open(path.c_str(), Access::sequential) != Errc::ok) {
    return path + ": cannot map the written bundle for checking";
  }
  const Result<Bundle> bundle = Bundle::open(file.bytes());
  if (!bundle.ok()) {
    return path + ": written bundle does not open: " + to_string(bundle.error());
  }
  const Bundle& b = bundle.value();
  if (const Errc e = verify_all(b); e != Errc::ok) {
    return path + ": written bundle fails verification: " + to_string(e);
  }
  std::vector<uint64_t> workspace((Decoder::workspace_size(b) + 7) / 8);
  const Result<Decoder> decoder = Decoder::init(
      b, MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  if (!decoder.ok()) {
    return path + ": cannot decode the written bundle: " + to_string(decoder.error());
  }
  Decoder d = decoder.value();
  std::vector<uint8_t> buffer(std::max(b.info().max_read_size, b.info().max_frame_size));
  if (const Errc e = verify_bodies(b, d, MutableByteSpan(buffer.data(), buffer.size()),
                                   report_articles, &progress);
      e != Errc::ok) {
    return path + ": written bundle fails body verification: " + to_string(e);
  }
  if (std::string error = check_sources(b); !error.empty()) {
    return path + ": " + error;
  }
  uint32_t cached = UINT32_MAX;
  for (uint32_t i = 0; i < b.size(); ++i) {
    if (i % 1024 == 0) {
      progress.update(uint64_t{b.size()} + i);
    }
    const Result<ArticleView> a = b.article(i);
    const Result<std::string_view> record =
        a.ok() ? d.read_bytes(a.value(), MutableByteSpan(buffer.data(), buffer.size()), cached)
               : Result<std::string_view>(a.error());
    if (!record.ok() || record.value().size() != sizes[i] ||
        detail::xxh64(reinterpret_cast<const uint8_t*>(record.value().data()),
                      record.value().size()) != hashes[i]) {
      return path + ": article " + std::to_string(i) + " does not read back as written";
    }
  }
  return "";
}

// The SOURCES section's frames: each kept input file as one zstd frame, no dictionary (SPEC:
// "Sources").
std::vector<std::string> pack_sources(const std::vector<SourceFile>& sources,
                                      const CompressOptions& options,
                                      std::vector<SourceRecord>& records) {
  if (sources.empty()) {
    return {};
  }
  std::vector<std::string> frames = compress_each(
      sources.size(), [&](size_t k) -> std::string_view { return sources[k].bytes; }, "", options);
  const std::vector<uint64_t> offsets = aligned_offsets(frames);
  for (size_t k = 0; k < sources.size(); ++k) {
    const std::string& bytes = sources[k].bytes;
    records.push_back(
        {sources[k].path, offsets[k], frames[k].size(), bytes.size(),
         detail::xxh64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())});
  }
  return frames;
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
  Discovery discovery = discover(options.inputs, fs, diagnostics, DiscoverOptions{options.exclude});
  const std::vector<InputFile> files = std::move(discovery.files);
  report.not_articles = std::move(discovery.not_articles);
  report.excluded = std::move(discovery.excluded);
  report.input_files = files.size();
  std::vector<SourceFile> sources;
  std::vector<Article> articles;
  {
    progress.begin("reading", files.size(), "files");
    // Documents (the decoded inputs) are freed one by one as they are extracted.
    std::vector<Document> documents =
        ingest(files, fs, diagnostics, options.keep_source ? &sources : nullptr, &progress);
    for (const Document& d : documents) {
      report.input_bytes += d.text.size();
    }
    progress.end(std::to_string(report.input_bytes) + " bytes of text");
    progress.begin("extraction", extract_steps(documents), "steps");
    articles = extract(std::move(documents), diagnostics, &progress);
    progress.end(std::to_string(articles.size()) + " articles");
  }
  if (options.verbose) {
    note_files(files, articles, progress);
  }
  // The inputs were freed one by one while the articles were made: hand back the pages they
  // left empty before the records take fresh ones (bulk corpus: peak 218 -> 179 MiB).
  release_free_memory();
  const size_t input_errors = diagnostics.error_count();  // each names an input left out
  const bool ids_ok = order_by_id(articles, diagnostics);
  std::vector<const SiteInfo*> sites;
  const std::vector<uint32_t> site_refs = number_sites(articles, sites);
  RecordStore records = encode_records(articles, site_refs, report);
  const bool sizes_ok = check_sizes(articles, records, diagnostics);
  if (!ids_ok || !sizes_ok || (input_errors > 0 && !options.keep_going) ||
      diagnostics.error_count() > input_errors ||
      (options.strict && diagnostics.warning_count(options.allow) > 0)) {
    return false;
  }
  report.skipped_errors = input_errors;
  if (articles.empty()) {
    diagnostics.error("", 0, DiagCode::no_articles,
                      "no articles found in the inputs; nothing to build");
    return false;
  }
  report.articles = articles.size();

  const FramePlan plan = plan_frames(records, options.block_size);
  const IndexKeys keys = index_keys(articles, sites, plan);
  // What is left of the articles lies scattered over the pages their paragraphs freed: drop it
  // and hand those pages back before training and compression take theirs. Peak memory is then
  // about the records plus zstd's working memory, not that plus a second copy of the text.
  sites.clear();
  std::vector<Article>().swap(articles);
  release_free_memory();
  CompressOptions compress_options;
  compress_options.level = options.level;
  compress_options.threads = options.threads;
  compress_options.frame_size = options.block_size;
  DictionaryOptions dict_options;
  dict_options.max_size = options.dictionary_size;
  // zstd says nothing while it trains: report the start and the duration.
  progress.begin("dictionary training", 0, "");
  TrainedDictionary dictionary = train_dictionary(records, dict_options);
  progress.end(std::to_string(dictionary.bytes.size()) + " bytes");
  // Stored as is, used in place by readers; with --pack-dictionary as one zstd frame that a
  // reader unpacks into its workspace (smaller file, more RAM, slower decoder init), unless
  // packing does not shrink it.
  std::string packed;
  if (!dictionary.bytes.empty() && options.pack_dictionary) {
    packed = compress_each(
        1, [&](size_t) -> std::string_view { return dictionary.bytes; }, "", compress_options)[0];
    if (packed.size() >= dictionary.bytes.size()) {
      packed.clear();
    }
  }
  const size_t stored_dictionary = packed.empty() ? dictionary.bytes.size() : packed.size();
  if (!dictionary.bytes.empty() &&
      !dictionary_pays(plan, records, dictionary.bytes, stored_dictionary)) {
    dictionary.note = "a " + std::to_string(dictionary.bytes.size()) +
                      "-byte dictionary would cost more than it saves; stored none";
    dictionary.bytes.clear();
    packed.clear();
  }
  report.dictionary_note = dictionary.note;

  progress.begin("compression", plan.frames.size(), "frames");
  const std::vector<std::string> compressed =
      compress_frames(plan, records, dictionary.bytes, compress_options,
                      options.progress != ProgressMode::off ? report_frames : nullptr, &progress);
  progress.end();
  // From here on the compressed frames are the only copy of the text: free the records.
  const std::vector<uint64_t> record_hashes = hash_records(records);
  std::vector<uint32_t> record_sizes;
  record_sizes.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    record_sizes.push_back(static_cast<uint32_t>(records.size_of(i)));
  }
  report.record_bytes = records.bytes().size();
  records.clear();
  std::vector<uint32_t> raw_sizes;
  raw_sizes.reserve(plan.frames.size());
  for (const FrameContent& f : plan.frames) {
    raw_sizes.push_back(f.raw_size);
  }
  const std::vector<FrameRecord> frame_table = place_frames(compressed, raw_sizes);

  BundleMeta meta = options.meta;
  meta.generator = std::string("sheaf ") + SHEAF_VERSION;
  meta.created = creation_time_from_environment();
  meta.block_size = options.block_size;
  std::vector<SourceRecord> source_records;
  const std::vector<std::string> source_frames =
      pack_sources(sources, compress_options, source_records);
  sources.clear();
  const std::string index = build_index(meta, keys, plan, frame_table, source_records);
  const FileImage file = lay_out_bundle(index, packed.empty() ? dictionary.bytes : packed,
                                        compressed, source_frames, !packed.empty());
  std::vector<std::string_view> pieces = {file.head};
  pieces.insert(pieces.end(), file.pieces.begin(), file.pieces.end());

  // The check runs on the written temporary file, before it is renamed (or sent to stdout).
  const TempFileCheck check = [&](const std::string& temp) {
    progress.begin("verification", uint64_t{2} * record_hashes.size(), "steps");
    std::string problem = read_back(temp, record_hashes, record_sizes, progress);
    if (problem.empty()) {
      progress.end(std::to_string(file.size) + " bytes");
    }
    return problem;
  };
  const std::string error = options.output == "-"
                                ? write_verified_to_stdout(pieces, check)
                                : write_file_atomically(options.output, pieces, check);
  if (!error.empty()) {
    diagnostics.error("", 0, DiagCode::write_failed, error);
    return false;
  }
  report.frames = plan.frames.size();
  report.index_bytes = index.size();
  report.dictionary_bytes = packed.empty() ? dictionary.bytes.size() : packed.size();
  report.dictionary_size = dictionary.bytes.size();
  report.data_bytes =
      frame_table.empty()
          ? 0
          : frame_table.back().offset + format::align_up(frame_table.back().compressed_size);
  report.source_bytes =
      source_records.empty()
          ? 0
          : source_records.back().offset + format::align_up(source_records.back().compressed_size);
  report.file_bytes = file.size;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return true;
}

}  // namespace sheaf
