// compiler: decompression and checking of kept source files (SPEC: "Sources").
#include "write/source_files.hpp"

#include <zstd.h>

#include <sheaf/xxhash.hpp>

namespace sheaf {

Status read_source(const SourceView& source, std::string& out) {
  const std::string name(source.path);
  const unsigned long long declared =
      ZSTD_getFrameContentSize(source.frame.data(), source.frame.size());
  if (declared != source.size) {
    return Status::corrupt(name + ": kept source is damaged (size mismatch)");
  }
  out.resize(static_cast<size_t>(source.size));
  const size_t n =
      ZSTD_decompress(out.data(), out.size(), source.frame.data(), source.frame.size());
  if (ZSTD_isError(n) || n != out.size()) {
    return Status::corrupt(name + ": kept source does not decompress: " +
                           (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong size"));
  }
  if (detail::xxh64(reinterpret_cast<const uint8_t*>(out.data()), out.size()) != source.checksum) {
    return Status::corrupt(name + ": kept source fails its checksum");
  }
  return Status();
}

Status check_sources(const Bundle& bundle) {
  std::string bytes;
  for (uint32_t k = 0; k < bundle.source_count(); ++k) {
    const Result<SourceView> s = bundle.source(k);
    if (!s.ok()) {
      return Status::corrupt("kept source " + std::to_string(k) + ": " + to_string(s.error()));
    }
    if (Status status = read_source(s.value(), bytes); !status.ok()) {
      return status;
    }
  }
  return Status();
}

}  // namespace sheaf
