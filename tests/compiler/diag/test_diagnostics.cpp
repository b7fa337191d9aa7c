// Tests for diag/diagnostics.hpp: storage shared by runs of diagnostics, moving them in order.
#include "diag/diagnostics.hpp"
#include "support/catch.hpp"

TEST_CASE("diagnostics: a run about one file, with one message, holds each once",
          "[compiler][diag]") {
  sheaf::Diagnostics d;
  d.warning("dir/records.jsonl", 1, sheaf::DiagCode::no_title, "no title found");
  d.warning("dir/records.jsonl", 2, sheaf::DiagCode::no_title, "no title found");
  d.error("dir/other.jsonl", 3, sheaf::DiagCode::duplicate_id, "duplicate id 'x'");
  REQUIRE(d.items().size() == 3);
  CHECK(&d.items()[0].file.str() == &d.items()[1].file.str());
  CHECK(&d.items()[0].message.str() == &d.items()[1].message.str());
  CHECK(d.items()[2].file == "dir/other.jsonl");
  CHECK(sheaf::format_diagnostic(d.items()[1]) ==
        "sheaf: warning: dir/records.jsonl:2: no title found [no-title]");
  CHECK(sizeof(sheaf::Diagnostic) <= 48);
}

TEST_CASE("diagnostics: move_front moves the first ones, in order, with their counts",
          "[compiler][diag]") {
  sheaf::Diagnostics from;
  from.warning("a", 1, sheaf::DiagCode::no_title, "one");
  from.error("a", 2, sheaf::DiagCode::empty_id, "two");
  from.warning("b", 3, sheaf::DiagCode::no_title, "three");
  sheaf::Diagnostics to;
  to.warning("first", 0, sheaf::DiagCode::bad_field, "already here");
  to.move_front(from, 2);
  CHECK(to.items().size() == 3);
  CHECK(to.error_count() == 1);
  CHECK(to.items()[2].message == "two");
  CHECK(from.items().size() == 1);
  CHECK(from.error_count() == 0);
  to.move_front(from, 5);  // more than it holds: all
  CHECK(to.items().back().file == "b");
  CHECK(from.items().empty());
}
