// Tests for extract/fields/line_fields.hpp, line-level rules: dates, datelines, bylines, meta
// lines. Every snippet is made up for the test (names, outlets, numbers).
#include <string>

#include "extract/fields/line_fields.hpp"
#include "support/catch.hpp"

namespace fields = sheaf::fields;

TEST_CASE("fields: normalize_date reads every written form", "[compiler][extract]") {
  CHECK(fields::normalize_date("2021年3月5日") == "2021-03-05");
  CHECK(fields::normalize_date("2021年03月05日 08:30") == "2021-03-05");
  CHECK(fields::normalize_date("2021 年 3 月 5 日") == "2021-03-05");
  CHECK(fields::normalize_date("2021-03-05") == "2021-03-05");
  CHECK(fields::normalize_date("2021/3/5") == "2021-03-05");
  CHECK(fields::normalize_date("2021.03.05") == "2021-03-05");
  CHECK(fields::normalize_date("2021-03-05T08:30:00+08:00") == "2021-03-05");
  CHECK(fields::normalize_date("２０２１年３月５日") == "2021-03-05");  // full-width digits
  CHECK(fields::normalize_date("Mar 5, 2021") == "2021-03-05");
  CHECK(fields::normalize_date("March 5 2021") == "2021-03-05");
  CHECK(fields::normalize_date("5 March 2021") == "2021-03-05");
  CHECK(fields::normalize_date("Sept. 5, 2021") == "2021-09-05");
}

TEST_CASE("fields: normalize_date never invents a year", "[compiler][extract]") {
  CHECK(fields::normalize_date("3月5日") == "--03-05");
  CHECK(fields::normalize_date("03-05") == "--03-05");
  CHECK(fields::normalize_date("March 5") == "--03-05");
  CHECK(fields::normalize_date("2月29日") == "--02-29");  // possible in a leap year
}

TEST_CASE("fields: normalize_date rejects non-dates and impossible dates", "[compiler][extract]") {
  CHECK(fields::normalize_date("").empty());
  CHECK(fields::normalize_date("昨天").empty());
  CHECK(fields::normalize_date("2021年3月").empty());  // no day
  CHECK(fields::normalize_date("2021-02-29").empty());
  CHECK(fields::normalize_date("2021-13-01").empty());
  CHECK(fields::normalize_date("4月31日").empty());
  CHECK(fields::normalize_date("1.2.3").empty());
  CHECK(fields::normalize_date("2021-03-051").empty());
  CHECK(fields::normalize_date("may 5").empty());  // lower-case "may" is a verb
}

TEST_CASE("fields: first_date finds a date anywhere, not inside other numbers",
          "[compiler][extract]") {
  CHECK(fields::first_date("示例日报 2021-03-05 08:30 来源：本站") == "2021-03-05");
  CHECK(fields::first_date("发布时间：03-0508:30 某某科技") == "--03-05");  // glued time
  CHECK(fields::first_date("会议于4月2日召开") == "--04-02");
  CHECK(fields::first_date("1-10月全市投资增长").empty());
  CHECK(fields::first_date("比分定格在3-1").empty());
  CHECK(fields::first_date("电话 0571-8765432").empty());
  CHECK(fields::first_date("规划（2021-2025年）").empty());
  CHECK(fields::first_date("版本 v2021-03-05").empty());
}

TEST_CASE("fields: labelled_date takes only publication labels", "[compiler][extract]") {
  CHECK(fields::labelled_date("发布时间：2021-03-05 来源：示例网") == "2021-03-05");
  CHECK(fields::labelled_date("来源：示例网 发布日期: 2021年3月5日") == "2021-03-05");
  CHECK(fields::labelled_date("时间：2021-03-05 08:30 浏览：12") == "2021-03-05");
  CHECK(fields::labelled_date("发表于2021-03-05 08:30 | 12次阅读") == "2021-03-05");
  CHECK(fields::labelled_date("日 期：2021-03-05") == "2021-03-05");
  CHECK(fields::labelled_date("Published: Mar 5, 2021") == "2021-03-05");
  // Not publication labels, or not a labelled date at all.
  CHECK(fields::labelled_date("最后更新：2021-03-06 09:00").empty());
  CHECK(fields::labelled_date("Updated: Mar 6, 2021").empty());
  CHECK(fields::labelled_date("工作时间：2021-03-05至2021-03-09").empty());
  CHECK(fields::labelled_date("会议于2021年3月5日在示例市召开。").empty());
}

TEST_CASE("fields: parse_dateline splits outlet, place and date", "[compiler][extract]") {
  const std::string text = "示例日报杭州3月5日电　本市今天发布新规。";
  const auto d = fields::parse_dateline(text);
  REQUIRE(d);
  CHECK(d->source == "示例日报");
  CHECK(d->location == "杭州");
  CHECK(d->date == "--03-05");
  CHECK(text.substr(0, d->length) == "示例日报杭州3月5日电");

  const auto agency = fields::parse_dateline("示例社里斯本3月4日电（记者 王小明）当地时间…");
  REQUIRE(agency);
  CHECK(agency->source == "示例社");
  CHECK(agency->location == "里斯本");
  CHECK(agency->date == "--03-04");

  const auto place_with_outlet_char = fields::parse_dateline("示例社台北3月4日电 当地…");
  REQUIRE(place_with_outlet_char);
  CHECK(place_with_outlet_char->source == "示例社");
  CHECK(place_with_outlet_char->location == "台北");

  const auto no_place = fields::parse_dateline("示例网3月5日讯（记者李华 整合） 假期…");
  REQUIRE(no_place);
  CHECK(no_place->source == "示例网");
  CHECK(no_place->location.empty());

  const auto local = fields::parse_dateline("本报讯 今天上午…");
  REQUIRE(local);
  CHECK(local->source == "本报");
  CHECK(local->date.empty());

  const std::string flash = "示例报快讯（记者 李华）今日有网友称…";
  const auto f = fields::parse_dateline(flash);
  REQUIRE(f);
  CHECK(flash.substr(0, f->length) == "示例报快讯（记者 李华）");
}

TEST_CASE("fields: parse_dateline ignores ordinary openings", "[compiler][extract]") {
  CHECK_FALSE(fields::parse_dateline("3月5日，示例市召开会议。"));
  CHECK_FALSE(fields::parse_dateline("据示例社3月5日消息，会议召开。"));
  CHECK_FALSE(fields::parse_dateline("好消息，本周气温回升。"));
  CHECK_FALSE(fields::parse_dateline("记者3月5日从示例局获悉…"));
}

TEST_CASE("fields: parse_byline reads labelled source and authors", "[compiler][extract]") {
  auto b = fields::parse_byline("2021-03-05 08:30 来源: 示例周刊 举报");
  CHECK(b.source == "示例周刊");
  CHECK(b.author.empty());

  b = fields::parse_byline("来源：本站原创 作者：示例党支部");
  CHECK(b.source == "本站原创");
  CHECK(b.author == "示例党支部");  // a labelled organisation stays

  b = fields::parse_byline("发表于2021-03-05| 12次阅读| 来源示例网| 0 条评论| 作者王小明");
  CHECK(b.source == "示例网");
  CHECK(b.author == "王小明");

  CHECK(fields::parse_byline("采写：示例报记者 王小明 李华").author == "王小明、李华");
  CHECK(fields::parse_byline("示例新闻记者 王小明 李华").author == "王小明、李华");
  CHECK(fields::parse_byline("《示例》作者 王小明").author == "王小明");
  CHECK(fields::parse_byline("执笔/王小明、李华&赵一").author == "王小明、李华、赵一");
  CHECK(fields::parse_byline("活动圆满结束。(文/图 王小明 李华)").author == "王小明、李华");
  CHECK(fields::parse_byline("示例网3月5日讯（记者李华 整合） 假期过半，…").author == "李华");
}

TEST_CASE("fields: parse_byline drops editors, placeholders and prose", "[compiler][extract]") {
  CHECK(fields::parse_byline("作者：未知 责任编辑：王小明").author.empty());
  CHECK(fields::parse_byline("作者：佚名").author.empty());
  CHECK(fields::parse_byline("责任编辑：李华").author.empty());
  CHECK(fields::parse_byline("作者最新文章").author.empty());
  CHECK(fields::parse_byline("记者了解到，该项目已经停工。").author.empty());
  CHECK(fields::parse_byline("《示例周刊》记者调查发现，问题不少。").author.empty());
  CHECK(fields::parse_byline("他的收入来源主要是稿费，并不稳定。").source.empty());
  CHECK(fields::parse_byline("信息来源于网络").source.empty());
}

TEST_CASE("fields: is_meta_line tells header rows from prose", "[compiler][extract]") {
  CHECK(fields::is_meta_line("2021-03-05 08:30:00　来源: 示例周刊 举报"));
  CHECK(fields::is_meta_line("发布日期：2021-03-05 浏览次数： 信息来源：示例局"));
  CHECK(fields::is_meta_line("时间：2021-03-05 作者：网络整理 阅读：321"));
  CHECK(fields::is_meta_line("2021年03月05日 示例传媒 时政 321 0"));
  CHECK(fields::is_meta_line("示例号2021-03-05 08:30"));
  CHECK(fields::is_meta_line("示例新闻记者 王小明 李华"));
  CHECK(fields::is_meta_line("责任编辑：李华"));
  CHECK_FALSE(fields::is_meta_line("3月5日，示例市召开会议。"));
  CHECK_FALSE(fields::is_meta_line("2021年3月5日"));  // heads a statement or closes a notice
  CHECK_FALSE(fields::is_meta_line("业绩会上的插曲"));
  CHECK_FALSE(fields::is_meta_line(""));
}
