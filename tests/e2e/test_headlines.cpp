// tests/e2e: a bundle's HEADLINES section holds every record's title, by slot of the
// newest-first order and in byte order; its prefix lookup equals a scan of the titles, and list
// screens (NAVIGATION and HEADLINES) equal the records they stand for. The expected values come
// from the decoded records, computed here independently.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "compress/compressor.hpp"
#include "e2e/opened_bundle.hpp"
#include "index/headline_table.hpp"
#include "index/navigation_table.hpp"
#include "index/record_writer.hpp"
#include "pipeline.hpp"
#include "runtime/fixture.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

struct Built {
  sheaf::test::TempDir dir;
  std::unique_ptr<sheaf::test::OpenedBundle> opened;
  std::vector<std::string> titles;  // of the records, article i at i
  std::vector<std::string> dates;

  const sheaf::Bundle& bundle() const { return opened->bundle(); }

  sheaf::Decoder& decoder() { return opened->decoder(); }
};

void build(const std::vector<std::string>& inputs, Built& out) {
  sheaf::BuildOptions options;
  options.inputs = inputs;
  options.output = out.dir / "b.sheaf";
  options.level = 3;
  out.opened = std::make_unique<sheaf::test::OpenedBundle>(sheaf::test::build_ok(options));
  REQUIRE(out.bundle().info().version_minor == 1);  // 3.1: it has a HEADLINES section
  std::vector<uint8_t> check(sheaf::headlines_verify_size(out.bundle()));
  REQUIRE(sheaf::verify_headlines(out.bundle(), out.decoder(),
                                  sheaf::MutableByteSpan(check.data(), check.size())) ==
          sheaf::Errc::ok);
  for (const std::string& bytes : sheaf::test::read_all_records(out.bundle())) {
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

void check_titles(Built& b) {
  const auto h = b.bundle().headlines();
  REQUIRE(h.ok());
  const sheaf::Headlines& headlines = h.value();
  const sheaf::Navigation nav = b.bundle().navigation().value();
  const auto n = static_cast<uint32_t>(b.titles.size());
  REQUIRE(headlines.count() == n);
  REQUIRE(headlines.min_group() == sheaf::HeadlineCuts{}.min);
  // Every frame but frame 0 holds min to max titles; frame 0 one to max.
  for (uint32_t k = 0; k < headlines.frame_count(); ++k) {
    INFO("frame " << k);
    CHECK(headlines.entries_in(k) >= (k == 0 ? 1 : sheaf::HeadlineCuts{}.min));
    CHECK(headlines.entries_in(k) <= sheaf::HeadlineCuts{}.max);
  }
  std::vector<uint8_t> buffer(headlines.max_raw());
  const sheaf::MutableByteSpan out(buffer.data(), buffer.size());
  // By slot, and in title order (ties: ascending slot).
  std::vector<uint32_t> want(n);
  std::iota(want.begin(), want.end(), 0);
  const auto title_at = [&](uint32_t s) { return b.titles[nav.newest(s).value()]; };
  std::stable_sort(want.begin(), want.end(),
                   [&](uint32_t x, uint32_t y) { return title_at(x) < title_at(y); });
  sheaf::Headlines::Cache cache;
  for (uint32_t s = 0; s < n; ++s) {
    CHECK(headlines.title_at_slot(b.decoder(), s, out, cache).value() == title_at(s));
  }
  for (uint32_t pos = 0; pos < n; ++pos) {
    CHECK(headlines.slot_at(pos).value() == want[pos]);
    CHECK(headlines.title_at(b.decoder(), pos, out, cache).value() == title_at(want[pos]));
  }
  CHECK(headlines.slot_at(n).error() == sheaf::Errc::out_of_range);
  CHECK(headlines.title_at_slot(b.decoder(), n, out).error() == sheaf::Errc::out_of_range);
  if (headlines.max_raw() > 0) {
    CHECK(
        headlines.title_at_slot(b.decoder(), 0, sheaf::MutableByteSpan(buffer.data(), 0)).error() ==
        sheaf::Errc::output_too_small);
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
    const auto range = headlines.with_prefix(b.decoder(), prefix, out);
    REQUIRE(range.ok());
    std::set<uint32_t> found;
    for (uint32_t pos = range.value().begin; pos < range.value().end; ++pos) {
      found.insert(nav.newest(headlines.slot_at(pos).value()).value());
    }
    CHECK(found == scan);
    ++lookups;
  }
  std::printf("headlines: %u articles, %u frames, %zu prefix lookups equal to a scan\n", n,
              headlines.frame_count(), lookups);
}

// The date a list screen shows: the record's own date, or nothing when it has no date key.
std::string shown_date(const std::string& date) {
  return sheaf::date_key(date) == 0 ? std::string() : date;
}

void check_screens(Built& b) {
  const sheaf::Navigation nav = b.bundle().navigation().value();
  const sheaf::Headlines headlines = b.bundle().headlines().value();
  sheaf::Headline page[7];
  std::vector<uint8_t> text(sheaf::screen_buffer_size(headlines, 7));
  const sheaf::MutableByteSpan out(text.data(), text.size());
  uint32_t slot = 0;
  for (;;) {
    const auto got = sheaf::newest_headlines(nav, headlines, b.decoder(), slot, page, 7, out);
    REQUIRE(got.ok());
    if (got.value() == 0) {
      break;
    }
    for (size_t k = 0; k < got.value(); ++k, ++slot) {
      const uint32_t a = nav.newest(slot).value();
      CHECK(page[k].article == a);
      CHECK(page[k].title == b.titles[a]);
      char date[10];
      CHECK(std::string(date, sheaf::date_text(page[k].date_key, date)) == shown_date(b.dates[a]));
    }
  }
  CHECK(slot == b.titles.size());
  for (uint32_t node = 0; node < nav.node_count(); ++node) {
    std::vector<sheaf::Headline> all(nav.filed_count(node));
    // Room for every title: each line's title is at most max_raw bytes.
    std::vector<uint8_t> room(size_t{headlines.max_raw()} * (all.size() + 1));
    const auto got =
        sheaf::category_headlines(nav, headlines, b.decoder(), node, 0, all.data(), all.size(),
                                  sheaf::MutableByteSpan(room.data(), room.size()));
    REQUIRE(got.ok());
    REQUIRE(got.value() == all.size());
    for (uint32_t j = 0; j < all.size(); ++j) {
      CHECK(all[j].article == nav.articles_in(node, j).value());
      CHECK(all[j].title == b.titles[all[j].article]);
    }
  }
  sheaf::Headline one[1];
  CHECK(sheaf::category_headlines(nav, headlines, b.decoder(), nav.node_count(), 0, one, 1, out)
            .error() == sheaf::Errc::out_of_range);
  // A text buffer smaller than one frame holds no line.
  CHECK(sheaf::newest_headlines(nav, headlines, b.decoder(), 0, one, 1,
                                sheaf::MutableByteSpan(text.data(), headlines.max_raw() - 1))
            .error() == sheaf::Errc::output_too_small);
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

TEST_CASE("the headlines section of SPEC's example, word for word", "[titles]") {
  sheaf::CompressOptions options;
  options.level = 19;
  options.threads = 1;
  // Articles in id order titled "Quake drill", "Alert", "Quake map"; newest first: 2, 0, 1.
  // Frames of two titles exactly (min = max = 2), so the cut does not depend on the hash.
  const std::string bytes = sheaf::encode_headlines({"Quake drill", "Alert", "Quake map"},
                                                    {2, 0, 1}, "", options, {2, 2, 1});
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto word = [&](size_t k) { return sheaf::detail::load_le32(p + 4 * k); };
  // article_count, min_group, frame_count, blob_size, max_raw (1 + 11 + 1 + 5: frame 1)
  // sorted: slot 2 (Alert), slot 1 (Quake drill), slot 0 (Quake map); first slots 0 and 1;
  // frame ends 23 and 54 (raw blocks: 13 bytes of frame around each content).
  const std::vector<uint32_t> words = {3, 2, 2, 54, 18, 2, 1, 0, 0, 1, 23, 54};
  for (size_t k = 0; k < words.size(); ++k) {
    INFO("word " << k);
    CHECK(word(k) == words[k]);
  }
  CHECK(bytes.size() == 102);
  std::printf("SPEC's headlines example: %zu bytes, frames end at %u and %u\n", bytes.size(),
              word(10), word(11));
  const auto h = sheaf::Headlines::open(sheaf::ByteSpan(p, bytes.size()), 3);
  REQUIRE(h.ok());
  CHECK(h.value().min_group() == 2);
  CHECK(h.value().entries_in(0) == 1);
  CHECK(h.value().entries_in(1) == 2);
  CHECK(h.value().frame_of(0) == 0);
  CHECK(h.value().frame_of(1) == 1);
  CHECK(h.value().frame_of(2) == 1);
  CHECK(h.value().first_slot(1) == 1);
  CHECK(h.value().entries_in(2) == 0);
  CHECK(h.value().frame(0).value().size() == 23);
}

namespace {

// A headline section's frames as strings, and how many of `old_frames` are not among them.
std::vector<std::string> frames_of(const std::string& section, uint32_t n) {
  const auto h = sheaf::Headlines::open(
      sheaf::ByteSpan(reinterpret_cast<const uint8_t*>(section.data()), section.size()), n);
  REQUIRE(h.ok());
  std::vector<std::string> out;
  for (uint32_t k = 0; k < h.value().frame_count(); ++k) {
    const sheaf::ByteSpan f = h.value().frame(k).value();
    out.emplace_back(reinterpret_cast<const char*>(f.data()), f.size());
  }
  return out;
}

size_t frames_lost(const std::vector<std::string>& old_frames,
                   const std::vector<std::string>& new_frames) {
  size_t lost = 0;
  for (const std::string& f : old_frames) {
    lost += std::find(new_frames.begin(), new_frames.end(), f) == new_frames.end() ? 1 : 0;
  }
  return lost;
}

// The section for titles `ids` (strings of numbers), newest first in the order given.
std::string section_of(const std::vector<uint32_t>& ids) {
  sheaf::CompressOptions options;
  options.level = 3;
  options.threads = 1;
  std::vector<std::string> titles;
  std::vector<uint32_t> newest;
  for (const uint32_t id : ids) {
    newest.push_back(static_cast<uint32_t>(titles.size()));
    titles.push_back("title of article " + std::to_string(id));
  }
  const std::vector<std::string_view> views(titles.begin(), titles.end());
  return sheaf::encode_headlines(views, newest, "", options);
}

}  // namespace

TEST_CASE("articles added or removed anywhere change only the headline frames around them",
          "[titles][stable]") {
  constexpr uint32_t kOld = 2000;
  std::vector<uint32_t> old_ids(kOld);
  std::iota(old_ids.begin(), old_ids.end(), 0);
  const std::vector<std::string> old_frames = frames_of(section_of(old_ids), kOld);
  REQUIRE(old_frames.size() > 100);
  const auto check = [&](const char* what, const std::vector<uint32_t>& ids, size_t most) {
    INFO(what);
    const size_t lost = frames_lost(old_frames, frames_of(section_of(ids), uint32_t(ids.size())));
    std::printf("headline frames changed, %s: %zu of %zu\n", what, lost, old_frames.size());
    CHECK(lost <= most);
  };
  std::vector<uint32_t> ids;
  for (uint32_t k = 0; k < 20; ++k) {  // on top: only frame 0 can change
    ids.push_back(kOld + k);
  }
  ids.insert(ids.end(), old_ids.begin(), old_ids.end());
  check("20 added at the newest end", ids, 1);
  ids = old_ids;  // at the bottom, as undated articles sort (newest first: highest id last)
  for (uint32_t k = 0; k < 20; ++k) {
    ids.push_back(kOld + k);
  }
  // A walk that starts elsewhere falls onto the old cuts within a few frames (in a simulation
  // of random titles, 3 on average and 8 or more one time in 16).
  check("20 added at the oldest end", ids, 8);
  ids = old_ids;
  ids.insert(ids.begin() + 1000, {kOld, kOld + 1, kOld + 2});
  ids.erase(ids.begin() + 500);
  ids.erase(ids.begin() + 1500);
  check("3 added and 2 removed in the middle", ids, 12);
}

TEST_CASE("titles read from records in place give the section their views give", "[titles]") {
  const std::vector<std::string> titles = {
      "Quake drill", "", "Alert", "Quake map", "Alert", "\xE5\x9C\xB0\xE9\x9C\x87", "Quake"};
  std::vector<std::string> records;
  std::vector<sheaf::NavigationEntry> entries;
  for (size_t i = 0; i < titles.size(); ++i) {
    sheaf::Article a;
    a.id = "a" + std::to_string(i);
    a.title = titles[i];
    a.date = i % 2 == 0 ? "2024-05-0" + std::to_string(i + 1) : "";
    records.push_back(sheaf::encode_record(a, "body " + std::to_string(i), 0));
  }
  const sheaf::RecordStore store(records);
  const std::string navigation = sheaf::encode_navigation(sheaf::navigation_entries(store));
  std::vector<uint32_t> newest;
  for (size_t s = 0; s < titles.size(); ++s) {
    newest.push_back(
        sheaf::detail::load_le32(reinterpret_cast<const uint8_t*>(navigation.data()) + 12 + 4 * s));
  }
  sheaf::CompressOptions options;
  options.level = 3;
  const std::string from_records = sheaf::encode_record_headlines(store, navigation, "", options);
  CHECK(from_records ==
        sheaf::encode_headlines(std::vector<std::string_view>(titles.begin(), titles.end()), newest,
                                "", options));
  CHECK(sheaf::encode_record_headlines(sheaf::RecordStore(), sheaf::encode_navigation({}), "",
                                       options) == sheaf::encode_headlines({}, {}, "", options));
}

TEST_CASE("a build with --no-titles writes no HEADLINES section, one with --no-navigation neither",
          "[titles]") {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = {sheaf::test::source_dir() + "/tests/golden/hi"};
  options.output = dir / "b.sheaf";
  options.no_titles = true;
  const sheaf::test::OpenedBundle opened(sheaf::test::build_ok(options),
                                         sheaf::test::OpenedBundle::Check::none);
  const sheaf::Bundle& b = opened.bundle();
  CHECK(b.headlines().error() == sheaf::Errc::not_found);
  CHECK(b.navigation().ok());
  CHECK(b.info().version_minor == 0);  // no 3.1 addition
  options.no_titles = false;
  options.no_navigation = true;
  options.output = dir / "c.sheaf";
  const sheaf::test::OpenedBundle second(sheaf::test::build_ok(options),
                                         sheaf::test::OpenedBundle::Check::none);
  CHECK(second.bundle().headlines().error() == sheaf::Errc::not_found);
  CHECK(second.bundle().navigation().error() == sheaf::Errc::not_found);
}
