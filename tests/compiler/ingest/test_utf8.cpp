// Tests for ingest/utf8.hpp: validation, repair with U+FFFD, BOM, encoding.
#include "ingest/utf8.hpp"
#include "support/catch.hpp"

using sheaf::append_utf8;
using sheaf::find_invalid_utf8;
using sheaf::kUtf8Valid;
using sheaf::repair_utf8;
using sheaf::strip_utf8_bom;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

TEST_CASE("utf8: valid text has no invalid offset", "[compiler][ingest]") {
  CHECK(find_invalid_utf8("") == kUtf8Valid);
  CHECK(find_invalid_utf8("plain ASCII") == kUtf8Valid);
  CHECK(find_invalid_utf8("本报北京1月20日电　") == kUtf8Valid);
  CHECK(find_invalid_utf8("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF") == kUtf8Valid);  // U+1F600, U+10FFFF
  CHECK(find_invalid_utf8(std::string("a\0b", 3)) == kUtf8Valid);
}

TEST_CASE("utf8: first invalid sequence is found by byte offset", "[compiler][ingest]") {
  CHECK(find_invalid_utf8("ab\x80") == 2);            // lone continuation byte
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);          // overlong '/'
  CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1);     // UTF-16 surrogate D800
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(find_invalid_utf8("中\xE4\xB8") == 3);        // truncated at the end
  CHECK(find_invalid_utf8("\xFF") == 0);
}

TEST_CASE("utf8: repair replaces each maximal ill-formed subpart with one U+FFFD",
          "[compiler][ingest]") {
  SECTION("valid input is unchanged") {
    const auto r = repair_utf8("新闻 news");
    CHECK(r.text == "新闻 news");
    CHECK(r.invalid_sequences == 0);
    CHECK(r.first_invalid_offset == kUtf8Valid);
  }
  SECTION("a stray byte") {
    const auto r = repair_utf8(
        "a\xFF"
        "b");
    CHECK(r.text == "a" + kFffd + "b");
    CHECK(r.invalid_sequences == 1);
    CHECK(r.first_invalid_offset == 1);
  }
  SECTION("a truncated sequence is one replacement, the next character survives") {
    const auto r = repair_utf8(
        "\xE4\xB8"
        "A");
    CHECK(r.text == kFffd + "A");
    CHECK(r.invalid_sequences == 1);
  }
  SECTION("overlongs and bad second bytes give one replacement per byte") {
    CHECK(repair_utf8("\xC0\xAF").text == kFffd + kFffd);
    CHECK(repair_utf8("\xF0\x80").text == kFffd + kFffd);
  }
  SECTION("GBK bytes read as UTF-8 are never dropped silently") {
    const auto r = repair_utf8("\xD6\xD0\xCE\xC4");  // "中文" in GBK
    CHECK(r.invalid_sequences == 4);
    CHECK(find_invalid_utf8(r.text) == kUtf8Valid);
  }
}

TEST_CASE("utf8: BOM is stripped only at the start", "[compiler][ingest]") {
  CHECK(strip_utf8_bom("\xEF\xBB\xBFtitle") == "title");
  CHECK(strip_utf8_bom("title\xEF\xBB\xBF") == "title\xEF\xBB\xBF");
  CHECK(strip_utf8_bom("\xEF\xBB") == "\xEF\xBB");
}

TEST_CASE("utf8: append_utf8 encodes scalar values and replaces the rest", "[compiler][ingest]") {
  std::string out;
  append_utf8(out, U'A');
  append_utf8(out, U'\u00A0');
  append_utf8(out, U'\u3000');
  append_utf8(out, U'\U0001F600');
  CHECK(out == "A\xC2\xA0\xE3\x80\x80\xF0\x9F\x98\x80");
  std::string bad;
  append_utf8(bad, static_cast<char32_t>(0xD800));
  append_utf8(bad, static_cast<char32_t>(0x110000));
  CHECK(bad == kFffd + kFffd);
}
