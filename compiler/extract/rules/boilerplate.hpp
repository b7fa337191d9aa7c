// compiler, extract stage: per-line boilerplate rules. Each rule has a stable name (shown by
// `sheaf extract --explain`) and its own test built from a short snippet.
#pragma once

#include <string_view>

namespace sheaf::rules {

/// The name of the first boilerplate rule that `line` (one cleaned body paragraph) matches, or
/// nullptr when the line is content. Rules (gold/README.md "Removed"): "editor-line"
/// (责任编辑：, 【编辑：】, 编辑/校对/审核), "byline-line" (standalone 采写/作者/记者 lines),
/// "source-line" (standalone 来源：/本文来源：/（资料来源：）), "original-title" (原标题：,
/// （原题为《》）), "reprint-notice" (转载/版权声明/免责声明), "share-widget" (分享到, 打印, 字体：
/// 大 中 小, 收藏, 扫一扫), "pager" (【1】【2】, 上一页/下一页, 第N页), "prev-next" (上一篇/
/// 下一篇), "related-links" (相关新闻/相关阅读/推荐阅读 lines), "attachment" (附件：…, .doc/.pdf
/// download lines), "caption" (图为…, 图片来源, （点击看清晰大图）, 图片均来自网络),
/// "ornament" (a lone section number "01", "1"), "comment-widget" (评论, 网友评论, 发表评论),
/// "back-to-top" (返回顶部, 关闭窗口), "ui-label" (English player/share/advert labels alone
/// on a line: "Full Screen", "Autoplay", "Read more:", "Advertisement"), "player-widget" (播放,
/// 全屏, 倍速, 组图 rows), "replacement-chars" (a line of U+FFFD only), "promo-line" (长按二维码
/// 关注, 点击阅读原文, 下载…APP, 原创：…), "contributor-credit" ("… contributed to this
/// report."), "author-bio" ("Sam Poe is a reporter for …"), "newsletter-widget" ("Sign up for
/// our newsletter"), "date-line" (an English date line with at most a byline beside it, or a
/// clock alone), English reprint notes ("This article originally appeared on …"). Also:
/// 编辑|/来源| bar labels, 本文原标题, lines opening on 转载, ▲ photo captions. Deliberately
/// conservative: a real sentence that merely contains such a word is content.
const char* boilerplate_rule(std::string_view line);

/// True when `line` is only a related-reading heading ("相关阅读", "推荐阅读：", "【相关新闻】",
/// "Most Popular", "You may also like"):
/// what follows it is teasers, not the article.
bool is_related_heading(std::string_view line);

}  // namespace sheaf::rules
