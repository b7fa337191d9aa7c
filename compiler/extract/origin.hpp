// compiler/extract: where to point a diagnostic about a Document, from its origin string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sheaf {

/// A Document's origin as a diagnostic's file and line.
struct OriginLocation {
  std::string file;
  uint64_t line = 0;  ///< 0 when the origin names no line
};

/// Splits an origin (model/article.hpp) at a trailing ":LINE" of decimal digits:
/// "feeds/a.jsonl:12" -> {"feeds/a.jsonl", 12}; "a.txt" -> {"a.txt", 0};
/// "list.json:#3" -> {"list.json:#3", 0} (an array index is not a line).
OriginLocation split_origin(std::string_view origin);

}  // namespace sheaf
