// Tests for diag/codes.hpp: the registry is complete in itself, and --allow's check.
#include <set>
#include <string>

#include "diag/codes.hpp"
#include "support/catch.hpp"

TEST_CASE("codes: every diagnostic code is unique, kebab-case and documented", "[compiler][diag]") {
  std::set<std::string_view> seen;
  for (const sheaf::CodeInfo& c : sheaf::diagnostic_codes()) {
    INFO(std::string(c.code));
    CHECK(seen.insert(c.code).second);
    CHECK(c.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
          std::string_view::npos);
    CHECK_FALSE(c.stage.empty());
    CHECK_FALSE(c.meaning.empty());
    CHECK_FALSE(c.action.empty());
    CHECK(sheaf::find_code(c.code) == &c);
  }
  CHECK(sheaf::find_code("no-such-code") == nullptr);
}

TEST_CASE("codes: exit codes are 0 to 3, in order", "[compiler][diag]") {
  int expected = 0;
  for (const sheaf::ExitCodeInfo& e : sheaf::kExitCodes) {
    CHECK(e.value == expected++);
    CHECK_FALSE(e.meaning.empty());
  }
}

TEST_CASE("codes: only warning codes can be allowed", "[compiler][diag]") {
  CHECK(sheaf::check_allow_code("no-title").empty());
  CHECK(sheaf::check_allow_code("unknown-file-type").empty());
  CHECK(sheaf::check_allow_code("duplicate-id").find("error") != std::string::npos);
  CHECK(sheaf::check_allow_code("no-titel").find("unknown") != std::string::npos);
}

TEST_CASE("diagnostics: warning_count leaves out allowed codes", "[compiler][diag]") {
  sheaf::Diagnostics d;
  d.warning("a", 0, "no-title", "x");
  d.warning("b", 0, "empty-body", "x");
  d.warning("c", 0, "no-title", "x");
  d.error("d", 0, "duplicate-id", "x");
  CHECK(d.warning_count() == 3);
  CHECK(d.warning_count({"no-title"}) == 1);
  CHECK(d.warning_count({"no-title", "empty-body"}) == 0);
  CHECK(d.warning_count({"duplicate-id"}) == 3);
}
