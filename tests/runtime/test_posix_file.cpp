// tests/runtime: MappedFile maps files read-only, with each readahead hint, and names failures;
// prefetch_dictionary advises the dictionary section's pages.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

using sheaf::Access;
using sheaf::Errc;
using sheaf::MappedFile;

TEST_CASE("a file maps the same bytes whatever the access hint", "[runtime]") {
  const std::string path = sheaf::test::temp_path("mapped.bin");
  const std::string content = "sheaf mapped file test\n";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  for (const Access access : {Access::normal, Access::random, Access::sequential}) {
    MappedFile m;
    REQUIRE(m.open(path.c_str(), access) == Errc::ok);
    REQUIRE(m.bytes().size() == content.size());
    CHECK(std::string(reinterpret_cast<const char*>(m.bytes().data()), m.bytes().size()) ==
          content);
    MappedFile moved = std::move(m);
    CHECK(m.bytes().empty());  // NOLINT(bugprone-use-after-move): a moved-from file is empty
    CHECK(moved.bytes().size() == content.size());
  }
  std::remove(path.c_str());
}

TEST_CASE("mapping failures are values with the reason", "[runtime]") {
  MappedFile m;
  CHECK(m.open("/nonexistent/sheaf/bundle") == Errc::io_error);
  CHECK(m.error_number() == ENOENT);
  CHECK(m.open("/tmp") == Errc::io_error);
  CHECK(m.error_number() == EISDIR);
  const std::string empty = sheaf::test::temp_path("empty.bin");
  std::fclose(std::fopen(empty.c_str(), "wb"));
  CHECK(m.open(empty.c_str(), Access::random) == Errc::ok);
  CHECK(m.bytes().empty());
  std::remove(empty.c_str());
}

TEST_CASE("an open descriptor maps whole and stays the caller's", "[runtime]") {
  const std::string path = sheaf::test::temp_path("mapped-fd.bin");
  const std::string content = "mapped through a descriptor\n";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::lseek(fd, 5, SEEK_SET) == 5);  // the position does not matter: the whole file maps
  MappedFile m;
  REQUIRE(m.map(fd, Access::sequential) == Errc::ok);
  CHECK(std::string(reinterpret_cast<const char*>(m.bytes().data()), m.bytes().size()) == content);
  CHECK(::fcntl(fd, F_GETFD) != -1);  // still open
  ::close(fd);
  CHECK(m.bytes().size() == content.size());  // the mapping outlives the descriptor
  CHECK(m.map(fd) == Errc::io_error);         // closed now
  CHECK(m.error_number() == EBADF);
  std::remove(path.c_str());
}

namespace {

std::string write_temp(const std::string& name, const sheaf::test::AlignedBytes& bytes) {
  std::string path = sheaf::test::temp_path(name);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f != nullptr) {
    std::fwrite(bytes.span().data(), 1, bytes.size, f);
    std::fclose(f);
  }
  return path;
}

/// Writes `bytes` to `name` with O_DIRECT, padded with zeros to whole 4 KiB blocks (a bundle
/// ignores bytes past its size), so that no page of the file is left in the page cache (a file
/// just written through the cache cannot be evicted at once: the journal may hold its pages).
/// Empty when the file system refuses O_DIRECT (tmpfs).
std::string write_uncached(const std::string& name, const sheaf::test::AlignedBytes& bytes) {
  std::string path = sheaf::test::temp_path(name);
  const size_t padded = (bytes.size + 4095) / 4096 * 4096;
  void* block = nullptr;
  if (::posix_memalign(&block, 4096, padded) != 0) {
    return {};
  }
  std::memset(block, 0, padded);
  std::memcpy(block, bytes.span().data(), bytes.size);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0600);
  bool ok = fd >= 0 && ::write(fd, block, padded) == static_cast<ssize_t>(padded);
  ok = fd >= 0 && ::close(fd) == 0 && ok;
  std::free(block);
  if (!ok) {
    std::remove(path.c_str());
    return {};
  }
  return path;
}

/// How many of the pages of `m` in [offset, offset + size) are in the page cache.
size_t resident_pages(const MappedFile& m, size_t offset, size_t size) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t first = offset / page;
  const size_t end = (offset + size + page - 1) / page;
  std::vector<unsigned char> v(end - first);
  auto* base = const_cast<uint8_t*>(m.bytes().data()) + first * page;
  if (::mincore(base, (end - first) * page, v.data()) != 0) {
    return 0;
  }
  size_t n = 0;
  for (const unsigned char c : v) {
    n += c & 1U;
  }
  return n;
}

}  // namespace

TEST_CASE("prefetch_dictionary and prefetch_lookup_tables advise exactly their sections",
          "[runtime]") {
  const sheaf::test::AlignedBytes& small = sheaf::test::Bundles::get().small;
  REQUIRE(small.size > 0);
  std::string path = write_uncached("prefetch.sheaf", small);
  const bool uncached = !path.empty();
  if (!uncached) {
    path = write_temp("prefetch.sheaf", small);
  }
  MappedFile m;
  REQUIRE(m.open(path.c_str(), Access::random) == Errc::ok);
  const sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(m.bytes());
  REQUIRE(b.ok());
  // The dictionary section (kind 2, stored as is) as the section table states it.
  size_t offset = 0;  // the file is mapped: its offsets fit size_t
  size_t size = 0;
  for (uint32_t k = 0; k < b.value().section_count(); ++k) {
    const sheaf::Result<sheaf::SectionEntry> s = b.value().section(k);
    REQUIRE(s.ok());
    if (s.value().kind == static_cast<uint32_t>(sheaf::format::SectionKind::dictionary)) {
      offset = static_cast<size_t>(s.value().offset);
      size = static_cast<size_t>(s.value().size);
    }
  }
  REQUIRE(size > 0);
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));

  // Written around the page cache where the file system allows it, so that the prefetch's
  // reads show.
  const bool evicted = uncached && resident_pages(m, offset, size) == 0;

  const sheaf::MappedRange r = sheaf::prefetch_dictionary(m, b.value());
  CHECK(r.offset % page == 0);
  CHECK(r.offset == offset / page * page);
  CHECK(r.offset + r.size == offset + size);
  CHECK(r.offset + page > offset);  // widened by less than a page

  if (evicted) {
    // MADV_WILLNEED starts the reads without waiting: give them up to two seconds.
    const size_t want = (offset + size + page - 1) / page - offset / page;
    size_t got = 0;
    for (int k = 0; k < 200 && got < want; ++k) {
      got = resident_pages(m, offset, size);
      if (got < want) {
        ::usleep(10000);
      }
    }
    CHECK(got == want);
  } else {
    WARN("no O_DIRECT here (tmpfs?): the prefetch's reads were not observed");
  }

  // The lookup tables: the dictionary, and the index around its article table.
  const sheaf::LookupPrefetch l = sheaf::prefetch_lookup_tables(m, b.value());
  CHECK(l.dictionary.offset == r.offset);
  CHECK(l.dictionary.size == r.size);
  const size_t index_at = static_cast<size_t>(b.value().index_bytes().data() - m.bytes().data());
  const size_t index_end = index_at + b.value().index_bytes().size();
  const sheaf::ByteSpan table = b.value().article_table();
  REQUIRE(table.size() == size_t{b.value().size()} * 16);
  const size_t table_at = static_cast<size_t>(table.data() - m.bytes().data());
  REQUIRE(table_at >= index_at);
  REQUIRE(table_at + table.size() <= index_end);
  if (table_at > index_at) {
    CHECK(l.index_front.offset == index_at / page * page);
    CHECK(l.index_front.offset + l.index_front.size == table_at);
  } else {
    CHECK(l.index_front.size == 0);
  }
  if (table_at + table.size() < index_end) {
    CHECK(l.index_back.offset == (table_at + table.size()) / page * page);
    CHECK(l.index_back.offset + l.index_back.size == index_end);
  } else {
    CHECK(l.index_back.size == 0);
  }

  // Nothing to advise: a range outside the mapping, an empty one, a bundle with no dictionary.
  const uint8_t elsewhere[16] = {};
  CHECK(m.will_need(sheaf::ByteSpan(elsewhere, sizeof(elsewhere))).size == 0);
  CHECK(m.will_need(sheaf::ByteSpan(m.bytes().data(), 0)).size == 0);
  CHECK(m.will_need(sheaf::ByteSpan(m.bytes().data() + 1, m.bytes().size())).size == 0);
  CHECK(m.will_need(m.bytes()).size == m.bytes().size());
  std::remove(path.c_str());

  const sheaf::test::AlignedBytes examples = sheaf::test::build_bundle(
      std::string(SHEAF_SOURCE_DIR) + "/examples/articles --dict-size 0", "plain.sheaf");
  REQUIRE(examples.size > 0);
  const std::string plain = write_temp("prefetch-plain.sheaf", examples);
  MappedFile p;
  REQUIRE(p.open(plain.c_str(), Access::random) == Errc::ok);
  const sheaf::Result<sheaf::Bundle> pb = sheaf::Bundle::open(p.bytes());
  REQUIRE(pb.ok());
  CHECK(pb.value().dictionary().empty());
  CHECK(sheaf::prefetch_dictionary(p, pb.value()).size == 0);
  std::remove(plain.c_str());
}
