// compiler, CLI: `sheaf extract`: the build's ingest and extract stages, written out as
// gold-format JSON so extraction can be inspected and scored without building a bundle.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "cli/article_json.hpp"
#include "cli/commands.hpp"
#include "cli/id_paths.hpp"
#include "extract/extract.hpp"
#include "ingest/discover.hpp"
#include "ingest/ingest.hpp"

namespace sheaf::cli {
namespace {

void print_explain(const Article& article, const Explain& explain) {
  for (const ExplainEntry& e : explain.entries()) {
    std::string text = e.text;
    if (text.size() > 120) {
      size_t cut = 117;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // never split a UTF-8 sequence
      }
      text = text.substr(0, cut) + "...";
    }
    std::fprintf(stderr, "%s:%u: %s [%s] %s\n", article.origin.c_str(), e.source_line,
                 e.action.c_str(), e.rule.c_str(), text.c_str());
  }
}

bool write_json(const std::filesystem::path& path, const std::string& json) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << json << '\n';
  out.close();
  if (ec || !out) {
    std::fprintf(stderr, "sheaf: error: %s: cannot write\n", path.c_str());
    return false;
  }
  return true;
}

/// glibc hands each block over 128 KiB (a page's bytes, libxml2's buffers) to mmap and gives
/// freed heap tops back to the kernel, so every page faults its memory in afresh. One extract
/// process is short-lived and handles pages of similar size: keep freed memory for the next
/// page instead (a quarter fewer page faults on the English gold pages).
///
/// The heap also grows in steps of 16 MiB that ask for transparent huge pages: on a virtual
/// machine each 4 KiB page touched for the first time costs a fault of some 20 us, and one
/// extract run touches thousands (the pages' text, their parsed blocks, the articles).
void keep_freed_memory() {
#if defined(__GLIBC__)
  constexpr int kKeepBytes = 32 << 20;  // glibc's largest mmap threshold on 64-bit
  mallopt(M_MMAP_THRESHOLD, kKeepBytes);
  mallopt(M_TRIM_THRESHOLD, kKeepBytes);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr size_t kStep = size_t{16} << 20;
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  mallopt(M_TOP_PAD, static_cast<int>(kStep));
  auto* const before = static_cast<char*>(sbrk(0));
  void* volatile grow = std::malloc(kStep);  // volatile: the pair must not be optimized out
  std::free(grow);                           // the heap has grown (untouched) and keeps the pad
  auto* const after = static_cast<char*>(sbrk(0));
  const uintptr_t from = (reinterpret_cast<uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t to = reinterpret_cast<uintptr_t>(after) & ~(kHugePage - 1);
  if (to > from) {
    madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // a hint: may be refused
  }
#endif
#endif
}

/// `--json`: one line on stdout that scripts (bench/extract) read. `seconds` is the command's
/// own work, so a benchmark can compare it with tools that time their per-page loop.
void print_summary(size_t inputs, const Extracted& extracted, size_t written,
                   const Diagnostics& diagnostics, std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf(
      "{\"inputs\": %zu, \"articles\": %zu, \"written\": %zu, \"warnings\": %zu, "
      "\"errors\": %zu, \"seconds\": %.6f}\n",
      inputs, extracted.articles.size(), written, diagnostics.warning_count(),
      diagnostics.error_count(), took.count());
}

/// Writes every article (stdout for a single one without -o); the number of files written,
/// or -1 after a write error (already reported).
long write_articles(const ExtractCommand& command, const Extracted& extracted) {
  long written = 0;
  for (size_t i = 0; i < extracted.articles.size(); ++i) {
    const Article& article = extracted.articles[i];
    if (command.explain) {
      print_explain(article, extracted.explains[i]);
    }
    const std::string json = dump(article_json(article), 2);
    if (command.output_dir.empty()) {
      std::printf("%s\n", json.c_str());
      continue;
    }
    const std::filesystem::path path =
        std::filesystem::path(command.output_dir) / file_name_for_id(article.id);
    if (!write_json(path, json)) {
      return -1;
    }
    ++written;
    if (command.verbose) {
      std::fprintf(stderr, "sheaf: wrote %s\n", path.c_str());
    }
  }
  return written;
}

}  // namespace

int run_extract(const ExtractCommand& command) {
  const auto start = std::chrono::steady_clock::now();
  keep_freed_memory();
  RealFileSystem fs;
  Diagnostics diagnostics;
  const Discovery found = discover(command.inputs, fs, diagnostics, DiscoverOptions{});
  const std::vector<Document> documents = ingest(found.files, fs, diagnostics);
  ExtractOptions options;
  options.explain = command.explain;
  const Extracted extracted = extract(documents, diagnostics, options);
  for (const Diagnostic& d : diagnostics.items()) {
    std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  }
  if (!found.not_articles.empty()) {
    std::fprintf(stderr, "sheaf: note: %s\n", not_articles_summary(found.not_articles).c_str());
  }
  const bool failed =
      diagnostics.error_count() > 0 || (command.strict && diagnostics.warning_count() > 0);
  if (!failed && command.output_dir.empty() && extracted.articles.size() != 1) {
    std::fprintf(stderr,
                 "sheaf: error: %zu articles extracted; give -o DIR to write one file each\n",
                 extracted.articles.size());
    return kExitUsage;
  }
  const long written = failed ? 0 : write_articles(command, extracted);
  if (command.json) {
    print_summary(found.files.size(), extracted, written < 0 ? 0 : static_cast<size_t>(written),
                  diagnostics, start);
  }
  return failed || written < 0 ? kExitFailure : kExitOk;
}

}  // namespace sheaf::cli
