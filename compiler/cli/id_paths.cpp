// compiler, CLI: article id -> file name (see id_paths.hpp).
#include "cli/id_paths.hpp"

#include <cstdio>

namespace sheaf::cli {
namespace {

// One path segment of an article id, percent-encoded so that it is a plain file name:
// '%', '\\' and control bytes become %XX, and the segments "", "." and ".." cannot occur.
// Injective: different ids never share a file.
std::string encode_segment(const std::string& seg) {
  if (seg.empty()) {
    return "%";  // a lone '%' never appears otherwise: every real '%' becomes "%25"
  }
  if (seg == "." || seg == "..") {
    return seg == "." ? "%2E" : "%2E%2E";
  }
  std::string out;
  for (char c : seg) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '%' || c == '\\') {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string safe_relative_path(const std::string& path) {
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t slash = path.find('/', start);
    out += encode_segment(path.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos) {
      return out;
    }
    out += '/';
    start = slash + 1;
  }
}

std::string file_name_for_id(const std::string& id) {
  return safe_relative_path(id) + ".json";
}

}  // namespace sheaf::cli
