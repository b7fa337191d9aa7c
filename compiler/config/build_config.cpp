// compiler/config: the --config settings file (see build_config.hpp), parsed with toml++
// (Debian's libtomlplusplus-dev). One table below lists every setting; parsing, merging and
// printing all go through it, so a new option is one line there.
#include "config/build_config.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

#if __has_include(<toml++/toml.hpp>)
#include <toml++/toml.hpp>  // toml++ 3.4 (Debian 13)
#else
#include <toml++/toml.h>  // toml++ 3.3 (Debian 12)
#endif

#include "diag/codes.hpp"
#include "ingest/glob.hpp"

namespace sheaf {
namespace {

enum class Kind { boolean, integer, text, path, list, path_list };

struct Setting {
  const char* table;
  const char* name;
  Kind kind;
  int64_t min = 0;  ///< integers: the option's range
  int64_t max = 0;
};

// Ranges as build's options check them (main.cpp).
const Setting kSettings[] = {
    {"build", "inputs", Kind::path_list},
    {"build", "output", Kind::path},
    {"build", "block-size", Kind::integer, 1024, int64_t{64} << 20},
    {"build", "level", Kind::integer, 1, 22},
    {"build", "dict-size", Kind::integer, 0, int64_t{16} << 20},
    {"build", "pack-dictionary", Kind::boolean},
    {"build", "threads", Kind::integer, 0, 4096},
    {"build", "strict", Kind::boolean},
    {"build", "allow", Kind::list},
    {"build", "exclude", Kind::list},
    {"build", "keep-going", Kind::boolean},
    {"build", "keep-source", Kind::boolean},
    {"build", "no-charset", Kind::boolean},
    {"build", "no-navigation", Kind::boolean},
    {"build", "no-titles", Kind::boolean},
    {"build", "search", Kind::boolean},
    {"bundle", "title", Kind::text},
    {"bundle", "language", Kind::text},
    {"bundle", "creator", Kind::text},
};

const Setting* find_setting(std::string_view table, std::string_view name) {
  for (const Setting& s : kSettings) {
    if (table == s.table && name == s.name) {
      return &s;
    }
  }
  return nullptr;
}

/// Where a setting lives in BuildOptions (uint32_t also serves `unsigned threads`).
using FieldRef =
    std::variant<bool*, uint32_t*, int*, size_t*, std::string*, std::vector<std::string>*>;

static_assert(std::is_same_v<decltype(BuildOptions::threads), uint32_t>, "see FieldRef");

FieldRef field(BuildOptions& o, std::string_view name) {
  const std::pair<const char*, FieldRef> fields[] = {{"inputs", &o.inputs},
                                                     {"output", &o.output},
                                                     {"block-size", &o.block_size},
                                                     {"level", &o.level},
                                                     {"dict-size", &o.dictionary_size},
                                                     {"pack-dictionary", &o.pack_dictionary},
                                                     {"threads", &o.threads},
                                                     {"strict", &o.strict},
                                                     {"allow", &o.allow},
                                                     {"exclude", &o.exclude},
                                                     {"keep-going", &o.keep_going},
                                                     {"keep-source", &o.keep_source},
                                                     {"no-charset", &o.no_charset},
                                                     {"no-navigation", &o.no_navigation},
                                                     {"no-titles", &o.no_titles},
                                                     {"search", &o.search},
                                                     {"title", &o.meta.title},
                                                     {"language", &o.meta.language},
                                                     {"creator", &o.meta.creator}};
  for (const auto& [n, ref] : fields) {
    if (name == n) {
      return ref;
    }
  }
  return static_cast<bool*>(nullptr);  // unreachable: every setting has a field
}

/// `relative` as seen from the folder of `config_path`; absolute paths stay as they are.
std::string relative_to_file(const std::string& config_path, const std::string& relative) {
  const size_t slash = config_path.rfind('/');
  if (relative.empty() || relative.front() == '/' || slash == std::string::npos) {
    return relative;
  }
  return config_path.substr(0, slash + 1) + relative;
}

struct Problem {
  std::string message;
  uint32_t line = 0;
};

uint32_t line_of(const toml::node& node) {
  return static_cast<uint32_t>(node.source().begin.line);
}

// The list items of `node`, strings only.
bool read_strings(const toml::node& node, std::vector<std::string>& out, Problem& problem) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    problem = {"must be an array of strings, e.g. [\"a\", \"b\"]", line_of(node)};
    return false;
  }
  for (const toml::node& item : *array) {
    const toml::value<std::string>* text = item.as_string();
    if (text == nullptr) {
      problem = {"must be an array of strings, e.g. [\"a\", \"b\"]", line_of(item)};
      return false;
    }
    out.push_back(text->get());
  }
  return true;
}

// `node` as the value of `setting`, checked. Paths are resolved against the file's folder.
bool read_value(const Setting& setting, const toml::node& node, const std::string& path,
                ConfigValue& value, Problem& problem) {
  const auto wrong = [&](const char* expected) {
    problem = {std::string("must be ") + expected, line_of(node)};
    return false;
  };
  switch (setting.kind) {
    case Kind::boolean:
      if (const auto* b = node.as_boolean()) {
        value = b->get();
        return true;
      }
      return wrong("true or false");
    case Kind::integer: {
      const auto* i = node.as_integer();
      if (i == nullptr) {
        return wrong("an integer");
      }
      if (i->get() < setting.min || i->get() > setting.max) {
        problem = {"must be between " + std::to_string(setting.min) + " and " +
                       std::to_string(setting.max),
                   line_of(node)};
        return false;
      }
      value = i->get();
      return true;
    }
    case Kind::text:
    case Kind::path:
      if (const auto* s = node.as_string()) {
        value = setting.kind == Kind::path ? relative_to_file(path, s->get()) : s->get();
        return true;
      }
      return wrong("a string");
    case Kind::list:
    case Kind::path_list:
      break;
  }
  std::vector<std::string> items;
  if (!read_strings(node, items, problem)) {
    return false;
  }
  for (std::string& item : items) {
    std::string why;
    if (setting.kind == Kind::path_list) {
      item = relative_to_file(path, item);
    } else if (std::string_view(setting.name) == "allow") {
      why = check_allow_code(item);
    } else {
      why = check_exclude_pattern(item);
    }
    if (!why.empty()) {
      problem = {why, line_of(node)};
      return false;
    }
  }
  value = std::move(items);
  return true;
}

// Reads the keys of one table; each bad key adds to `problems` and the others are still read.
void read_table(const std::string& table_name, const toml::table& table, const std::string& path,
                std::vector<ConfigEntry>& entries, std::vector<Problem>& problems) {
  for (const auto& [key, node] : table) {
    const Setting* setting = find_setting(table_name, key.str());
    const auto key_line = static_cast<uint32_t>(key.source().begin.line);
    if (setting == nullptr) {
      problems.push_back(
          {"unknown key '" + std::string(key.str()) + "' in [" + table_name + "]", key_line});
      continue;
    }
    ConfigValue value;
    Problem problem;
    if (!read_value(*setting, node, path, value, problem)) {
      problem.message = "[" + table_name + "] " + setting->name + ": " + problem.message;
      problems.push_back(std::move(problem));
      continue;
    }
    entries.push_back({setting->name, std::move(value), key_line});
  }
}

std::string toml_quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04X", u);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string toml_text(const FieldRef& ref) {
  return std::visit(
      [](auto* p) -> std::string {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, bool>) {
          return *p ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return toml_quote(*p);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string out = "[";
          for (size_t i = 0; i < p->size(); ++i) {
            out += (i == 0 ? "" : ", ") + toml_quote((*p)[i]);
          }
          return out + ']';
        } else {
          return std::to_string(*p);
        }
      },
      ref);
}

}  // namespace

ConfigFile parse_build_config(std::string_view text, const std::string& path) {
  ConfigFile out;
  out.path = path;
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    // toml++ reports syntax errors by exception; here they become the file's one error.
    out.error = "not valid TOML: " + std::string(e.description());
    out.error_line = static_cast<uint32_t>(e.source().begin.line);
    return out;
  }
  // toml++ tables iterate by key name: collect every problem and report the first in the file.
  std::vector<Problem> problems;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    const toml::table* table = node.as_table();
    const auto key_line = static_cast<uint32_t>(key.source().begin.line);
    if (name != "build" && name != "bundle") {
      problems.push_back(
          {"unknown " +
               std::string(table != nullptr ? "table [" + name + "]" : "key '" + name + "'") +
               " (settings go in [build] and [bundle])",
           key_line});
    } else if (table == nullptr) {
      problems.push_back({"'" + name + "' must be a table: [" + name + "]", key_line});
    } else {
      read_table(name, *table, path, out.entries, problems);
    }
  }
  if (!problems.empty()) {
    const auto first =
        std::min_element(problems.begin(), problems.end(),
                         [](const Problem& a, const Problem& b) { return a.line < b.line; });
    out.entries.clear();
    out.error = first->message;
    out.error_line = first->line;
  }
  return out;
}

ConfigFile load_build_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) {
    text << in.rdbuf();
  }
  if (!in || in.bad()) {
    ConfigFile out;
    out.path = path;
    out.error = "cannot read the --config file";
    return out;
  }
  return parse_build_config(text.str(), path);
}

void merge_build_config(const ConfigFile& file, const std::set<std::string>& given,
                        BuildOptions& options, std::map<std::string, SettingOrigin>& origins) {
  for (const Setting& s : kSettings) {
    origins[s.name] =
        given.count(s.name) != 0 ? SettingOrigin::command_line : SettingOrigin::default_value;
  }
  for (const ConfigEntry& e : file.entries) {
    if (given.count(e.name) != 0) {
      continue;  // the command line wins
    }
    origins[e.name] = SettingOrigin::file;
    std::visit(
        [&](auto* target) {
          using T = std::remove_pointer_t<decltype(target)>;
          if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string> ||
                        std::is_same_v<T, std::vector<std::string>>) {
            *target = std::get<T>(e.value);
          } else {
            *target = static_cast<T>(std::get<int64_t>(e.value));  // range checked on parse
          }
        },
        field(options, e.name));
  }
}

std::string format_build_config(const BuildOptions& options,
                                const std::map<std::string, SettingOrigin>& origins) {
  BuildOptions copy = options;  // field() hands out pointers for writing; read a copy
  std::string out =
      "# sheaf build: the settings in effect; each line says where its value came from\n";
  std::string table;
  for (const Setting& s : kSettings) {
    if (table != s.table) {
      table = s.table;
      out += "\n[" + table + "]\n";
    }
    const auto it = origins.find(s.name);
    const SettingOrigin origin = it == origins.end() ? SettingOrigin::default_value : it->second;
    const char* from = origin == SettingOrigin::command_line ? "command line"
                       : origin == SettingOrigin::file       ? "file"
                                                             : "default";
    out += std::string(s.name) + " = " + toml_text(field(copy, s.name)) + "  # " + from + '\n';
  }
  return out;
}

std::vector<std::string> build_setting_names() {
  std::vector<std::string> names;
  for (const Setting& s : kSettings) {
    names.emplace_back(s.name);
  }
  return names;
}

}  // namespace sheaf
