// compiler/ingest: lookups in the input type table (see input_types.hpp).
#include "ingest/input_types.hpp"

namespace sheaf {
namespace {

char to_lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (to_lower_ascii(a[i]) != lower[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

const InputType* input_type_of(std::string_view file_name) {
  const size_t slash = file_name.rfind('/');
  const size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot <= name_start) {
    return nullptr;  // a leading dot is not an extension
  }
  const std::string_view extension = file_name.substr(dot);
  for (const InputType& type : kInputTypes) {
    if (equals_ignoring_case(extension, type.extension)) {
      return &type;
    }
  }
  return nullptr;
}

DocumentFormat document_format(InputKind kind) {
  for (const InputType& type : kInputTypes) {
    if (type.kind == kind) {
      return type.document;
    }
  }
  return DocumentFormat::text_dump;  // unreachable: every kind has a row (test_input_types)
}

std::string input_extensions(std::string_view separator) {
  std::string out;
  for (const InputType& type : kInputTypes) {
    if (!out.empty()) {
      out += separator;
    }
    out += type.extension;
  }
  return out;
}

std::string input_types_help() {
  std::string out;
  for (const InputType& type : kInputTypes) {
    std::string line = "  " + std::string(type.extension);
    line.resize(13, ' ');
    out += line + std::string(type.description) + "\n";
  }
  return out;
}

}  // namespace sheaf
