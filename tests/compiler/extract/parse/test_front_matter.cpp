// tests/compiler/extract: front matter (extract/parse/front_matter.hpp): YAML forms, errors with
// their line, the nesting guard, and what reaches the article.
#include <string>

#include "extract/parse/front_matter.hpp"
#include "support/catch.hpp"

using sheaf::parse::FrontMatter;
using sheaf::parse::parse_front_matter;
using Strings = std::vector<std::string>;

TEST_CASE("front matter: block lists and flow lists both read", "[compiler][extract]") {
  const FrontMatter fm = parse_front_matter(
      "Title: \"Quoted: with colon\"\ntags:\n  - alpha\n  - 'beta gamma'\n"
      "categories: [news, \"local\"]\nempty:\n",
      2);
  CHECK(fm.error.empty());
  CHECK(fm.fields.at("title") == "Quoted: with colon");
  CHECK(fm.lists.at("tags") == Strings{"alpha", "beta gamma"});
  CHECK(fm.lists.at("categories") == Strings{"news", "local"});
  CHECK(fm.fields.at("empty").empty());
}

TEST_CASE("front matter: list items that are not scalars are left out", "[compiler][extract]") {
  const FrontMatter fm = parse_front_matter("tags:\n  - a\n  - [b, c]\n  - k: v\n  - d\n", 2);
  CHECK(fm.error.empty());
  CHECK(fm.lists.at("tags") == Strings{"a", "d"});
}

TEST_CASE("front matter: malformed YAML names its line and keeps plain key lines",
          "[compiler][extract]") {
  // Line 1 of the file is the opening fence, so the block starts on line 2: the bad first
  // line of the block is line 2 of the file.
  const FrontMatter fm = parse_front_matter("title: Re: the plan\ndate: 2024-01-02\n", 2);
  CHECK_FALSE(fm.error.empty());
  CHECK(fm.error_line == 2);
  CHECK(fm.fields.at("title") == "Re: the plan");
  CHECK(fm.fields.at("date") == "2024-01-02");

  const FrontMatter unclosed = parse_front_matter("a: 1\nb: 2\ntags: [x, y\n", 2);
  CHECK(unclosed.error.find("not valid YAML") != std::string::npos);
  CHECK(unclosed.error_line >= 4);
  CHECK(unclosed.fields.at("a") == "1");
}

TEST_CASE("front matter: a block that is not a map is an error", "[compiler][extract]") {
  const FrontMatter fm = parse_front_matter("- just\n- a list\n", 2);
  CHECK_FALSE(fm.error.empty());
  CHECK(fm.error_line == 2);
  CHECK(fm.fields.empty());
  CHECK(parse_front_matter("", 2).error.empty());
}

TEST_CASE("front matter: deep nesting is refused before the parser recurses",
          "[compiler][extract]") {
  const std::string deep = "a: " + std::string(100000, '[') + "\n";
  const FrontMatter fm = parse_front_matter(deep, 2);
  CHECK(fm.error.find("nests") != std::string::npos);
  std::string block = "a:\n";
  for (int i = 0; i < 200; ++i) {
    block += std::string(static_cast<size_t>(i) + 1, ' ') + "- x\n";
  }
  CHECK_FALSE(parse_front_matter(block, 2).error.empty());
  CHECK(parse_front_matter("a: [[1, 2], [3]]\n", 2).error.empty());
}

TEST_CASE("front matter: fields reach the article, categories before category before tags",
          "[compiler][extract]") {
  sheaf::Article a;
  a.title = "From the body";
  sheaf::parse::apply_front_matter(
      parse_front_matter("title: From the front\ndate: 2024年6月3日\ntags:\n  - t1\n  - t2\n", 2),
      a);
  CHECK(a.title == "From the front");
  CHECK(a.date == "2024-06-03");
  CHECK(a.categories == Strings{"t1", "t2"});

  sheaf::Article b;
  sheaf::parse::apply_front_matter(parse_front_matter("category: one, two\ntags: [t]\n", 2), b);
  CHECK(b.categories == Strings{"one", "two"});
}
