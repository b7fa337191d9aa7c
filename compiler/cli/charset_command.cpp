// compiler, CLI: `sheaf charset`, the code points a bundle's articles show, for subsetting a
// display font (SPEC: "Charset section").
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/open_bundle.hpp"
#include "index/charset_table.hpp"
#include "ingest/utf8.hpp"

namespace sheaf::cli {
namespace {

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

// The set as ascending ranges of adjacent code points.
Ranges ranges_of(const Charset& c) {
  Ranges out;
  for (Result<uint32_t> cp = c.next(0); cp.ok(); cp = c.next(cp.value() + 1)) {
    if (!out.empty() && out.back().second + 1 == cp.value()) {
      out.back().second = cp.value();
    } else {
      out.emplace_back(cp.value(), cp.value());
    }
  }
  return out;
}

// A bundle without a CHARSET section: every article read, as `build` would have counted them.
bool scan_articles(OpenBundle& ob, Ranges& out) {
  std::fprintf(stderr,
               "sheaf: note: %s has no CHARSET section (built before format 2.1, or with "
               "--no-charset): reading its %u articles to find the code points\n",
               ob.path().c_str(), ob.bundle().size());
  if (!ob.init_decoder()) {
    return false;
  }
  CodePointSet set;
  for (uint32_t i = 0; i < ob.bundle().size(); ++i) {
    const Result<Record> r = ob.read(i);
    if (!r.ok()) {
      return false;
    }
    set.add_record(r.value());
  }
  for (uint32_t k = 0; k < ob.bundle().site_count(); ++k) {
    const Result<SiteView> s = ob.bundle().site(k);
    if (!s.ok()) {
      print_error(ob.path(), "site " + std::to_string(k), s.error());
      return false;
    }
    set.add_site(s.value());
  }
  out = set.ranges();
  return true;
}

// Control characters have no glyph: the text form leaves them out (ranges and JSON keep them).
bool is_control(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

std::string hex(uint32_t cp) {
  char s[16];
  std::snprintf(s, sizeof s, "0x%04X", cp);
  return s;
}

void print_ranges(const Ranges& ranges, const std::string& format, const std::string& path,
                  bool from_section) {
  uint64_t count = 0;
  for (const auto& [first, last] : ranges) {
    count += last - first + 1;
  }
  std::string out;
  if (format == "json") {
    nlohmann::ordered_json j = {{"bundle", path},
                                {"code_points", count},
                                {"from", from_section ? "section" : "articles"},
                                {"ranges", nlohmann::json::array()}};
    for (const auto& [first, last] : ranges) {
      j["ranges"].push_back({first, last});
    }
    out = j.dump() + "\n";
  } else if (format == "ranges") {
    for (const auto& [first, last] : ranges) {
      out += (out.empty() ? "" : ",") + hex(first) + (first == last ? "" : "-" + hex(last));
    }
    out += "\n";
  } else {
    for (const auto& [first, last] : ranges) {
      for (uint32_t cp = first; cp <= last; ++cp) {
        if (!is_control(cp)) {
          append_utf8(out, cp);
        }
      }
    }
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

int run_charset(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle)) {
    return kExitFailure;
  }
  const Result<Charset> charset = ob.bundle().charset();
  Ranges ranges;
  if (charset.ok()) {
    ranges = ranges_of(charset.value());
  } else if (charset.error() != Errc::not_found) {
    print_error(ob.path(), "CHARSET section", charset.error());
    return kExitFailure;
  } else if (!scan_articles(ob, ranges)) {
    return kExitFailure;
  }
  print_ranges(ranges, command.json ? "json" : command.format, ob.path(), charset.ok());
  return kExitOk;
}

}  // namespace sheaf::cli
