// compiler, compress stage: decompression and checking of kept source files (SPEC: "Sources").
#include "compress/source_files.hpp"

#include <memory>

#include <zstd.h>

#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace {

constexpr size_t kChunkBytes = 128 * 1024;  // output buffer of the streaming decoder

struct DCtxFree {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

}  // namespace

// Memory: one chunk and zstd's window (at most 2^27 bytes, zstd's default windowLogMax), never
// the size the index claims (SPEC: "Limits").
Status stream_source(const SourceView& source,
                     const std::function<void(std::string_view chunk)>& sink) {
  const std::string name(source.path);
  const unsigned long long declared =
      ZSTD_getFrameContentSize(source.frame.data(), source.frame.size());
  if (declared != source.size) {
    return Status::corrupt(name + ": kept source is damaged (size mismatch)");
  }
  const std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
  if (!context) {
    return Status::corrupt(name + ": kept source: cannot create a zstd decoder");
  }
  detail::Xxh64 hash;
  uint64_t produced = 0;
  std::unique_ptr<char[]> chunk(new char[kChunkBytes]);
  ZSTD_inBuffer in{source.frame.data(), source.frame.size(), 0};
  size_t left = 1;  // ZSTD_decompressStream: 0 once the frame is complete
  while (left != 0) {
    ZSTD_outBuffer out{chunk.get(), kChunkBytes, 0};
    const size_t before = in.pos;
    left = ZSTD_decompressStream(context.get(), &out, &in);
    if (ZSTD_isError(left)) {
      return Status::corrupt(name + ": kept source of " + std::to_string(source.size) +
                             " bytes does not decompress: " + ZSTD_getErrorName(left));
    }
    produced += out.pos;
    if (produced > source.size) {
      return Status::corrupt(name + ": kept source does not decompress: wrong size");
    }
    hash.update(reinterpret_cast<const uint8_t*>(chunk.get()), out.pos);
    sink(std::string_view(chunk.get(), out.pos));
    if (left != 0 && out.pos == 0 && in.pos == before) {
      return Status::corrupt(name + ": kept source of " + std::to_string(source.size) +
                             " bytes does not decompress: its frame ends after " +
                             std::to_string(produced) + " bytes");
    }
  }
  if (produced != source.size || in.pos != in.size) {
    return Status::corrupt(name + ": kept source does not decompress: wrong size");
  }
  if (hash.digest() != source.checksum) {
    return Status::corrupt(name + ": kept source fails its checksum");
  }
  return Status();
}

Status read_source(const SourceView& source, std::string& out) {
  out.clear();  // grows with the bytes that decode, not with the size the index claims
  return stream_source(source, [&out](std::string_view chunk) { out.append(chunk); });
}

Status check_sources(const Bundle& bundle) {
  for (uint32_t k = 0; k < bundle.source_count(); ++k) {
    const Result<SourceView> s = bundle.source(k);
    if (!s.ok()) {
      return Status::corrupt("kept source " + std::to_string(k) + ": " + to_string(s.error()));
    }
    if (Status status = stream_source(s.value(), [](std::string_view) {}); !status.ok()) {
      return status;
    }
  }
  return Status();
}

}  // namespace sheaf
