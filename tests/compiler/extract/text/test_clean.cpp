// Tests for extract/text/clean.hpp: gold/README.md's text value rules.
#include <string>

#include "extract/text/clean.hpp"
#include "support/catch.hpp"

using sheaf::text::clean_line;

namespace {
const std::string kIdeo = "\xE3\x80\x80";  // U+3000
const std::string kNbsp = "\xC2\xA0";      // U+00A0
}  // namespace

TEST_CASE("clean: entities are decoded", "[compiler][extract]") {
  CHECK(clean_line("首页&gt;&gt;新闻资讯") == "首页>>新闻资讯");
  CHECK(clean_line("&ldquo;钙&rdquo;") == "\xE2\x80\x9C钙\xE2\x80\x9D");
}

TEST_CASE("clean: whitespace runs fold to one ASCII space", "[compiler][extract]") {
  CHECK(clean_line("a \t\r\n\f b") == "a b");
  CHECK(clean_line("强调  扎实开展") == "强调 扎实开展");
  CHECK(clean_line("a" + kNbsp + kNbsp + "b") == "a b");
  CHECK(clean_line("a&nbsp; &nbsp;b") == "a b");
  CHECK(clean_line("a&#9;b") == "a b");
}

TEST_CASE("clean: U+3000 inside a value is kept as written", "[compiler][extract]") {
  CHECK(clean_line("出席" + kIdeo + "刘云山主持") == "出席" + kIdeo + "刘云山主持");
  CHECK(clean_line("第一章" + kIdeo + "总" + kIdeo + "则") ==
        "第一章" + kIdeo + "总" + kIdeo + "则");
  CHECK(clean_line("本报北京1月20日电&#12288;党的") == "本报北京1月20日电" + kIdeo + "党的");
}

TEST_CASE("clean: both ends are trimmed of ASCII space, NBSP and U+3000", "[compiler][extract]") {
  CHECK(clean_line("\t\t\t" + kIdeo + kIdeo + "正文。&nbsp;") == "正文。");
  CHECK(clean_line(kIdeo + " " + kNbsp + "x" + kIdeo + " " + kIdeo) == "x");
  CHECK(clean_line("&#12288;&#x3000;标题&nbsp;") == "标题");
  CHECK(clean_line(" \t&nbsp;" + kIdeo + " ").empty());
  CHECK(clean_line("").empty());
}
