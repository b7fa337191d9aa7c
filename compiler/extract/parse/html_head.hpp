// compiler, extract stage (internal): what an HTML page says about itself outside its visible
// body: <meta> pairs, JSON-LD datePublished, and publish dates assigned in inline scripts.
// Plain string scanning of attribute values and script text (never of markup).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "extract/parse/page.hpp"

namespace sheaf::parse::html {

/// Records one <meta> element: the key is its name, property or itemprop (lowercased), the
/// value its content, cleaned. The first occurrence of a key wins; "og:url" also fills
/// meta.url when no canonical link did.
void add_meta(std::string_view key, std::string_view content, PageMeta& meta);

/// Scans one inline script for publication dates: JSON-LD "datePublished" values go to
/// meta.json_ld_dates (as written) when `json_ld` is true; otherwise assignments such as
/// `var ct = "1581517074"` (WeChat: epoch seconds, read at UTC+8), `publish_time = "…"`,
/// `pubtime: '…'` go to meta.script_dates as "YYYY-MM-DD".
void scan_script(std::string_view script, bool json_ld, PageMeta& meta);

/// "YYYY-MM-DD" of `epoch_seconds` at UTC+8 (China Standard Time, the zone of the pages
/// whose scripts carry such stamps).
std::string epoch_to_date_utc8(int64_t epoch_seconds);

}  // namespace sheaf::parse::html
