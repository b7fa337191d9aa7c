// Tests for extract/text/shape.hpp: spacing-free keys, wrapped headings and the cheap shape
// tests of the header heuristics.
#include "extract/text/shape.hpp"
#include "support/catch.hpp"

namespace text = sheaf::text;

TEST_CASE("shape: squeeze drops ASCII whitespace, NBSP and U+3000 only", "[compiler][extract]") {
  CHECK(text::squeeze("a b\tc\n") == "abc");
  CHECK(text::squeeze("标题\xC2\xA0名\xE3\x80\x80称") == "标题名称");
  CHECK(text::squeeze("２０１９") == "２０１９");  // full-width forms are kept as written
  CHECK(text::squeeze("").empty());
}

TEST_CASE("shape: join_wrapped joins CJK directly and Latin with a space", "[compiler][extract]") {
  CHECK(text::join_wrapped("中国", "人民") == "中国人民");
  CHECK(text::join_wrapped("Hello", "world") == "Hello world");
  CHECK(text::join_wrapped("标题", "2019") == "标题 2019");
  CHECK(text::join_wrapped("", "world") == "world");
}

TEST_CASE("shape: code_points counts UTF-8 lead bytes", "[compiler][extract]") {
  CHECK(text::code_points("") == 0);
  CHECK(text::code_points("abc") == 3);
  CHECK(text::code_points("中a文") == 3);
}

TEST_CASE("shape: sentence punctuation, parenthesized notes, relative dates",
          "[compiler][extract]") {
  CHECK(text::has_sentence_punctuation("会议指出，要加强管理"));
  CHECK(text::has_sentence_punctuation("One sentence. Another"));
  CHECK_FALSE(text::has_sentence_punctuation("财经频道"));
  CHECK_FALSE(text::has_sentence_punctuation("Sep 7,2019"));

  CHECK(text::is_parenthesized(
      "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）"));
  CHECK(text::is_parenthesized("(adopted 2007)"));
  CHECK_FALSE(text::is_parenthesized("（上）……（下）"));
  CHECK_FALSE(text::is_parenthesized("see (note)"));

  CHECK(text::is_relative_date("昨天 10:21"));
  CHECK(text::is_relative_date("3小时前"));
  CHECK(text::is_relative_date("yesterday"));
  CHECK_FALSE(text::is_relative_date("2019-09-07 13:43"));
}

TEST_CASE("text: straight_quotes makes curly quotes ASCII", "[compiler][extract]") {
  CHECK(sheaf::text::straight_quotes("\xE2\x80\x9CPonds\xE2\x80\x9D and \xE2\x80\x98"
                                     "frogs\xE2\x80\x99") == "\"Ponds\" and 'frogs'");
  CHECK(sheaf::text::straight_quotes("湖畔“小镇”") == "湖畔\"小镇\"");
}
