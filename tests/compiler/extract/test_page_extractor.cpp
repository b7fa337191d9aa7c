// Tests for extract/page_extractor.hpp: fields and body from HTML pages and text dumps, each
// behaviour on a short page written for it, plus the seed page against its gold file.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/page_extractor.hpp"
#include "extract/parse/html_page.hpp"
#include "support/catch.hpp"
#include "support/test_support.hpp"

using sheaf::Article;

namespace {

Article extract_html(const std::string& html, sheaf::Explain* explain = nullptr) {
  sheaf::Diagnostics diags;
  return sheaf::extract_page(sheaf::parse::parse_html(html, "p.html"), "p", {}, diags, explain);
}

/// A page body: a menu, then `header` above two prose paragraphs, then `footer`.
std::string page(const std::string& head, const std::string& header, const std::string& footer) {
  return "<html><head>" + head + "</head><body><div class=\"menu\"><a href=\"/\">首页</a>" +
         "<a href=\"/n\">新闻</a><a href=\"/c\">财经</a></div><div class=\"main\">" + header +
         "<div class=\"article-content\"><p>　　第一段正文说明了事情的来龙去脉，文字足够长，"
         "也有标点。</p><p>第二段正文继续讲述事情的经过，同样足够长，也有标点。</p></div></div>" +
         "<div class=\"footer\">" + footer + "</div></body></html>";
}

/// A string member of a gold object, "" when absent. Read through the string pointer:
/// nlohmann's get<std::string>() trips gcc 12's -Wnull-dereference.
std::string text_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  const std::string* value =
      it != object.end() ? it->get_ptr<const nlohmann::json::string_t*>() : nullptr;
  return value != nullptr ? *value : std::string();
}

/// A list-of-strings member of a gold object, empty when absent.
std::vector<std::string> list_field(const nlohmann::json& object, const char* key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it != object.end() && it->is_array()) {
    for (const nlohmann::json& item : *it) {
      const std::string* value = item.get_ptr<const nlohmann::json::string_t*>();
      out.push_back(value != nullptr ? *value : std::string());
    }
  }
  return out;
}

const std::vector<std::string> kBody = {"第一段正文说明了事情的来龙去脉，文字足够长，也有标点。",
                                        "第二段正文继续讲述事情的经过，同样足够长，也有标点。"};

}  // namespace

TEST_CASE("extract: the headline shown above the body, without the <title>'s site suffix",
          "[compiler][extract]") {
  const Article a =
      extract_html(page("<title>多地项目连环爆雷 龙湖集团暗伤曝露_财经频道_网易</title>",
                        "<h1>多地项目连环爆雷 龙湖集团暗伤曝露</h1>", ""));
  CHECK(a.title == "多地项目连环爆雷 龙湖集团暗伤曝露");
  CHECK(a.paragraphs == kBody);
}

TEST_CASE("extract: a generic <title> loses to the heading right above the body",
          "[compiler][extract]") {
  const Article a = extract_html(page("<title>新闻动态--中国地理学会官网</title>",
                                      "<h3>首页 - 新闻动态</h3><h5>年会在重庆成功举行！</h5>"
                                      "<div>发布时间：2019-05-18 来源：中国地理学会</div>",
                                      ""));
  CHECK(a.title == "年会在重庆成功举行！");
  CHECK(a.date == "2019-05-18");
}

TEST_CASE("extract: a headline wrapped over <br> lines, and its adoption note as subtitle",
          "[compiler][extract]") {
  const Article a = extract_html(
      page("<title>关于批准财政部发行特别国债的决议__国务院公报_中国政府网</title>",
           "<p align=\"center\"><strong>关于批准<br>财政部发行特别国债的决议</strong><br>"
           "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）</p>",
           ""));
  CHECK(a.title == "关于批准财政部发行特别国债的决议");
  CHECK(a.subtitle == "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）");
  CHECK(a.date == "2007-06-29");  // no publication date: the adoption date
  CHECK(a.paragraphs == kBody);
}

TEST_CASE("extract: breadcrumb from separate link blocks", "[compiler][extract]") {
  const Article a = extract_html(
      page("<title>午间公告</title>",
           "<ul class=\"breadcrumb\"><li><a href=\"/\">首页</a></li><li><a href=\"/j\">基金资讯</a>"
           "</li><li>资讯正文</li></ul><h1>午间公告</h1>",
           ""));
  CHECK(a.categories == std::vector<std::string>{"基金资讯"});
  CHECK(a.paragraphs == kBody);
}

TEST_CASE("extract: breadcrumb from one line with separators", "[compiler][extract]") {
  const Article a = extract_html(
      page("<title>午间公告</title>",
           "<div class=\"weizhi\">您所在的位置： <a href=\"/\">首页</a> &gt; <a href=\"/k\">快讯"
           "</a> &gt; <a href=\"/g\">公司</a></div><h2>午间公告</h2>",
           ""));
  CHECK(a.categories == std::vector<std::string>{"快讯", "公司"});
}

TEST_CASE("extract: a labelled date comes before the dateline", "[compiler][extract]") {
  const std::string html =
      "<html><head><title>法国全国大罢工再次严重影响交通-新华网</title></head><body>"
      "<div class=\"header\"><h1>法国全国大罢工再次严重影响交通</h1>"
      "<div class=\"info\">2019-12-10 09:02:43 来源： 新华网</div></div><div id=\"detail\">"
      "<p>新华社巴黎12月9日电　法国全国大罢工9日进入第五天，交通依然受到严重影响。</p>"
      "<p>法国国家铁路公司表示，大部分高铁和城际列车停运，地铁也有多条线路关闭。</p>"
      "<p>责任编辑：张三</p></div></body></html>";
  sheaf::Explain explain;
  const Article a = extract_html(html, &explain);
  CHECK(a.date == "2019-12-10");
  CHECK(a.location == "巴黎");
  CHECK(a.source == "新华网");
  REQUIRE(a.paragraphs.size() == 2);
  CHECK(a.paragraphs[0].rfind("新华社巴黎12月9日电", 0) == 0);  // the dateline stays
  bool editor_dropped = false;
  for (const sheaf::ExplainEntry& e : explain.entries()) {
    editor_dropped = editor_dropped || (e.action == "drop" && e.rule == "editor-line" &&
                                        e.text == "责任编辑：张三" && e.source_line == 1);
  }
  CHECK(editor_dropped);
}

TEST_CASE("extract: a date without year takes the year from matching metadata",
          "[compiler][extract]") {
  const Article with_meta =
      extract_html(page("<title>标题文字很长</title><meta name=\"dateUpdate\" "
                        "content=\"2019-09-30 22:46:13\">",
                        "<h2>标题文字很长</h2><div class=\"source\">发布时间：09-30</div>", ""));
  CHECK(with_meta.date == "2019-09-30");
  const Article other_day =
      extract_html(page("<title>标题文字很长</title><meta name=\"dateUpdate\" "
                        "content=\"2019-10-02 22:46:13\">",
                        "<h2>标题文字很长</h2><div class=\"source\">发布时间：09-30</div>", ""));
  CHECK(other_day.date == "--09-30");
}

TEST_CASE("extract: a relative date (昨天) takes the WeChat script stamp", "[compiler][extract]") {
  const Article a = extract_html(page(
      "<title>三星 Galaxy S20 系列手机正式发布</title><script>var ct = \"1581517074\";</script>",
      "<h2>三星 Galaxy S20 系列手机正式发布</h2><div class=\"meta\">爱否科技 昨天</div>", ""));
  CHECK(a.date == "2020-02-12");
}

TEST_CASE("extract: footer lines give the site facts and leave the body", "[compiler][extract]") {
  const Article a = extract_html(page("<title>标题文字很长</title>", "<h1>标题文字很长</h1>",
                                      "<p>版权所有：四川省地震局 蜀ICP备05030409号</p>"));
  CHECK(a.site->icp == "蜀ICP备05030409号");
  CHECK(a.paragraphs == kBody);
}

TEST_CASE("extract: a seed-like text dump", "[compiler][extract]") {
  const std::string dump =
      "会议强调  扎实开展活动　取得实效\n\t\t当前位置：首页&gt;&gt;新闻资讯&gt;&gt;重要专题\n"
      "会议强调  扎实开展活动　取得实效 \n　　李克强出席　刘云山主持\n"
      "　　本报北京1月20日电　会议1月20日在北京召开，习近平出席会议并发表重要讲话。&nbsp;\n"
      "　　会议以电视电话会议形式举行。&nbsp;\n版权所有:四川省地震局 "
      "地址：成都市人民南路三段29号\n";
  sheaf::Diagnostics diags;
  const Article a =
      sheaf::extract_page(sheaf::parse::parse_text_dump(dump, "s.txt"), "s", {}, diags, nullptr);
  CHECK(a.title == "会议强调 扎实开展活动　取得实效");
  CHECK(a.subtitle == "李克强出席　刘云山主持");
  CHECK(a.categories == std::vector<std::string>{"新闻资讯", "重要专题"});
  CHECK(a.date == "--01-20");
  CHECK(a.location == "北京");
  CHECK(a.source == "本报");
  CHECK(a.paragraphs ==
        std::vector<std::string>{
            "本报北京1月20日电　会议1月20日在北京召开，习近平出席会议并发表重要讲话。",
            "会议以电视电话会议形式举行。"});
  CHECK(a.site->address == "成都市人民南路三段29号");
  CHECK(diags.items().empty());
}

TEST_CASE("extract: the seed page equals its gold file", "[compiler][extract][corpus]") {
  const std::string corpus = sheaf::test::corpus_dir();
  if (corpus.empty()) {
    WARN("shared corpus not found (../shared/corpus): seed gold test skipped");
    return;
  }
  const std::string text = sheaf::test::read_file(corpus + "/text-zh/seed.txt");
  const nlohmann::json gold =
      nlohmann::json::parse(sheaf::test::read_file(corpus + "/gold/seed.json"));
  sheaf::Diagnostics diags;
  const Article a = sheaf::extract_page(sheaf::parse::parse_text_dump(text, "seed.txt"), "seed", {},
                                        diags, nullptr);
  CHECK(a.title == text_field(gold, "title"));
  CHECK(a.subtitle == text_field(gold, "subtitle"));
  CHECK(a.date == text_field(gold, "date"));
  CHECK(a.source == text_field(gold, "source"));
  CHECK(a.location == text_field(gold, "location"));
  CHECK(a.author == text_field(gold, "author"));
  CHECK(a.categories == list_field(gold, "categories"));
  CHECK(a.paragraphs == list_field(gold, "paragraphs"));
  const nlohmann::json& site = gold["site"];
  CHECK(a.site->name == text_field(site, "name"));
  CHECK(a.site->copyright == text_field(site, "copyright"));
  CHECK(a.site->address == text_field(site, "address"));
  CHECK(a.site->email == text_field(site, "email"));
  CHECK(a.site->icp == text_field(site, "icp"));
}

TEST_CASE("extract: a date whose day and year-month sit in separate elements",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a =
      extract_html(page("<title>标题文字很长</title>",
                        "<h1>标题文字很长</h1><div class=\"date\"><div class=\"day\">07</div>"
                        "<div class=\"ym\">2019-09</div></div>",
                        ""),
                   &explain);
  CHECK(a.date == "2019-09-07");
  CHECK(a.paragraphs == kBody);  // no bare "2019-09" paragraph
  bool named = false;
  for (const sheaf::ExplainEntry& e : explain.entries()) {
    named = named || (e.action == "date" && e.rule == "split-date");
  }
  CHECK(named);
  sheaf::Explain year_explain;
  const Article year_first =
      extract_html(page("<title>标题文字很长</title>",
                        "<h1>标题文字很长</h1><p><span>2019</span></p><p>09</p><p>07</p>", ""),
                   &year_explain);
  CHECK(year_first.date == "2019-09-07");
  CHECK(year_first.paragraphs == kBody);
  size_t fragments = 0;  // the bare year, month and day: each dropped by date-fragment
  for (const sheaf::ExplainEntry& e : year_explain.entries()) {
    fragments += e.rule == "date-fragment" ? 1 : 0;
  }
  CHECK(fragments >= 1);
}

TEST_CASE("extract: a related-reading block at the end of the article goes, by related-block",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_html(
      "<html><head><title>小镇图书馆延长开放时间</title></head><body><div class=\"main\">"
      "<h1>小镇图书馆延长开放时间</h1><div class=\"article-content\">"
      "<p>　　湖畔小镇今年春天新建了一座图书馆，每天都有上百位居民前来借书和看报。</p>"
      "<p>　　馆长介绍说，图书馆还开设了儿童阅读角，周末举办亲子故事会，很受欢迎。</p>"
      "<p>相关阅读</p><p>小镇举办春季长跑比赛</p>"
      "<p>　　湖畔小镇昨天举办了春季长跑比赛，共有三百多人参加，场面十分热闹。</p>"
      "</div></div></body></html>",
      &explain);
  CHECK(a.paragraphs ==
        std::vector<std::string>{
            "湖畔小镇今年春天新建了一座图书馆，每天都有上百位居民前来借书和看报。",
            "馆长介绍说，图书馆还开设了儿童阅读角，周末举办亲子故事会，很受欢迎。"});
  size_t named = 0;
  for (const sheaf::ExplainEntry& e : explain.entries()) {
    named += e.rule == "related-block" ? 1 : 0;
  }
  CHECK(named >= 2);  // the teaser's headline and its sentence
}
