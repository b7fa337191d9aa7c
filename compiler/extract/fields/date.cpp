// compiler, extract stage: date rules (line_fields.hpp normalize_date, first_date, labelled_date)
// and the scanner they share (date.hpp). Gold README "Date rule": a date without a year is
// "--MM-DD"; a year is never invented.
#include "extract/fields/date.hpp"

#include <array>
#include <cctype>

#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;
using detail::DateMatch;

// Years outside this range are far more often other numbers (prices, counts, codes) than
// publication dates of pages that exist on the web.
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

/// Reads up to `max` ASCII digits at `i`; returns how many were read.
size_t read_number(std::string_view s, size_t i, size_t max, int& value) {
  size_t n = 0;
  value = 0;
  while (i + n < s.size() && n < max && lt::is_digit(s[i + n])) {
    value = value * 10 + (s[i + n] - '0');
    ++n;
  }
  return n;
}

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  return i;
}

bool valid_date(int year, int month, int day) {
  if (year != 0 && (year < kMinYear || year > kMaxYear)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year == 0 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
  const int limit = month == 2 && !leap ? 28 : kDays[static_cast<size_t>(month - 1)];
  return day <= limit;
}

std::string format_date(int year, int month, int day) {
  std::string out = year == 0 ? "--" : std::to_string(year) + "-";
  out += static_cast<char>('0' + month / 10);
  out += static_cast<char>('0' + month % 10);
  out += '-';
  out += static_cast<char>('0' + day / 10);
  out += static_cast<char>('0' + day % 10);
  return out;
}

/// Completes a match: validates, formats and takes a following time of day.
std::optional<DateMatch> finish(std::string_view s, size_t begin, size_t end, int year, int month,
                                int day, bool numeric) {
  if (!valid_date(year, month, day)) {
    return std::nullopt;
  }
  DateMatch m;
  m.date = format_date(year, month, day);
  m.begin = begin;
  m.has_year = year != 0;
  m.numeric = numeric;
  const size_t time = detail::time_length(s, end);
  m.has_time = time > 0;
  m.end = end + time;
  return m;
}

/// After a numeric date ending at `end`: a digit may only start a glued time ("09-3022:46" is
/// 09-30 then 22:46); another separator or a letter means a longer number ("1.2.3", "2019-09-071").
bool numeric_boundary_ok(std::string_view s, size_t end) {
  if (end >= s.size()) {
    return true;
  }
  const char c = s[end];
  if (lt::is_digit(c)) {
    return detail::time_length(s, end) > 0;
  }
  if ((c == '-' || c == '.' || c == '/') && end + 1 < s.size() && lt::is_digit(s[end + 1])) {
    return false;
  }
  if (c == 'T') {
    return true;
  }
  return !std::isalpha(static_cast<unsigned char>(c)) && c != '%' &&
         !lt::starts_with(s.substr(end), "月") && !lt::starts_with(s.substr(end), "日");
}

/// "[YYYY年]M月D日" with `month_at` pointing at the month digits.
std::optional<DateMatch> cjk_month_day(std::string_view s, size_t begin, size_t month_at,
                                       int year) {
  int month = 0;
  int day = 0;
  size_t i = month_at;
  const size_t month_digits = read_number(s, i, 2, month);
  if (month_digits == 0 || (i + month_digits < s.size() && lt::is_digit(s[i + month_digits]))) {
    return std::nullopt;
  }
  i = skip_spaces(s, i + month_digits);
  if (!lt::starts_with(s.substr(i), "月")) {
    return std::nullopt;
  }
  i = skip_spaces(s, i + std::string_view("月").size());
  const size_t day_digits = read_number(s, i, 2, day);
  if (day_digits == 0) {
    return std::nullopt;
  }
  i = skip_spaces(s, i + day_digits);
  // "日" or the colloquial "号"; "5月10-12日" (a range) has neither here and is no date.
  const std::string_view mark = lt::word_at(s, i, {"日", "号"});
  if (mark.empty()) {
    return std::nullopt;
  }
  return finish(s, begin, i + mark.size(), year, month, day, false);
}

/// "YYYY-M-D", "YYYY/M/D", "YYYY.M.D" (one separator kind) with `sep_at` at the first separator.
std::optional<DateMatch> numeric_ymd(std::string_view s, size_t begin, size_t sep_at, int year) {
  const char sep = s[sep_at];
  int month = 0;
  int day = 0;
  size_t i = sep_at + 1;
  const size_t month_digits = read_number(s, i, 2, month);
  if (month_digits == 0 || i + month_digits >= s.size() || s[i + month_digits] != sep) {
    return std::nullopt;
  }
  i += month_digits + 1;
  const size_t day_digits = read_number(s, i, 2, day);
  if (day_digits == 0 || !numeric_boundary_ok(s, i + day_digits)) {
    return std::nullopt;
  }
  return finish(s, begin, i + day_digits, year, month, day, true);
}

int month_from_word(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower;
  for (const char c : word) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (size_t m = 0; m < kNames.size(); ++m) {
    if (lower == kNames[m] || lower == kNames[m].substr(0, 3) || (m == 8 && lower == "sept")) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

/// A capitalised English month name at `i` ("Sep", "Sept.", "September"); 0 when none.
size_t month_word(std::string_view s, size_t i, int& month) {
  size_t n = 0;
  while (i + n < s.size() && std::isalpha(static_cast<unsigned char>(s[i + n]))) {
    ++n;
  }
  // Capitalised only: "may" and "march" are ordinary English words.
  if (n < 3 || !std::isupper(static_cast<unsigned char>(s[i]))) {
    return 0;
  }
  month = month_from_word(s.substr(i, n));
  if (month == 0) {
    return 0;
  }
  return i + n < s.size() && s[i + n] == '.' ? n + 1 : n;
}

/// An optional ", 2019" / " 2019" after an English day or month; returns the year or 0.
int english_year(std::string_view s, size_t& i) {
  size_t j = i < s.size() && s[i] == ',' ? i + 1 : i;
  j = skip_spaces(s, j);
  int year = 0;
  const size_t digits = read_number(s, j, 5, year);
  if (digits != 4 || j == i) {
    return 0;
  }
  i = j + 4;
  return year;
}

/// "Sep 7, 2019", "September 7" at `i`.
std::optional<DateMatch> english_month_first(std::string_view s, size_t i) {
  int month = 0;
  const size_t word = month_word(s, i, month);
  if (word == 0) {
    return std::nullopt;
  }
  size_t j = skip_spaces(s, i + word);
  int day = 0;
  const size_t digits = read_number(s, j, 2, day);
  if (digits == 0 || j == i + word || (j + digits < s.size() && lt::is_digit(s[j + digits]))) {
    return std::nullopt;
  }
  j += digits;
  for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (lt::starts_with(s.substr(j), suffix)) {
      j += suffix.size();
    }
  }
  const int year = english_year(s, j);
  return finish(s, i, j, year, month, day, false);
}

/// "7 September 2019" with the day (already read) ending at `j`.
std::optional<DateMatch> english_day_first(std::string_view s, size_t begin, size_t j, int day) {
  const size_t k = skip_spaces(s, j);
  int month = 0;
  const size_t word = k > j ? month_word(s, k, month) : 0;
  if (word == 0) {
    return std::nullopt;
  }
  size_t end = k + word;
  const int year = english_year(s, end);
  return finish(s, begin, end, year, month, day, false);
}

}  // namespace

namespace detail {

size_t time_length(std::string_view s, size_t i) {
  size_t j = i < s.size() && s[i] == 'T' ? i + 1 : skip_spaces(s, i);
  int hour = 0;
  int minute = 0;
  const size_t hour_digits = read_number(s, j, 2, hour);
  if (hour_digits == 0 || j + hour_digits >= s.size() || s[j + hour_digits] != ':') {
    return 0;
  }
  j += hour_digits + 1;
  if (read_number(s, j, 2, minute) != 2 || hour > 23 || minute > 59) {
    return 0;
  }
  j += 2;
  int unused = 0;
  if (j + 2 < s.size() && s[j] == ':' && read_number(s, j + 1, 2, unused) == 2) {
    j += 3;
  }
  if (j < s.size() && s[j] == 'Z') {
    ++j;
  } else if (j < s.size() && (s[j] == '+' || s[j] == '-') &&
             read_number(s, j + 1, 2, unused) == 2) {
    j += 3;
    if (j + 2 < s.size() && s[j] == ':' && read_number(s, j + 1, 2, unused) == 2) {
      j += 3;
    } else if (read_number(s, j, 2, unused) == 2) {
      j += 2;
    }
  }
  return j - i;
}

std::optional<DateMatch> date_at(std::string_view s, size_t i) {
  if (i >= s.size()) {
    return std::nullopt;
  }
  if (!lt::is_digit(s[i])) {
    return english_month_first(s, i);
  }
  int number = 0;
  const size_t digits = read_number(s, i, 8, number);
  const size_t after = i + digits;
  const size_t next = skip_spaces(s, after);
  if (digits == 4) {
    if (lt::starts_with(s.substr(next), "年")) {
      return cjk_month_day(s, i, skip_spaces(s, next + std::string_view("年").size()), number);
    }
    if (after < s.size() && (s[after] == '-' || s[after] == '/' || s[after] == '.')) {
      return numeric_ymd(s, i, after, number);
    }
    return std::nullopt;
  }
  if (digits > 2) {
    return std::nullopt;
  }
  if (lt::starts_with(s.substr(next), "月")) {
    return cjk_month_day(s, i, i, 0);
  }
  // "09-07" without a year: two digits each, so "1-10月" or a score "3-1" is not a date.
  if (digits == 2 && after < s.size() && s[after] == '-') {
    int day = 0;
    if (read_number(s, after + 1, 2, day) == 2 && numeric_boundary_ok(s, after + 3)) {
      return finish(s, i, after + 3, 0, number, day, true);
    }
    return std::nullopt;
  }
  return english_day_first(s, i, after, number);
}

std::optional<DateMatch> date_on_boundary(std::string_view s, size_t i) {
  if (i >= s.size()) {
    return std::nullopt;
  }
  const char32_t prev = lt::cp_before(s, i);
  const auto c = static_cast<unsigned char>(s[i]);
  if (std::isdigit(c) != 0) {
    // Glued to a longer number or code ("v2021", "1.2021", "13:43"), it is not a date; after
    // a label colon ("时间：09-30") it is.
    const char32_t before_prev = i >= 2 ? lt::cp_at(s, i - 2) : 0;
    const bool after_number =
        (prev == ':' && before_prev >= '0' && before_prev <= '9') ||
        ((prev == '.' || prev == '-' || prev == '/') && lt::is_ascii_alnum(before_prev));
    if (lt::is_ascii_alnum(prev) || after_number) {
      return std::nullopt;
    }
  } else if (std::isupper(c) == 0 || lt::is_ascii_alpha(prev)) {
    return std::nullopt;
  }
  return date_at(s, i);
}

std::optional<DateMatch> find_date(std::string_view s, size_t from) {
  for (size_t i = from; i < s.size(); i = lt::next_cp(s, i)) {
    if (auto m = date_on_boundary(s, i)) {
      return m;
    }
  }
  return std::nullopt;
}

}  // namespace detail

std::string normalize_date(std::string_view text) {
  const lt::Folded f = lt::fold(text);
  const std::string_view s = lt::trim(f.text);
  const auto m = detail::date_at(s, 0);
  return m ? m->date : std::string();
}

std::string first_date(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const auto m = detail::find_date(f.text);
  return m ? m->date : std::string();
}

}  // namespace sheaf::fields
