// compiler, extract stage: the date scanner behind fields::normalize_date, first_date,
// labelled_date, parse_dateline and is_meta_line. Private to extract/. Works on folded text
// (text::fold: ASCII digits and colons), so full-width forms need no extra cases.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sheaf::fields::detail {

/// A date found in folded text.
struct DateMatch {
  std::string date;  ///< "YYYY-MM-DD" or "--MM-DD"
  size_t begin = 0;  ///< byte range in the folded text, time of day included
  size_t end = 0;
  bool has_year = false;
  bool numeric = false;  ///< written with digits and -/. only ("2019-09-07"), no 年月日/words
  bool has_time = false;
};

/// A date starting exactly at byte `i` of `folded` (plus a following time of day, if any), or
/// nullopt. The caller checks what precedes `i`.
std::optional<DateMatch> date_at(std::string_view folded, size_t i);

/// A date starting at byte `i` on a token boundary (not glued to a preceding digit or Latin
/// letter), or nullopt.
std::optional<DateMatch> date_on_boundary(std::string_view folded, size_t i);

/// The first date at or after `from` that starts on a token boundary (not glued to a preceding
/// digit or Latin letter), or nullopt.
std::optional<DateMatch> find_date(std::string_view folded, size_t from = 0);

/// Length of a time of day ("13:43", "13:43:45", "T13:43:45+08:00", " 08:18") at `i`, or 0.
size_t time_length(std::string_view folded, size_t i);

}  // namespace sheaf::fields::detail
