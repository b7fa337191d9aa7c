// compiler, extract stage: front matter through yaml-cpp (Debian's libyaml-cpp-dev), which
// reads all of YAML 1.2's block and flow forms; this file only keeps what articles use.
#include "extract/parse/front_matter.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "extract/fields/line_fields.hpp"
#include "extract/text/clean.hpp"

namespace sheaf::parse {
namespace {

// An upper bound of the nesting depth of `yaml`: open flow brackets, plus, on each line, the
// indentation and the "- " / "? " entries that open a node on that line. Cheap, and never
// below the real depth, so it can guard the recursive parser.
int nesting_bound(std::string_view yaml) {
  int flow = 0;
  int deepest = 0;
  size_t start = 0;
  while (start < yaml.size()) {
    size_t end = yaml.find('\n', start);
    end = end == std::string_view::npos ? yaml.size() : end;
    int block = 0;
    size_t i = start;
    while (i < end && (yaml[i] == ' ' || yaml[i] == '-' || yaml[i] == '?' || yaml[i] == '\t')) {
      ++block;
      ++i;
    }
    for (; i < end; ++i) {
      flow += (yaml[i] == '[' || yaml[i] == '{') ? 1 : 0;
      flow -= (flow > 0 && (yaml[i] == ']' || yaml[i] == '}')) ? 1 : 0;
      deepest = std::max(deepest, block + flow);
    }
    deepest = std::max(deepest, block + flow);
    start = end + 1;
  }
  return deepest;
}

std::string lowercase(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

void read_fields(const YAML::Node& root, FrontMatter& out) {
  for (const auto& entry : root) {
    if (!entry.first.IsScalar()) {
      continue;  // a complex key ("? [a, b]"): no article field is named so
    }
    std::string key = lowercase(entry.first.Scalar());
    const YAML::Node& value = entry.second;
    if (value.IsScalar()) {
      out.fields.emplace(std::move(key), value.Scalar());
    } else if (value.IsNull()) {
      out.fields.emplace(std::move(key), std::string());
    } else if (value.IsSequence()) {
      std::vector<std::string> items;
      for (const YAML::Node& item : value) {
        if (item.IsScalar()) {
          items.push_back(item.Scalar());
        }
      }
      out.lists.emplace(std::move(key), std::move(items));
    }
  }
}

// What is readable in a block that is not valid YAML: its top-level "key: value" lines, quotes
// around a value removed ("title: Re: the plan" is not YAML, but its meaning is plain).
void read_plain_lines(std::string_view yaml, FrontMatter& out) {
  size_t start = 0;
  while (start < yaml.size()) {
    size_t end = yaml.find('\n', start);
    end = end == std::string_view::npos ? yaml.size() : end;
    const std::string_view raw = yaml.substr(start, end - start);
    start = end + 1;
    const std::string_view line = text::trim_line_blanks(raw);
    const size_t colon = line.find(':');
    if (raw.empty() || raw.front() == ' ' || raw.front() == '\t' || raw.front() == '-' ||
        colon == std::string_view::npos || colon == 0) {
      continue;  // nested or list lines: their structure is what failed to parse
    }
    std::string_view value = text::trim_line_blanks(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    out.fields.emplace(lowercase(std::string(text::trim_line_blanks(line.substr(0, colon)))),
                       std::string(value));
  }
}

// "a, b" (a plain comma list in one scalar) to its items.
std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = list.find(',', start);
    items.push_back(list.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return items;
}

// The categories `fm` gives under `key`, cleaned; empty when it gives none there.
std::vector<std::string> categories_under(const FrontMatter& fm, const char* key) {
  std::vector<std::string> raw;
  if (const auto list = fm.lists.find(key); list != fm.lists.end()) {
    raw = list->second;
  } else if (const auto text = fm.fields.find(key); text != fm.fields.end()) {
    raw = split_commas(text->second);
  }
  std::vector<std::string> out;
  for (const std::string& item : raw) {
    if (std::string cleaned = text::clean_line(item); !cleaned.empty()) {
      out.push_back(std::move(cleaned));
    }
  }
  return out;
}

}  // namespace

void apply_front_matter(const FrontMatter& fm, Article& a) {
  const auto get = [&](const char* key) {
    const auto it = fm.fields.find(key);
    return it == fm.fields.end() ? std::string() : text::clean_line(it->second);
  };
  const std::pair<const char*, std::string*> strings[] = {
      {"id", &a.id},         {"title", &a.title},   {"subtitle", &a.subtitle},
      {"source", &a.source}, {"author", &a.author}, {"location", &a.location},
      {"url", &a.url}};
  for (const auto& [key, field] : strings) {
    if (std::string v = get(key); !v.empty()) {
      *field = std::move(v);
    }
  }
  if (std::string date = fields::normalize_date(get("date")); !date.empty()) {
    a.date = std::move(date);
  }
  for (const char* key : {"categories", "category", "tags"}) {
    if (std::vector<std::string> list = categories_under(fm, key); !list.empty()) {
      a.categories = std::move(list);
      return;
    }
  }
}

FrontMatter parse_front_matter(std::string_view yaml, uint32_t first_line) {
  FrontMatter out;
  if (nesting_bound(yaml) > kMaxFrontMatterDepth) {
    out.error = "front matter nests lists or maps more than " +
                std::to_string(kMaxFrontMatterDepth) + " deep";
    out.error_line = first_line;
    return out;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) {
      return out;  // "---\n---": an empty block
    }
    if (!root.IsMap()) {
      out.error = "front matter is not a list of `key: value` fields";
      out.error_line = first_line;
      return out;
    }
    read_fields(root, out);
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports in exceptions; a bad block is a diagnostic, not a failure.
    out = FrontMatter();
    out.error = "front matter is not valid YAML (" + e.msg + "); read as plain `key: value` lines";
    out.error_line =
        e.mark.is_null() ? first_line : first_line + static_cast<uint32_t>(e.mark.line);
    read_plain_lines(yaml, out);
  }
  return out;
}

}  // namespace sheaf::parse
