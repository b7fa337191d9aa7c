// compiler, extract stage (internal): page metadata from <meta> and inline scripts (see
// html_head.hpp).
#include "extract/parse/html_head.hpp"

#include <array>

#include "extract/fields/line_fields.hpp"
#include "extract/text/clean.hpp"

namespace sheaf::parse::html {
namespace {

std::string lowercase_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// The value assigned after a variable name: skips spaces, '=', ':' and one opening quote,
/// then runs to the closing quote, ',', ';' or end of line (at most 64 bytes: a date).
std::string_view assigned_value(std::string_view rest) {
  size_t i = 0;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '"' ||
                             rest[i] == '\'' || rest[i] == '=' || rest[i] == ':')) {
    ++i;
  }
  const size_t start = i;
  while (i < rest.size() && i - start < 64 && rest[i] != '"' && rest[i] != '\'' && rest[i] != ',' &&
         rest[i] != ';' && rest[i] != '\n' && rest[i] != '}') {
    ++i;
  }
  return rest.substr(start, i - start);
}

/// True when `pos` starts a whole identifier (not the tail of a longer name such as "act").
bool starts_identifier(std::string_view text, size_t pos) {
  if (pos == 0) {
    return true;
  }
  const char c = text[pos - 1];
  return !(is_digit(c) || c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/// A script value as a date: 10 digits are epoch seconds (WeChat's `ct`), 13 digits epoch
/// milliseconds; anything else goes through fields::normalize_date.
std::string script_value_date(std::string_view value) {
  size_t digits = 0;
  while (digits < value.size() && is_digit(value[digits])) {
    ++digits;
  }
  if (digits == value.size() && (digits == 10 || digits == 13)) {
    int64_t seconds = 0;
    for (size_t i = 0; i < 10; ++i) {
      seconds = seconds * 10 + (value[i] - '0');
    }
    return epoch_to_date_utc8(seconds);
  }
  const std::string date = fields::normalize_date(value);
  // Only full dates: a script's "--MM-DD" adds nothing the visible text lacks.
  return date.size() == 10 && date[0] != '-' ? date : std::string();
}

}  // namespace

void add_meta(std::string_view key, std::string_view content, PageMeta& meta) {
  if (key.empty()) {
    return;
  }
  std::string name = lowercase_ascii(key);
  std::string value = text::clean_line(content);
  if (name == "og:url" && meta.url.empty()) {
    meta.url = value;
  }
  meta.meta.emplace(std::move(name), std::move(value));
}

void scan_script(std::string_view script, bool json_ld, PageMeta& meta) {
  if (json_ld) {
    constexpr std::string_view kKey = "\"datePublished\"";
    for (size_t at = script.find(kKey); at != std::string_view::npos;
         at = script.find(kKey, at + 1)) {
      const std::string_view value = assigned_value(script.substr(at + kKey.size()));
      if (!value.empty()) {
        meta.json_ld_dates.emplace_back(value);
      }
    }
    return;
  }
  // Why these names: WeChat pages assign the publication stamp to `ct`; Chinese CMS templates
  // use publish_time / pubtime / pubDate / publishTime for the same fact.
  static constexpr std::array<std::string_view, 7> kNames = {
      "ct", "publish_time", "pubtime", "pubDate", "publishTime", "publishtime", "pub_time"};
  for (const std::string_view name : kNames) {
    for (size_t at = script.find(name); at != std::string_view::npos;
         at = script.find(name, at + 1)) {
      if (!starts_identifier(script, at)) {
        continue;
      }
      std::string_view rest = script.substr(at + name.size());
      // Only assignments (`ct = "…"`, `pubtime: '…'`), not uses such as `ct.length`.
      const size_t first = rest.find_first_not_of(" \t\"'");
      if (first == std::string_view::npos || (rest[first] != '=' && rest[first] != ':')) {
        continue;
      }
      std::string date = script_value_date(assigned_value(rest));
      if (!date.empty()) {
        meta.script_dates.push_back(std::move(date));
        break;
      }
    }
  }
}

std::string epoch_to_date_utc8(int64_t epoch_seconds) {
  // Days-from-civil inverse (Howard Hinnant's algorithm), shifted to UTC+8.
  int64_t days = (epoch_seconds + 8 * 3600) / 86400;
  if ((epoch_seconds + 8 * 3600) % 86400 < 0) {
    --days;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) {
    return "";
  }
  std::string out = std::to_string(year) + "-00-00";
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

}  // namespace sheaf::parse::html
