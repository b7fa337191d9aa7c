// Tests for diag/codes.hpp: the registry is complete in itself, and --allow's check.
#include <algorithm>
#include <iterator>
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
  d.warning("a", 0, sheaf::DiagCode::no_title, "x");
  d.warning("b", 0, sheaf::DiagCode::empty_body, "x");
  d.warning("c", 0, sheaf::DiagCode::no_title, "x");
  d.error("d", 0, sheaf::DiagCode::duplicate_id, "x");
  CHECK(d.warning_count() == 3);
  CHECK(d.warning_count({"no-title"}) == 1);
  CHECK(d.warning_count({"no-title", "empty-body"}) == 0);
  CHECK(d.warning_count({"duplicate-id"}) == 3);
}

TEST_CASE("codes: DiagCode i is entry i, and its name spells the enumerator", "[compiler][diag]") {
  struct Entry {
    sheaf::DiagCode id;
    std::string_view enumerator;
    std::string_view name;
  };

  const Entry entries[] = {
#define SHEAF_DIAGNOSTIC_CODE(id, name, severity, stage, meaning, action) \
  {sheaf::DiagCode::id, #id, name},
#include "diag/codes.def"
#undef SHEAF_DIAGNOSTIC_CODE
  };
  REQUIRE(std::size(entries) == sheaf::diagnostic_codes().size());
  for (size_t i = 0; i < std::size(entries); ++i) {
    const Entry& e = entries[i];
    INFO(std::string(e.name));
    CHECK(static_cast<size_t>(e.id) == i);
    CHECK(&sheaf::code_info(e.id) == &sheaf::diagnostic_codes()[i]);
    CHECK(sheaf::code_info(e.id).id == e.id);
    CHECK(sheaf::code_name(e.id) == e.name);
    std::string spelled(e.enumerator);
    std::replace(spelled.begin(), spelled.end(), '_', '-');
    CHECK(spelled == e.name);
  }
}

TEST_CASE("diagnostics: the printed code is the code's name", "[compiler][diag]") {
  sheaf::Diagnostics d;
  d.warning("a.html", 3, sheaf::DiagCode::unknown_file_type, "skipped: x");
  d.error("", 0, sheaf::DiagCode::write_failed, "disk full");
  CHECK(sheaf::format_diagnostic(d.items()[0]) ==
        "sheaf: warning: a.html:3: skipped: x [unknown-file-type]");
  CHECK(sheaf::format_diagnostic(d.items()[1]) == "sheaf: error: disk full [write-failed]");
}
