// tests/compiler/extract: lines repeated across pages of one site are template.
#include "extract/corpus_template.hpp"
#include "support/catch.hpp"

namespace {

sheaf::parse::Page page(const std::string& origin, const std::vector<std::string>& lines,
                        const std::string& url = "") {
  sheaf::parse::Page p;
  p.origin = origin;
  p.meta.url = url;
  for (const auto& l : lines) {
    sheaf::parse::Block b;
    b.text = l;
    p.blocks.push_back(b);
  }
  return p;
}

}  // namespace

TEST_CASE("template lines: repeated on most pages of a site, not on one", "[compiler][extract]") {
  const std::vector<sheaf::parse::Page> pages = {
      page("site/a.html", {"首页 新闻 通知", "Article A text.", "版权所有 某局"}),
      page("site/b.html", {"首页 新闻 通知", "Article B text.", "版权所有 某局"}),
      page("site/c.html", {"首页 新闻 通知", "Article C text.", "版权所有 某局", "版权所有 某局"}),
      page("site/d.html", {"Article D text.", "版权所有 某局"}),
      page("other/x.html", {"首页 新闻 通知", "版权所有 某局"}),
  };
  const auto t = sheaf::find_templates(pages);
  REQUIRE(t.count("site") == 1);
  CHECK(t.at("site") == sheaf::TemplateLines{"首页 新闻 通知", "版权所有 某局"});
  CHECK(t.count("other") == 0);  // one page says nothing about its site
}

TEST_CASE("template lines: pages group by canonical host before folder", "[compiler][extract]") {
  const auto a = page("x/1.html", {}, "https://news.example.org/a/1.html");
  const auto b = page("y/2.html", {});
  CHECK(sheaf::site_key(a) == "news.example.org");
  CHECK(sheaf::site_key(b) == "y");
}
