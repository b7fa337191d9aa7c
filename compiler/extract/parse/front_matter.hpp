// compiler, extract stage: Markdown front matter (the YAML between the "---" fences) into
// fields. Parsed with yaml-cpp; bad YAML is reported with its line, never thrown.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/article.hpp"

namespace sheaf::parse {

/// The top-level fields of a front-matter block. Keys are lowercased.
struct FrontMatter {
  std::map<std::string, std::string> fields;  ///< scalar values ("" for `key:` with none)
  /// Values that are lists of scalars: block lists ("tags:\n  - a\n  - b") and flow lists
  /// ("[a, b]") alike. Items that are not scalars (nested lists, maps) are left out.
  std::map<std::string, std::vector<std::string>> lists;
  std::string error;        ///< "" when the block is valid YAML, else why it is not
  uint32_t error_line = 0;  ///< 1-based line of the error in the whole file, when known
};

/// Deepest nesting of lists and maps parse_front_matter() accepts: yaml-cpp parses nesting
/// by recursion, so an input with thousands of '[' would exhaust the stack.
inline constexpr int kMaxFrontMatterDepth = 64;

/// Parses `yaml`, the lines between the fences; `first_line` is the 1-based line of the file
/// it starts on (for error lines). A block that is not a map of keys, is not valid YAML, or
/// nests deeper than kMaxFrontMatterDepth sets `error`; invalid YAML still gives its plain
/// top-level "key: value" lines as fields (scraped front matter often has an unquoted colon
/// in a title). Nested maps are ignored (no article field takes one).
FrontMatter parse_front_matter(std::string_view yaml, uint32_t first_line);

/// Sets the article fields that `fm` states; they win over what the page suggests. Scalars:
/// id, title, subtitle, source, author, location, url, date (normalized to YYYY-MM-DD).
/// Categories come from the first of `categories`, `category` and `tags` that is given, as a
/// list (block or flow) or as one comma-separated scalar.
void apply_front_matter(const FrontMatter& fm, Article& a);

}  // namespace sheaf::parse
