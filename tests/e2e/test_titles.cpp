// tests/e2e: a bundle's TITLES section holds every record's title, in byte order and by article;
// its prefix lookup equals a scan of the titles, and list screens (NAVIGATION and TITLES) equal
// the records they stand for. The expected values come from the decoded records, computed here
// independently.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "index/record_writer.hpp"
#include "index/title_table.hpp"
#include "pipeline.hpp"
#include "runtime/fixture.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

struct Built {
  sheaf::test::TempDir dir;
  sheaf::MappedFile file;
  sheaf::Bundle bundle;
  std::vector<std::string> titles;  // of the records, article i at i
  std::vector<std::string> dates;
};

void build(const std::vector<std::string>& inputs, Built& out) {
  sheaf::BuildOptions options;
  options.inputs = inputs;
  options.output = out.dir / "b.sheaf";
  options.level = 3;
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  REQUIRE(sheaf::run_build(options, fs, diagnostics, report));
  REQUIRE(out.file.open(options.output.c_str()) == sheaf::Errc::ok);
  const auto b = sheaf::Bundle::open(out.file.bytes());
  REQUIRE(b.ok());
  out.bundle = b.value();
  REQUIRE(sheaf::verify_all(out.bundle) == sheaf::Errc::ok);
  for (const std::string& bytes : sheaf::test::read_all_records(out.bundle)) {
    const auto r = sheaf::parse_record(bytes);
    REQUIRE(r.ok());
    out.titles.emplace_back(r.value().title);
    out.dates.emplace_back(r.value().date);
  }
}

// Prefixes of `title` to look up: its first 1, 2 and 3 code points, the whole title, and the
// whole title plus a byte no title holds after it.
std::vector<std::string> prefixes_of(const std::string& title) {
  std::vector<std::string> out = {title, title + "\x7f"};
  size_t at = 0;
  for (int k = 0; k < 3 && at < title.size(); ++k) {
    do {
      ++at;
    } while (at < title.size() && (static_cast<unsigned char>(title[at]) & 0xC0) == 0x80);
    out.push_back(title.substr(0, at));
  }
  return out;
}

void check_titles(const Built& b) {
  const auto t = b.bundle.titles();
  REQUIRE(t.ok());
  const sheaf::Titles& titles = t.value();
  const auto n = static_cast<uint32_t>(b.titles.size());
  REQUIRE(titles.count() == n);
  std::vector<uint32_t> want(n);
  std::iota(want.begin(), want.end(), 0);
  std::stable_sort(want.begin(), want.end(),
                   [&](uint32_t x, uint32_t y) { return b.titles[x] < b.titles[y]; });
  for (uint32_t pos = 0; pos < n; ++pos) {
    CHECK(titles.article_at(pos).value() == want[pos]);
    CHECK(titles.title_at(pos).value() == b.titles[want[pos]]);
    CHECK(titles.title_of(want[pos]).value() == b.titles[want[pos]]);
    CHECK(titles.position_of(want[pos]).value() == pos);
  }
  size_t lookups = 0;
  std::set<std::string> queries = {"", "\xff"};
  for (const std::string& title : b.titles) {
    for (const std::string& p : prefixes_of(title)) {
      queries.insert(p);
    }
  }
  for (const std::string& prefix : queries) {
    INFO("prefix " << prefix);
    std::set<uint32_t> scan;
    for (uint32_t a = 0; a < n; ++a) {
      if (b.titles[a].compare(0, prefix.size(), prefix) == 0) {
        scan.insert(a);
      }
    }
    const auto range = titles.with_prefix(prefix);
    REQUIRE(range.ok());
    std::set<uint32_t> found;
    for (uint32_t pos = range.value().begin; pos < range.value().end; ++pos) {
      found.insert(titles.article_at(pos).value());
    }
    CHECK(found == scan);
    ++lookups;
  }
  std::printf("titles: %u articles, %zu prefix lookups equal to a scan\n", n, lookups);
}

// The date a list screen shows: the record's own date, or nothing when it has no date key.
std::string shown_date(const std::string& date) {
  return sheaf::date_key(date) == 0 ? std::string() : date;
}

void check_screens(const Built& b) {
  const sheaf::Navigation nav = b.bundle.navigation().value();
  const sheaf::Titles titles = b.bundle.titles().value();
  sheaf::Headline page[7];
  uint32_t slot = 0;
  for (;;) {
    const auto got = sheaf::newest_headlines(nav, titles, slot, page, 7);
    REQUIRE(got.ok());
    if (got.value() == 0) {
      break;
    }
    for (size_t k = 0; k < got.value(); ++k, ++slot) {
      const uint32_t a = nav.newest(slot).value();
      CHECK(page[k].article == a);
      CHECK(page[k].title == b.titles[a]);
      char text[10];
      CHECK(std::string(text, sheaf::date_text(page[k].date_key, text)) == shown_date(b.dates[a]));
    }
  }
  CHECK(slot == b.titles.size());
  for (uint32_t node = 0; node < nav.node_count(); ++node) {
    std::vector<sheaf::Headline> all(nav.filed_count(node));
    const auto got = sheaf::category_headlines(nav, titles, node, 0, all.data(), all.size());
    REQUIRE(got.ok());
    REQUIRE(got.value() == all.size());
    for (uint32_t j = 0; j < all.size(); ++j) {
      CHECK(all[j].article == nav.articles_in(node, j).value());
      CHECK(all[j].title == b.titles[all[j].article]);
    }
  }
  sheaf::Headline one[1];
  CHECK(sheaf::category_headlines(nav, titles, nav.node_count(), 0, one, 1).error() ==
        sheaf::Errc::out_of_range);
}

}  // namespace

TEST_CASE("the titles of the examples: order, prefix lookups and list screens", "[titles]") {
  Built b;
  build({sheaf::test::source_dir() + "/examples/articles"}, b);
  check_titles(b);
  check_screens(b);
}

TEST_CASE("the titles of corpus pages and dumps: order, prefix lookups and list screens",
          "[titles]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (!std::filesystem::is_directory(corpus + "/html-zh")) {
    WARN("skipped: no corpus at " << corpus);
    return;
  }
  Built b;
  build({corpus + "/html-zh", corpus + "/text"}, b);
  check_titles(b);
  check_screens(b);
}

TEST_CASE("date_text is date_key's inverse", "[titles]") {
  for (const std::string date : {"2024-05-01", "--01-20", "0000-00-00", "9999-99-99", "--12-31"}) {
    char text[10];
    CHECK(std::string(text, sheaf::date_text(sheaf::date_key(date), text)) == date);
  }
  char text[10];
  CHECK(sheaf::date_text(0, text) == 0);
  CHECK(sheaf::date_text(100009999 + 1, text) == 0);
}

TEST_CASE("the titles section of SPEC's example, word for word", "[titles]") {
  const std::string bytes = sheaf::encode_titles({"Quake drill", "Alert", "Quake map"});
  REQUIRE(bytes.size() == 73);
  const std::vector<uint32_t> words = {3, 25, 1, 0, 2, 1, 0, 2, 0, 5, 16, 25};
  for (size_t k = 0; k < words.size(); ++k) {
    INFO("word " << k);
    CHECK(sheaf::detail::load_le32(reinterpret_cast<const uint8_t*>(bytes.data()) + 4 * k) ==
          words[k]);
  }
  CHECK(bytes.substr(4 * words.size()) == "AlertQuake drillQuake map");
  const auto t = sheaf::Titles::open(
      sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 3);
  REQUIRE(t.ok());
  CHECK(t.value().verify() == sheaf::Errc::ok);
  const auto quake = t.value().with_prefix("Quake");
  REQUIRE(quake.ok());
  CHECK(quake.value().begin == 1);
  CHECK(quake.value().end == 3);
  CHECK(t.value().with_prefix("Quake m").value().size() == 1);
  CHECK(t.value().with_prefix("Z").value().size() == 0);
}

TEST_CASE("titles read from records in place give the section their views give", "[titles]") {
  const std::vector<std::string> titles = {
      "Quake drill", "", "Alert", "Quake map", "Alert", "\xE5\x9C\xB0\xE9\x9C\x87", "Quake"};
  std::vector<std::string> records;
  for (size_t i = 0; i < titles.size(); ++i) {
    sheaf::Article a;
    a.id = "a" + std::to_string(i);
    a.title = titles[i];
    records.push_back(sheaf::encode_record(a, "body " + std::to_string(i), 0));
  }
  const std::string from_records = sheaf::encode_record_titles(sheaf::RecordStore(records));
  CHECK(from_records ==
        sheaf::encode_titles(std::vector<std::string_view>(titles.begin(), titles.end())));
  CHECK(sheaf::encode_record_titles(sheaf::RecordStore()) == sheaf::encode_titles({}));
}

TEST_CASE("a build with --no-titles writes no TITLES section", "[titles]") {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = {sheaf::test::source_dir() + "/tests/golden/hi"};
  options.output = dir / "b.sheaf";
  options.no_titles = true;
  sheaf::RealFileSystem fs;
  sheaf::Diagnostics diagnostics;
  sheaf::BuildReport report;
  REQUIRE(sheaf::run_build(options, fs, diagnostics, report));
  sheaf::MappedFile file;
  REQUIRE(file.open(options.output.c_str()) == sheaf::Errc::ok);
  const auto b = sheaf::Bundle::open(file.bytes());
  REQUIRE(b.ok());
  CHECK(b.value().titles().error() == sheaf::Errc::not_found);
  CHECK(b.value().navigation().ok());
}
