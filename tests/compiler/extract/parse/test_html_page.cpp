// Tests for extract/parse/html_page.hpp: HTML documents and fragments into blocks and head metadata
// (libxml2's HTML parser), and text dumps into line blocks.
#include <string>
#include <vector>

#include "extract/parse/html_head.hpp"
#include "extract/parse/html_page.hpp"
#include "support/catch.hpp"

using sheaf::parse::Block;
using sheaf::parse::BlockKind;
using sheaf::parse::Page;

namespace {

std::vector<std::string> texts(const Page& page) {
  std::vector<std::string> out;
  for (const Block& b : page.blocks) {
    out.push_back(b.text);
  }
  return out;
}

}  // namespace

TEST_CASE("html: one block per paragraph, text split at <br>, inline elements joined",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<html><body><div><p>第一段<b>加粗</b>文字</p>"
      "<p>　　第二行<br>第三行&nbsp;<br/>  </p><li>条目</li></div></body></html>",
      "a.html");
  CHECK(texts(page) == std::vector<std::string>{"第一段加粗文字", "第二行", "第三行", "条目"});
  CHECK(page.blocks[0].kind == BlockKind::paragraph);
  CHECK(page.blocks[3].kind == BlockKind::list_item);
  CHECK(page.blocks[0].chars == 7);
  CHECK(page.blocks[0].container == page.blocks[3].container);
}

TEST_CASE("html: scripts, styles, comments and hidden elements give no blocks",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<body><p>看得见</p><script>var x = '看不见';</script><style>p{}</style>"
      "<!-- 注释 --><div style=\"DISPLAY: none\">隐藏一</div><p hidden>隐藏二</p>"
      "<noscript>隐藏四</noscript>"
      "<button>分享</button><p>也看得见</p></body>",
      "a.html");
  CHECK(texts(page) == std::vector<std::string>{"看得见", "也看得见"});
}

TEST_CASE("html: aria-hidden text is shown to readers, so it stays, as chrome",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<body><p>看得见</p><p aria-hidden=\"true\">2019年1月3日</p><p>也看得见</p></body>",
      "a.html");
  REQUIRE(texts(page) == std::vector<std::string>{"看得见", "2019年1月3日", "也看得见"});
  CHECK(page.blocks[1].chrome);
  CHECK_FALSE(page.blocks[0].chrome);
}

TEST_CASE("html: link text, class hints and chrome are recorded per block", "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<body><nav class=\"Main-Nav\"><a href=\"/\">首页</a></nav>"
      "<div id=\"content\" class=\"article body\"><p>正文<a href=\"#\">链接</a></p></div>"
      "<footer><p>版权所有</p></footer></body>",
      "a.html");
  REQUIRE(page.blocks.size() == 3);
  CHECK(page.blocks[0].chrome);
  CHECK(page.blocks[0].link_chars == 2);
  CHECK(page.blocks[0].hints == "main-nav");
  CHECK_FALSE(page.blocks[1].chrome);
  CHECK(page.blocks[1].link_chars == 2);
  CHECK(page.blocks[1].chars == 4);
  CHECK(page.blocks[1].hints == "article body content");
  CHECK(page.blocks[2].chrome);
}

TEST_CASE("html: head metadata: title, lang, meta keys, canonical, JSON-LD, script dates",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<html lang=\"zh-CN\"><head><title> 标题_频道_站名 </title>"
      "<meta name=\"PubDate\" content=\"2019-09-07 13:43\">"
      "<meta property=\"og:title\" content=\"标题\">"
      "<link rel=\"canonical\" href=\"https://example.cn/a.html\">"
      "<script type=\"application/ld+json\">{\"datePublished\": \"2019-09-07T13:43:45+08:00\"}"
      "</script><script>var ct = \"1581517074\";var act = \"1\";</script></head>"
      "<body><p>正文</p></body></html>",
      "a.html");
  CHECK(page.meta.title_tag == "标题_频道_站名");
  CHECK(page.meta.language == "zh-CN");
  CHECK(page.meta.meta.at("pubdate") == "2019-09-07 13:43");
  CHECK(page.meta.meta.at("og:title") == "标题");
  CHECK(page.meta.url == "https://example.cn/a.html");
  CHECK(page.meta.json_ld_dates == std::vector<std::string>{"2019-09-07T13:43:45+08:00"});
  CHECK(page.meta.script_dates == std::vector<std::string>{"2020-02-12"});
}

TEST_CASE("html: WeChat epoch stamps are read at UTC+8", "[compiler][extract]") {
  CHECK(sheaf::parse::html::epoch_to_date_utc8(1581517074) == "2020-02-12");
  CHECK(sheaf::parse::html::epoch_to_date_utc8(1567872000) == "2019-09-08");  // 16:00 UTC
  CHECK(sheaf::parse::html::epoch_to_date_utc8(1567871999) == "2019-09-07");
  CHECK(sheaf::parse::html::epoch_to_date_utc8(0) == "1970-01-01");
}

TEST_CASE("html: a stale gb2312 declaration does not re-decode UTF-8 bytes",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
      "</head><body><p>中文正文</p></body></html>",
      "a.html");
  CHECK(texts(page) == std::vector<std::string>{"中文正文"});
}

TEST_CASE("html: content after a stray </html> is still read", "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<html><body><div>页头</div></body></html><div class=\"content\"><p>正文在后面。</p></div>",
      "a.html");
  CHECK(texts(page) == std::vector<std::string>{"页头", "正文在后面。"});
}

TEST_CASE("html: a short line under an image is a caption, prose is not", "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<body><p><img src=\"a.jpg\"></p><p>小花家。</p>"
      "<p><img src=\"b.jpg\"></p><p>雨游黄鹤楼照样开心。城市摄影队 周斌 摄</p>"
      "<p><img src=\"c.jpg\"></p><p style=\"text-align: center\">大会开幕式</p>"
      "<p><img "
      "src=\"d.jpg\"></p><p>这是图片下面的一段正文，它比图注长得多，也有完整的句子结构。</p>"
      "<figure><img src=\"e.jpg\"><figcaption>图注</figcaption></figure></body>",
      "a.html");
  REQUIRE(page.blocks.size() == 5);
  CHECK(page.blocks[0].kind == BlockKind::caption);
  CHECK(page.blocks[1].kind == BlockKind::caption);
  CHECK(page.blocks[2].kind == BlockKind::caption);
  CHECK(page.blocks[3].kind == BlockKind::paragraph);
  CHECK(page.blocks[4].kind == BlockKind::caption);
}

TEST_CASE("html fragment: blocks only, every block is content", "[compiler][extract]") {
  const Page page =
      sheaf::parse::parse_html_fragment("<p>第一段</p><p>第二段<br>第三段</p>", "b.jsonl:3");
  CHECK(texts(page) == std::vector<std::string>{"第一段", "第二段", "第三段"});
  CHECK(page.content.empty());
  CHECK(page.meta.title_tag.empty());
}

TEST_CASE("looks_like_html: block tags, not angle brackets in prose", "[compiler][extract]") {
  CHECK(sheaf::parse::looks_like_html("<p>正文</p>"));
  CHECK(sheaf::parse::looks_like_html("第一行<BR>第二行"));
  CHECK(sheaf::parse::looks_like_html("<div class=\"x\">a</div>"));
  CHECK_FALSE(sheaf::parse::looks_like_html("a < b and c > d"));
  CHECK_FALSE(sheaf::parse::looks_like_html("《标题》<注>"));
  CHECK_FALSE(sheaf::parse::looks_like_html("<pre-release> build"));
}

TEST_CASE("text dump: every non-empty cleaned line is a block with its line number",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_text_dump(
      "标题\n\n\t\t当前位置：首页&gt;&gt;新闻\n　　正文。&nbsp;\n", "s.txt");
  CHECK(texts(page) == std::vector<std::string>{"标题", "当前位置：首页>>新闻", "正文。"});
  CHECK(page.blocks[1].source_line == 3);
  CHECK(page.blocks[2].kind == BlockKind::line);
  CHECK(page.blocks[2].chars == 3);
}

TEST_CASE("html: pages nested deeper than 256 are read whole, and past 1024 the cut is reported",
          "[compiler][extract][costly]") {
  // Issue 13: libxml2 stopped at depth 256 and HTML_PARSE_NOERROR hid it.
  const std::string head = "<html><head><title>T</title></head><body><p>before</p>\n";
  std::string open;
  std::string close;
  for (int i = 0; i < 1000; ++i) {
    open += "<div>";
    close += "</div>";
  }
  const Page deep =
      sheaf::parse::parse_html(head + open + "<p>deep</p>" + close + "<p>after</p>", "deep.html");
  CHECK(texts(deep) == std::vector<std::string>{"before", "deep", "after"});
  CHECK(deep.cut.lost_bytes == 0);
  const Page unclosed = sheaf::parse::parse_html(head + open + "<p>deep</p>", "open.html");
  CHECK(texts(unclosed) == std::vector<std::string>{"before", "deep"});
  CHECK(unclosed.cut.lost_bytes == 0);

  // 1,100 levels: the parser stops at the 1,025th element; everything from it on is lost, and
  // the page says where and how much.
  const std::string tail = "<div><div><p>lost</p>";
  std::string too_deep = head + "<div>";  // body, then 1,022 divs: depth 1024 is the last kept
  for (int i = 0; i < 1021; ++i) {
    too_deep += "<div>";
  }
  const size_t kept = too_deep.size() + 5;  // the 1,023rd div is at depth 1024, the next fails
  too_deep += tail;
  const Page cut = sheaf::parse::parse_html(too_deep, "cut.html");
  CHECK(texts(cut) == std::vector<std::string>{"before"});
  CHECK(cut.cut.depth == 1024);
  CHECK(cut.cut.line == 2);
  CHECK(cut.cut.lost_bytes == too_deep.size() - kept);
}

TEST_CASE("html: a cut page with scripts reports the cut measured on the page itself",
          "[compiler][extract][costly]") {
  // Scripts' texts are parsed as short markers (elided_text.hpp); where libxml2 stops must still
  // be counted on the page's own bytes and lines.
  const std::string head =
      "<html><head><script>var a = 1;\nvar b = 2;\n</script><title>T</title></head>"
      "<body><p>before</p>\n";
  std::string too_deep = head + "<div>";
  for (int i = 0; i < 1021; ++i) {
    too_deep += "<div>";
  }
  const size_t kept = too_deep.size() + 5;
  too_deep += "<div><div><p>lost</p><script>var c = 3;</script>";
  const Page cut = sheaf::parse::parse_html(too_deep, "cut.html");
  CHECK(texts(cut) == std::vector<std::string>{"before"});
  CHECK(cut.cut.depth == 1024);
  CHECK(cut.cut.line == 4);
  CHECK(cut.cut.lost_bytes == too_deep.size() - kept);
}

TEST_CASE("html: a data-table row is one block, cells joined by spaces", "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<body><table><tr><th>Name</th><th>Share</th></tr>"
      "<tr><td><a href=\"/a\">Ann Lee</a></td><td>16.6%</td></tr></table>"
      "<table><tr><td><p>A layout cell with a paragraph.</p><p>And another one.</p></td>"
      "<td>Side text</td></tr></table></body>",
      "a.html");
  REQUIRE(texts(page) == std::vector<std::string>{"Name Share", "Ann Lee 16.6%",
                                                  "A layout cell with a paragraph.",
                                                  "And another one.", "Side text"});
  CHECK(page.blocks[1].kind == sheaf::parse::BlockKind::table_cell);
}

TEST_CASE("html: a line under an image that says what its alt text says is a caption",
          "[compiler][extract]") {
  const Page page = sheaf::parse::parse_html(
      "<body><figure><img alt=\"Sam Poe at his farm by the lake, where he was born.\"></figure>"
      "<ul><li><p>Sam Poe at his lakeside farm, where he was born</p></li></ul>"
      "<p>The farm has been in the family for a hundred years, he says.</p>"
      "<img alt=\"A view of the lake from the mill at dawn\"><p>The mill was built in 1907 and "
      "still grinds flour for the town every week.</p></body>",
      "a.html");
  REQUIRE(page.blocks.size() == 3);
  CHECK(page.blocks[0].kind == sheaf::parse::BlockKind::caption);
  CHECK(page.blocks[1].kind == sheaf::parse::BlockKind::paragraph);
  CHECK(page.blocks[2].kind == sheaf::parse::BlockKind::paragraph);  // says something else
}
