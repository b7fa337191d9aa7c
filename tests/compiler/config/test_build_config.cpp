// Tests for config/build_config.hpp: the --config file's keys, types and ranges, errors with
// their line, paths relative to the file, the command line winning, and --print-config.
#include <map>
#include <set>
#include <string>

#include "config/build_config.hpp"
#include "support/catch.hpp"

using sheaf::BuildOptions;
using sheaf::ConfigFile;
using sheaf::parse_build_config;
using sheaf::SettingOrigin;
using Strings = std::vector<std::string>;

namespace {

BuildOptions merged(const ConfigFile& file, const std::set<std::string>& given,
                    BuildOptions options = {}) {
  std::map<std::string, SettingOrigin> origins;
  sheaf::merge_build_config(file, given, options, origins);
  return options;
}

}  // namespace

TEST_CASE("config: every [build] and [bundle] key is read", "[compiler][config]") {
  const ConfigFile file = parse_build_config(
      "[build]\ninputs = [\"articles\", \"/abs/more\"]\noutput = \"out/news.sheaf\"\n"
      "block-size = 16384\nlevel = 12\ndict-size = 0\npack-dictionary = true\nthreads = 2\n"
      "strict = true\nallow = [\"no-title\", \"empty-body\"]\nexclude = [\"*.css\", \"drafts/\"]\n"
      "keep-going = true\nkeep-source = true\n\n"
      "[bundle]\ntitle = \"新闻\"\nlanguage = \"zh-CN\"\ncreator = \"CI\"\n",
      "conf/sheaf.toml");
  REQUIRE(file.error.empty());
  const BuildOptions o = merged(file, {});
  CHECK(o.inputs == Strings{"conf/articles", "/abs/more"});  // relative to the file's folder
  CHECK(o.output == "conf/out/news.sheaf");
  CHECK(o.block_size == 16384);
  CHECK(o.level == 12);
  CHECK(o.dictionary_size == 0);
  CHECK(o.pack_dictionary);
  CHECK(o.threads == 2);
  CHECK(o.strict);
  CHECK(o.allow == Strings{"no-title", "empty-body"});
  CHECK(o.exclude == Strings{"*.css", "drafts/"});
  CHECK(o.keep_going);
  CHECK(o.keep_source);
  CHECK(o.meta.title == "新闻");
  CHECK(o.meta.language == "zh-CN");
  CHECK(o.meta.creator == "CI");
}

TEST_CASE("config: a file in the current folder keeps paths as written", "[compiler][config]") {
  const ConfigFile file = parse_build_config("[build]\ninputs = [\"a\"]\n", "sheaf.toml");
  REQUIRE(file.error.empty());
  CHECK(merged(file, {}).inputs == Strings{"a"});
}

TEST_CASE("config: errors name the line and the key", "[compiler][config]") {
  struct Case {
    const char* text;
    uint32_t line;
    const char* says;
  };

  const Case cases[] = {
      {"[build]\nlevel = 3\nblok-size = 4096\n", 3, "unknown key 'blok-size' in [build]"},
      {"[bundle]\ntitle = \"x\"\nlevel = 3\n", 3, "unknown key 'level' in [bundle]"},
      {"[bild]\nlevel = 3\n", 1, "unknown table [bild]"},
      {"level = 3\n", 1, "unknown key 'level'"},
      {"build = 3\n", 1, "'build' must be a table"},
      {"[build]\n\nlevel = 23\n", 3, "[build] level: must be between 1 and 22"},
      {"[build]\nblock-size = 512\n", 2, "between 1024 and"},
      {"[build]\nstrict = \"yes\"\n", 2, "[build] strict: must be true or false"},
      {"[build]\nlevel = \"3\"\n", 2, "must be an integer"},
      {"[build]\ninputs = \"a\"\n", 2, "must be an array of strings"},
      {"[build]\nexclude = [\"a\", 3]\n", 2, "must be an array of strings"},
      {"[build]\nallow = [\"nope\"]\n", 2, "unknown diagnostic code 'nope'"},
      {"[build]\nallow = [\"duplicate-id\"]\n", 2, "is an error, not a warning"},
      {"[build]\nexclude = [\"\"]\n", 2, "empty --exclude pattern"},
      {"[build]\nlevel = 3\n[build\n", 3, "not valid TOML"},
      {"[build]\nlevel = 3\nlevel = 4\n", 3, "not valid TOML"},
      // Two problems: the first in the file is reported, whatever the key order.
      {"[build]\nzz-unknown = 1\nlevel = 99\n", 2, "unknown key 'zz-unknown'"},
      {"[bundle]\ntitle = 5\n[build]\naa = 1\n", 2, "[bundle] title: must be a string"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const ConfigFile file = parse_build_config(c.text, "dir/sheaf.toml");
    CHECK(file.path == "dir/sheaf.toml");
    CHECK(file.error_line == c.line);
    CHECK(file.error.find(c.says) != std::string::npos);
    CHECK(file.entries.empty());
  }
}

TEST_CASE("config: the command line wins over the file, the file over defaults",
          "[compiler][config]") {
  const ConfigFile file = parse_build_config(
      "[build]\nlevel = 5\nexclude = [\"*.css\"]\n[bundle]\ntitle = \"F\"\n", "sheaf.toml");
  REQUIRE(file.error.empty());
  BuildOptions cli;
  cli.level = 9;
  cli.meta.title = "C";
  std::map<std::string, SettingOrigin> origins;
  sheaf::merge_build_config(file, {"level"}, cli, origins);
  CHECK(cli.level == 9);                   // given on the command line
  CHECK(cli.exclude == Strings{"*.css"});  // from the file
  CHECK(cli.meta.title == "F");            // not given on the command line: the file's
  CHECK(origins.at("level") == SettingOrigin::command_line);
  CHECK(origins.at("exclude") == SettingOrigin::file);
  CHECK(origins.at("block-size") == SettingOrigin::default_value);
  CHECK(origins.size() == sheaf::build_setting_names().size());
}

TEST_CASE("config: --print-config output is TOML that reads back the same", "[compiler][config]") {
  BuildOptions o;
  o.inputs = {"a dir", "b\"quoted\""};
  o.output = "out.sheaf";
  o.level = 7;
  o.allow = {"no-title"};
  o.meta.title = "Line\twith tab";
  std::map<std::string, SettingOrigin> origins = {{"level", SettingOrigin::command_line},
                                                  {"inputs", SettingOrigin::file}};
  const std::string text = sheaf::format_build_config(o, origins);
  CHECK(text.find("level = 7  # command line\n") != std::string::npos);
  CHECK(text.find("inputs = [\"a dir\", \"b\\\"quoted\\\"\"]  # file\n") != std::string::npos);
  CHECK(text.find("block-size = 8192  # default\n") != std::string::npos);
  CHECK(text.find("[bundle]\n") != std::string::npos);

  const ConfigFile back = parse_build_config(text, "printed.toml");
  REQUIRE(back.error.empty());
  const BuildOptions again = merged(back, {});
  CHECK(again.inputs == o.inputs);
  CHECK(again.level == 7);
  CHECK(again.allow == o.allow);
  CHECK(again.meta.title == o.meta.title);
  CHECK(again.block_size == o.block_size);
}
