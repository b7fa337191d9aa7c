// tests/e2e: a bundle's CHARSET section holds exactly the code points of its articles' text, as
// the compiler parsed them (every field but the id, each paragraph, the site's facts), counted
// here by an independent scan.
#include <cstdio>
#include <filesystem>
#include <set>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "e2e/opened_bundle.hpp"
#include "extract/extract.hpp"
#include "ingest/discover.hpp"
#include "ingest/ingest.hpp"
#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

// The code points of valid UTF-8 `s` (the compiler's text is valid UTF-8).
void add_code_points(const std::string& s, std::set<uint32_t>& out) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? b : b & (0xFF >> (n + 1));
    for (size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.insert(cp);
    i += n;
  }
}

std::set<uint32_t> scan_articles(const std::vector<std::string>& inputs) {
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  const auto files = sheaf::discover(inputs, fs, diagnostics);
  std::set<uint32_t> cps;
  for (const sheaf::Article& a :
       sheaf::extract(sheaf::ingest(files, fs, diagnostics), diagnostics)) {
    for (const std::string* field :
         {&a.title, &a.subtitle, &a.date, &a.source, &a.author, &a.location, &a.url}) {
      add_code_points(*field, cps);
    }
    for (const std::vector<std::string>* list : {&a.categories, &a.paragraphs}) {
      for (const std::string& s : *list) {
        add_code_points(s, cps);
      }
    }
    for (const auto& [key, value] : a.site->fields()) {
      add_code_points(*value, cps);
    }
  }
  return cps;
}

std::set<uint32_t> charset_of(const std::string& path) {
  const sheaf::test::OpenedBundle opened(path);
  const auto charset = opened.bundle().charset();
  REQUIRE(charset.ok());
  std::set<uint32_t> cps;
  const sheaf::Charset& c = charset.value();
  for (auto cp = c.next(0); cp.ok(); cp = c.next(cp.value() + 1)) {
    cps.insert(cp.value());
  }
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {  // contains() agrees with the walk everywhere
    if (c.contains(cp) != (cps.count(cp) == 1)) {
      FAIL_CHECK("contains(" << cp << ") disagrees with next()");
    }
  }
  CHECK(cps.size() == charset.value().code_point_count());
  return cps;
}

void check_inputs(const std::vector<std::string>& inputs) {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = inputs;
  options.output = dir / "b.sheaf";
  options.level = 3;
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  REQUIRE(sheaf::run_build(options, fs, diagnostics, report));
  const std::set<uint32_t> expected = scan_articles(inputs);
  const std::set<uint32_t> stored = charset_of(options.output);
  CHECK(stored.size() == expected.size());
  CHECK(stored == expected);
  std::printf("charset: %zu code points in %zu articles\n", stored.size(), report.articles);
}

}  // namespace

TEST_CASE("the charset of the examples is exactly the text of their articles", "[charset]") {
  check_inputs({sheaf::test::source_dir() + "/examples"});
}

TEST_CASE("the charset of corpus pages is exactly the text of their articles", "[charset]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (!std::filesystem::is_directory(corpus + "/html-zh")) {
    WARN("skipped: no corpus at " << corpus);
    return;
  }
  check_inputs({corpus + "/html-zh", corpus + "/html/en", corpus + "/text/html2text-zh"});
}

TEST_CASE("a build with --no-charset writes no CHARSET section and is format 2.0", "[charset]") {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = {sheaf::test::source_dir() + "/tests/golden/hi"};
  options.output = dir / "b.sheaf";
  options.no_charset = true;
  options.no_navigation = true;  // format 2.0 needs no optional table at all
  options.no_titles = true;
  const sheaf::test::OpenedBundle opened(sheaf::test::build_ok(options),
                                         sheaf::test::OpenedBundle::Check::none);
  const sheaf::Bundle& b = opened.bundle();
  CHECK(b.charset().error() == sheaf::Errc::not_found);
  CHECK(b.info().version_minor == 0);
}
