// Tests for extract/rules/boilerplate.hpp: one TEST_CASE per boilerplate rule, each with lines it
// must drop and content it must keep. Every snippet is made up for the test.
#include <string>

#include "extract/rules/boilerplate.hpp"
#include "support/catch.hpp"

namespace {

std::string rule(const std::string& line) {
  const char* name = sheaf::rules::boilerplate_rule(line);
  return name == nullptr ? "" : name;
}

}  // namespace

TEST_CASE("rules: editor-line", "[compiler][extract]") {
  CHECK(rule("责任编辑：李华") == "editor-line");
  CHECK(rule("【编辑：王小明】") == "editor-line");
  CHECK(rule("（责任编辑： AB123）") == "editor-line");
  CHECK(rule("(责编：赵一)") == "editor-line");
  CHECK(rule("示例科供稿 摄影/王小明 编辑/李华") == "editor-line");
  CHECK(rule("本文来源：示例周刊 责任编辑：李华_X1") == "editor-line");
  CHECK(rule("编辑部今年收到的来稿比去年多了一倍。").empty());
}

TEST_CASE("rules: byline-line", "[compiler][extract]") {
  CHECK(rule("采写：示例报见习记者 王小明") == "byline-line");
  CHECK(rule("执笔/王小明、李华") == "byline-line");
  CHECK(rule("示例新闻记者 王小明 李华") == "byline-line");
  CHECK(rule("《示例》作者 王小明") == "byline-line");
  CHECK(rule("（实习生赵一对此文亦有贡献）") == "byline-line");
  CHECK(rule("记者了解到，该项目已经停工。").empty());
  CHECK(rule("作者在书中写道，城市在变。").empty());
}

TEST_CASE("rules: source-line", "[compiler][extract]") {
  CHECK(rule("来源：示例交警") == "source-line");
  CHECK(rule("（资料来源：示例消息、示例网等）") == "source-line");
  CHECK(rule("信息来源于网络") == "source-line");
  CHECK(rule("(综合整理自示例新闻、示例网等)") == "source-line");
  CHECK(rule("来源于生活，高于生活。").empty());
  CHECK(rule("他的收入来源主要是稿费。").empty());
}

TEST_CASE("rules: original-title", "[compiler][extract]") {
  CHECK(rule("原标题：示例市发布新规") == "original-title");
  CHECK(rule("（原标题：示例市发布新规）") == "original-title");
  CHECK(rule("（原题为《示例市发布新规》）") == "original-title");
  CHECK(rule("标题党是新闻的大敌。").empty());
}

TEST_CASE("rules: reprint-notice", "[compiler][extract]") {
  CHECK(rule("本文为示例网原创文章，未经允许不得转载。") == "reprint-notice");
  CHECK(rule("【免责声明】本文仅代表作者本人观点，与本站无关。") == "reprint-notice");
  CHECK(rule("版权声明：转载须经书面授权") == "reprint-notice");
  CHECK(rule("网友转载了这条消息，引发讨论。").empty());
}

TEST_CASE("rules: share-widget", "[compiler][extract]") {
  CHECK(rule("分享到：") == "share-widget");
  CHECK(rule("【打印】") == "share-widget");
  CHECK(rule("【字体：大 中 小】") == "share-widget");
  CHECK(rule("【打印】【关闭】") == "share-widget");
  CHECK(rule("扫一扫 微信 微博") == "share-widget");
  CHECK(rule("【纠错】") == "share-widget");
  CHECK(rule("分享经济正在改变城市。").empty());
}

TEST_CASE("rules: pager", "[compiler][extract]") {
  CHECK(rule("【1】【2】【3】【4】") == "pager");
  CHECK(rule("上一页 1 2 3 下一页") == "pager");
  CHECK(rule("第2页") == "pager");
  CHECK(rule("共3页 首页 上一页 下一页 尾页") == "pager");
  CHECK(rule("第2页的内容更精彩，请继续阅读。").empty());
}

TEST_CASE("rules: prev-next", "[compiler][extract]") {
  CHECK(rule("上一篇：示例学会召开年会") == "prev-next");
  CHECK(rule("下一篇 示例市发布新规") == "prev-next");
  CHECK(rule("上一篇文章里我们谈到了物价。").empty());
}

TEST_CASE("rules: related-links", "[compiler][extract]") {
  CHECK(rule("相关新闻") == "related-links");
  CHECK(rule("推荐阅读：示例市发布新规") == "related-links");
  CHECK(rule("相关资讯请关注:示例专区") == "related-links");
  CHECK(rule("点击进入“示例专题”>>") == "related-links");
  CHECK(rule("相关新闻报道指出，今年销量上涨。").empty());
}

TEST_CASE("rules: attachment", "[compiler][extract]") {
  CHECK(rule("附件：1.示例通知.docx") == "attachment");
  CHECK(rule("附件1 示例申请表") == "attachment");
  CHECK(rule("示例申请表.xlsx") == "attachment");
  CHECK(rule("附件中的表格显示，收入增长。").empty());
}

TEST_CASE("rules: caption", "[compiler][extract]") {
  CHECK(rule("图为活动现场。（王小明摄）") == "caption");
  CHECK(rule("（点击看清晰大图）") == "caption");
  CHECK(rule("图片均来自网络") == "caption");
  CHECK(rule("图片来源：示例图库") == "caption");
  CHECK(rule("图书馆今年新增藏书一万册。").empty());
}

TEST_CASE("rules: ornament", "[compiler][extract]") {
  CHECK(rule("01") == "ornament");
  CHECK(rule("2") == "ornament");
  CHECK(rule("— 3 —") == "ornament");
  CHECK(rule("▼") == "ornament");
  CHECK(rule("2.3%").empty());
  CHECK(rule("2021").empty());
  CHECK(rule("第一章　总　则").empty());
}

TEST_CASE("rules: comment-widget", "[compiler][extract]") {
  CHECK(rule("发表评论") == "comment-widget");
  CHECK(rule("网友评论") == "comment-widget");
  CHECK(rule("0条评论") == "comment-widget");
  CHECK(rule("评论家认为这部作品很成功。").empty());
}

TEST_CASE("rules: back-to-top", "[compiler][extract]") {
  CHECK(rule("返回顶部") == "back-to-top");
  CHECK(rule("【关闭窗口】") == "back-to-top");
  CHECK(rule("返回示例网首页>>") == "back-to-top");
  CHECK(rule("返回家乡的游子越来越多。").empty());
}

TEST_CASE("rules: content stays content", "[compiler][extract]") {
  CHECK(rule("").empty());
  CHECK(rule("各街道办事处、区属各中小学：").empty());
  CHECK(rule("特此公告。").empty());
  CHECK(rule("2021年3月5日").empty());
  CHECK(rule("业绩会上的插曲").empty());
  CHECK(rule("示例市今年新建学校十所，新增学位一万个。").empty());
}

TEST_CASE("line rules: English UI labels and handle bylines, whole lines only",
          "[compiler][extract]") {
  using sheaf::rules::boilerplate_rule;
  for (const char* label : {"Full Screen", "Autoplay", "Read more:", "ADVERTISEMENT", "Share"}) {
    INFO(label);
    CHECK(std::string(boilerplate_rule(label) ? boilerplate_rule(label) : "") == "ui-label");
  }
  CHECK(boilerplate_rule("By Jane Roe March 3 at 1:00 PM Follow @janeroe") != nullptr);
  CHECK(boilerplate_rule("Read more about the drill schedule on the agency website.") == nullptr);
  CHECK(boilerplate_rule("Share your shelter location with neighbours.") == nullptr);
  CHECK(boilerplate_rule("By noon the shelters were full.") == nullptr);
}

TEST_CASE("line rules: scan-to-read widgets are share widgets, whole lines only",
          "[compiler][extract]") {
  using sheaf::rules::boilerplate_rule;
  CHECK(std::string(boilerplate_rule("扫一扫在手机打开当前页")) == "share-widget");
  CHECK(std::string(boilerplate_rule("扫码阅读全文")) == "share-widget");
  CHECK(boilerplate_rule("市民可扫码阅读全文并参与问卷调查。") == nullptr);
}

TEST_CASE("rules: bar-separated labels (编辑|, 责编|, 校对|, 来源|)", "[compiler][extract]") {
  CHECK(rule("编辑|王小明") == "editor-line");
  CHECK(rule("责编|李华") == "editor-line");
  CHECK(rule("校对|张三") == "editor-line");
  CHECK(rule("来源|湖畔日报") == "source-line");
  CHECK(rule("编辑部|今年的来稿比去年多。").empty());
}

TEST_CASE("rules: 本文原标题 notes and lines opening on 转载", "[compiler][extract]") {
  CHECK(rule("本文原标题：湖畔小镇的春天") == "original-title");
  CHECK(rule("转载请注明出处") == "reprint-notice");
  CHECK(rule("转载自湖畔日报，如有侵权请联系删除") == "reprint-notice");
  CHECK(rule("文章原来的标题很长，编辑做了删减。").empty());
}

TEST_CASE("rules: ▲ photo captions", "[compiler][extract]") {
  CHECK(rule("▲ 湖畔公园一角") == "caption");
  CHECK(rule("▲湖畔公园的樱花已经盛开，吸引了众多市民。") == "caption");
  CHECK(rule("▲") == "ornament");  // a lone mark is an ornament
}

TEST_CASE("rules: replacement-chars", "[compiler][extract]") {
  CHECK(rule("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") == "replacement-chars");
  CHECK(rule("\xEF\xBF\xBD \xEF\xBF\xBD") == "replacement-chars");
  CHECK(rule("价格\xEF\xBF\xBD上涨").empty());  // one lost character in a sentence stays
}

TEST_CASE("rules: promo-line (WeChat and app promos, 原创：)", "[compiler][extract]") {
  CHECK(rule("长按二维码关注我们") == "promo-line");
  CHECK(rule("点击阅读原文") == "promo-line");
  CHECK(rule("下载湖畔新闻APP，阅读更多精彩内容") == "promo-line");
  CHECK(rule("原创：湖畔小编") == "promo-line");
  CHECK(rule("居民们纷纷下载了这款记账APP，用来管理家里的开支。").empty());
}

TEST_CASE("rules: player-widget (video controls, 组图)", "[compiler][extract]") {
  CHECK(rule("播放 暂停 全屏") == "player-widget");
  CHECK(rule("组图") == "player-widget");
  CHECK(rule("倍速 清晰度 高清") == "player-widget");
  CHECK(rule("00:00 / 03:25 全屏") == "player-widget");
  CHECK(rule("播放量突破一百万次，创下新纪录。").empty());
}

TEST_CASE("rules: is_related_heading", "[compiler][extract]") {
  CHECK(sheaf::rules::is_related_heading("相关阅读"));
  CHECK(sheaf::rules::is_related_heading("【推荐阅读】"));
  CHECK(sheaf::rules::is_related_heading("相关新闻："));
  CHECK_FALSE(sheaf::rules::is_related_heading("相关阅读：湖畔小镇的春天"));
}

TEST_CASE("rules: English credits (contributor-credit, author-bio, newsletter-widget)",
          "[compiler][extract]") {
  CHECK(rule("Ann Lee in Lake Town contributed to this report.") == "contributor-credit");
  CHECK(rule("Sam Poe is a reporter for the Daily Gazette covering farms. Follow him @sampoe.") ==
        "author-bio");
  CHECK(rule("Mary Ann Lee is an editor at the Gazette.") == "author-bio");
  CHECK(rule("The county union is adamant that the editor was wrong about the ponds.").empty());
  CHECK(rule("Sign up for our newsletter") == "newsletter-widget");
  CHECK(rule("SIGN UP FOR OUR NEWSLETTER") == "newsletter-widget");
  CHECK(rule("Sign up for the spring fair closes on Friday, the county says.").empty());
}

TEST_CASE("rules: date-line (an English date with at most a byline beside it)",
          "[compiler][extract]") {
  CHECK(rule("2/26/2015 7:11 AM PST BY GAZETTE STAFF") == "date-line");
  CHECK(rule("By Sam Poe March 18 at 3:57 PM") == "date-line");
  CHECK(rule("Apr 29, 2019") == "date-line");
  CHECK(rule("The ponds filled up again on March 9, 2017.").empty());
  CHECK(rule("2012年6月24日").empty());  // a notice's closing date stays
  CHECK(rule("EXCLUSIVE") == "ui-label");
}

TEST_CASE("rules: English player labels are ui-labels", "[compiler][extract]") {
  CHECK(rule("Now watching") == "ui-label");
  CHECK(rule("Video Not Available") == "ui-label");
  CHECK(rule("Up Next") == "ui-label");
  CHECK(rule("Now watching the frogs is a spring pastime in the valley.").empty());
}

TEST_CASE("rules: English reprint notes, time lines and related headings", "[compiler][extract]") {
  CHECK(rule("This article originally appeared on The Weekly Review.") == "reprint-notice");
  CHECK(rule("This article was reprinted on Example.com.") == "reprint-notice");
  CHECK(rule("1:39 PM ET") == "date-line");
  CHECK(rule("About the Author") == "ui-label");
  CHECK(sheaf::rules::is_related_heading("Most Popular"));
  CHECK(sheaf::rules::is_related_heading("You may also like"));
  CHECK_FALSE(sheaf::rules::is_related_heading("Most popular with the farmers"));
  CHECK(rule("This article explains why the ponds were reprinted on the new county map, and "
             "what the farmers said about it.")
            .empty());
}

TEST_CASE("rules: English captions closed by a picture credit", "[compiler][extract]") {
  CHECK(rule("Farmers gather by the pond at dawn. Jane Roe/Getty Images") == "caption");
  CHECK(rule("Frogs returned to the valley this spring. (Reuters)") == "caption");
  CHECK(rule("The old mill by the river. (AP Photo/Sam Poe)") == "caption");
  CHECK(rule("The ponds filled up again, the county said on Monday.").empty());
}
