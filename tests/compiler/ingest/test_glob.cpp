// Tests for ingest/glob.hpp: --exclude patterns against relative paths.
#include "ingest/glob.hpp"
#include "support/catch.hpp"

using sheaf::exclude_matches;

TEST_CASE("glob: a name without '/' matches at any depth", "[compiler][ingest]") {
  CHECK(exclude_matches("*.css", "a.css", false));
  CHECK(exclude_matches("*.css", "static/css/a.css", false));
  CHECK_FALSE(exclude_matches("*.css", "a.css.txt", false));
  CHECK(exclude_matches("drafts", "news/drafts", true));
  CHECK(exclude_matches("drafts", "drafts", false));  // a file of that name too
  CHECK_FALSE(exclude_matches("drafts", "drafts-2024", true));
  CHECK(exclude_matches("page-?.html", "x/page-1.html", false));
  CHECK(exclude_matches("[!a]*.txt", "b.txt", false));
  CHECK_FALSE(exclude_matches("[!a]*.txt", "a.txt", false));
}

TEST_CASE("glob: a pattern with '/' is anchored and '*' stays in one part", "[compiler][ingest]") {
  CHECK(exclude_matches("news/*.txt", "news/a.txt", false));
  CHECK_FALSE(exclude_matches("news/*.txt", "news/2024/a.txt", false));
  CHECK_FALSE(exclude_matches("news/*.txt", "old/news/a.txt", false));
  CHECK(exclude_matches("/news/*.txt", "news/a.txt", false));
  CHECK(exclude_matches("news//a.txt", "news/a.txt", false));
}

TEST_CASE("glob: '**' spans zero or more folders", "[compiler][ingest]") {
  CHECK(exclude_matches("news/**/*.txt", "news/a.txt", false));
  CHECK(exclude_matches("news/**/*.txt", "news/2024/05/a.txt", false));
  CHECK_FALSE(exclude_matches("news/**/*.txt", "old/news/a.txt", false));
  CHECK(exclude_matches("**/tmp/*", "tmp/x", false));
  CHECK(exclude_matches("**/tmp/*", "a/b/tmp/x", false));
  CHECK(exclude_matches("drafts/**", "drafts/a/b.txt", false));
  CHECK(exclude_matches("**/**/x.txt", "x.txt", false));
  CHECK_FALSE(exclude_matches("a/**/b", "a/x", false));
}

TEST_CASE("glob: a trailing '/' matches folders only", "[compiler][ingest]") {
  CHECK(exclude_matches("cache/", "cache", true));
  CHECK(exclude_matches("cache/", "site/cache", true));
  CHECK_FALSE(exclude_matches("cache/", "cache", false));
  CHECK(exclude_matches("site/cache/", "site/cache", true));
}

TEST_CASE("glob: unusable patterns are refused", "[compiler][ingest]") {
  CHECK_FALSE(sheaf::check_exclude_pattern("").empty());
  CHECK_FALSE(sheaf::check_exclude_pattern("//").empty());
  CHECK(sheaf::check_exclude_pattern("*.css").empty());
}
