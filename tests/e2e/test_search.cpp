// tests/e2e: a bundle's SEARCH section answers queries exactly as a brute-force scan of the
// decompressed text, normalised here independently (ICU's NFKC of each code point, then its
// lower case, searched with std::string::find). Queries are drawn from the corpus: single
// characters, pairs, phrases, Latin words (also in upper case), two-term and mixed queries,
// and digits written full width.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "e2e/opened_bundle.hpp"
#include "index/search_table.hpp"
#include "pipeline.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

namespace {

void put_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The text as code points (ICU's UTF-8 decoder; invalid bytes do not occur in a bundle).
std::vector<uint32_t> code_points(const std::string& s) {
  std::vector<uint32_t> out;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<uint32_t>(c));
  }
  return out;
}

// ICU: lower(NFKC(c)) for each code point c, as UTF-8.
std::string normalise(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  std::string out;
  for (const uint32_t c : code_points(text)) {
    UChar in[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, static_cast<UChar32>(c));
    UChar mid[64];
    UChar low[128];
    const int32_t m = unorm2_normalize(nfkc, in, n, mid, 64, &status);
    const int32_t l = u_strToLower(low, 128, mid, m, "", &status);
    for (int32_t k = 0; k < l;) {
      UChar32 x = 0;
      U16_NEXT_UNSAFE(low, k, x);
      put_utf8(out, static_cast<uint32_t>(x));
    }
  }
  REQUIRE(U_SUCCESS(status));
  return out;
}

bool is_space(uint32_t c) {
  return sheaf::detail::is_search_space(c);
}

struct Text {
  std::string title;
  std::string all;  // title, '\n', subtitle, '\n', body
};

size_t occurrences(const std::string& text, const std::string& term) {
  size_t n = 0;
  for (size_t at = text.find(term); at != std::string::npos; at = text.find(term, at + 1)) {
    ++n;
  }
  return n;
}

// Deterministic choices (a linear congruential generator).
struct Draw {
  uint64_t state = 20260101;

  size_t operator()(size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state >> 33) % n);
  }
};

// A term of `length` code points from a random spot of a random article's normalised text, with
// no white space in it ("" when the spot has none).
std::string term_at(const std::vector<Text>& texts, Draw& draw, size_t length) {
  const std::vector<uint32_t> cps = code_points(texts[draw(texts.size())].all);
  if (cps.size() < length) {
    return "";
  }
  const size_t at = draw(cps.size() - length + 1);
  std::string out;
  for (size_t k = at; k < at + length; ++k) {
    if (is_space(cps[k])) {
      return "";
    }
    put_utf8(out, cps[k]);
  }
  return out;
}

// A lower case ASCII word of a random article ("" when none is found).
std::string latin_word(const std::vector<Text>& texts, Draw& draw) {
  for (int tries = 0; tries < 50; ++tries) {
    const std::string& s = texts[draw(texts.size())].all;
    const size_t at = s.find_first_of("abcdefghijklmnopqrstuvwxyz", draw(s.size() + 1));
    if (at == std::string::npos) {
      continue;
    }
    size_t end = at;
    while (end < s.size() && s[end] >= 'a' && s[end] <= 'z') {
      ++end;
    }
    if (end - at >= 3) {
      return s.substr(at, end - at);
    }
  }
  return "";
}

// A digit run of a random article written full width, and the same digits as ASCII.
std::pair<std::string, std::string> full_width_digits(const std::vector<Text>& texts, Draw& draw) {
  for (int tries = 0; tries < 50; ++tries) {
    const std::string& s = texts[draw(texts.size())].all;
    const size_t at = s.find_first_of("0123456789", draw(s.size() + 1));
    if (at == std::string::npos) {
      continue;
    }
    std::string ascii;
    std::string wide;
    for (size_t k = at; k < s.size() && s[k] >= '0' && s[k] <= '9' && ascii.size() < 4; ++k) {
      ascii += s[k];
      put_utf8(wide, 0xFF10 + static_cast<uint32_t>(s[k] - '0'));
    }
    return {wide, ascii};
  }
  return {"", ""};
}

struct Query {
  std::string text;                // as given to search()
  std::vector<std::string> terms;  // normalised, as the brute force looks for them
};

std::vector<Query> make_queries(const std::vector<Text>& texts) {
  Draw draw;
  std::vector<Query> out;
  auto add = [&](std::string text, std::vector<std::string> terms) {
    for (const std::string& t : terms) {
      if (t.empty()) {
        return;
      }
    }
    out.push_back({std::move(text), std::move(terms)});
  };
  for (int k = 0; k < 60; ++k) {
    const std::string one = term_at(texts, draw, 1);
    const std::string two = term_at(texts, draw, 2);
    const std::string phrase = term_at(texts, draw, 3 + draw(5));
    add(one, {one});
    add(two, {two});
    add(phrase, {phrase});
    const std::string a = term_at(texts, draw, 2);
    const std::string b = term_at(texts, draw, 2);
    add(a + " " + b, {a, b});
    const std::string word = latin_word(texts, draw);
    std::string upper = word;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return static_cast<char>(c - 'a' + 'A'); });
    add(k % 2 == 0 ? word : upper, {word});
    add(word + "\xE3\x80\x80" + two, {word, two});  // an ideographic space between
    const auto [wide, ascii] = full_width_digits(texts, draw);
    add(wide, {ascii});
    add(phrase + " " + one, {phrase, one});
  }
  add("zzqxj", {"zzqxj"});
  return out;
}

void check_query(const sheaf::Bundle& b, const sheaf::SearchIndex& index, sheaf::Decoder& decoder,
                 std::vector<uint8_t>& buffer, const std::vector<Text>& texts, const Query& q,
                 size_t& equal) {
  auto scratch = std::make_unique<sheaf::SearchScratch>();
  std::vector<sheaf::SearchHit> hits(texts.size());
  const sheaf::Result<sheaf::SearchStats> got =
      sheaf::search(b, index, q.text, *scratch, hits.data(), static_cast<uint32_t>(hits.size()),
                    &decoder, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
  INFO("query '" << q.text << "'");
  REQUIRE(got.ok());
  std::set<uint32_t> want;
  for (uint32_t a = 0; a < texts.size(); ++a) {
    bool all = true;
    for (const std::string& t : q.terms) {
      all = all && texts[a].all.find(t) != std::string::npos;
    }
    if (all) {
      want.insert(a);
    }
  }
  std::set<uint32_t> found;
  for (uint32_t k = 0; k < got.value().hits; ++k) {
    const sheaf::SearchHit& h = hits[k];
    found.insert(h.article);
    uint32_t in_title = 0;
    uint32_t frequency = 0;
    for (const std::string& t : q.terms) {
      in_title += texts[h.article].title.find(t) != std::string::npos ? 1 : 0;
      frequency += static_cast<uint32_t>(occurrences(texts[h.article].all, t));
    }
    CHECK(h.title_terms == in_title);
    CHECK(h.frequency == frequency);
    if (k > 0) {
      CHECK(!sheaf::detail::ranks_before(h, hits[k - 1]));
    }
  }
  CHECK(got.value().matches == want.size());
  CHECK(got.value().unconfirmed == 0);
  CHECK(found == want);
  equal += found == want ? 1 : 0;
  // The best 3 only: the first 3 of the full ranking, whichever way the matches are counted
  // (candidates ranked out are proven, decoded only to count them, or left unconfirmed).
  for (const sheaf::SearchCount count : {sheaf::SearchCount::exact, sheaf::SearchCount::at_least}) {
    sheaf::SearchHit top[3];
    const sheaf::Result<sheaf::SearchStats> best =
        sheaf::search(b, index, q.text, *scratch, top, 3, &decoder,
                      sheaf::MutableByteSpan(buffer.data(), buffer.size()), count);
    REQUIRE(best.ok());
    REQUIRE(best.value().hits == std::min<uint32_t>(3, got.value().hits));
    for (uint32_t k = 0; k < best.value().hits; ++k) {
      CHECK(top[k].article == hits[k].article);
      CHECK(top[k].title_terms == hits[k].title_terms);
      CHECK(top[k].frequency == hits[k].frequency);
    }
    if (count == sheaf::SearchCount::exact) {
      CHECK(best.value().matches == want.size());
      CHECK(best.value().unconfirmed == 0);
    } else {
      CHECK(best.value().matches <= want.size());
      CHECK(best.value().matches + best.value().unconfirmed >= want.size());
    }
  }
}

void check_inputs(const std::vector<std::string>& inputs) {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = inputs;
  options.output = dir / "b.sheaf";
  options.level = 3;
  options.search = true;
  sheaf::test::OpenedBundle opened(sheaf::test::build_ok(options));
  const sheaf::Bundle& b = opened.bundle();
  sheaf::Decoder& decoder = opened.decoder();
  std::vector<uint8_t> buffer(b.info().max_read_size);
  std::vector<Text> texts;
  for (uint32_t a = 0; a < b.size(); ++a) {
    const auto r = decoder.read(a, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
    REQUIRE(r.ok());
    const std::string title = normalise(std::string(r.value().title));
    texts.push_back({title, title + "\n" + normalise(std::string(r.value().subtitle)) + "\n" +
                                normalise(std::string(r.value().body))});
  }
  const auto index = b.search();
  REQUIRE(index.ok());
  const std::vector<Query> queries = make_queries(texts);
  size_t equal = 0;
  for (const Query& q : queries) {
    check_query(b, index.value(), decoder, buffer, texts, q, equal);
  }
  CHECK(queries.size() >= 200);
  std::printf(
      "search: %zu queries over %zu articles: %zu result sets equal to the brute-force "
      "scan\n",
      queries.size(), texts.size(), equal);
}

}  // namespace

TEST_CASE("search over the examples equals a brute-force scan of their text", "[search]") {
  check_inputs({sheaf::test::source_dir() + "/examples/articles"});
}

TEST_CASE("search over corpus pages and text equals a brute-force scan of their text", "[search]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (!std::filesystem::is_directory(corpus + "/html-zh")) {
    WARN("skipped: no corpus at " << corpus);
    return;
  }
  check_inputs({corpus + "/html-zh", corpus + "/text"});
}

TEST_CASE("the runtime's query fold agrees with ICU on every code point it changes", "[search]") {
  size_t changed = 0;
  for (uint32_t cp = 0; cp < 0x10000; ++cp) {
    const uint32_t f = sheaf::detail::builtin_fold(cp);
    if (f == cp) {
      continue;
    }
    ++changed;
    std::string one;
    put_utf8(one, cp);
    std::string want;
    put_utf8(want, f);
    INFO("U+" << std::hex << cp);
    CHECK(normalise(one) == want);
  }
  CHECK(changed == 94 + 1 + 26 + 30 + 24 + 32 + 16);     // full width, space, letters
  CHECK(sheaf::detail::builtin_fold(0xFF21) == 'a');     // full-width A: NFKC 'A', then 'a'
  CHECK(sheaf::detail::builtin_fold(0x4E2D) == 0x4E2D);  // ideographs are kept
}

TEST_CASE("postings round-trip through the codec, and damaged ones are refused", "[search]") {
  std::vector<sheaf::PostingEntry> entries;
  Draw draw;
  uint32_t article = 0;
  for (int k = 0; k < 1000; ++k) {
    article += static_cast<uint32_t>(draw(k % 10 == 0 ? 100000 : 5));
    entries.push_back({article, static_cast<uint32_t>(1 + draw(3) * draw(300)), draw(2) == 0});
    ++article;
  }
  const std::string bytes = sheaf::encode_postings(entries);
  const sheaf::ByteSpan span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  auto opened = sheaf::PostingCursor::open(span, article);
  REQUIRE(opened.ok());
  sheaf::PostingCursor c = opened.value();
  CHECK(c.count() == entries.size());
  sheaf::Posting p;
  for (const sheaf::PostingEntry& e : entries) {
    REQUIRE(c.next(p) == sheaf::Errc::ok);
    CHECK(p.article == e.article);
    CHECK(p.frequency == e.frequency);
    CHECK(p.in_title == e.in_title);
  }
  CHECK(c.next(p) == sheaf::Errc::not_found);
  // Cut short, or an article past the end: corrupt_index.
  auto cut_opened =
      sheaf::PostingCursor::open(sheaf::ByteSpan(span.data(), span.size() - 1), article);
  REQUIRE(cut_opened.ok());
  sheaf::PostingCursor cut = cut_opened.value();
  sheaf::Errc e = sheaf::Errc::ok;
  while ((e = cut.next(p)) == sheaf::Errc::ok) {
  }
  CHECK(e == sheaf::Errc::corrupt_index);
  auto few_opened = sheaf::PostingCursor::open(span, article - 1);
  REQUIRE(few_opened.ok());
  sheaf::PostingCursor few = few_opened.value();
  while ((e = few.next(p)) == sheaf::Errc::ok) {
  }
  CHECK(e == sheaf::Errc::corrupt_index);
}

TEST_CASE("a build without --search writes no SEARCH section", "[search]") {
  const sheaf::test::TempDir dir;
  sheaf::BuildOptions options;
  options.inputs = {sheaf::test::source_dir() + "/tests/golden/hi"};
  options.output = dir / "b.sheaf";
  const sheaf::test::OpenedBundle opened(sheaf::test::build_ok(options),
                                         sheaf::test::OpenedBundle::Check::none);
  const sheaf::Bundle& b = opened.bundle();
  CHECK(b.search().error() == sheaf::Errc::not_found);
}
