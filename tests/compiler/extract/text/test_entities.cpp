// Tests for extract/text/entities.hpp: HTML5 named and numeric character references.
#include <string>

#include "extract/text/entities.hpp"
#include "support/catch.hpp"

using sheaf::text::decode_entities;

TEST_CASE("entities: common named references", "[compiler][extract]") {
  CHECK(decode_entities("首页&gt;&gt;新闻资讯") == "首页>>新闻资讯");
  CHECK(decode_entities("实效。&nbsp;") == "实效。\xC2\xA0");
  CHECK(decode_entities("&ldquo;四风&rdquo;") == "\xE2\x80\x9C四风\xE2\x80\x9D");
  CHECK(decode_entities("&lt;p&gt; &quot;x&quot; &apos;y&apos;") == "<p> \"x\" 'y'");
  CHECK(decode_entities("&hellip;&mdash;&copy;") == "\xE2\x80\xA6\xE2\x80\x94\xC2\xA9");
}

TEST_CASE("entities: names are case-sensitive and may expand to two code points",
          "[compiler][extract]") {
  CHECK(decode_entities("&AMP;&Amp;") == "&&Amp;");
  CHECK(decode_entities("&NotEqualTilde;") == "\xE2\x89\x82\xCC\xB8");  // U+2242 U+0338
  CHECK(decode_entities("&CounterClockwiseContourIntegral;") == "\xE2\x88\xB3");
}

TEST_CASE("entities: decoding is a single pass", "[compiler][extract]") {
  CHECK(decode_entities("&amp;lt;") == "&lt;");
  CHECK(decode_entities("&amp;amp;") == "&amp;");
}

TEST_CASE("entities: numeric references, decimal and hex", "[compiler][extract]") {
  CHECK(decode_entities("&#12288;") == "\xE3\x80\x80");
  CHECK(decode_entities("&#x3000;&#X3000;") == "\xE3\x80\x80\xE3\x80\x80");
  CHECK(decode_entities("&#20013;&#x6587;") == "中文");
  CHECK(decode_entities("&#128512;") == "\xF0\x9F\x98\x80");
  CHECK(decode_entities("&#0065;&#x0041;") == "AA");
}

TEST_CASE("entities: invalid numeric references become U+FFFD", "[compiler][extract]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(decode_entities("&#0;") == fffd);
  CHECK(decode_entities("&#xD800;") == fffd);
  CHECK(decode_entities("&#x110000;") == fffd);
  CHECK(decode_entities("&#99999999999999999999;") == fffd);
}

TEST_CASE("entities: 0x80-0x9F are read as Windows-1252", "[compiler][extract]") {
  CHECK(decode_entities("&#150;") == "\xE2\x80\x93");  // en dash
  CHECK(decode_entities("&#x93;&#x94;") == "\xE2\x80\x9C\xE2\x80\x9D");
  CHECK(decode_entities("&#128;") == "\xE2\x82\xAC");  // euro sign
  CHECK(decode_entities("&#x81;") == "\xC2\x81");      // undefined in 1252: kept
}

TEST_CASE("entities: the semicolon is optional for numeric and legacy names only",
          "[compiler][extract]") {
  CHECK(decode_entities("&#12288x") == "\xE3\x80\x80x");
  CHECK(decode_entities("a &amp b") == "a & b");
  CHECK(decode_entities("5&nbsp10") ==
        "5\xC2\xA0"
        "10");
  CHECK(decode_entities("&copy2024") ==
        "\xC2\xA9"
        "2024");
  CHECK(decode_entities("&notit;") ==
        "\xC2\xAC"
        "it;");  // longest legacy name: "not"
  CHECK(decode_entities("&notin;") == "\xE2\x88\x89");
  CHECK(decode_entities("&ldquo x") == "&ldquo x");  // not a legacy name
  CHECK(decode_entities("&hellip") == "&hellip");
}

TEST_CASE("entities: text that is not a reference is kept as written", "[compiler][extract]") {
  CHECK(decode_entities("AT&T & co") == "AT&T & co");
  CHECK(decode_entities("&#;&#x;&#xg;") == "&#;&#x;&#xg;");
  CHECK(decode_entities("&unknown;") == "&unknown;");
  CHECK(decode_entities("trailing &") == "trailing &");
  CHECK(decode_entities("") == "");
}
