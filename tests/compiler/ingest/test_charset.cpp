// Tests for ingest/charset.hpp: labels, BOMs, conversion to UTF-8, the hanzi score.
// Legacy bytes here are literals copied from `iconv -t GB18030` / `-t BIG5`; test_decode.cpp
// builds its inputs with iconv at test time.
#include <stdexcept>
#include <string>

#include "ingest/charset.hpp"
#include "support/catch.hpp"

using sheaf::Charset;

namespace {

// "地震局发布预警" in GB18030 and "地震局發布預警" in Big5.
constexpr std::string_view kGb = "\xB5\xD8\xD5\xF0\xBE\xD6\xB7\xA2\xB2\xBC\xD4\xA4\xBE\xAF";
constexpr std::string_view kBig5 = "\xA6\x61\xBE\x5F\xA7\xBD\xB5\x6F\xA5\xAC\xB9\x77\xC4\xB5";

}  // namespace

TEST_CASE("charset: labels map to the charset that decodes them", "[compiler][ingest]") {
  CHECK(sheaf::charset_from_label("gb2312") == Charset::gb18030);
  CHECK(sheaf::charset_from_label(" GBK ") == Charset::gb18030);
  CHECK(sheaf::charset_from_label("x-gbk") == Charset::gb18030);
  CHECK(sheaf::charset_from_label("GB18030") == Charset::gb18030);
  CHECK(sheaf::charset_from_label("big5") == Charset::big5);
  CHECK(sheaf::charset_from_label("Big5-HKSCS") == Charset::big5);
  CHECK(sheaf::charset_from_label("UTF-8") == Charset::utf8);
  CHECK(sheaf::charset_from_label("utf8") == Charset::utf8);
  CHECK(sheaf::charset_from_label("utf-16") == Charset::utf16le);
  CHECK(sheaf::charset_from_label("UTF-16BE") == Charset::utf16be);
  CHECK(sheaf::charset_from_label("iso-8859-1") == Charset::windows1252);
  CHECK(sheaf::charset_from_label("") == Charset::unknown);
  CHECK(sheaf::charset_from_label("shift_jis") == Charset::unknown);
  // Whole labels only: neither a part of one nor two of them.
  CHECK(sheaf::charset_from_label("gb") == Charset::unknown);
  CHECK(sheaf::charset_from_label("gbk big5") == Charset::unknown);
  CHECK(sheaf::charset_name(Charset::gb18030) == "GB18030");
  CHECK(sheaf::charset_name(Charset::big5) == "Big5");
  CHECK(sheaf::charset_name(Charset::unknown) == "unknown");
}

TEST_CASE("charset: byte order marks", "[compiler][ingest]") {
  using namespace std::string_view_literals;
  CHECK(sheaf::detect_bom("\xEF\xBB\xBFx").charset == Charset::utf8);
  CHECK(sheaf::detect_bom("\xEF\xBB\xBFx").size_bytes == 3);
  CHECK(sheaf::detect_bom("\xFF\xFEx\0"sv).charset == Charset::utf16le);
  CHECK(sheaf::detect_bom("\xFE\xFF\0x"sv).charset == Charset::utf16be);
  CHECK(sheaf::detect_bom("\xFF\xFE\0\0x\0\0\0"sv).charset == Charset::utf32le);
  CHECK(sheaf::detect_bom("\0\0\xFE\xFF"sv).size_bytes == 4);
  CHECK(sheaf::detect_bom("\0\0\xFE\xFF"sv).charset == Charset::utf32be);
  CHECK(sheaf::detect_bom("plain").charset == Charset::unknown);
  CHECK(sheaf::detect_bom("").size_bytes == 0);
  CHECK(sheaf::detect_bom("\xEF\xBB").charset == Charset::unknown);
}

TEST_CASE("charset: GB18030, Big5 and UTF-16 convert to UTF-8", "[compiler][ingest]") {
  const auto gb = sheaf::convert_to_utf8(kGb, Charset::gb18030);
  CHECK(gb.utf8 == "地震局发布预警");
  CHECK(gb.bad_sequences == 0);
  CHECK(gb.first_bad_offset == sheaf::kNoBadOffset);
  const auto big5 = sheaf::convert_to_utf8(kBig5, Charset::big5);
  CHECK(big5.utf8 == "地震局發布預警");
  CHECK(big5.bad_sequences == 0);
  // Big5 proper (A1C3, which glibc's BIG5-HKSCS lacks) and HKSCS (9DEF, FB46: not in BIG5).
  const auto hkscs = sheaf::convert_to_utf8("\xA1\xC3\x9D\xEF\xFB\x46", Charset::big5);
  CHECK(hkscs.utf8 == "￣嘅喆");
  CHECK(hkscs.bad_sequences == 0);
  using namespace std::string_view_literals;
  CHECK(sheaf::convert_to_utf8("A\0\x2D\x4E\n\0"sv, Charset::utf16le).utf8 == "A中\n");
  CHECK(sheaf::convert_to_utf8("\0A\x4E\x2D"sv, Charset::utf16be).utf8 == "A中");
  CHECK(sheaf::convert_to_utf8("\x2D\x4E\0\0"sv, Charset::utf32le).utf8 == "中");
  CHECK(sheaf::convert_to_utf8("caf\xE9", Charset::windows1252).utf8 == "café");
}

TEST_CASE("charset: bad GB18030 bytes become one U+FFFD each and conversion goes on",
          "[compiler][ingest]") {
  // 地, a byte that never occurs (FF), 震, then a lead byte before a byte no trail can be.
  const auto out = sheaf::convert_to_utf8("\xB5\xD8\xFF\xD5\xF0\xB5<p>", Charset::gb18030);
  CHECK(out.utf8 == "地\xEF\xBF\xBD震\xEF\xBF\xBD<p>");  // the ASCII after the lead is kept
  CHECK(out.bad_sequences == 2);
  CHECK(out.bad_bytes == 2);
  CHECK(out.first_bad_offset == 2);
  CHECK(out.first_bad_utf8_offset == 3);
  // An unmapped four-byte sequence is one sequence of four bytes.
  const auto four = sheaf::convert_to_utf8("\x84\x31\xA5\x30x", Charset::gb18030);
  CHECK(four.utf8 == "\xEF\xBF\xBDx");
  CHECK(four.bad_bytes == 4);
  // iconv calls A5 30 78 "incomplete" although input follows: it is not the end of the text.
  const auto amid = sheaf::convert_to_utf8("\xA5\x30xyz", Charset::gb18030);
  CHECK(amid.utf8 ==
        "\xEF\xBF\xBD"
        "0xyz");
  CHECK(amid.bad_sequences == 1);
  CHECK(amid.bad_bytes == 1);
}

TEST_CASE("charset: a truncated last sequence is one bad sequence", "[compiler][ingest]") {
  const auto gb = sheaf::convert_to_utf8(kGb.substr(0, kGb.size() - 1), Charset::gb18030);
  CHECK(gb.utf8 == "地震局发布预\xEF\xBF\xBD");
  CHECK(gb.bad_sequences == 1);
  CHECK(gb.bad_bytes == 1);
  CHECK(gb.first_bad_offset == kGb.size() - 2);  // the lead byte of 警, left alone
  const auto four = sheaf::convert_to_utf8("x\x81\x30\x81", Charset::gb18030);
  CHECK(four.utf8 == "x\xEF\xBF\xBD");  // three bytes of a four-byte character
  CHECK(four.bad_bytes == 3);
  CHECK(sheaf::convert_to_utf8("x\xA4", Charset::big5).utf8 == "x\xEF\xBF\xBD");
  using namespace std::string_view_literals;
  const auto high = sheaf::convert_to_utf8("A\0\x3D\xD8\x00"sv, Charset::utf16le);
  CHECK(high.utf8 == "A\xEF\xBF\xBD");  // a high surrogate and half of what follows
  CHECK(high.bad_sequences == 1);
  const auto odd = sheaf::convert_to_utf8("A\0B"sv, Charset::utf16le);
  CHECK(odd.utf8 == "A\xEF\xBF\xBD");
  CHECK(odd.first_bad_offset == 2);
}

TEST_CASE("charset: an unpaired UTF-16 surrogate is one bad code unit", "[compiler][ingest]") {
  using namespace std::string_view_literals;
  const auto out = sheaf::convert_to_utf8(
      "A\0\x00\xD8"
      "B\0"sv,
      Charset::utf16le);
  CHECK(out.utf8 ==
        "A\xEF\xBF\xBD"
        "B");
  CHECK(out.bad_sequences == 1);
  CHECK(out.bad_bytes == 2);
  CHECK(out.first_bad_offset == 2);
}

TEST_CASE("charset: UTF-8 is repaired by hand, counting the bytes replaced", "[compiler][ingest]") {
  const auto out = sheaf::convert_to_utf8(
      "ok\xFF\xE4\xB8"
      "!",
      Charset::utf8);
  CHECK(out.utf8 == "ok\xEF\xBF\xBD\xEF\xBF\xBD!");
  CHECK(out.bad_sequences == 2);
  CHECK(out.bad_bytes == 3);
  CHECK(out.first_bad_offset == 2);
  CHECK_THROWS_AS(sheaf::convert_to_utf8("x", Charset::unknown), std::invalid_argument);
}

TEST_CASE("charset: common hanzi are counted in both scripts", "[compiler][ingest]") {
  CHECK(sheaf::count_common_hanzi("的一是 ABC") == 3);
  CHECK(sheaf::count_common_hanzi("這們國發") == 4);
  CHECK(sheaf::count_common_hanzi("龘齉") == 0);
  CHECK(sheaf::count_common_hanzi("") == 0);
  CHECK(sheaf::count_common_hanzi("\xE4\xB8") == 0);  // cut short: nothing read past the end
}
