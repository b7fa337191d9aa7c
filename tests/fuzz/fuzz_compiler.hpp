// tests/fuzz: what the compiler fuzz targets do with outside bytes: the build's front end in
// memory, as `sheaf build` runs it on a file of that kind (discover, read, charset detection and
// decoding, parsing, extraction across a site's pages, record encoding). Diagnostics are the
// expected outcome for most inputs; a crash, a sanitizer report, an exception that escapes or
// a hang is a finding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "extract/extract.hpp"
#include "index/record_writer.hpp"
#include "ingest/discover.hpp"
#include "ingest/filesystem.hpp"
#include "ingest/ingest.hpp"
#include "support/memory_filesystem.hpp"

namespace sheaf::fuzz {

/// Builds `extension` files from the input: it is split at every "\f\f" into up to 4 pages of
/// one site ("site/page0.txt", ...), so that template detection across pages runs too.
inline void exercise_input(const std::string& extension, const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  MemoryFileSystem fs;
  size_t start = 0;
  for (int page = 0; page < 4; ++page) {
    const size_t cut = page == 3 ? std::string_view::npos : input.find("\f\f", start);
    fs.add_file(
        "site/page" + std::to_string(page) + extension,
        std::string(input.substr(start, cut == std::string_view::npos ? cut : cut - start)));
    if (cut == std::string_view::npos) {
      break;
    }
    start = cut + 2;
  }
  Diagnostics diags;
  const std::vector<InputFile> files = discover({"site"}, fs, diags);
  std::vector<Article> articles = extract(ingest(files, fs, diags), diags);
  for (const Article& a : articles) {
    if (!a.id.empty()) {
      (void)encode_record(a, join_body(a.paragraphs), 1);
    }
  }
}

}  // namespace sheaf::fuzz
