// Tests for ingest/ids.hpp: ids derived from relative paths.
#include "ingest/ids.hpp"
#include "support/catch.hpp"

TEST_CASE("ids: derive_id drops the extension of the last component", "[compiler][ingest]") {
  CHECK(sheaf::derive_id("news/2024/quake.txt") == "news/2024/quake");
  CHECK(sheaf::derive_id("a.tar.json") == "a.tar");
  CHECK(sheaf::derive_id("notes") == "notes");
  CHECK(sheaf::derive_id("v1.2/notes") == "v1.2/notes");
  CHECK(sheaf::derive_id("dir/.hidden") == "dir/.hidden");
}

TEST_CASE("ids: derive_record_id appends the record number", "[compiler][ingest]") {
  CHECK(sheaf::derive_record_id("feeds/a.jsonl", 12) == "feeds/a#12");
  CHECK(sheaf::derive_record_id("list.json", 1) == "list#1");
}
