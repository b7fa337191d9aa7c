// Tests for ingest/decode.hpp: declared-charset sniffing, charset detection (BOM, UTF-8,
// declared, GB18030 vs Big5),
// reporting of undecodable and binary input, newline normalization. Legacy-charset inputs are
// made from the UTF-8 strings below with iconv at test time.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <iconv.h>

#include "ingest/decode.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

using sheaf::Charset;
using sheaf::Diagnostics;

namespace {

constexpr std::string_view kSimplified = "地震局发布预警，请市民注意安全。";
constexpr std::string_view kTraditional = "地震局發布預警，請市民注意安全。";

/// `utf8` in charset `to`, one character at a time. Characters `to` cannot encode fail the
/// test, or are left out (and out of `kept`) when `skip_unencodable`.
struct Encoded {
  std::string bytes;
  std::string kept;  ///< the UTF-8 that was encoded
};

Encoded encode(std::string_view utf8, const char* to, bool skip_unencodable = false) {
  iconv_t cd = iconv_open(to, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1)));
  Encoded out;
  for (size_t pos = 0; pos < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[pos]);
    const size_t size = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::string one(utf8.substr(pos, size));
    char buffer[16];
    char* in = one.data();
    size_t in_left = one.size();
    char* next = buffer;
    size_t room = sizeof buffer;
    if (iconv(cd, &in, &in_left, &next, &room) != static_cast<size_t>(-1)) {
      out.bytes.append(buffer, static_cast<size_t>(next - buffer));
      out.kept += one;
    } else {
      REQUIRE(skip_unencodable);
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    pos += size;
  }
  iconv_close(cd);
  return out;
}

std::string bytes_in(std::string_view utf8, const char* to) {
  return encode(utf8, to).bytes;
}

}  // namespace

TEST_CASE("decode: a UTF-8 BOM is stripped silently", "[compiler][ingest]") {
  Diagnostics diags;
  CHECK(sheaf::decode_to_utf8("\xEF\xBB\xBF标题\n", "a.txt", diags) == "标题\n");
  CHECK(diags.items().empty());
  CHECK(sheaf::decode_bytes("\xEF\xBB\xBF标题\n").charset == Charset::utf8);
}

TEST_CASE("decode: invalid UTF-8 is replaced and reported with its file offset and line",
          "[compiler][ingest]") {
  Diagnostics diags;
  // BOM (3 bytes) + "ok\n" (3 bytes): the bad byte sits at file offset 6, on line 2.
  const std::string text = sheaf::decode_to_utf8(
      "\xEF\xBB\xBFok\n\xFF"
      "bad \xE4\xB8",
      "in/a.txt", diags);
  CHECK(text ==
        "ok\n\xEF\xBF\xBD"
        "bad \xEF\xBF\xBD");
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.severity == sheaf::Severity::warning);
  CHECK(sheaf::code_name(d.code) == "invalid-utf8");
  CHECK(d.file == "in/a.txt");
  CHECK(d.line == 2);
  CHECK(d.message == "invalid UTF-8 at byte offset 6; 2 sequences replaced with U+FFFD");
}

TEST_CASE("decode: a UTF-8 sequence cut off by the end is still UTF-8", "[compiler][ingest]") {
  Diagnostics diags;
  // 地震局 (9 bytes) then the first two bytes of 发; a GBK declaration does not change that.
  const std::string text = sheaf::decode_to_utf8("地震局\xE5\x8F", "cut.txt", diags, "gbk");
  CHECK(text == "地震局\xEF\xBF\xBD");
  REQUIRE(diags.items().size() == 1);
  CHECK(sheaf::code_name(diags.items()[0].code) == "invalid-utf8");
  CHECK(diags.items()[0].message ==
        "invalid UTF-8 at byte offset 9; 1 sequence replaced with U+FFFD");
}

TEST_CASE("decode: <meta charset> in any spelling", "[compiler][ingest]") {
  CHECK(sheaf::sniff_declared_charset("<html><head><meta charset=\"gb2312\">") == "gb2312");
  CHECK(sheaf::sniff_declared_charset("<META CHARSET=GBK>") == "gbk");
  CHECK(sheaf::sniff_declared_charset("<meta charset='Big5' />") == "big5");
  CHECK(sheaf::sniff_declared_charset("<meta\ncharset = \" utf-8 \">") == "utf-8");
  CHECK(sheaf::sniff_declared_charset("<meta name=\"x\"/><meta charset=gb2312>") == "gb2312");
}

TEST_CASE("decode: http-equiv Content-Type, either attribute order", "[compiler][ingest]") {
  CHECK(sheaf::sniff_declared_charset(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">") ==
        "gb2312");
  CHECK(sheaf::sniff_declared_charset(
            "<meta content='text/html;charset=\"big5\"' http-equiv='content-type'>") == "big5");
  // Not a Content-Type: the content's "charset=" means nothing.
  CHECK(sheaf::sniff_declared_charset("<meta http-equiv=\"refresh\" content=\"5; charset=gbk\">") ==
        "");
  CHECK(sheaf::sniff_declared_charset("<meta name=\"description\" content=\"charset=gbk\">") == "");
}

TEST_CASE("decode: the first declaration wins, and comments and other tags do not count",
          "[compiler][ingest]") {
  CHECK(sheaf::sniff_declared_charset(
            "<meta http-equiv=Content-Type content=\"text/html; charset=GB2312\">"
            "<meta charset=\"utf-8\">") == "gb2312");
  CHECK(sheaf::sniff_declared_charset("<!-- <meta charset=big5> --><meta charset=gbk>") == "gbk");
  CHECK(sheaf::sniff_declared_charset("<metadata charset=gbk>") == "");
  CHECK(sheaf::sniff_declared_charset("no markup, charset=gbk") == "");
  CHECK(sheaf::sniff_declared_charset("") == "");
}

TEST_CASE("decode: XML declaration", "[compiler][ingest]") {
  CHECK(sheaf::sniff_declared_charset("<?xml version=\"1.0\" encoding=\"GB2312\"?><rss>") ==
        "gb2312");
  CHECK(sheaf::sniff_declared_charset("\xEF\xBB\xBF  <?xml version='1.0' encoding='big5'?>") ==
        "big5");
  CHECK(sheaf::sniff_declared_charset("<?xml version=\"1.0\"?><meta charset=gbk>") == "gbk");
}

TEST_CASE("decode: only the first 4 KiB are searched", "[compiler][ingest]") {
  const std::string padding(sheaf::kSniffLimitBytes, ' ');
  CHECK(sheaf::sniff_declared_charset(padding + "<meta charset=gbk>") == "");
  CHECK(sheaf::sniff_declared_charset(padding.substr(100) + "<meta charset=gbk>") == "gbk");
  // A cut-off tag at the limit is harmless.
  CHECK(sheaf::sniff_declared_charset("<meta charset=\"gb") == "gb");
  CHECK(sheaf::sniff_declared_charset("<meta charset=") == "");
  CHECK(sheaf::sniff_declared_charset("<meta ") == "");
}

TEST_CASE("decode: GB18030 and Big5 are told apart without a declaration", "[compiler][ingest]") {
  for (const std::string_view text : {kSimplified, std::string_view("地震局发布预警")}) {
    const auto decoded = sheaf::decode_bytes(bytes_in(text, "GB18030"));
    CHECK(decoded.charset == Charset::gb18030);
    CHECK(decoded.encoding() == "GB18030");
    CHECK(decoded.utf8 == text);
    CHECK(decoded.bad_sequences == 0);
  }
  for (const std::string_view text : {kTraditional, std::string_view("地震局發布預警")}) {
    const auto decoded = sheaf::decode_bytes(bytes_in(text, "BIG5"));
    CHECK(decoded.charset == Charset::big5);
    CHECK(decoded.utf8 == text);
    CHECK(decoded.bad_sequences == 0);
  }
  Diagnostics diags;
  CHECK(sheaf::decode_to_utf8(bytes_in(kSimplified, "GBK"), "gbk.txt", diags) == kSimplified);
  CHECK(diags.items().empty());
}

TEST_CASE("decode: UTF-16 and UTF-32 with a BOM", "[compiler][ingest]") {
  const std::string text = "標題\r\n地震局发布预警 ok\r\n";
  const auto le = sheaf::decode_bytes("\xFF\xFE" + bytes_in(text, "UTF-16LE"));
  CHECK(le.charset == Charset::utf16le);
  CHECK(le.utf8 == text);
  CHECK(sheaf::normalize_newlines(le.utf8) == "標題\n地震局发布预警 ok\n");
  const auto be = sheaf::decode_bytes("\xFE\xFF" + bytes_in(text, "UTF-16BE"));
  CHECK(be.charset == Charset::utf16be);
  CHECK(be.utf8 == text);
  const auto be32 =
      sheaf::decode_bytes(std::string("\0\0\xFE\xFF", 4) + bytes_in(text, "UTF-32BE"));
  CHECK(be32.charset == Charset::utf32be);
  CHECK(be32.utf8 == text);
  // The BOM beats a declaration, and NUL bytes after a BOM are text, not binary.
  const auto html = sheaf::decode_bytes("\xFF\xFE" + bytes_in("<meta charset=gbk>A", "UTF-16LE"));
  CHECK(html.utf8 == "<meta charset=gbk>A");
  CHECK_FALSE(html.binary);
}

TEST_CASE("decode: a bad UTF-16 code unit is reported at its file offset", "[compiler][ingest]") {
  Diagnostics diags;
  const std::string bytes = "\xFF\xFE" + bytes_in("a\nb", "UTF-16LE") + std::string("\x00\xDC", 2);
  CHECK(sheaf::decode_to_utf8(bytes, "u16.txt", diags) == "a\nb\xEF\xBF\xBD");
  REQUIRE(diags.items().size() == 1);
  CHECK(sheaf::code_name(diags.items()[0].code) == "undecodable-bytes");
  CHECK(diags.items()[0].line == 2);
  CHECK(diags.items()[0].message ==
        "undecodable UTF-16LE at byte offset 8; 1 sequence (2 bytes) replaced with U+FFFD");
}

TEST_CASE("decode: a declared gb2312 that is really UTF-8 is not believed", "[compiler][ingest]") {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
      "</head><body><p>地震局发布预警</p></body></html>\r\n";
  Diagnostics diags;
  const auto decoded = sheaf::decode_bytes(page);
  CHECK(decoded.charset == Charset::utf8);
  CHECK(decoded.declared == "gb2312");
  CHECK(decoded.utf8 == page);
  CHECK(sheaf::decode_to_utf8(page, "lie.html", diags) == page);
  CHECK(diags.items().empty());
}

TEST_CASE("decode: a declared charset is believed unless the bytes disprove it",
          "[compiler][ingest]") {
  const std::string page = "<meta charset=\"gb2312\"><p>" + std::string(kSimplified) + "</p>";
  const auto gb = sheaf::decode_bytes(bytes_in(page, "GB18030"));
  CHECK(gb.charset == Charset::gb18030);
  CHECK(gb.declared == "gb2312");
  CHECK(gb.utf8 == page);
  // The caller's hint wins over the markup, and is normalized like it.
  CHECK(sheaf::decode_bytes(bytes_in(page, "GB18030"), " X-GBK").declared == "x-gbk");
  // A full-width space is the same bytes in both: the declaration decides.
  CHECK(sheaf::decode_bytes("\xA1\xA1", "big5").charset == Charset::big5);
  CHECK(sheaf::decode_bytes("\xA1\xA1", "gbk").charset == Charset::gb18030);
  CHECK(sheaf::decode_bytes("\xA1\xA1").charset == Charset::gb18030);
}

TEST_CASE("decode: a declared Big5 that is GB18030 (or the reverse) loses on hanzi",
          "[compiler][ingest]") {
  // Each decodes cleanly in the other charset, as rare characters.
  for (const std::string_view text : {kSimplified, std::string_view("地震局发布预警")}) {
    const auto decoded = sheaf::decode_bytes(bytes_in(text, "GB18030"), "big5");
    CHECK(decoded.charset == Charset::gb18030);
    CHECK(decoded.utf8 == text);
    CHECK(decoded.bad_sequences == 0);
  }
  const auto big5 = sheaf::decode_bytes(bytes_in(kTraditional, "BIG5"), "gb2312");
  CHECK(big5.charset == Charset::big5);
  CHECK(big5.utf8 == kTraditional);
}

TEST_CASE("decode: a declared single-byte charset competes with the CJK ones",
          "[compiler][ingest]") {
  const auto latin = sheaf::decode_bytes(
      "caf\xE9 cr\xE8me br\xFBl\xE9"
      "e\n",
      "iso-8859-1");
  CHECK(latin.charset == Charset::windows1252);
  CHECK(latin.utf8 == "café crème brûlée\n");
  // UTF-8 with one stray byte: its valid sequences outscore the declaration.
  const auto utf8 = sheaf::decode_bytes("Caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9 \xFF\n", "latin1");
  CHECK(utf8.charset == Charset::utf8);
  CHECK(utf8.utf8 == "Café résumé \xEF\xBF\xBD\n");
  // A Chinese site that says latin1 but sends GBK: the hanzi outscore it.
  const auto gbk = sheaf::decode_bytes(bytes_in(kSimplified, "GBK"), "iso-8859-1");
  CHECK(gbk.charset == Charset::gb18030);
  CHECK(gbk.utf8 == kSimplified);
}

TEST_CASE("decode: truncated GBK is one warning naming the offset of the cut character",
          "[compiler][ingest]") {
  std::string bytes = bytes_in("第一行\n" + std::string(kSimplified), "GBK");
  bytes.pop_back();  // half of 。
  Diagnostics diags;
  const std::string text = sheaf::decode_to_utf8(bytes, "news/cut.txt", diags);
  CHECK(text == "第一行\n地震局发布预警，请市民注意安全\xEF\xBF\xBD");
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.severity == sheaf::Severity::warning);
  CHECK(sheaf::code_name(d.code) == "undecodable-bytes");
  CHECK(d.file == "news/cut.txt");
  CHECK(d.line == 2);
  CHECK(d.message == "undecodable GB18030 at byte offset " + std::to_string(bytes.size() - 1) +
                         "; 1 sequence (1 byte) replaced with U+FFFD");
}

TEST_CASE("decode: bad bytes amid GBK, with CR-only and CRLF line ends", "[compiler][ingest]") {
  for (const std::string eol : {"\r", "\r\n"}) {
    const std::string head = bytes_in("标题" + eol + std::string(kSimplified) + eol, "GB18030");
    const std::string tail = bytes_in("今日凌晨发生地震" + eol + "请注意" + eol, "GB18030");
    Diagnostics diags;
    const auto decoded = sheaf::decode_bytes(head + "\xFF\x80" + tail);
    CHECK(decoded.charset == Charset::gb18030);
    CHECK(decoded.bad_sequences == 2);
    CHECK(decoded.bad_bytes == 2);
    CHECK(decoded.first_bad_offset == head.size());
    CHECK(decoded.first_bad_line == 3);
    CHECK(sheaf::normalize_newlines(decoded.utf8) ==
          "标题\n" + std::string(kSimplified) +
              "\n\xEF\xBF\xBD\xEF\xBF\xBD今日凌晨发生地震\n请注意\n");
    sheaf::report_decode_problems(decoded, "mid.txt", diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].line == 3);
    CHECK(diags.items()[0].message == "undecodable GB18030 at byte offset " +
                                          std::to_string(head.size()) +
                                          "; 2 sequences (2 bytes) replaced with U+FFFD");
  }
}

TEST_CASE("decode: CRLF and lone CR become LF", "[compiler][ingest]") {
  CHECK(sheaf::normalize_newlines("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n");
  CHECK(sheaf::normalize_newlines("\r") == "\n");
  CHECK(sheaf::normalize_newlines("no breaks") == "no breaks");
}

TEST_CASE("decode: NUL-heavy bytes without a BOM are a binary-file error", "[compiler][ingest]") {
  using namespace std::string_view_literals;
  const auto png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0"sv;
  Diagnostics diags;
  CHECK(sheaf::decode_to_utf8(png, "img/logo.txt", diags).empty());
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.severity == sheaf::Severity::error);
  CHECK(sheaf::code_name(d.code) == "binary-file");
  CHECK(d.file == "img/logo.txt");
  CHECK(d.message ==
        "binary file, or UTF-16/UTF-32 without a byte order mark: 12 NUL bytes, the first at "
        "byte offset 8; not decoded");
  // UTF-16 without a BOM is not guessed.
  const auto utf16 = sheaf::decode_bytes(bytes_in("<html>地震 news</html>", "UTF-16LE"));
  CHECK(utf16.binary);
  CHECK(utf16.charset == Charset::unknown);
  CHECK(utf16.utf8.empty());
  // A stray NUL in a long text is just a character.
  const std::string text = std::string(1000, 'x') + '\0' + std::string(1000, 'y');
  const auto stray = sheaf::decode_bytes(text);
  CHECK_FALSE(stray.binary);
  CHECK(stray.utf8 == text);
}

TEST_CASE("decode: html-zh pages are UTF-8 whatever they declare", "[compiler][ingest][corpus]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (corpus.empty()) {
    WARN("shared corpus not found (SHEAF_CORPUS_DIR): html-zh decoding test skipped");
    return;
  }
  std::vector<std::filesystem::path> pages;
  for (const auto& entry : std::filesystem::directory_iterator(corpus + "/html-zh")) {
    if (entry.path().extension() == ".html") {
      pages.push_back(entry.path());
    }
  }
  REQUIRE(pages.size() >= 30);
  size_t declared_gb = 0;
  for (const auto& page : pages) {
    INFO(page.string());
    const auto decoded = sheaf::decode_bytes(sheaf::test::read_file(page.string()));
    CHECK(decoded.charset == Charset::utf8);
    CHECK(decoded.bad_sequences == 0);
    declared_gb += sheaf::charset_from_label(decoded.declared) == Charset::gb18030 ? 1 : 0;
  }
  CHECK(declared_gb >= 3);  // the pages that say gb2312 and are UTF-8
}

TEST_CASE("decode: sogouca pages decode, also re-encoded as GB18030 and Big5",
          "[compiler][ingest][corpus]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (corpus.empty()) {
    WARN("shared corpus not found (SHEAF_CORPUS_DIR): sogouca decoding test skipped");
    return;
  }
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus + "/text/sogouca-2012")) {
    if (!entry.is_regular_file()) {
      continue;
    }
    INFO(entry.path().string());
    ++files;
    const std::string bytes = sheaf::test::read_file(entry.path().string());
    const auto decoded = sheaf::decode_bytes(bytes);
    CHECK(decoded.charset == Charset::utf8);
    CHECK(decoded.bad_sequences == 0);
    // The same text in the legacy charsets must be recognised and come back unchanged.
    const bool ascii = std::all_of(bytes.begin(), bytes.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const auto gb = sheaf::decode_bytes(bytes_in(decoded.utf8, "GB18030"));
    CHECK(gb.charset == (ascii ? Charset::utf8 : Charset::gb18030));
    CHECK(gb.utf8 == decoded.utf8);
    const Encoded big5 = encode(decoded.utf8, "BIG5", true);  // drops what Big5 lacks
    const auto b5 = sheaf::decode_bytes(big5.bytes);
    CHECK(b5.charset == (ascii ? Charset::utf8 : Charset::big5));
    CHECK(b5.utf8 == big5.kept);
  }
  CHECK(files >= 100);
}

TEST_CASE("an owned buffer of valid UTF-8 is used as is, anything else is decoded as before",
          "[compiler][ingest]") {
  for (const std::string& input :
       {std::string("plain ASCII\n"), std::string("地震\r\n预警"),
        std::string("\xEF\xBB\xBFwith BOM"), std::string("\xB5\xD8\xD5\xF0 gbk"),
        std::string("nul\0inside", 10), std::string("bad \xFF utf8")}) {
    sheaf::Diagnostics a;
    sheaf::Diagnostics b;
    const std::string by_view = sheaf::decode_to_utf8(std::string_view(input), "f", a);
    std::string owned = input;
    // Moved once: the check sees CHECK's do-while as a loop.
    // NOLINTNEXTLINE(bugprone-use-after-move)
    CHECK(sheaf::decode_owned_to_utf8(std::move(owned), "f", b) == by_view);
    CHECK(a.items().size() == b.items().size());
  }
}
