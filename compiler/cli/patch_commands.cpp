// compiler, CLI: `sheaf diff OLD NEW -o PATCH` and `sheaf patch OLD PATCH -o NEW`. The patch
// command applies with the runtime's apply_patch (the code a device runs) and replaces NEW
// only once the result is the bundle the patch names and passes a full verification.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sheaf/patch.hpp>
#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "cli/article_json.hpp"
#include "cli/commands.hpp"
#include "cli/open_bundle.hpp"
#include "patch/differ.hpp"
#include "write/atomic_file.hpp"

namespace sheaf::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string hex64(uint64_t v) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%016" PRIx64, v);
  return text;
}

double share(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// The summary goes to stdout, or to stderr when the patch itself went there (`-o -`).
void print_diff_summary(const PatchCommand& c, const DiffResult& d, uint64_t new_size) {
  const PatchStats& s = d.stats;
  std::FILE* out = c.output == "-" ? stderr : stdout;
  if (c.json) {
    const Json j = {{"patch", c.output},
                    {"ops", s.ops()},
                    {"copy_ops", s.copy_ops},
                    {"add_ops", s.add_ops},
                    {"insert_ops", s.insert_ops},
                    {"copied_bytes", s.copied_bytes},
                    {"added_bytes", s.added_bytes},
                    {"inserted_bytes", s.inserted_bytes},
                    {"patch_size", d.patch.size()},
                    {"new_size", new_size},
                    {"patch_share", share(d.patch.size(), new_size) / 100.0},
                    {"max_chunk", s.max_chunk},
                    {"chunk_limit", d.chunk_limit}};
    std::fprintf(out, "%s\n", dump(j).c_str());
    return;
  }
  if (c.quiet) {
    return;
  }
  std::fprintf(out,
               "%s: %" PRIu64 " ops; %" PRIu64 " bytes copied, %" PRIu64 " added, %" PRIu64
               " inserted; patch %zu bytes, %.2f%% of %s (%" PRIu64 " bytes)\n",
               c.output.c_str(), s.ops(), s.copied_bytes, s.added_bytes, s.inserted_bytes,
               d.patch.size(), share(d.patch.size(), new_size), c.second.c_str(), new_size);
}

// Reads the whole patch file; on failure prints why.
bool read_patch_file(const std::string& path, MappedFile& file) {
  if (file.open(path.c_str()) != Errc::ok) {
    std::fprintf(stderr, "sheaf: error: %s: cannot read: %s\n", path.c_str(),
                 std::strerror(file.error_number()));
    return false;
  }
  return true;
}

void print_wrong_base(const PatchCommand& c, const PatchHeader& h, ByteSpan base) {
  std::fprintf(stderr,
               "sheaf: error: %s: the patch is for another bundle (base checksum %s, size %" PRIu64
               "); %s is %s, size %" PRIu64 "\n",
               c.second.c_str(), hex64(h.base_checksum).c_str(), h.base_size, c.first.c_str(),
               hex64(detail::load_le64(base.data() + format::kOffHeaderChecksum)).c_str(),
               static_cast<uint64_t>(base.size()));
}

// apply_patch's sink: the atomic writer's temporary file.
bool write_to_temp(void* context, const uint8_t* data, size_t size) {
  return (*static_cast<TempFileSink*>(context))(
      std::string_view(reinterpret_cast<const char*>(data), size));
}

// The temp file's check: the result opens and passes verify_all and verify_bodies, as `sheaf
// verify` runs them.
Status verify_result(const std::string& temp, uint32_t& articles) {
  OpenBundle ob;
  if (!ob.open(temp)) {
    return Status::corrupt("the result does not open as a bundle");
  }
  if (const Errc e = verify_all(ob.bundle()); e != Errc::ok) {
    return Status::corrupt(std::string("the result is damaged: ") + to_string(e));
  }
  if (!ob.init_decoder()) {
    return Status::corrupt("the result's dictionary does not load");
  }
  const MutableByteSpan buffer = ob.record_buffer();
  if (const Errc e = verify_bodies(ob.bundle(), ob.decoder(), buffer); e != Errc::ok) {
    return Status::corrupt(std::string("the result's articles are damaged: ") + to_string(e));
  }
  std::vector<uint8_t> headlines(headlines_verify_size(ob.bundle()));
  if (const Errc e = verify_headlines(ob.bundle(), ob.decoder(),
                                      MutableByteSpan(headlines.data(), headlines.size()));
      e != Errc::ok) {
    return Status::corrupt(std::string("the result's headlines are damaged: ") + to_string(e));
  }
  articles = ob.bundle().size();
  return Status();
}

// apply_patch's errors, in the CLI's words (io_error: the write's own message says why).
Status apply_error(const PatchCommand& c, Errc e) {
  if (e == Errc::checksum_mismatch) {
    return Status::corrupt(c.second + ": the result differs from the bundle the patch makes (is " +
                           c.first + " damaged? see sheaf verify)");
  }
  return Status::corrupt(c.second + ": cannot apply: " + to_string(e));
}

}  // namespace

int run_diff(const PatchCommand& c) {
  OpenBundle old_bundle;
  OpenBundle new_bundle;
  if (!old_bundle.open(c.first) || !new_bundle.open(c.second)) {
    return kExitFailure;
  }
  const ByteSpan new_bytes = new_bundle.bundle().file();
  const DiffResult d = diff_bundles(old_bundle.bundle().file(), new_bytes, c.max_chunk);
  const Status status = c.output == "-" ? write_verified_to_stdout({d.patch}, TempFileCheck())
                                        : write_file_atomically(c.output, d.patch, TempFileCheck());
  if (!status.ok()) {
    std::fprintf(stderr, "sheaf: error: %s\n", status.message().c_str());
    return kExitFailure;
  }
  print_diff_summary(c, d, new_bytes.size());
  return kExitOk;
}

int run_patch(const PatchCommand& c) {
  OpenBundle old_bundle;
  MappedFile patch_file;
  if (!old_bundle.open(c.first) || !read_patch_file(c.second, patch_file)) {
    return kExitFailure;
  }
  const ByteSpan base = old_bundle.bundle().file();
  const ByteSpan patch = patch_file.bytes();
  const Result<PatchHeader> header = read_patch_header(patch);
  if (!header.ok()) {
    print_error(c.second, header.error() == Errc::bad_magic ? "not a sheaf patch" : "damaged patch",
                header.error());
    return kExitFailure;
  }
  const PatchHeader& h = header.value();
  if (!detail::is_patch_base(base, h)) {
    print_wrong_base(c, h, base);
    return kExitFailure;
  }
  std::vector<uint64_t> workspace(patch_workspace_size(h) / 8 + 1);
  const MutableByteSpan ws(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8);
  // The runtime's applier writes straight into the temporary file; the result replaces the
  // output only once it is the target (its checksum) and a valid bundle (verify's checks).
  const auto produce = [&](const TempFileSink& write) {
    TempFileSink sink = write;
    const Errc e = apply_patch(base, patch, ws, write_to_temp, &sink);
    return e == Errc::ok || e == Errc::io_error ? Status() : apply_error(c, e);
  };
  uint32_t articles = 0;
  bool verified = false;  // false when written in place (a device, a FIFO): no file to check
  const Status status = write_file_atomically(c.output, produce, [&](const std::string& temp) {
    verified = true;
    return verify_result(temp, articles);
  });
  if (!status.ok()) {
    std::fprintf(stderr, "sheaf: error: %s\n", status.message().c_str());
    return kExitFailure;
  }
  if (c.json) {
    const Json j = {{"output", c.output},
                    {"bytes", h.target_size},
                    {"checksum", hex64(h.target_checksum)},
                    {"verified", verified},
                    {"articles", articles}};
    std::printf("%s\n", dump(j).c_str());
  } else if (!c.quiet) {
    std::printf("%s: %" PRIu64 " bytes written from %s and %s; checksum %s", c.output.c_str(),
                h.target_size, c.first.c_str(), c.second.c_str(), hex64(h.target_checksum).c_str());
    if (verified) {
      std::printf(", verified (%u articles)\n", articles);
    } else {
      std::printf(" (not a regular file: not verified further)\n");
    }
  }
  return kExitOk;
}

}  // namespace sheaf::cli
