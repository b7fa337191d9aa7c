// bench/extract: the extract stage's throughput against parsing alone, on the same HTML pages
// and the same HTML parser (libxml2, with the options sheaf's parser uses). Built and run by
// bench.py against the repository's build (libsheaf_core.a); not part of the product build.
//
// Usage: stage_throughput REPEAT FILE...
// Prints one JSON line: {"pages":N,"parse_pages_per_s":P,"extract_pages_per_s":E,"ratio":E/P}.
// Each figure is the fastest of REPEAT passes over all pages, on one thread. "extract" is the
// whole stage for one page: parse, walk into blocks, choose the content, fill the Article.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <libxml/HTMLparser.h>

#include "diag/diagnostics.hpp"
#include "extract/page_extractor.hpp"
#include "extract/parse/html_page.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

size_t parse_only(const std::vector<std::string>& pages) {
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  size_t nodes = 0;
  for (const std::string& html : pages) {
    htmlDocPtr doc =
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options);
    nodes += doc != nullptr && xmlDocGetRootElement(doc) != nullptr ? 1 : 0;
    xmlFreeDoc(doc);
  }
  return nodes;
}

size_t extract_all(const std::vector<std::string>& pages) {
  size_t paragraphs = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    sheaf::Diagnostics diags;
    const sheaf::parse::Page page = sheaf::parse::parse_html(pages[i], "p.html");
    paragraphs +=
        sheaf::extract_page(page, std::to_string(i), {}, diags, nullptr).paragraphs.size();
  }
  return paragraphs;
}

template <typename F>
double fastest_seconds(int repeat, F&& pass, size_t& sink) {
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    const Clock::time_point start = Clock::now();
    sink += pass();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: stage_throughput REPEAT FILE...\n");
    return 2;
  }
  const int repeat = std::max(1, std::atoi(argv[1]));
  std::vector<std::string> pages;
  for (int i = 2; i < argc; ++i) {
    pages.push_back(read_file(argv[i]));
  }
  size_t sink = 0;
  const double parse_s = fastest_seconds(
      repeat, [&] { return parse_only(pages); }, sink);
  const double extract_s = fastest_seconds(
      repeat, [&] { return extract_all(pages); }, sink);
  const double n = static_cast<double>(pages.size());
  std::printf(
      "{\"pages\":%zu,\"parse_pages_per_s\":%.1f,\"extract_pages_per_s\":%.1f,\"ratio\":%.3f,"
      "\"sink\":%zu}\n",
      pages.size(), n / parse_s, n / extract_s, parse_s / extract_s, sink);
  return 0;
}
