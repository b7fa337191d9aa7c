// list_articles: the small reader. Prints every article of a bundle as two lines, the format
// the firmware example (examples/firmware) prints over semihosting, so outputs compare with
// `diff` across hosts, emulated CPUs and the MCU:
//
//   T <index> <id> <title>
//   A <index> <body bytes> <FNV-1a 32 of the body, 8 hex digits>
//
// Usage: list_articles BUNDLE. Reads each article whole (Decoder::read into a max_read_size
// buffer); the firmware reads frame by frame, so the two paths check each other.
#include <cinttypes>
#include <cstdio>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace {

uint32_t fnv1a(std::string_view bytes) {
  uint32_t h = 2166136261u;
  for (const char c : bytes) {
    h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  }
  return h;
}

int fail(const char* path, const char* what, sheaf::Errc e) {
  std::fprintf(stderr, "%s: %s: %s\n", path, what, sheaf::to_string(e));
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s BUNDLE\n", argv[0]);
    return 2;
  }
  const char* path = argv[1];
  sheaf::MappedFile file;
  if (const sheaf::Errc e = file.open(path, sheaf::Access::sequential); e != sheaf::Errc::ok) {
    return fail(path, "cannot map", e);
  }
  const sheaf::Result<sheaf::Bundle> opened = sheaf::Bundle::open(file.bytes());
  if (!opened.ok()) {
    return fail(path, "cannot open", opened.error());
  }
  const sheaf::Bundle& bundle = opened.value();
  std::vector<uint64_t> workspace((sheaf::Decoder::workspace_size(bundle) + 7) / 8);
  const sheaf::Result<sheaf::Decoder> init = sheaf::Decoder::init(
      bundle,
      sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  if (!init.ok()) {
    return fail(path, "cannot init the decoder", init.error());
  }
  sheaf::Decoder decoder = init.value();
  std::vector<uint8_t> buffer(bundle.info().max_read_size);
  for (uint32_t i = 0; i < bundle.size(); ++i) {
    const sheaf::Result<sheaf::Record> r =
        decoder.read(i, sheaf::MutableByteSpan(buffer.data(), buffer.size()));
    if (!r.ok()) {
      std::fprintf(stderr, "%s: article %" PRIu32 ": %s\n", path, i, sheaf::to_string(r.error()));
      return 1;
    }
    const sheaf::Record& a = r.value();
    std::printf("T %" PRIu32 " %.*s %.*s\n", i, static_cast<int>(a.id.size()), a.id.data(),
                static_cast<int>(a.title.size()), a.title.data());
    std::printf("A %" PRIu32 " %zu %08" PRIx32 "\n", i, a.body.size(), fnv1a(a.body));
  }
  return 0;
}
