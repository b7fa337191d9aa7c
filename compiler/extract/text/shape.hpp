// compiler, extract stage (internal): small text helpers shared by the field readers and the
// composer: comparison keys that ignore spacing, joining of wrapped heading lines, and the
// cheap shape tests the header heuristics use. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sheaf::text {

/// `text` without ASCII whitespace, NBSP and U+3000: the key for "same text, other spacing"
/// (a <title> with a stray U+3000, a headline wrapped over three <br> lines).
std::string squeeze(std::string_view text);

/// Joins two lines of one wrapped heading: directly between CJK text, with one space when
/// either side is Latin.
std::string join_wrapped(std::string_view first, std::string_view second);

/// `text` with curly double and single quotes (U+201C/D, U+2018/9) made ASCII: a <title> often
/// carries straight quotes where the headline shown on the page has typographic ones.
std::string straight_quotes(std::string_view text);

/// Code points in `text`.
uint32_t code_points(std::string_view text);

/// True when `text` has sentence punctuation (，。！？；) or ASCII ", " / ". ".
bool has_sentence_punctuation(std::string_view text);

/// True when the whole line is wrapped in one pair of full-width or ASCII parentheses
/// ("（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）").
bool is_parenthesized(std::string_view text);

/// True when `text` says the date only relative to today (昨天, 前天, 今天, 3小时前,
/// 10分钟前, 刚刚, "yesterday", "3 hours ago", "1 day ago"), so the page's metadata must give the
/// real date.
bool is_relative_date(std::string_view text);

}  // namespace sheaf::text
