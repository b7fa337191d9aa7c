// compiler, extract stage: the date of a byline or date line as English pages print it
// (line_fields.hpp byline_date, english_dateline_date). Gold README "Date rule": a year is
// never invented, so a two-digit year ("11.03.17") gives only "--MM-DD" and leaves the year to
// metadata that agrees.
#include <array>
#include <cctype>
#include <vector>

#include "extract/fields/date.hpp"
#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;
using detail::DateMatch;

/// Longest line read as a byline or date line; longer ones are prose.
constexpr size_t kMaxBylineChars = 100;
/// Words a byline line may hold besides its date ("By Jane Roe, Staff Writer | Updated").
constexpr size_t kMaxBylineWords = 14;

size_t read_digits(std::string_view s, size_t i, int& value) {
  size_t n = 0;
  value = 0;
  while (i + n < s.size() && n < 4 && lt::is_digit(s[i + n])) {
    value = value * 10 + (s[i + n] - '0');
    ++n;
  }
  return n;
}

bool valid_month_day(int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[static_cast<size_t>(month - 1)];
}

std::string two_digits(int n) {
  return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

/// "6/13/2018", "2/26/2015", "11.03.17": month first unless `day_first` (a day over 12 settles
/// the order). A four-digit year is kept; a two-digit one is not a stated year.
std::optional<DateMatch> numeric_mdy(std::string_view s, size_t i, bool day_first) {
  int a = 0;
  int b = 0;
  int year = 0;
  const size_t na = read_digits(s, i, a);
  if (na == 0 || na > 2 || i + na >= s.size() || (s[i + na] != '/' && s[i + na] != '.')) {
    return std::nullopt;
  }
  const char sep = s[i + na];
  size_t j = i + na + 1;
  const size_t nb = read_digits(s, j, b);
  if (nb == 0 || nb > 2 || j + nb >= s.size() || s[j + nb] != sep) {
    return std::nullopt;
  }
  j += nb + 1;
  const size_t ny = read_digits(s, j, year);
  const size_t end = j + ny;
  const bool more =
      end < s.size() && (lt::is_digit(s[end]) || ((s[end] == '/' || s[end] == '.') &&
                                                  end + 1 < s.size() && lt::is_digit(s[end + 1])));
  if ((ny != 2 && ny != 4) || more) {
    return std::nullopt;
  }
  int month = day_first ? b : a;
  int day = day_first ? a : b;
  if (month > 12 && day <= 12) {
    std::swap(month, day);
  }
  if (!valid_month_day(month, day) || (ny == 4 && (year < 1900 || year > 2099))) {
    return std::nullopt;
  }
  DateMatch m;
  m.date = (ny == 4 ? std::to_string(year) + "-" : std::string("--")) + two_digits(month) + "-" +
           two_digits(day);
  m.begin = i;
  m.end = end + detail::time_length(s, end);
  m.has_year = ny == 4;
  m.numeric = true;
  return m;
}

/// Where a byline date may start. Spans of a byline are often glued without a space
/// ("Yahoo FinanceOctober 13, 2016", "by Jane Roe22 Dec 2016"): a capital after a lowercase
/// letter, or a digit after a letter, still starts one; a digit inside a number does not.
bool byline_boundary(std::string_view s, size_t i) {
  const char32_t prev = lt::cp_before(s, i);
  const auto c = static_cast<unsigned char>(s[i]);
  if (std::isdigit(c) != 0) {
    return !(prev >= '0' && prev <= '9') && prev != '.' && prev != '/' && prev != ':' &&
           prev != '-';
  }
  return std::isupper(c) != 0 && !(prev >= 'A' && prev <= 'Z');
}

std::optional<DateMatch> date_in_byline(std::string_view s, bool day_first) {
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    if (!byline_boundary(s, i)) {
      continue;
    }
    if (auto m = numeric_mdy(s, i, day_first)) {
      return m;
    }
    if (auto m = detail::date_at(s, i)) {
      return m;
    }
  }
  return std::nullopt;
}

/// A line of running text, whose dates belong to the story, not to the page: Chinese text
/// (its bylines are read by the labelled and meta-line rules), a line ending as a sentence
/// does, or one with more than four lowercase words ("the bridge opened on …").
bool is_sentence(std::string_view s) {
  constexpr size_t kMaxLowercaseWords = 4;
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    if (lt::is_cjk(lt::cp_at(s, i))) {
      return true;
    }
  }
  const char last = s.back();
  if (last == '.' || last == '!' || last == '?') {
    return true;
  }
  size_t lowercase = 0;
  for (const std::string_view w : lt::split_any(s, {" "})) {
    lowercase += !w.empty() && w[0] >= 'a' && w[0] <= 'z' && w != "am" && w != "pm" &&
                         w != "a.m." && w != "p.m."
                     ? 1
                     : 0;
  }
  return lowercase > kMaxLowercaseWords;
}

size_t count_words(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '|';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

}  // namespace

std::string byline_date(std::string_view line, bool day_first) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = lt::trim(f.text);
  if (s.empty() || lt::more_cp_than(s, kMaxBylineChars) || is_sentence(s)) {
    return "";
  }
  const auto m = date_in_byline(s, day_first);
  if (!m) {
    return "";
  }
  // The rest of the line is a name, an outlet or a label, not a sentence about the date.
  const size_t words = count_words(s.substr(0, m->begin)) + count_words(s.substr(m->end));
  return words <= kMaxBylineWords ? m->date : "";
}

std::string english_dateline_date(std::string_view paragraph) {
  const lt::Folded f = lt::fold(paragraph);
  const std::string_view s = lt::trim(f.text);
  const auto m = s.empty() || std::isupper(static_cast<unsigned char>(s[0])) == 0
                     ? std::nullopt
                     : detail::date_at(s, 0);
  if (!m || m->numeric) {
    return "";
  }
  // "Feb. 23, 2015 -- The study…": the date, then a dash that opens the story.
  size_t i = m->end;
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  const std::string_view rest = s.substr(i);
  for (const std::string_view dash : {"--", "\xE2\x80\x94", "\xE2\x80\x93", "- "}) {
    if (lt::starts_with(rest, dash)) {
      return m->date;
    }
  }
  return "";
}

bool is_time_line(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = lt::trim(f.text);
  const size_t time = s.empty() || !lt::is_digit(s[0]) ? 0 : detail::time_length(s, 0);
  if (time == 0) {
    return false;
  }
  // "1:39 PM ET", "13:39", "9:05 a.m. EDT": a clock, a meridiem and a zone, nothing else.
  size_t words = 0;
  for (size_t i = time; i < s.size();) {
    while (i < s.size() && s[i] == ' ') {
      ++i;
    }
    const size_t start = i;
    while (i < s.size() && s[i] != ' ') {
      if (std::isalpha(static_cast<unsigned char>(s[i])) == 0 && s[i] != '.') {
        return false;
      }
      ++i;
    }
    words += i > start ? 1 : 0;
    if (i - start > 5) {
      return false;
    }
  }
  return words <= 2;
}

std::string date_digits(std::string_view piece) {
  const lt::Folded f = lt::fold(piece);
  const std::string_view s = lt::trim(f.text);
  std::string out;
  for (size_t i = 0; i < s.size(); i = lt::next_cp(s, i)) {
    const std::string_view c = s.substr(i, lt::next_cp(s, i) - i);
    if (lt::is_digit(s[i])) {
      out += s[i];
    } else if (c == "-" || c == "." || c == "/" || c == "年" || c == "月") {
      out += out.empty() || out.back() == '-' ? "" : "-";
    } else if (c != "日" && c != "号") {
      return "";
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out;
}

std::string join_date_parts(const std::vector<std::string>& parts) {
  std::vector<std::string> groups;
  for (const std::string& p : parts) {
    for (const std::string_view g : lt::split_any(p, {"-"})) {
      groups.emplace_back(g);
    }
  }
  if (groups.size() != 3) {
    return "";
  }
  size_t year = groups.size();
  for (size_t k = 0; k < groups.size(); ++k) {
    if (groups[k].size() == 4) {
      year = year == groups.size() ? k : groups.size() + 1;
    } else if (groups[k].empty() || groups[k].size() > 2) {
      return "";
    }
  }
  // Year first ("2019" "09" "07"), a day before its "2019-09", or month-day before the year.
  static constexpr std::array<std::array<size_t, 2>, 3> kMonthDay = {{{1, 2}, {2, 0}, {0, 1}}};
  if (year >= groups.size()) {
    return "";
  }
  const auto& [month, day] = kMonthDay[year];
  return normalize_date(groups[year] + "-" + groups[month] + "-" + groups[day]);
}

}  // namespace sheaf::fields
