// A downstream reader (tests/downstream): lists a bundle's articles as "ID<TAB>TITLE" lines,
// using only the installed runtime headers. Built with -fno-exceptions -fno-rtti, as firmware is.
//
// Usage: reader BUNDLE. Exit 0, or 1 with a message on stderr.
#include <cstdint>
#include <cstdio>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace {

int fail(const char* path, const char* what, sheaf::Errc e) {
  std::fprintf(stderr, "reader: %s: %s: %s\n", path, what, sheaf::to_string(e));
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: reader BUNDLE\n");
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
  // The workspace as 8-byte words: the decoder needs it 8-byte aligned.
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
      return fail(path, "cannot read an article", r.error());
    }
    const sheaf::Record& a = r.value();
    std::printf("%.*s\t%.*s\n", static_cast<int>(a.id.size()), a.id.data(),
                static_cast<int>(a.title.size()), a.title.data());
  }
  return 0;
}
