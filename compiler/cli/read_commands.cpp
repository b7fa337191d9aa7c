// compiler, CLI: the read commands (info, ls, cat, verify, unpack), all through the runtime.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/article_json.hpp"
#include "cli/commands.hpp"
#include "cli/open_bundle.hpp"

namespace sheaf::cli {
namespace {

using Json = nlohmann::ordered_json;

void print_line(const std::string& s) {
  std::printf("%s\n", s.c_str());
}

// Sum of body sizes: the text a bundle holds, for the compression ratio.
Result<uint64_t> total_body_bytes(const Bundle& b) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    total += a.value().body_size;
  }
  return total;
}

// One path segment of an article id, percent-encoded so that it is a plain file name:
// '%', '\\' and control bytes become %XX, and the segments "", "." and ".." cannot occur.
// Injective: different ids never share a file.
std::string encode_segment(const std::string& seg) {
  if (seg.empty()) {
    return "%";  // a lone '%' never appears otherwise: every real '%' becomes "%25"
  }
  if (seg == "." || seg == "..") {
    return seg == "." ? "%2E" : "%2E%2E";
  }
  std::string out;
  for (char c : seg) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '%' || c == '\\') {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

// The relative file an article unpacks to: its id's '/'-separated segments, plus ".json".
std::string file_name_for_id(const std::string& id) {
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t slash = id.find('/', start);
    out += encode_segment(id.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos) {
      return out + ".json";
    }
    out += '/';
    start = slash + 1;
  }
}

}  // namespace

int run_info(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle)) {
    return kExitFailure;
  }
  const Bundle& b = ob.bundle();
  const BundleInfo info = b.info();
  const Result<uint64_t> body = total_body_bytes(b);
  if (!body.ok()) {
    print_error(command.bundle, "cannot read the index", body.error());
    return kExitFailure;
  }
  const double ratio =
      body.value() == 0 ? 0.0
                        : static_cast<double>(info.file_size) / static_cast<double>(body.value());
  const size_t fast = Decoder::workspace_size(b);
  const size_t small = Decoder::small_workspace_size();
  Json j = {{"file", command.bundle},
            {"format_version",
             std::to_string(info.version_major) + "." + std::to_string(info.version_minor)},
            {"articles", info.article_count},
            {"frames", info.frame_count},
            {"file_bytes", info.file_size},
            {"body_bytes", body.value()},
            {"ratio", ratio},
            {"index_bytes", info.index_size},
            {"dictionary_bytes", info.dictionary_size},
            {"data_bytes", info.data_size},
            {"block_size", info.block_size},
            {"max_frame_size", info.max_frame_size},
            {"max_read_size", info.max_read_size},
            {"reader_workspace_bytes", fast},
            {"reader_small_workspace_bytes", small},
            {"reader_ram_bytes", fast + info.max_read_size},
            {"reader_small_ram_bytes", small + info.max_frame_size},
            {"title", std::string(info.title)},
            {"language", std::string(info.language)},
            {"creator", std::string(info.creator)},
            {"generator", std::string(info.generator)},
            {"created", info.created}};
  if (command.json) {
    print_line(dump(j));
    return kExitOk;
  }
  for (const auto& [key, value] : j.items()) {
    if (value.is_number_float()) {
      std::printf("%-28s %.4f\n", (key + ":").c_str(), value.get<double>());
    } else {
      std::printf("%-28s %s\n", (key + ":").c_str(),
                  value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
    }
  }
  return kExitOk;
}

int run_ls(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle)) {
    return kExitFailure;
  }
  const Bundle& b = ob.bundle();
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      print_error(command.bundle, "article " + std::to_string(i), a.error());
      return kExitFailure;
    }
    const ArticleView& v = a.value();
    if (command.json) {
      Json j = article_metadata_json(v);
      j["size"] = v.body_size;
      print_line(dump(j));
    } else {
      std::printf("%.*s\t%.*s\t%.*s\n", static_cast<int>(v.id.size()), v.id.data(),
                  static_cast<int>(v.date.size()), v.date.data(), static_cast<int>(v.title.size()),
                  v.title.data());
    }
  }
  return kExitOk;
}

int run_cat(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle) || !ob.init_decoder()) {
    return kExitFailure;
  }
  const Result<uint32_t> i = ob.bundle().find(command.id);
  if (!i.ok()) {
    print_error(command.bundle, "article '" + command.id + "'", i.error());
    return kExitFailure;
  }
  const Result<ArticleView> a = ob.bundle().article(i.value());
  const Result<std::string_view> body =
      a.ok() ? ob.read(a.value()) : Result<std::string_view>(a.error());
  if (!body.ok()) {
    return kExitFailure;
  }
  const ArticleView& v = a.value();
  if (command.json) {
    print_line(dump(article_json(v, body.value()), 2));
    return kExitOk;
  }
  print_line(std::string(v.title));
  if (!v.subtitle.empty()) {
    print_line(std::string(v.subtitle));
  }
  const Json meta = article_metadata_json(v);
  for (const char* key : {"id", "date", "source", "author", "location", "url"}) {
    if (!meta[key].get<std::string>().empty()) {
      std::printf("%s: %s\n", key, meta[key].get<std::string>().c_str());
    }
  }
  if (v.category_count() > 0) {
    std::string path;
    for (uint32_t k = 0; k < v.category_count(); ++k) {
      path += (k > 0 ? " > " : "") + std::string(v.category(k));
    }
    std::printf("categories: %s\n", path.c_str());
  }
  std::printf("\n%.*s\n", static_cast<int>(body.value().size()), body.value().data());
  return kExitOk;
}

int run_verify(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle)) {
    return kExitFailure;
  }
  if (ob.bundle().file().size() != std::filesystem::file_size(command.bundle)) {
    std::fprintf(stderr, "sheaf: error: %s: damaged: file size differs from the header's\n",
                 command.bundle.c_str());
    return kExitFailure;
  }
  if (const Errc e = verify_all(ob.bundle()); e != Errc::ok) {
    print_error(command.bundle, "damaged", e);
    return kExitFailure;
  }
  if (!ob.init_decoder()) {
    return kExitFailure;
  }
  if (const Errc e = verify_bodies(ob.bundle(), ob.decoder(), ob.frame_buffer()); e != Errc::ok) {
    print_error(command.bundle, "damaged body", e);
    return kExitFailure;
  }
  const BundleInfo info = ob.bundle().info();
  std::printf("%s: OK (%u articles, %u frames, %llu bytes checked)\n", command.bundle.c_str(),
              info.article_count, info.frame_count,
              static_cast<unsigned long long>(info.file_size));
  return kExitOk;
}

int run_unpack(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle) || !ob.init_decoder()) {
    return kExitFailure;
  }
  namespace fs = std::filesystem;
  const Bundle& b = ob.bundle();
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      print_error(command.bundle, "article " + std::to_string(i), a.error());
      return kExitFailure;
    }
    const Result<std::string_view> body = ob.read(a.value());
    if (!body.ok()) {
      return kExitFailure;
    }
    const fs::path path =
        fs::path(command.output_dir) / file_name_for_id(std::string(a.value().id));
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << dump(article_json(a.value(), body.value()), 2) << '\n';
    out.close();
    if (ec || !out) {
      std::fprintf(stderr, "sheaf: error: %s: cannot write: %s\n", path.c_str(),
                   ec ? ec.message().c_str() : std::strerror(errno));
      return kExitFailure;
    }
  }
  std::fprintf(stderr, "sheaf: unpacked %u articles into %s\n", b.size(),
               command.output_dir.c_str());
  return kExitOk;
}

}  // namespace sheaf::cli
