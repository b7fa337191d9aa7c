// compiler, compress stage: read the base bundle of `sheaf build --base`.
#include "compress/base_bundle.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#include <zstd.h>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace sheaf {
namespace {

uint64_t content_hash(std::string_view bytes) {
  return detail::xxh64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

// A packed dictionary (kind 5) is one zstd frame: its content, or "" when it does not unpack.
std::string unpack_dictionary(ByteSpan stored) {
  const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size == 0 ||
      size > (64u << 20)) {
    return {};
  }
  std::string out(static_cast<size_t>(size), '\0');
  const size_t n = ZSTD_decompress(out.data(), out.size(), stored.data(), stored.size());
  return ZSTD_isError(n) || n != out.size() ? std::string() : out;
}

// Decodes every frame of `bundle` into `base` (contents and compressed bytes, back to back).
Errc copy_frames(const Bundle& bundle, BaseBundle& base, Progress& progress) {
  std::vector<uint64_t> workspace((Decoder::workspace_size(bundle) + 7) / 8);
  const Result<Decoder> init =
      Decoder::init(bundle, MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()),
                                            workspace.size() * sizeof(uint64_t)));
  if (!init.ok()) {
    return init.error();
  }
  Decoder decoder = init.value();
  std::vector<uint8_t> buffer(bundle.info().max_frame_size);
  base.compressed.reserve(bundle.data().size());
  progress.begin("reading the base", bundle.frame_count(), "frames");
  for (uint32_t j = 0; j < bundle.frame_count(); ++j) {
    const Result<FrameView> frame = bundle.frame(j);
    if (!frame.ok()) {
      return frame.error();
    }
    const Result<ByteSpan> raw =
        decoder.read_frame(j, MutableByteSpan(buffer.data(), buffer.size()));
    if (!raw.ok()) {
      return raw.error();
    }
    const FrameView& f = frame.value();
    const std::string_view content(reinterpret_cast<const char*>(raw.value().data()),
                                   raw.value().size());
    base.frames.push_back({base.raw.size(), f.raw_size, base.compressed.size(), f.compressed_size});
    base.by_content.emplace(content_hash(content), j);
    base.raw.append(content);
    base.compressed.append(reinterpret_cast<const char*>(f.bytes.data()), f.bytes.size());
    progress.update(j + 1);
  }
  progress.end();
  return Errc::ok;
}

}  // namespace

int64_t BaseBundle::find(std::string_view content) const {
  const auto [first, last] = by_content.equal_range(content_hash(content));
  for (auto it = first; it != last; ++it) {
    if (raw_of(frames[it->second]) == content) {  // the bytes, not only the hash
      return it->second;
    }
  }
  return -1;
}

Status read_base_bundle(const std::string& path, BaseBundle& base, Progress& progress) {
  base = BaseBundle();
  const std::string where = "--base: ";
  MappedFile file;
  if (file.open(path.c_str(), Access::sequential) != Errc::ok) {
    const int err = file.error_number();
    return Status::io_error(
        where + "cannot read it: " + (err != 0 ? std::strerror(err) : "too large to map"));
  }
  const Result<Bundle> bundle = Bundle::open(file.bytes());
  if (!bundle.ok()) {
    return Status::corrupt(where + "not a readable bundle: " + to_string(bundle.error()));
  }
  const Bundle& b = bundle.value();
  BaseBundle out;
  out.path = path;
  out.block_size = b.info().block_size;
  if (b.dictionary_packed()) {
    out.dictionary = unpack_dictionary(b.dictionary());
    if (out.dictionary.empty()) {
      return Status::corrupt(where + "its packed dictionary does not unpack");
    }
  } else {
    const ByteSpan d = b.dictionary();
    out.dictionary.assign(reinterpret_cast<const char*>(d.data()), d.size());
  }
  if (const Errc e = copy_frames(b, out, progress); e != Errc::ok) {
    return Status::corrupt(where + "damaged: a frame does not read: " + to_string(e));
  }
  base = std::move(out);
  return {};
}

Drift judge_drift(uint64_t copied_raw, uint64_t copied_compressed, uint64_t changed_raw,
                  uint64_t changed_compressed) {
  Drift d;
  const uint64_t raw = copied_raw + changed_raw;
  d.new_share = raw == 0 ? 0 : static_cast<double>(changed_raw) / static_cast<double>(raw);
  if (copied_raw > 0 && copied_compressed > 0 && changed_raw > 0) {
    const double copied = static_cast<double>(copied_compressed) / static_cast<double>(copied_raw);
    const double changed =
        static_cast<double>(changed_compressed) / static_cast<double>(changed_raw);
    d.changed_factor = changed / copied;
  }
  // Below kMinShareForFactor the factor is noise (a few frames) and what a new dictionary
  // could save is a fraction of a fraction: only the share counts.
  const bool worse =
      d.new_share >= Drift::kMinShareForFactor && d.changed_factor > Drift::kMaxChangedFactor;
  d.retrain = worse || d.new_share > Drift::kMaxNewShare || (copied_raw == 0 && changed_raw > 0);
  return d;
}

}  // namespace sheaf
