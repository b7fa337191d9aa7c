// Tests for extract/fields/line_fields.hpp, page-level rules: breadcrumbs, titles, footers and site
// facts. Every snippet is made up for the test.
#include <string>
#include <vector>

#include "extract/fields/line_fields.hpp"
#include "support/catch.hpp"

namespace fields = sheaf::fields;
using Path = std::vector<std::string>;

TEST_CASE("fields: parse_breadcrumb reads paths by their shape", "[compiler][extract]") {
  CHECK(fields::parse_breadcrumb("当前位置：首页>>新闻中心>>专题>>工作动态", "") ==
        Path{"新闻中心", "专题", "工作动态"});
  CHECK(fields::parse_breadcrumb("示例网首页 > 财经频道 > 正文", "") == Path{"财经频道"});
  CHECK(fields::parse_breadcrumb("您的当前位置：要闻 > 本地", "") == Path{"要闻", "本地"});
  CHECK(fields::parse_breadcrumb("位置：首页 > 院内动态", "") == Path{"院内动态"});
  CHECK(fields::parse_breadcrumb("首页 / 其他 / 正文", "") == Path{"其他"});
  CHECK(fields::parse_breadcrumb("当前位置：主页 > 行情播报 >", "") == Path{"行情播报"});
  CHECK(fields::parse_breadcrumb("首页 基金资讯 资讯正文", "") == Path{"基金资讯"});
  CHECK(fields::parse_breadcrumb("资讯 > 社会 > 正文", "") == Path{"资讯", "社会"});
  CHECK(fields::parse_breadcrumb("订阅本频道 示例首页> 业界", "") == Path{"业界"});
  CHECK(fields::parse_breadcrumb("示例网>>文化", "") == Path{"文化"});
  CHECK(fields::parse_breadcrumb("首页 > 快讯 > 公司 > 公司", "") == Path{"快讯", "公司", "公司"});
  CHECK(fields::parse_breadcrumb("当前位置：首页", "") == Path{});
}

TEST_CASE("fields: parse_breadcrumb drops a trailing copy of the title", "[compiler][extract]") {
  const std::string title = "示例市发布新规";
  CHECK(fields::parse_breadcrumb("首页 > 要闻 > 示例市发布新规", title) == Path{"要闻"});
  CHECK(fields::parse_breadcrumb("首页 > 要闻 > [广告词]示例市发布新规", title) == Path{"要闻"});
  CHECK(fields::parse_breadcrumb("首页 > 要闻 > 示例市发布新规 > 正文", title) == Path{"要闻"});
}

TEST_CASE("fields: parse_breadcrumb does not fire on sentences or menus", "[compiler][extract]") {
  CHECK_FALSE(fields::parse_breadcrumb("收益率 > 5% 的产品不多", ""));
  CHECK_FALSE(fields::parse_breadcrumb("点击进入专题>>", ""));
  CHECK_FALSE(fields::parse_breadcrumb("关键词 >> 充电宝", ""));
  CHECK_FALSE(fields::parse_breadcrumb("返回示例网首页>>", ""));
  CHECK_FALSE(fields::parse_breadcrumb("示例首页 新闻 股票 基金 期货", ""));  // a menu
  CHECK_FALSE(fields::parse_breadcrumb("首页 - 新闻动态", ""));  // a heading, one weak separator
  CHECK_FALSE(fields::parse_breadcrumb("频道 > 正文", ""));
  CHECK_FALSE(fields::parse_breadcrumb("其位置在城市东边", ""));
  CHECK_FALSE(fields::parse_breadcrumb("", ""));
}

TEST_CASE("fields: clean_title removes site and channel suffixes", "[compiler][extract]") {
  CHECK(fields::clean_title("示例标题很长_财经频道_示例网", "") == "示例标题很长");
  CHECK(fields::clean_title("示例标题很长--文化--示例网", "") == "示例标题很长");
  CHECK(fields::clean_title("示例标题很长 - 示例省人民政府门户网站", "") == "示例标题很长");
  CHECK(fields::clean_title("示例标题很长！|示例游戏站", "") == "示例标题很长！");
  CHECK(fields::clean_title("示例标题很长|辟谣_示例财经_示例网", "") == "示例标题很长");
  CHECK(fields::clean_title("芯片发布新版ZoomEye-EXAMPLE.NET", "") == "芯片发布新版ZoomEye");
  CHECK(fields::clean_title("示例标题很长_10%公司_示例新闻-The Paper", "") == "示例标题很长");
}

TEST_CASE("fields: clean_title keeps what belongs to the headline", "[compiler][extract]") {
  CHECK(fields::clean_title("1-10月示例县投资结构趋稳", "") == "1-10月示例县投资结构趋稳");
  CHECK(fields::clean_title("示例|数据行业大整顿：爬虫与现金贷_财经_示例网", "") ==
        "示例|数据行业大整顿：爬虫与现金贷");
  CHECK(fields::clean_title("【专题活动】示例医院举办技能大赛", "") ==
        "【专题活动】示例医院举办技能大赛");
  CHECK(fields::clean_title("支持Wi-Fi的新款手机发布", "") == "支持Wi-Fi的新款手机发布");
  CHECK(fields::clean_title("示例战机苏-34完成试飞", "") == "示例战机苏-34完成试飞");
}

TEST_CASE("fields: clean_title prefers the heading", "[compiler][extract]") {
  // Heading equals the tag without its space-separated channel.
  CHECK(fields::clean_title("示例街道开展调研工作 东区办事处_示例网", "示例街道开展调研工作") ==
        "示例街道开展调研工作");
  // A site prefix before the headline.
  CHECK(fields::clean_title("示例股市预测--联合国报告：增长率降至2.3%",
                            "联合国报告：增长率降至2.3%") == "联合国报告：增长率降至2.3%");
  // A generic channel tag.
  CHECK(fields::clean_title("新闻动态--示例学会官网", "示例学术年会在某地举行") ==
        "示例学术年会在某地举行");
  // An injected ASCII-bracket keyword goes; a 【】 tag the heading lacks goes too.
  CHECK(fields::clean_title("[某化妆品]示例阿婆被骗上百万-示例传媒",
                            "[某化妆品]示例阿婆被骗上百万") == "示例阿婆被骗上百万");
  CHECK(fields::clean_title("【广告】示例新闻标题很长", "示例新闻标题很长") == "示例新闻标题很长");
  // A short heading inside a long tag is a section name, not the headline.
  CHECK(fields::clean_title("示例新闻标题很长很长很长_财经_示例网", "财经") ==
        "示例新闻标题很长很长很长");
  CHECK(fields::clean_title("", "只有标题") == "只有标题");
}

TEST_CASE("fields: is_footer_line", "[compiler][extract]") {
  CHECK(fields::is_footer_line("© 2001-2021 示例学会 版权所有"));
  CHECK(fields::is_footer_line("Copyright © 2021 Example Ltd. All rights reserved."));
  CHECK(fields::is_footer_line("备案号：浙ICP备00000000号"));
  CHECK(fields::is_footer_line("浙公网安备 33000000000000号"));
  CHECK(fields::is_footer_line("地址：示例市人民路1号 邮编：310000"));
  CHECK(fields::is_footer_line("主办单位：示例局　技术支持：示例信息中心"));
  CHECK(fields::is_footer_line("关于我们 | 网站地图 | 联系我们"));
  CHECK(fields::is_footer_line("违法和不良信息举报电话：0571-0000000"));
  CHECK_FALSE(fields::is_footer_line("会议由示例学会主办，示例大学承办。"));
  CHECK_FALSE(fields::is_footer_line("他的地址在城东。请联系我们的记者。"));
  CHECK_FALSE(fields::is_footer_line("今年的营收增长了三成"));
}

TEST_CASE("fields: parse_site_line reads publisher facts as written", "[compiler][extract]") {
  sheaf::SiteInfo site;
  fields::parse_site_line("版权所有：© 2001-2021 示例学会 地址：示例市人民路1号 邮编：310000",
                          site);
  fields::parse_site_line("电话：0571-0000000 传真：0571-0000001", site);
  fields::parse_site_line("E-mail：info@example.org.cn", site);
  fields::parse_site_line("备案号：浙ICP备00000000号-2 技术支持：示例软件公司", site);
  fields::parse_site_line(
      "主办：示例省政府办公厅 © 示例省政府网 版权所有 浙公网安备 33000000000001号", site);
  CHECK(site.copyright == "© 2001-2021 示例学会");
  CHECK(site.name == "示例学会");
  CHECK(site.address == "示例市人民路1号");
  CHECK(site.phone == "0571-0000000");
  CHECK(site.email == "info@example.org.cn");
  CHECK(site.icp == "浙ICP备00000000号-2");
  CHECK(site.tech_support == "示例软件公司");
  CHECK(site.organizer == "示例省政府办公厅");
  CHECK(site.public_security_record == "浙公网安备 33000000000001号");
}

TEST_CASE("fields: parse_site_line cuts each value at the next field", "[compiler][extract]") {
  sheaf::SiteInfo a;
  fields::parse_site_line("© 1999-2021 示例公司版权所有 About Example | 网站地图", a);
  CHECK(a.copyright == "© 1999-2021 示例公司版权所有");
  sheaf::SiteInfo b;
  fields::parse_site_line("示例传媒网版权所有 未经授权禁止复制 鄂ICP证:000000-5", b);
  CHECK(b.copyright == "示例传媒网版权所有");
  CHECK(b.icp == "鄂ICP证:000000-5");
  sheaf::SiteInfo c;
  fields::parse_site_line("沪ICP证：沪B2-00000000 | 沪ICP备00000000号", c);
  CHECK(c.icp == "沪ICP备00000000号");  // the licence number is not the ICP record
  sheaf::SiteInfo d;
  fields::parse_site_line("违法和不良信息举报电话：010-0000000", d);
  CHECK(d.phone.empty());
  sheaf::SiteInfo e;
  e.name = "已有站名";
  fields::parse_site_line("版权所有：另一个名字", e);
  CHECK(e.name == "已有站名");  // fields already set are kept
  CHECK(e.copyright == "另一个名字");
}

TEST_CASE("fields: parse_breadcrumb drops channel page markers (文章详情, 正文 + a button)",
          "[compiler][extract]") {
  CHECK(fields::parse_breadcrumb("首页 > 文章详情", "") == Path{});
  CHECK(fields::parse_breadcrumb("首页 > 科技 > 新闻详情", "") == Path{"科技"});
  CHECK(fields::parse_breadcrumb("示例网首页 > 财经 > 正文 申请入驻", "") == Path{"财经"});
  CHECK(fields::parse_breadcrumb("首页 > 正文写作指南", "") == Path{"正文写作指南"});
}
