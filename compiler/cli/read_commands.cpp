// compiler, CLI: the read commands (info, ls, cat, verify, unpack), all through the runtime.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <unistd.h>

#include "cli/article_json.hpp"
#include "cli/commands.hpp"
#include "cli/id_paths.hpp"
#include "cli/open_bundle.hpp"
#include "cli/terminal_text.hpp"
#include "cli/unpack_files.hpp"
#include "compress/source_files.hpp"
#include "diag/progress.hpp"

namespace sheaf::cli {
namespace {

using Json = nlohmann::ordered_json;

void print_line(const std::string& s) {
  std::printf("%s\n", s.c_str());
}

// Writes `bytes` to `path`, creating its folders; prints the reason on failure.
bool write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (ec || !out) {
    std::fprintf(stderr, "sheaf: error: %s: cannot write: %s\n",
                 escape_field(path.string()).c_str(),
                 ec ? ec.message().c_str() : std::strerror(errno));
    return false;
  }
  return true;
}

// info -v: every frame's place and sizes (SPEC: "Frame table"); false if one is out of range.
bool frame_list(const Bundle& b, Json& out) {
  for (uint32_t j = 0; j < b.frame_count(); ++j) {
    const Result<FrameView> f = b.frame(j);
    if (!f.ok()) {
      return false;
    }
    out.push_back({{"frame", j},
                   {"offset", f.value().offset},
                   {"compressed_bytes", f.value().compressed_size},
                   {"raw_bytes", f.value().raw_size}});
  }
  return true;
}

// verify -v: decodes each frame on its own and says so, stopping at the first that fails.
bool verify_frames_verbose(OpenBundle& ob) {
  const Bundle& b = ob.bundle();
  for (uint32_t j = 0; j < b.frame_count(); ++j) {
    const Result<FrameView> f = b.frame(j);
    const Result<ByteSpan> content =
        f.ok() ? ob.decoder().read_frame(j, ob.frame_buffer()) : Result<ByteSpan>(f.error());
    if (!content.ok()) {
      print_error(ob.path(), "damaged frame " + std::to_string(j), content.error());
      return false;
    }
    std::printf("frame %u: offset %llu, %u -> %u bytes, OK\n", j,
                static_cast<unsigned long long>(f.value().offset), f.value().compressed_size,
                f.value().raw_size);
  }
  return true;
}

void report_verified(uint32_t done, uint32_t /*total*/, void* context) {
  static_cast<Progress*>(context)->update(done);
}

}  // namespace

// ZSTD_estimateDCtxSize() of zstd 1.5.4's decoder built as examples/firmware builds it for a
// 32-bit MCU (ZSTD_DECODER_INTERNAL_BUFFER=1024). The firmware test measures it on the MCU and
// fails if it differs from `info`'s firmware_ram_bytes.
constexpr size_t kFirmwareZstdContextBytes = 31280;

namespace {

// The sizes of every article's record, summed into `total`.
Errc sum_record_sizes(const Bundle& b, uint64_t& total) {
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    total += a.value().size;
  }
  return Errc::ok;
}

// `info` as text: "key:  value" lines, then with `frames` a table of them.
void print_info_text(const Json& j, const Json* frames) {
  for (const auto& [key, value] : j.items()) {
    if (value.is_number_float()) {
      std::printf("%-28s %.4f\n", (key + ":").c_str(), value.get<double>());
    } else {
      std::printf("%-28s %s\n", (key + ":").c_str(),
                  value.is_string() ? escape_field(value.get<std::string>()).c_str()
                                    : value.dump().c_str());
    }
  }
  if (frames != nullptr) {
    std::printf("\n%8s %14s %12s %12s\n", "frame", "offset", "compressed", "raw");
    for (const Json& f : *frames) {
      std::printf("%8u %14llu %12u %12u\n", f["frame"].get<uint32_t>(),
                  f["offset"].get<unsigned long long>(), f["compressed_bytes"].get<uint32_t>(),
                  f["raw_bytes"].get<uint32_t>());
    }
  }
}

// The size of the section of `kind` (0 when the bundle has none): the optional tables' sizes.
uint64_t section_size(const Bundle& b, format::SectionKind kind) {
  for (uint32_t k = 0; k < b.section_count(); ++k) {
    const Result<SectionEntry> s = b.section(k);
    if (s.ok() && s.value().kind == static_cast<uint32_t>(kind)) {
      return s.value().size;
    }
  }
  return 0;
}

}  // namespace

int run_info(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle)) {
    return kExitFailure;
  }
  const Bundle& b = ob.bundle();
  const BundleInfo info = b.info();
  uint64_t records = 0;  // record bytes: the text (fields and bodies) the bundle holds
  if (const Errc e = sum_record_sizes(b, records); e != Errc::ok) {
    print_error(ob.path(), "cannot read the index", e);
    return kExitFailure;
  }
  const double ratio =
      records == 0 ? 0.0 : static_cast<double>(info.file_size) / static_cast<double>(records);
  const size_t fast = Decoder::workspace_size(b);
  const size_t small = Decoder::small_workspace_size(b);
  // On the MCU, small mode: the context, the dictionary when it must be unpacked, one frame.
  const size_t unpacked = info.dictionary_packed ? Decoder::dictionary_size(b) : 0;
  const uint64_t firmware = format::align_up(kFirmwareZstdContextBytes) +
                            format::align_up(unpacked) + info.max_frame_size;
  Json j = {{"file", ob.path()},
            {"format_version",
             std::to_string(info.version_major) + "." + std::to_string(info.version_minor)},
            {"articles", info.article_count},
            {"frames", info.frame_count},
            {"file_bytes", info.file_size},
            {"record_bytes", records},
            {"ratio", ratio},
            {"index_bytes", info.index_size},
            {"dictionary_bytes", info.dictionary_size},
            {"dictionary_packed", info.dictionary_packed},
            {"dictionary_size", Decoder::dictionary_size(b)},
            {"id_keys", b.id_key_count()},
            {"data_bytes", info.data_size},
            {"charset_bytes", section_size(b, format::SectionKind::charset)},
            {"navigation_bytes", section_size(b, format::SectionKind::navigation)},
            {"headlines_bytes", section_size(b, format::SectionKind::headlines)},
            {"search_bytes", section_size(b, format::SectionKind::search)},
            {"block_size", info.block_size},
            {"max_frame_size", info.max_frame_size},
            {"max_read_size", info.max_read_size},
            {"reader_workspace_bytes", fast},
            {"reader_small_workspace_bytes", small},
            {"reader_ram_bytes", fast + info.max_read_size},
            {"reader_small_ram_bytes", small + info.max_frame_size},
            {"firmware_ram_bytes", firmware},
            {"title", std::string(info.title)},
            {"language", std::string(info.language)},
            {"creator", std::string(info.creator)},
            {"generator", std::string(info.generator)},
            {"created", info.created},
            {"dictionary_new_raw", info.dictionary_new_raw}};
  Json frames = Json::array();
  if (command.verbose && !frame_list(b, frames)) {
    print_error(ob.path(), "cannot read the frame table", Errc::corrupt_index);
    return kExitFailure;
  }
  if (command.json) {
    if (command.verbose) {
      j["frame_list"] = frames;
    }
    print_line(dump(j));
    return kExitOk;
  }
  print_info_text(j, command.verbose ? &frames : nullptr);
  return kExitOk;
}

void print_ls_line(const Record& v, bool json) {
  if (json) {
    Json j = article_metadata_json(to_article(v, SiteView()));
    j["size"] = v.body.size();
    print_line(dump(j));
  } else {
    // Escaped: a tab or newline in a field would break the line, ESC reach the terminal.
    std::printf("%s\t%s\t%s\n", escape_field(v.id).c_str(), escape_field(v.date).c_str(),
                escape_field(v.title).c_str());
  }
}

int run_ls(const ReadCommand& command) {
  if (command.title_prefix) {
    return run_ls_title_prefix(command);
  }
  if (command.newest || !command.category.empty()) {
    return run_ls_navigation(command);
  }
  OpenBundle ob;
  if (!ob.open(command.bundle) || !ob.init_decoder()) {
    return kExitFailure;
  }
  for (uint32_t i = 0; i < ob.bundle().size(); ++i) {
    const Result<Record> r = ob.read(i);
    if (!r.ok()) {
      return kExitFailure;
    }
    print_ls_line(r.value(), command.json);
  }
  return kExitOk;
}

int run_cat(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle, Access::random) || !ob.init_decoder()) {
    return kExitFailure;
  }
  const Result<Found> found = ob.find(command.id);
  if (!found.ok()) {
    return kExitFailure;
  }
  const Record& record = found.value().record;
  const Result<SiteView> site = ob.site(record);
  if (!site.ok()) {
    return kExitFailure;
  }
  const Article article = to_article(record, site.value());
  if (command.json) {
    print_line(dump(article_json(article), 2));
    return kExitOk;
  }
  print_line(escape_field(article.title));
  if (!article.subtitle.empty()) {
    print_line(escape_field(article.subtitle));
  }
  const std::pair<const char*, const std::string*> meta[] = {
      {"id", &article.id},          {"date", &article.date},         {"source", &article.source},
      {"author", &article.author},  {"location", &article.location}, {"url", &article.url},
      {"site", &article.site->name}};
  for (const auto& [key, value] : meta) {
    if (!value->empty()) {
      std::printf("%s: %s\n", key, escape_field(*value).c_str());
    }
  }
  if (!article.categories.empty()) {
    std::string path;
    for (const std::string& c : article.categories) {
      path += (path.empty() ? "" : " > ") + c;
    }
    std::printf("categories: %s\n", escape_field(path).c_str());
  }
  const std::string body = escape_body(record.body);  // NUL would end the text, ESC reach a tty
  std::printf("\n%s\n", body.c_str());
  return kExitOk;
}

int run_verify(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle)) {
    return kExitFailure;
  }
  if (ob.bundle().file().size() != ob.file_size()) {
    std::fprintf(stderr, "sheaf: error: %s: damaged: file size differs from the header's\n",
                 ob.path().c_str());
    return kExitFailure;
  }
  if (const Errc e = verify_all(ob.bundle()); e != Errc::ok) {
    print_error(ob.path(), "damaged", e);
    return kExitFailure;
  }
  if (!ob.init_decoder()) {
    return kExitFailure;
  }
  if (const Status status = check_sources(ob.bundle()); !status.ok()) {
    std::fprintf(stderr, "sheaf: error: %s: damaged: %s\n", ob.path().c_str(),
                 status.message().c_str());
    return kExitFailure;
  }
  if (command.verbose && !verify_frames_verbose(ob)) {
    return kExitFailure;
  }
  // A large bundle takes a while: show how far it got, on a terminal only.
  Progress progress(!command.quiet && ::isatty(STDERR_FILENO) != 0 ? ProgressMode::terminal
                                                                   : ProgressMode::off);
  progress.begin("verification", ob.bundle().size(), "articles");
  const MutableByteSpan buffer = ob.record_buffer();
  if (buffer.size() != ob.bundle().info().max_read_size) {
    return kExitFailure;
  }
  const Errc e = verify_bodies(ob.bundle(), ob.decoder(), buffer, report_verified, &progress);
  if (e != Errc::ok) {
    print_error(ob.path(), "damaged body", e);
    return kExitFailure;
  }
  progress.end();
  std::vector<uint8_t> headlines(headlines_verify_size(ob.bundle()));
  const Errc h = verify_headlines(ob.bundle(), ob.decoder(),
                                  MutableByteSpan(headlines.data(), headlines.size()));
  if (h != Errc::ok) {
    print_error(ob.path(), "damaged headlines", h);
    return kExitFailure;
  }
  const BundleInfo info = ob.bundle().info();
  if (!command.quiet) {
    std::printf("%s: OK (%u articles, %u frames, %llu bytes checked)\n", ob.path().c_str(),
                info.article_count, info.frame_count,
                static_cast<unsigned long long>(info.file_size));
  }
  return kExitOk;
}

namespace {

// Decodes a kept source straight into `path` (memory: one chunk, not the file); on failure
// prints why and removes what was written.
bool write_source(const std::string& ob_path, const std::filesystem::path& path,
                  const SourceView& source) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const Status status = stream_source(source, [&out](std::string_view chunk) {
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  });
  out.close();
  if (!status.ok()) {
    std::filesystem::remove(path, ec);
    std::fprintf(stderr, "sheaf: error: %s: %s\n", ob_path.c_str(), status.message().c_str());
    return false;
  }
  if (ec || !out) {
    std::fprintf(stderr, "sheaf: error: %s: cannot write: %s\n", path.c_str(),
                 ec ? ec.message().c_str() : std::strerror(errno));
    return false;
  }
  return true;
}

// unpack --source: every kept input file back, byte for byte.
int unpack_sources(const ReadCommand& command, const std::string& ob_path, const Bundle& b) {
  if (b.source_count() == 0) {
    std::fprintf(stderr, "sheaf: error: %s: keeps no source files (build it with --keep-source)\n",
                 ob_path.c_str());
    return kExitFailure;
  }
  std::vector<std::string> names;  // every path first: the files are planned and checked
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    const Result<SourceView> s = b.source(k);
    if (!s.ok()) {
      print_error(ob_path, "kept source " + std::to_string(k), s.error());
      return kExitFailure;
    }
    names.emplace_back(s.value().path);
  }
  const std::vector<PlannedFile> files = plan_source_files(names);
  if (!check_output_folder(command.output_dir, files)) {
    return kExitFailure;
  }
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    const std::filesystem::path path = std::filesystem::path(command.output_dir) / files[k].path;
    if (!write_source(ob_path, path, b.source(k).value())) {
      return kExitFailure;
    }
    if (command.verbose) {
      std::fprintf(stderr, "sheaf: wrote %s\n", escape_field(path.string()).c_str());
    }
  }
  if (!write_manifest(command.output_dir, "sources", "path", names, files, command.quiet)) {
    return kExitFailure;
  }
  if (!command.quiet) {
    std::fprintf(stderr, "sheaf: unpacked %u source files into %s\n", b.source_count(),
                 command.output_dir.c_str());
  }
  return kExitOk;
}

}  // namespace

int run_unpack(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle) || !ob.init_decoder()) {
    return kExitFailure;
  }
  namespace fs = std::filesystem;
  const Bundle& b = ob.bundle();
  if (command.sources) {
    return unpack_sources(command, ob.path(), b);
  }
  // Every id first (a first pass over the records): all names are planned and the output
  // folder checked before anything is written.
  std::vector<std::string> ids;
  ids.reserve(b.size());
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<Record> r = ob.read(i);
    if (!r.ok()) {
      return kExitFailure;
    }
    ids.emplace_back(r.value().id);
  }
  const std::vector<PlannedFile> files = plan_article_files(ids);
  if (!check_output_folder(command.output_dir, files)) {
    return kExitFailure;
  }
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<Record> r = ob.read(i);
    if (!r.ok()) {
      return kExitFailure;
    }
    const Result<SiteView> site = ob.site(r.value());
    if (!site.ok()) {
      return kExitFailure;
    }
    const std::string json = dump(article_json(to_article(r.value(), site.value())), 2);
    const fs::path path = fs::path(command.output_dir) / files[i].path;
    if (!write_file(path, json + "\n")) {
      return kExitFailure;
    }
    if (command.verbose) {
      std::fprintf(stderr, "sheaf: wrote %s\n", escape_field(path.string()).c_str());
    }
  }
  if (!write_manifest(command.output_dir, "articles", "id", ids, files, command.quiet)) {
    return kExitFailure;
  }
  if (!command.quiet) {
    std::fprintf(stderr, "sheaf: unpacked %u articles into %s\n", b.size(),
                 command.output_dir.c_str());
  }
  return kExitOk;
}

}  // namespace sheaf::cli
