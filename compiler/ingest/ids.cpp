// compiler/ingest: path-derived ids (see ids.hpp).
#include "ingest/ids.hpp"

namespace sheaf {

std::string derive_id(const std::string& rel_path) {
  const size_t slash = rel_path.rfind('/');
  const size_t name_start = slash == std::string::npos ? 0 : slash + 1;
  const size_t dot = rel_path.rfind('.');
  if (dot == std::string::npos || dot <= name_start) {
    return rel_path;
  }
  return rel_path.substr(0, dot);
}

std::string derive_record_id(const std::string& rel_path, uint64_t number) {
  return derive_id(rel_path) + '#' + std::to_string(number);
}

}  // namespace sheaf
