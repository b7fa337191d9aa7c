// compiler, extract stage: rules that read article fields out of single lines of text. Pure
// functions on cleaned text (entities decoded, whitespace folded), each with its own tests.
// Field rules follow ../shared/corpus/gold/README.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/article.hpp"

namespace sheaf::fields {

/// Normalizes one date expression to "YYYY-MM-DD", or "--MM-DD" when no year is given:
/// "2019年9月7日 13:43", "2019-09-07T13:43:45+08:00", "2019/9/7", "2019.09.07", "1月20日",
/// "Sep 7, 2019", "7 September 2019". Returns "" when `text` holds no date, or an invalid one.
std::string normalize_date(std::string_view text);

/// The first date anywhere in `line` (normalized), or "".
std::string first_date(std::string_view line);

/// A date after a publication label in `line` ("发布时间：", "发布日期：", "时间：", "日期：",
/// "发表于", "Published:", "Updated:" is NOT a publication label), normalized; "" when the
/// line has no labelled date.
std::string labelled_date(std::string_view line);

/// The date of a byline or date line as English pages print it, commas and glued spans
/// included: "By Jane Roe March 9, 2017 | 6:00 PM", "Dan Poe - Oct 18, 2019", "Dec. 6, 2024",
/// "Friday 25 December 2015", "Yahoo NewsOctober 13, 2016", "6/13/2018", "11.03.17 in Games".
/// Numeric dates read month first unless `day_first` (a day over 12 settles it); a two-digit
/// year is not a stated year ("--11-03"). "" when the line is prose (over 100 characters or
/// 14 words besides the date) or holds no date.
std::string byline_date(std::string_view line, bool day_first);

/// The date of an English dateline that opens a paragraph with a dash ("Feb. 23, 2015 -- The
/// study…", "March 4 — Officials…"), or "".
std::string english_dateline_date(std::string_view paragraph);

/// True when the whole line is a time of day ("1:39 PM ET", "13:39"): a same-day display that,
/// like a relative date, leaves the date to the page's metadata.
bool is_time_line(std::string_view line);

/// A piece of a date split over elements as digit groups joined by '-' ("2019年" -> "2019",
/// "9月7日" -> "9-7", "2019.09" -> "2019-09"), or "" when `piece` holds anything else.
std::string date_digits(std::string_view piece);

/// The date that split pieces (date_digits output, in page order) make together: three digit
/// groups with one four-digit year, read year-month-day, day then year-month ("07" "2019-09"),
/// or month-day then year. "" when they make none.
std::string join_date_parts(const std::vector<std::string>& parts);

/// A news dateline at the start of a paragraph: "本报北京1月20日电", "新华社巴黎12月9日电",
/// "长江网10月4日讯", "（记者 张三）". `length` is its size in bytes (the paragraph keeps it).
struct Dateline {
  std::string source;    ///< "本报", "新华社", "长江网"
  std::string location;  ///< "北京", "巴黎", "" when none
  std::string date;      ///< "--01-20" (datelines rarely give a year), "" when none
  size_t length = 0;
};

std::optional<Dateline> parse_dateline(std::string_view paragraph);

/// A breadcrumb line ("当前位置：首页>>新闻资讯>>重要专题", "首页 > 财经 > 正文",
/// "您的位置: 主页 / 新闻"), as its categories: leading labels, the home link, trailing article
/// markers (正文, 详情...) and a trailing copy of `title` removed; repeats kept. nullopt when
/// the line is not a breadcrumb.
std::optional<std::vector<std::string>> parse_breadcrumb(std::string_view line,
                                                         std::string_view title);

/// Categories from the items of a box the page marks as a breadcrumb (its class or id says
/// so), which may hold a single link ("American Opportunity") or start at a home link named
/// after the site ("CNET > Tech Industry > <the headline>"): the home link (a home word or
/// `site`, the site's name) and a trailing marker or copy of `title` are removed. nullopt when
/// an item is a sentence or longer than a path segment.
std::optional<std::vector<std::string>> breadcrumb_items(const std::vector<std::string>& items,
                                                         std::string_view title,
                                                         std::string_view site);

/// Labelled origin and people in a meta line ("来源：新华社 作者：张三 责任编辑：李四",
/// "稿源：", "信息来源：", "记者 张三", "采写：", "文/"). Editors are not authors; placeholders
/// (未知, 佚名, admin) are dropped. Empty fields when not found.
struct Byline {
  std::string source;
  std::string author;  ///< several names joined with "、"
};

Byline parse_byline(std::string_view line);

/// True when the whole line is metadata rather than body text: a date/source/author/views line
/// such as "2019-09-07 13:43 来源：证券市场红周刊 作者：张三 阅读：1234".
bool is_meta_line(std::string_view line);

/// The headline: `title_tag` (the page's <title>) with site and channel suffixes removed
/// ("标题_财经频道_网易" -> "标题"), preferring `heading` (the page's h1 or first line) when it
/// is the same headline or the tag extends it. Either may be empty.
std::string clean_title(std::string_view title_tag, std::string_view heading);

/// True when `line` is a site footer line (copyright, ICP, 公网安备, address, phone, email,
/// 主办/承办/技术支持, site links such as "网站地图 联系我们").
bool is_footer_line(std::string_view line);

/// Fills the fields of `site` that `line` states (copyright line, ICP number, 公网安备 number,
/// email, address, phone, organizer, tech support; name from "版权所有：X" / "© X").
/// Fields already set are kept.
void parse_site_line(std::string_view line, SiteInfo& site);

}  // namespace sheaf::fields
