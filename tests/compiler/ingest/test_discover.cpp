// Tests for ingest/discover.hpp: walking, kinds, skips, deterministic order, repeats.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "ingest/discover.hpp"
#include "support/catch.hpp"
#include "support/memory_filesystem.hpp"

namespace fs = std::filesystem;
using sheaf::Diagnostics;
using sheaf::InputFile;
using sheaf::InputKind;
using sheaf::Severity;

namespace {

/// "rel_path <- path" for each file, to compare whole results at a glance.
std::vector<std::string> describe(const std::vector<InputFile>& files) {
  std::vector<std::string> out;
  out.reserve(files.size());
  for (const InputFile& f : files) {
    out.push_back(f.rel_path + " <- " + f.path);
  }
  return out;
}

std::vector<std::string> codes(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) {
    out.push_back(std::string(sheaf::code_name(d.code)));
  }
  return out;
}

sheaf::MemoryFileSystem sample_tree() {
  sheaf::MemoryFileSystem mem;
  mem.add_file("corpus/news/2024/quake.txt", "q");
  mem.add_file("corpus/news/flood.TXT", "f");
  mem.add_file("corpus/feeds/day.jsonl", "{}");
  mem.add_file("corpus/feeds/list.Json", "[]");
  mem.add_file("corpus/manual.pdf", "%PDF-1.4");
  mem.add_file("corpus/.git/config.txt", "hidden dir");
  mem.add_file("corpus/news/.draft.txt", "hidden file");
  mem.add_file("extra/one.txt", "1");
  return mem;
}

}  // namespace

TEST_CASE("discover: walks directories, picks kinds by extension", "[compiler][ingest]") {
  auto mem = sample_tree();
  Diagnostics diags;
  const auto files = sheaf::discover({"corpus"}, mem, diags);

  REQUIRE(describe(files) == std::vector<std::string>{
                                 "feeds/day.jsonl <- corpus/feeds/day.jsonl",
                                 "feeds/list.Json <- corpus/feeds/list.Json",
                                 "news/2024/quake.txt <- corpus/news/2024/quake.txt",
                                 "news/flood.TXT <- corpus/news/flood.TXT",
                             });
  CHECK(files[0].kind == InputKind::jsonl);
  CHECK(files[1].kind == InputKind::json);
  CHECK(files[2].kind == InputKind::text_dump);
  CHECK(files[3].kind == InputKind::text_dump);

  // Hidden entries are skipped silently; the .pdf file is reported.
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.severity == Severity::warning);
  CHECK(d.file == "corpus/manual.pdf");
  CHECK(sheaf::code_name(d.code) == "unknown-file-type");
  CHECK(d.message ==
        "skipped: unknown file type '.pdf' (expected .html, .htm, .txt, .md, .markdown, .jsonl or "
        ".json)");
}

TEST_CASE("discover: a file argument is relative to its parent, even when hidden",
          "[compiler][ingest]") {
  auto mem = sample_tree();
  Diagnostics diags;
  const auto files =
      sheaf::discover({"corpus/news/2024/quake.txt", "corpus/news/.draft.txt"}, mem, diags);
  CHECK(describe(files) == std::vector<std::string>{
                               ".draft.txt <- corpus/news/.draft.txt",
                               "quake.txt <- corpus/news/2024/quake.txt",
                           });
  CHECK(diags.items().empty());
}

TEST_CASE("discover: the result does not depend on argument order", "[compiler][ingest]") {
  auto mem = sample_tree();
  std::vector<std::string> args = {"extra", "corpus/news", "corpus/feeds/day.jsonl"};
  std::sort(args.begin(), args.end());
  Diagnostics first_diags;
  const auto first = describe(sheaf::discover(args, mem, first_diags));
  CHECK(first == std::vector<std::string>{
                     "2024/quake.txt <- corpus/news/2024/quake.txt",
                     "day.jsonl <- corpus/feeds/day.jsonl",
                     "flood.TXT <- corpus/news/flood.TXT",
                     "one.txt <- extra/one.txt",
                 });
  while (std::next_permutation(args.begin(), args.end())) {
    Diagnostics diags;
    CHECK(describe(sheaf::discover(args, mem, diags)) == first);
  }
}

TEST_CASE("discover: the same file given twice is listed once", "[compiler][ingest]") {
  auto mem = sample_tree();
  Diagnostics diags;
  const auto files =
      sheaf::discover({"extra", "extra/one.txt", "./extra/one.txt", "extra/"}, mem, diags);
  // Sorted by (rel_path, path), so the byte-wise smallest spelling is the one kept.
  CHECK(describe(files) == std::vector<std::string>{"one.txt <- ./extra/one.txt"});
  CHECK(diags.items().empty());
}

TEST_CASE("discover: one file under two relative paths is kept once and reported",
          "[compiler][ingest]") {
  auto mem = sample_tree();
  Diagnostics diags;
  const auto files = sheaf::discover({"corpus/news", "corpus/news/2024"}, mem, diags);
  CHECK(describe(files) == std::vector<std::string>{
                               "2024/quake.txt <- corpus/news/2024/quake.txt",
                               "flood.TXT <- corpus/news/flood.TXT",
                           });
  REQUIRE(codes(diags) == std::vector<std::string>{"duplicate-input"});
  CHECK(diags.items()[0].file == "corpus/news/2024/quake.txt");
}

TEST_CASE("discover: a missing argument is an error, the others still count",
          "[compiler][ingest]") {
  auto mem = sample_tree();
  Diagnostics diags;
  const auto files = sheaf::discover({"nope", "extra"}, mem, diags);
  CHECK(files.size() == 1);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].file == "nope");
  CHECK(sheaf::code_name(diags.items()[0].code) == "missing-input");
}

TEST_CASE("discover: files without a known extension are warned about", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("in/NOTES", "n");
  mem.add_file("in/scan.pdf", "%PDF");
  Diagnostics diags;
  CHECK(sheaf::discover({"in"}, mem, diags).empty());
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].message ==
        "skipped: no file extension (expected .html, .htm, .txt, .md, .markdown, .jsonl or .json)");
  CHECK(diags.items()[1].message ==
        "skipped: unknown file type '.pdf' (expected .html, .htm, .txt, .md, .markdown, .jsonl or "
        ".json)");
}

TEST_CASE("discover: HTML and Markdown pages are inputs", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("in/a.html", "<p>");
  mem.add_file("in/b.HTM", "<p>");
  mem.add_file("in/c.md", "# c");
  Diagnostics diags;
  const auto files = sheaf::discover({"in"}, mem, diags);
  REQUIRE(files.size() == 3);
  CHECK(files[0].kind == InputKind::html);
  CHECK(files[1].kind == InputKind::html);
  CHECK(files[2].kind == InputKind::markdown);
  CHECK(diags.items().empty());
}

namespace {

/// A scratch directory for the RealFileSystem cases, removed at scope end.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "sheaf-discover-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    REQUIRE(mkdtemp(buffer.data()) != nullptr);
    root = buffer.data();
  }

  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string root;
};

}  // namespace

TEST_CASE("discover: symbolic link loops and dangling links on disk are skipped with warnings",
          "[compiler][ingest]") {
  ScratchDir tmp;
  const std::string in = tmp.root + "/in";
  fs::create_directories(in + "/sub");
  std::ofstream(in + "/sub/a.txt") << "title\nbody\n";
  fs::create_directory_symlink(in, in + "/sub/back");  // a cycle through the walk
  fs::create_symlink(in + "/missing.txt", in + "/dangling.txt");
  fs::create_symlink(in + "/self.txt", in + "/self.txt");  // ELOOP
  sheaf::RealFileSystem disk;
  Diagnostics diags;

  const auto files = sheaf::discover({in}, disk, diags);
  CHECK(describe(files) == std::vector<std::string>{"sub/a.txt <- " + in + "/sub/a.txt"});
  CHECK(codes(diags) ==
        std::vector<std::string>{"dangling-symlink", "symlink-loop", "symlink-loop"});
  CHECK(diags.error_count() == 0);

  Diagnostics arg_diags;
  CHECK(sheaf::discover({in + "/dangling.txt", in + "/self.txt"}, disk, arg_diags).empty());
  CHECK(codes(arg_diags) == std::vector<std::string>{"bad-input", "bad-input"});
  CHECK(arg_diags.error_count() == 2);
}

TEST_CASE("discover: a directory the OS refuses to list is an error", "[compiler][ingest]") {
  if (geteuid() == 0) {
    WARN("running as root, which can list anything: permission test skipped");
    return;
  }
  ScratchDir tmp;
  const std::string in = tmp.root + "/in";
  fs::create_directories(in + "/closed");
  std::ofstream(in + "/closed/a.txt") << "x";
  std::ofstream(in + "/open.txt") << "y";
  fs::permissions(in + "/closed", fs::perms::none);
  sheaf::RealFileSystem disk;
  Diagnostics diags;
  const auto files = sheaf::discover({in}, disk, diags);
  fs::permissions(in + "/closed", fs::perms::owner_all);
  CHECK(describe(files) == std::vector<std::string>{"open.txt <- " + in + "/open.txt"});
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].severity == Severity::error);
  CHECK(sheaf::code_name(diags.items()[0].code) == "unreadable-dir");
  CHECK(diags.items()[0].message == "cannot list directory: Permission denied");
}

TEST_CASE("discover: web assets in folders are listed as not articles, without a warning",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("site/index.html", "<p>x</p>");
  mem.add_file("site/css/main.CSS", "body{}");
  mem.add_file("site/js/app.js", "x");
  mem.add_file("site/img/logo.png", "PNG");
  mem.add_file("site/img/photo.JPG", "JPG");
  mem.add_file("site/feed.xyz", "?");
  Diagnostics diags;
  const sheaf::Discovery found = sheaf::discover({"site"}, mem, diags, {});
  CHECK(describe(found.files) == std::vector<std::string>{"index.html <- site/index.html"});
  CHECK(found.not_articles == std::vector<std::string>{"site/css/main.CSS", "site/img/logo.png",
                                                       "site/img/photo.JPG", "site/js/app.js"});
  // An extension that is neither an article nor a known asset is still a warning.
  REQUIRE(codes(diags) == std::vector<std::string>{"unknown-file-type"});
  CHECK(diags.items()[0].file == "site/feed.xyz");
  CHECK(sheaf::not_articles_summary(found.not_articles) ==
        "skipped 4 files that are not articles (.css 1, .jpg 1, .js 1, .png 1)");
}

TEST_CASE("discover: the not-articles summary counts by extension, most first",
          "[compiler][ingest]") {
  CHECK(sheaf::not_articles_summary({}).empty());
  CHECK(sheaf::not_articles_summary({"a/x.css"}) == "skipped 1 file that is not articles (.css 1)");
  CHECK(sheaf::not_articles_summary({"a.js", "b.CSS", "c.css", "d.png", "e.js", "f.js"}) ==
        "skipped 6 files that are not articles (.js 3, .css 2, .png 1)");
}

TEST_CASE("discover: a file named as an argument that is not an article is an error",
          "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("site/style.css", "body{}");
  mem.add_file("site/a.txt", "title\nbody");
  Diagnostics diags;
  const sheaf::Discovery found = sheaf::discover({"site/style.css", "site/a.txt"}, mem, diags, {});
  CHECK(found.files.size() == 1);
  CHECK(found.not_articles.empty());
  REQUIRE(diags.error_count() == 1);
  CHECK(sheaf::code_name(diags.items()[0].code) == "unsupported-input");
  CHECK(diags.items()[0].file == "site/style.css");
}

TEST_CASE("discover: --exclude leaves out matching files and whole folders", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("in/keep.txt", "k");
  mem.add_file("in/drafts/one.txt", "d");
  mem.add_file("in/news/drafts/two.txt", "d");
  mem.add_file("in/news/a.txt", "a");
  mem.add_file("in/news/2024/b.txt", "b");
  mem.add_file("in/broken.xyz", "?");
  sheaf::DiscoverOptions options;
  options.exclude = {"drafts/", "news/*.txt", "*.xyz"};
  Diagnostics diags;
  const sheaf::Discovery found = sheaf::discover({"in"}, mem, diags, options);
  CHECK(describe(found.files) == std::vector<std::string>{"keep.txt <- in/keep.txt",
                                                          "news/2024/b.txt <- in/news/2024/b.txt"});
  CHECK(found.excluded ==
        std::vector<std::string>{"in/broken.xyz", "in/drafts", "in/news/a.txt", "in/news/drafts"});
  CHECK(diags.items().empty());  // the excluded .xyz file is not warned about
}

TEST_CASE("discover: --exclude never drops an argument itself", "[compiler][ingest]") {
  sheaf::MemoryFileSystem mem;
  mem.add_file("in/a.txt", "a");
  sheaf::DiscoverOptions options;
  options.exclude = {"*.txt"};
  Diagnostics diags;
  const sheaf::Discovery found = sheaf::discover({"in/a.txt"}, mem, diags, options);
  CHECK(found.files.size() == 1);
  CHECK(found.excluded.empty());
}
