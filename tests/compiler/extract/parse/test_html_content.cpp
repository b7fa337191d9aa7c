// Tests for extract/parse/html_content.hpp: main-content choice on HTML pages and class/id hints.
#include <string>
#include <vector>

#include "extract/parse/html_content.hpp"
#include "extract/parse/html_page.hpp"
#include "support/catch.hpp"

namespace {

std::vector<std::string> content_texts(const sheaf::parse::Page& page) {
  std::vector<std::string> out;
  for (const uint32_t i : page.content) {
    out.push_back(page.blocks[i].text);
  }
  return out;
}

}  // namespace

TEST_CASE("hint_score: furniture words, content words, pinyin", "[compiler][extract]") {
  CHECK(sheaf::parse::hint_score("article-content") > 0);
  CHECK(sheaf::parse::hint_score("post_body main") > 0);
  CHECK(sheaf::parse::hint_score("main-nav") < 0);
  CHECK(sheaf::parse::hint_score("artdet_crumbs") < 0);
  CHECK(sheaf::parse::hint_score("tuijian box_left content") < 0);
  CHECK(sheaf::parse::hint_score("ad") < 0);
  CHECK(sheaf::parse::hint_score("header") < 0);
  CHECK(sheaf::parse::hint_score("shadow") == 0);  // "ad" only as a whole piece
  CHECK(sheaf::parse::hint_score("clearfix w600") == 0);
}

TEST_CASE("content: the article container beats a nav-heavy sidebar and the footer",
          "[compiler][extract]") {
  const sheaf::parse::Page page = sheaf::parse::parse_html(
      "<body><div class=\"menu\"><a href=\"/\">首页</a><a href=\"/a\">新闻中心</a></div>"
      "<div class=\"left\"><div class=\"art\">"
      "<p>这是正文的第一段，讲述了一件事情的来龙去脉，内容相当充实。</p>"
      "<p>这是正文的第二段，继续说明事情的经过，同样有很多文字。</p></div></div>"
      "<div class=\"right\"><ul><li><a href=\"/1\">热门文章一的标题很长很长</a></li>"
      "<li><a href=\"/2\">热门文章二的标题也很长很长</a></li>"
      "<li><a href=\"/3\">热门文章三的标题同样很长</a></li></ul>"
      "<p>侧栏里的一句说明文字，没有什么用处。</p></div>"
      "<div class=\"foot\"><p>版权所有 某某网站 联系电话：010-12345678</p></div></body>",
      "a.html");
  CHECK(content_texts(page) ==
        std::vector<std::string>{"这是正文的第一段，讲述了一件事情的来龙去脉，内容相当充实。",
                                 "这是正文的第二段，继续说明事情的经过，同样有很多文字。"});
}

TEST_CASE("content: furniture nested inside the article container is left out",
          "[compiler][extract]") {
  const sheaf::parse::Page page = sheaf::parse::parse_html(
      "<body><div class=\"content\"><h1>标题</h1>"
      "<p>正文第一段有足够多的文字，也有标点符号，读起来像一段话。</p>"
      "<div class=\"share-bar\">分享到：微博 微信</div>"
      "<p>正文第二段同样有足够多的文字，也有标点符号。</p>"
      "<div class=\"related\"><p>相关阅读：另一篇文章的摘要，写得也像正文。</p></div>"
      "</div></body>",
      "a.html");
  CHECK(content_texts(page) ==
        std::vector<std::string>{"标题", "正文第一段有足够多的文字，也有标点符号，读起来像一段话。",
                                 "正文第二段同样有足够多的文字，也有标点符号。"});
}

TEST_CASE("content: paragraphs spread over sibling wrappers (WeChat sections) stay together",
          "[compiler][extract]") {
  const sheaf::parse::Page page = sheaf::parse::parse_html(
      "<body><div class=\"nav\"><a href=\"/\">首页</a></div><div id=\"js_content\">"
      "<section><section><p>第一行很短</p></section></section>"
      "<section><p>第二行是一句完整的话，有逗号，也有句号。</p></section>"
      "<section><section><section><p>第三行</p></section></section></section>"
      "<section>第四行没有段落标签<br>第五行</section></div></body>",
      "a.html");
  CHECK(content_texts(page) == std::vector<std::string>{"第一行很短",
                                                        "第二行是一句完整的话，有逗号，也有句号。",
                                                        "第三行", "第四行没有段落标签", "第五行"});
}
