// compiler, extract stage: widget rows and ornaments (widgets.hpp).
#include "extract/rules/widgets.hpp"

#include <array>

#include "extract/text/fold.hpp"

namespace sheaf::rules::detail {
namespace {

namespace lt = text;

struct WidgetWord {
  std::string_view text;
  const char* rule;
};

constexpr const char* kShare = "share-widget";
constexpr const char* kPager = "pager";
constexpr const char* kComment = "comment-widget";
constexpr const char* kBack = "back-to-top";
constexpr const char* kPlayer = "player-widget";

// Every word a widget row may hold. Single characters (大 中 小) are safe only because the whole
// line must consist of these words.
constexpr std::array<WidgetWord, 97> kWords = {{
    {"分享到", kShare},
    {"分享至", kShare},
    {"分享", kShare},
    {"打印本页", kShare},
    {"打印此文", kShare},
    {"打印", kShare},
    {"字体", kShare},
    {"字号", kShare},
    {"大", kShare},
    {"中", kShare},
    {"小", kShare},
    {"默认", kShare},
    {"加入收藏", kShare},
    {"收藏本页", kShare},
    {"收藏", kShare},
    {"扫一扫", kShare},
    {"扫码", kShare},
    {"阅读全文", kShare},
    {"在手机打开当前页", kShare},
    {"在手机上打开", kShare},
    {"手机打开", kShare},
    {"微信", kShare},
    {"新浪微博", kShare},
    {"腾讯微博", kShare},
    {"微博", kShare},
    {"QQ空间", kShare},
    {"QQ", kShare},
    {"朋友圈", kShare},
    {"豆瓣", kShare},
    {"复制链接", kShare},
    {"纠错", kShare},
    {"举报", kShare},
    {"+1", kShare},
    {"A-", kShare},
    {"A+", kShare},
    {"点赞", kShare},
    {"在看", kShare},
    {"手机看", kShare},
    {"二维码", kShare},
    {"转发", kShare},
    {"推荐给朋友", kShare},
    {"图集", kShare},
    {"上一页", kPager},
    {"下一页", kPager},
    {"首页", kPager},
    {"尾页", kPager},
    {"末页", kPager},
    {"上页", kPager},
    {"下页", kPager},
    {"前一页", kPager},
    {"后一页", kPager},
    {"第", kPager},
    {"页", kPager},
    {"共", kPager},
    {"阅读全文", kPager},
    {"全文阅读", kPager},
    {"单页阅读", kPager},
    {"评论", kComment},
    {"网友评论", kComment},
    {"发表评论", kComment},
    {"我要评论", kComment},
    {"查看评论", kComment},
    {"参与评论", kComment},
    {"热门评论", kComment},
    {"最新评论", kComment},
    {"条评论", kComment},
    {"我来说两句", kComment},
    {"跟帖", kComment},
    {"人参与", kComment},
    {"返回顶部", kBack},
    {"回到顶部", kBack},
    {"返回首页", kBack},
    {"关闭窗口", kBack},
    {"关闭本页", kBack},
    {"关闭", kBack},
    {"返回列表", kBack},
    {"返回", kBack},
    // Video players and galleries: control labels, the "组图" badge, slide counters ("1/50").
    {"播放", kPlayer},
    {"暂停", kPlayer},
    {"重播", kPlayer},
    {"重新播放", kPlayer},
    {"自动播放", kPlayer},
    {"连播", kPlayer},
    {"全屏", kPlayer},
    {"退出全屏", kPlayer},
    {"网页全屏", kPlayer},
    {"静音", kPlayer},
    {"音量", kPlayer},
    {"倍速", kPlayer},
    {"清晰度", kPlayer},
    {"高清", kPlayer},
    {"标清", kPlayer},
    {"超清", kPlayer},
    {"画中画", kPlayer},
    {"组图", kPlayer},
    {"高清组图", kPlayer},
    {"查看原图", kPlayer},
}};

// Brackets, separators and marks that widget rows put between their words.
constexpr std::string_view kGlue = " \t【】[]()<>«»|/·:,.-_*•";

bool is_glue(char32_t c) {
  for (size_t i = 0; i < kGlue.size();) {
    size_t length = 1;
    if (lt::decode_at(kGlue, i, length) == c) {
      return true;
    }
    i += length;
  }
  return false;
}

const WidgetWord* widget_word_at(std::string_view s, size_t i) {
  const WidgetWord* best = nullptr;
  for (const WidgetWord& w : kWords) {
    if ((best == nullptr || w.text.size() > best->text.size()) &&
        lt::starts_with(s.substr(i), w.text)) {
      best = &w;
    }
  }
  return best;
}

}  // namespace

const char* widget_row_rule(std::string_view s) {
  const char* rule = nullptr;
  size_t numbers = 0;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = lt::cp_at(s, i);
    if (is_glue(c)) {
      i = lt::next_cp(s, i);
    } else if (lt::is_digit(s[i])) {
      ++numbers;
      while (i < s.size() && lt::is_digit(s[i])) {
        ++i;
      }
    } else if (const WidgetWord* w = widget_word_at(s, i)) {
      rule = rule == nullptr ? w->rule : rule;
      i += w->text.size();
    } else {
      return nullptr;
    }
  }
  // Numbers alone: two or more are a pager ("【1】【2】"); one is an ornament, not a widget.
  return rule != nullptr ? rule : (numbers >= 2 ? kPager : nullptr);
}

bool is_ornament(std::string_view s) {
  // Decorations sites set around or instead of section numbers.
  static constexpr std::string_view kDecorations = "—–-·•●○◆◇■□▲△▼▽★☆*~=_/|、.…※◎♦";
  size_t groups = 0;
  size_t digits = 0;
  bool any = false;
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    const char32_t c = lt::cp_at(s, i);
    if (lt::is_digit(s[i])) {
      groups += i == 0 || !lt::is_digit(s[i - 1]) ? 1 : 0;
      ++digits;
    } else if (!lt::is_space(c) &&
               !lt::contains(kDecorations, s.substr(i, lt::next_cp(s, i) - i))) {
      return false;  // a word, a unit or a sign ("2.3%"): content
    }
    any = any || !lt::is_space(c);
  }
  // One section number of up to three digits ("01", "— 2 —"), or decorations alone ("▼").
  return any && groups <= 1 && digits <= 3;
}

}  // namespace sheaf::rules::detail
