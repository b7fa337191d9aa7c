// compiler/extract: origin -> diagnostic location (see origin.hpp).
#include "extract/origin.hpp"

namespace sheaf {

OriginLocation split_origin(std::string_view origin) {
  const size_t colon = origin.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == origin.size() ||
      origin.size() - colon - 1 > 19) {  // more digits than a uint64_t holds: not a line
    return {std::string(origin), 0};
  }
  uint64_t line = 0;
  for (const char c : origin.substr(colon + 1)) {
    if (c < '0' || c > '9') {
      return {std::string(origin), 0};
    }
    line = line * 10 + static_cast<uint64_t>(c - '0');
  }
  return {std::string(origin.substr(0, colon)), line};
}

}  // namespace sheaf
