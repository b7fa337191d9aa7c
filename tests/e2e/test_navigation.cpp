// tests/e2e: a bundle's NAVIGATION section gives the newest-first order and the category tree
// of its articles as the compiler parsed them, computed here independently (dates compared as
// strings, the tree as a map of breadcrumb prefixes).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "e2e/opened_bundle.hpp"
#include "extract/extract.hpp"
#include "index/navigation_table.hpp"
#include "ingest/discover.hpp"
#include "ingest/ingest.hpp"
#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

using Path = std::vector<std::string>;

struct Expected {
  std::vector<uint32_t> newest;  // article numbers (id order)
  std::map<Path, uint32_t> count;
  std::map<Path, std::vector<uint32_t>> filed;  // newest first
};

// 2 for a full date, 1 for --MM-DD, 0 for none: the class sorts before the date string.
int date_class(const std::string& d) {
  return d.size() == 10 ? 2 : d.size() == 7 && d.compare(0, 2, "--") == 0 ? 1 : 0;
}

Expected expect(const std::vector<std::string>& inputs) {
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  const auto files = sheaf::discover(inputs, fs, diagnostics);
  std::vector<sheaf::Article> articles =
      sheaf::extract(sheaf::ingest(files, fs, diagnostics), diagnostics);
  std::sort(articles.begin(), articles.end(),
            [](const sheaf::Article& x, const sheaf::Article& y) { return x.id < y.id; });
  Expected e;
  for (uint32_t a = 0; a < articles.size(); ++a) {
    e.newest.push_back(a);
  }
  std::stable_sort(e.newest.begin(), e.newest.end(), [&](uint32_t x, uint32_t y) {
    const std::string& dx = articles[x].date;
    const std::string& dy = articles[y].date;
    if (date_class(dx) != date_class(dy)) {
      return date_class(dx) > date_class(dy);
    }
    return date_class(dx) != 0 && dx > dy;
  });
  for (const uint32_t a : e.newest) {
    const Path& crumbs = articles[a].categories;
    for (size_t k = 0; k <= crumbs.size(); ++k) {
      ++e.count[Path(crumbs.begin(), crumbs.begin() + static_cast<std::ptrdiff_t>(k))];
    }
    e.filed[crumbs].push_back(a);
  }
  return e;
}

// The tree as stored: every node's path, count and filed articles; children in name order.
void walk(const sheaf::Navigation& nav, uint32_t k, Path& path, Expected& out) {
  out.count[path] = nav.count(k);
  std::vector<uint32_t>& filed = out.filed[path];
  for (uint32_t j = 0; j < nav.filed_count(k); ++j) {
    filed.push_back(nav.articles_in(k, j).value());
  }
  if (filed.empty()) {
    out.filed.erase(path);
  }
  for (uint32_t j = 0; j < nav.child_count(k); ++j) {
    const uint32_t c = nav.child(k, j).value();
    CHECK(nav.parent(c) == k);
    if (j > 0) {
      CHECK(nav.name(c - 1) < nav.name(c));
    }
    path.emplace_back(nav.name(c));
    std::vector<std::string_view> parts(path.begin(), path.end());
    CHECK(nav.find_category(parts.data(), parts.size()).value() == c);
    walk(nav, c, path, out);
    path.pop_back();
  }
}

Expected stored(const std::string& path) {
  const sheaf::test::OpenedBundle opened(path);
  const auto nav = opened.bundle().navigation();
  REQUIRE(nav.ok());
  Expected out;
  for (uint32_t s = 0; s < nav.value().article_count(); ++s) {
    out.newest.push_back(nav.value().newest(s).value());
    CHECK(nav.value().slot_of(out.newest.back()).value() == s);
  }
  Path root;
  walk(nav.value(), 0, root, out);
  return out;
}

void check_inputs(const std::vector<std::string>& inputs) {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = inputs;
  options.output = dir / "b.sheaf";
  options.level = 3;
  const Expected want = expect(inputs);
  const Expected got = stored(sheaf::test::build_ok(options));
  CHECK(got.newest == want.newest);
  CHECK(got.count == want.count);
  CHECK(got.filed == want.filed);
  std::printf("navigation: %zu articles, %zu categories (root included)\n", got.newest.size(),
              got.count.size());
}

}  // namespace

TEST_CASE("the navigation of the examples matches their articles' dates and breadcrumbs",
          "[navigation]") {
  check_inputs({sheaf::test::source_dir() + "/examples/articles"});
}

TEST_CASE("the navigation of corpus pages matches their articles' dates and breadcrumbs",
          "[navigation]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (!std::filesystem::is_directory(corpus + "/html-zh")) {
    WARN("skipped: no corpus at " << corpus);
    return;
  }
  check_inputs({corpus + "/html-zh"});
}

TEST_CASE("the navigation section of SPEC's worked example, word for word", "[navigation]") {
  const std::vector<sheaf::NavigationEntry> entries = {
      {"2024-05-01", {"News", "Local"}}, {"--01-20", {"News"}}, {"", {}}};
  const std::string bytes = sheaf::encode_navigation(entries);
  REQUIRE(bytes.size() == 177);
  const std::vector<uint32_t> words = {3, 3, 9, 0, 1,          2, 20250501, 120, 0, 0, 1, 2, 2, 1,
                                       0, 2, 1, 0, 0xFFFFFFFF, 1, 1,        0,   0, 3, 0, 1, 0, 2,
                                       1, 0, 4, 2, 1,          1, 1,        3,   0, 4, 5, 1, 2, 1};
  for (size_t k = 0; k < words.size(); ++k) {
    INFO("word " << k);
    CHECK(sheaf::detail::load_le32(reinterpret_cast<const uint8_t*>(bytes.data()) + 4 * k) ==
          words[k]);
  }
  CHECK(bytes.substr(4 * words.size()) == "NewsLocal");
}

TEST_CASE("a build with --no-navigation writes no NAVIGATION section", "[navigation]") {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = {sheaf::test::source_dir() + "/tests/golden/hi"};
  options.output = dir / "b.sheaf";
  options.no_navigation = true;
  options.no_charset = true;
  options.no_titles = true;
  const sheaf::test::OpenedBundle opened(sheaf::test::build_ok(options),
                                         sheaf::test::OpenedBundle::Check::none);
  const sheaf::Bundle& b = opened.bundle();
  CHECK(b.navigation().error() == sheaf::Errc::not_found);
  CHECK(b.info().version_minor == 0);
}
