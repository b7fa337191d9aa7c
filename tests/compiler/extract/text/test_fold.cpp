// Tests for extract/text/fold.hpp: folded forms that map back to the source, and the UTF-8
// helpers the field and line rules share.
#include <string>
#include <string_view>
#include <vector>

#include "extract/text/fold.hpp"
#include "support/catch.hpp"

namespace text = sheaf::text;

TEST_CASE("fold: full-width ASCII, U+3000 and NBSP, mapped back to the source",
          "[compiler][extract]") {
  const std::string source = "２０１９年\xE3\x80\x80来源：网\xC2\xA0站";
  const text::Folded f = text::fold(source);
  CHECK(f.text == "2019年\t来源:网 站");
  CHECK(f.original(0, 4) == "２０１９");
  const size_t colon = f.text.find(':');
  REQUIRE(colon != std::string::npos);
  CHECK(f.original(colon, colon + 1) == "：");
  CHECK(f.original(0, f.text.size()) == source);
}

TEST_CASE("fold: code points, invalid bytes included", "[compiler][extract]") {
  size_t length = 0;
  CHECK(text::decode_at("中", 0, length) == U'中');
  CHECK(length == 3);
  CHECK(text::decode_at("\xE4", 0, length) == 0xFFFD);  // cut short: one opaque byte
  CHECK(length == 1);
  CHECK(text::count_cp("中a\xFF") == 3);
  CHECK(text::next_cp("中a", 0) == 3);
  CHECK(text::prev_cp("中a", 3) == 0);
  CHECK(text::cp_at("中a", 3) == U'a');
  CHECK(text::cp_at("中a", 4) == 0);
  CHECK(text::cp_before("中a", 3) == U'中');
}

TEST_CASE("fold: 3-byte sequences that are not mapped stay as they are, mapped ones fold",
          "[compiler][extract]") {
  // 、。 (E3 80 81/82) and ￥ (EF BF A5) share lead bytes with the mapped U+3000 and U+FF01-FF5E.
  const std::string source = "中、。￥\xE3\x80\x80Ａ\xE4\xB8";
  const text::Folded f = text::fold(source);
  CHECK(f.text == "中、。￥\tA\xE4\xB8");
  REQUIRE(f.origin.size() == f.text.size() + 1);
  CHECK(f.origin[3] == 3);                  // 、 kept byte for byte
  CHECK(f.origin[12] == 12);                // the tab for U+3000
  CHECK(f.origin[13] == 15);                // A for Ａ
  CHECK(f.original(14, 16) == "\xE4\xB8");  // a cut sequence, copied
}

TEST_CASE("fold: more_cp_than agrees with count_cp, and contains with find",
          "[compiler][extract]") {
  const std::vector<std::string> lines = {"",
                                          "a",
                                          "中文",
                                          "中a\xFF\xFF\xFF\xFF",
                                          "\xF0\x9F\x98\x80\xF0\x9F\x98\x80",
                                          "版权所有 © 2024 新华网 All rights reserved",
                                          std::string(400, 'x') + "中"};
  for (const std::string& s : lines) {
    CAPTURE(s);
    for (size_t n = 0; n <= s.size() + 1; ++n) {
      CHECK(text::more_cp_than(s, n) == (text::count_cp(s) > n));
    }
    for (size_t at = 0; at < s.size(); ++at) {
      for (size_t len = 0; at + len <= s.size() && len <= 7; ++len) {
        CHECK(text::contains(s, s.substr(at, len)));
      }
    }
  }
  CHECK(text::contains("新华网版权所有", "版权"));
  CHECK_FALSE(text::contains("新华网版权所有", "权版"));
  CHECK_FALSE(text::contains("版", "版权"));               // the needle is longer than the text
  CHECK(text::contains("a\xE7\x89\x88", "\xE7\x89\x88"));  // the match ends the text
  CHECK_FALSE(text::contains("\x89\x88\xE7", "\xE7\x89\x88"));  // the last byte comes first
}

TEST_CASE("fold: trimming, splitting, folded keys", "[compiler][extract]") {
  CHECK(text::trim("\xE3\x80\x80 标题\xC2\xA0") == "标题");
  CHECK(text::trim_chars("…标题。", "…。") == "标题");
  CHECK(text::split_any("首页 >> 新闻 > 正文", {">>", ">"}) ==
        std::vector<std::string_view>{"首页", "新闻", "正文"});
  CHECK(text::word_at("来源：", 0, {"来", "来源"}) == "来源");
  CHECK(text::squeeze_folded("Ａ　B c") == "ABc");
  CHECK(text::has_sentence_punct("会议指出，要加强"));
  CHECK(text::has_sentence_punct("会议指出,要加强"));  // folded full-width comma
  CHECK_FALSE(text::has_sentence_punct("Sep 7, 2019"));
}
