// Tests for the text-dump path of extract/page_extractor.hpp (layout/dump.hpp): naive dumps of
// whole web pages (<title> line, menus, headline, meta line, body, related links, footer) and
// clean title+body dumps, each written for the behaviour it checks.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "extract/page_extractor.hpp"
#include "extract/parse/html_page.hpp"
#include "support/catch.hpp"

using sheaf::Article;

namespace {

Article extract_dump(const std::string& text, sheaf::Explain* explain = nullptr) {
  sheaf::Diagnostics diags;
  return sheaf::extract_page(sheaf::parse::parse_text_dump(text, "d.txt"), "d", {}, diags, explain);
}

const std::string kNav = "首页\n新闻\n体育\n娱乐\n财经\n我要投稿\n";
const std::string kBody =
    "　　湖畔小镇今年春天新建了一座图书馆，每天都有上百位居民前来借书。\n"
    "　　馆长介绍说，图书馆还开设了儿童阅读角，周末举办亲子故事会。\n"
    "夜间开放时段\n"
    "　　从下个月起，图书馆将延长开放时间到晚上九点，方便上班族借阅。\n";
const std::string kTail =
    "分享到\n微博\n相关新闻\n小镇举办春季长跑比赛\n湖畔公园樱花进入最佳观赏期\n"
    "关于我们 | 联系我们 | 网站地图\n版权所有：湖畔新闻网 京ICP备12345678号\n";

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("extract dump: the headline under the <title> line is the title", "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a =
      extract_dump("小镇图书馆延长开放时间_本地新闻_湖畔新闻网\n" + kNav +
                       "小镇图书馆延长开放时间\n2021-04-02 09:30　来源：湖畔日报\n" + kBody + kTail,
                   &explain);
  CHECK(a.title == "小镇图书馆延长开放时间");
  CHECK(a.date == "2021-04-02");
  CHECK(a.source == "湖畔日报");
  const bool repeat_named =
      std::any_of(explain.entries().begin(), explain.entries().end(),
                  [](const sheaf::ExplainEntry& e) { return e.rule == "headline-repeat"; });
  CHECK(repeat_named);
}

TEST_CASE("extract dump: navigation above and related links and footer below are dropped",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a =
      extract_dump("小镇图书馆延长开放时间_本地新闻_湖畔新闻网\n" + kNav +
                       "小镇图书馆延长开放时间\n2021-04-02 09:30　来源：湖畔日报\n" + kBody + kTail,
                   &explain);
  REQUIRE(a.paragraphs.size() == 4);
  CHECK(a.paragraphs.front() == "湖畔小镇今年春天新建了一座图书馆，每天都有上百位居民前来借书。");
  CHECK(a.paragraphs.back() == "从下个月起，图书馆将延长开放时间到晚上九点，方便上班族借阅。");
  CHECK(!has(a.paragraphs, "首页"));
  CHECK(!has(a.paragraphs, "小镇举办春季长跑比赛"));
  CHECK(a.site->icp == "京ICP备12345678号");
  const auto outside =
      std::count_if(explain.entries().begin(), explain.entries().end(),
                    [](const sheaf::ExplainEntry& e) { return e.rule == "outside-content"; });
  CHECK(outside >= 6);
}

TEST_CASE("extract dump: a short subhead inside the body stays", "[compiler][extract]") {
  const Article a = extract_dump("小镇图书馆延长开放时间 - 湖畔新闻网\n" + kNav +
                                 "小镇图书馆延长开放时间\n" + kBody + kTail);
  CHECK(has(a.paragraphs, "夜间开放时段"));
}

TEST_CASE("extract dump: without a headline line the <title> suffix is stripped",
          "[compiler][extract]") {
  const Article a =
      extract_dump("湖畔小镇图书馆迎来新读者_本地新闻_湖畔新闻网\n" + kNav + kBody + kTail);
  CHECK(a.title == "湖畔小镇图书馆迎来新读者");
  CHECK(a.paragraphs.size() == 4);
}

TEST_CASE("extract dump: a clean title and body dump is left intact", "[compiler][extract]") {
  const std::string body =
      "山区学校的孩子们收到了一批新课桌，教室焕然一新。\n"
      "志愿者还带来了绘本和体育器材。\n"
      "校长表示，希望更多人关注乡村教育。\n";
  const Article a = extract_dump("春风行动－山区学校迎来新课桌\n" + body);
  CHECK(a.title == "春风行动－山区学校迎来新课桌");
  CHECK(a.paragraphs == std::vector<std::string>{"山区学校的孩子们收到了一批新课桌，教室焕然一新。",
                                                 "志愿者还带来了绘本和体育器材。",
                                                 "校长表示，希望更多人关注乡村教育。"});
}

TEST_CASE("extract dump: a notice keeps its signature and date lines", "[compiler][extract]") {
  const Article a = extract_dump(
      "关于开展春季植树活动的通知_通知公告_湖畔区政府\n" + kNav +
      "关于开展春季植树活动的通知\n各社区居委会：\n"
      "　　为美化居住环境，区里定于本月十二日组织春季植树活动，请各社区组织居民参加。\n"
      "　　特此通知。\n湖畔区绿化办公室\n2021年3月5日\n" +
      kTail);
  CHECK(has(a.paragraphs, "湖畔区绿化办公室"));
  CHECK(has(a.paragraphs, "2021年3月5日"));
  CHECK(!has(a.paragraphs, "小镇举办春季长跑比赛"));
}

TEST_CASE("dump: a first line that is a long paragraph is body, not a title",
          "[compiler][extract]") {
  sheaf::parse::Page page = sheaf::parse::parse_text_dump(
      "某县地震台记录到一次小地震，震级为二点一级，震源深度十公里，附近居民普遍没有感觉，"
      "台站工作人员随即核对了波形记录并向省地震局报告，省地震局确认此次地震属于正常的小震活动，"
      "请居民不必惊慌，注意收听官方发布的信息。\n",
      "one-line.txt");
  sheaf::Diagnostics diags;
  const sheaf::Article a = sheaf::extract_page(page, "one-line", {}, diags, nullptr);
  CHECK(a.title.empty());
  REQUIRE(a.paragraphs.size() == 1);
  CHECK(a.paragraphs[0].rfind("某县地震台", 0) == 0);
}

TEST_CASE("extract dump: a bare site name on the first line, with the headline sits above the body",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_dump(
      "湖畔新闻网\n首页 新闻 体育 娱乐\n首页 - 通知公告\n小镇图书馆延长开放时间\n"
      "2021-03-05\n" +
          kBody,
      &explain);
  CHECK(a.title == "小镇图书馆延长开放时间");
  CHECK(a.categories == std::vector<std::string>{"通知公告"});
  CHECK(a.date == "2021-03-05");
  CHECK(has(a.paragraphs, "夜间开放时段"));
  CHECK(extract_dump("湖畔市统计局\n首页 数据 公开\n小镇图书馆延长开放时间\n" + kBody).title ==
        "小镇图书馆延长开放时间");
  // A first line that is a headline stays the title.
  CHECK(extract_dump("小镇图书馆延长开放时间\n" + kBody).title == "小镇图书馆延长开放时间");
}

TEST_CASE("extract dump: a breadcrumb from 网站首页 with > separators", "[compiler][extract]") {
  const Article a =
      extract_dump("湖畔新闻网\n网站首页 > 政务公开 > 政务动态\n小镇图书馆延长开放时间\n" + kBody);
  CHECK(a.categories == std::vector<std::string>{"政务公开", "政务动态"});
  CHECK(a.title == "小镇图书馆延长开放时间");
}

TEST_CASE("extract dump: a notice keeps 特此公告 and its tab-indented signature and date",
          "[compiler][extract]") {
  const Article a = extract_dump(
      "关于图书馆延长开放时间的公告_湖畔新闻网\n关于图书馆延长开放时间的公告\n"
      "各位读者：\n" +
      kBody +
      "　　特此公告。\n\n附件下载\n\t\t湖畔小镇图书馆\n\t\t湖畔小镇文化站\n\t\t2021年3月5日\n" +
      "网站地图 | 联系我们\n版权所有：湖畔新闻网\n");
  REQUIRE(a.paragraphs.size() >= 4);
  const std::vector<std::string> tail(a.paragraphs.end() - 4, a.paragraphs.end());
  CHECK(tail ==
        std::vector<std::string>{"特此公告。", "湖畔小镇图书馆", "湖畔小镇文化站", "2021年3月5日"});
}

TEST_CASE("extract dump: notes, captions and promos inside the body go by their rules",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_dump(
      "小镇图书馆延长开放时间\n"
      "　　湖畔小镇今年春天新建了一座图书馆，每天都有上百位居民前来借书。\n"
      "编辑|王小明\n本文原标题：湖畔小镇的新图书馆\n转载请注明出处\n▲ 图书馆一角\n"
      "\xEF\xBF\xBD\xEF\xBF\xBD\n组图\n"
      "　　馆长介绍说，图书馆还开设了儿童阅读角，周末举办亲子故事会。\n"
      "长按二维码关注我们\n相关阅读\n小镇举办春季长跑比赛\n"
      "　　湖畔小镇昨天举办了春季长跑比赛，共有三百多人参加。\n",
      &explain);
  CHECK(a.paragraphs ==
        std::vector<std::string>{"湖畔小镇今年春天新建了一座图书馆，每天都有上百位居民前来借书。",
                                 "馆长介绍说，图书馆还开设了儿童阅读角，周末举办亲子故事会。"});
  // Each class is dropped by its own rule, named in --explain.
  std::set<std::string> rules;
  for (const sheaf::ExplainEntry& e : explain.entries()) {
    rules.insert(e.rule);
  }
  for (const char* rule : {"editor-line", "original-title", "reprint-notice", "caption",
                           "replacement-chars", "player-widget", "outside-content"}) {
    INFO("rule " << rule);  // in a dump, the promo and related tail end the content run
    CHECK(rules.count(rule) == 1);
  }
}
