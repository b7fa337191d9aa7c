// Tests for ingest/ingest.hpp: reading, decoding and parsing input files in memory.
#include <string>
#include <vector>

#include "ingest/ingest.hpp"
#include "support/catch.hpp"
#include "support/memory_filesystem.hpp"

using sheaf::Diagnostics;
using sheaf::DocumentFormat;
using sheaf::InputFile;
using sheaf::InputKind;

TEST_CASE("ingest: a text dump becomes one document with LF line ends", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("in/news/quake.txt",
               "\xEF\xBB\xBFTitle\r\n\r\n\xE3\x80\x80\xE3\x80\x80"
               "Body\r");
  Diagnostics diags;
  const auto docs =
      sheaf::ingest({{"in/news/quake.txt", "news/quake.txt", InputKind::text_dump}}, mem, diags);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].format == DocumentFormat::text_dump);
  CHECK(docs[0].origin == "in/news/quake.txt");
  CHECK(docs[0].id == "news/quake");
  CHECK(docs[0].text ==
        "Title\n\n\xE3\x80\x80\xE3\x80\x80"
        "Body\n");
  CHECK(diags.items().empty());
}

TEST_CASE("ingest: documents come out in input order, records in file order",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("a.jsonl", "{\"title\": \"r1\"}\n{\"title\": \"r2\"}\n");
  mem.add_file("b.txt", "dump");
  mem.add_file("c.json", "[{\"title\": \"j1\"}]");
  Diagnostics diags;
  const std::vector<InputFile> files = {{"a.jsonl", "a.jsonl", InputKind::jsonl},
                                        {"b.txt", "b.txt", InputKind::text_dump},
                                        {"c.json", "c.json", InputKind::json}};
  const auto docs = sheaf::ingest(files, mem, diags);
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].origin == "a.jsonl:1");
  CHECK(docs[1].origin == "a.jsonl:2");
  CHECK(docs[2].origin == "b.txt");
  CHECK(docs[3].origin == "c.json:#1");
  CHECK(diags.items().empty());
}

TEST_CASE("ingest: read errors name the file and the OS reason", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_unreadable_file("in/locked.txt", "Permission denied");
  mem.add_file("in/ok.txt", "fine");
  Diagnostics diags;
  const auto docs = sheaf::ingest({{"in/locked.txt", "locked.txt", InputKind::text_dump},
                                   {"in/ok.txt", "ok.txt", InputKind::text_dump}},
                                  mem, diags);
  CHECK(docs.size() == 1);
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.severity == sheaf::Severity::error);
  CHECK(sheaf::code_name(d.code) == "read-error");
  CHECK(d.file == "in/locked.txt");
  CHECK(d.message == "cannot open file: Permission denied");
}

TEST_CASE("ingest: empty and whitespace-only files are warned about, not turned into documents",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("empty.txt", "");
  mem.add_file("bom.jsonl", "\xEF\xBB\xBF");
  mem.add_file("blank.json", " \n\t\n");
  Diagnostics diags;
  const auto docs = sheaf::ingest({{"empty.txt", "empty.txt", InputKind::text_dump},
                                   {"bom.jsonl", "bom.jsonl", InputKind::jsonl},
                                   {"blank.json", "blank.json", InputKind::json}},
                                  mem, diags);
  CHECK(docs.empty());
  REQUIRE(diags.items().size() == 3);
  for (const auto& d : diags.items()) {
    CHECK(d.severity == sheaf::Severity::warning);
    CHECK(sheaf::code_name(d.code) == "empty-file");
  }
  CHECK(diags.items()[0].message == "empty file");
  CHECK(diags.items()[2].message == "file has only whitespace");
}

TEST_CASE("ingest: invalid UTF-8 in a JSONL file is repaired before parsing",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("f.jsonl", "{\"title\": \"ok\"}\n{\"title\": \"bad \xC3\"}\n");
  Diagnostics diags;
  const auto docs = sheaf::ingest({{"f.jsonl", "f.jsonl", InputKind::jsonl}}, mem, diags);
  REQUIRE(docs.size() == 2);
  CHECK(docs[1].fields.title == "bad \xEF\xBF\xBD");
  REQUIRE(diags.items().size() == 1);
  CHECK(sheaf::code_name(diags.items()[0].code) == "invalid-utf8");
  CHECK(diags.items()[0].line == 2);
}
