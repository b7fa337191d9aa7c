// compiler, write stage: the verified write of a bundle (bundle_writer.hpp).
#include "write/bundle_writer.hpp"

#include <algorithm>
#include <vector>

#include <sheaf/sheaf.hpp>

#include "compress/source_files.hpp"

namespace sheaf {
namespace {

void report_articles(uint32_t done, uint32_t /*total*/, void* context) {
  static_cast<Progress*>(context)->update(done);
}

uint64_t xxh64_of(std::string_view bytes) {
  return detail::xxh64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

// Every article's record, decoded, against its fingerprint.
Status compare_records(const Bundle& b, Decoder& d, MutableByteSpan buffer,
                       const RecordFingerprints& expected, Progress& progress) {
  uint32_t cached = UINT32_MAX;
  for (uint32_t i = 0; i < b.size(); ++i) {
    if (i % 1024 == 0) {
      progress.update(uint64_t{b.size()} + i);
    }
    const Result<ArticleView> a = b.article(i);
    const Result<std::string_view> record =
        a.ok() ? d.read_bytes(a.value(), buffer, cached) : Result<std::string_view>(a.error());
    if (!record.ok() || i >= expected.sizes.size() || record.value().size() != expected.sizes[i] ||
        xxh64_of(record.value()) != expected.hashes[i]) {
      return Status::corrupt("article " + std::to_string(i) + " does not read back as written");
    }
  }
  return Status();
}

// The runtime's checks of every frame and kept source: what `sheaf verify` runs after
// verify_all().
Status verify_contents(const Bundle& b, Decoder& d, MutableByteSpan buffer, Progress& progress) {
  if (const Errc e = verify_bodies(b, d, buffer, report_articles, &progress); e != Errc::ok) {
    return Status::corrupt(std::string("written bundle fails body verification: ") + to_string(e));
  }
  std::vector<uint8_t> headlines(headlines_verify_size(b));
  if (const Errc e = verify_headlines(b, d, MutableByteSpan(headlines.data(), headlines.size()));
      e != Errc::ok) {
    return Status::corrupt(std::string("written bundle fails headline verification: ") +
                           to_string(e));
  }
  return check_sources(b);
}

}  // namespace

RecordFingerprints fingerprint_records(const RecordStore& records) {
  RecordFingerprints out;
  out.hashes.reserve(records.size());
  out.sizes.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    out.hashes.push_back(xxh64_of(records[i]));
    out.sizes.push_back(static_cast<uint32_t>(records.size_of(i)));
  }
  return out;
}

Status read_back(const std::string& name, std::string_view bytes,
                 const RecordFingerprints& expected, Progress& progress) {
  const Result<Bundle> bundle =
      Bundle::open(ByteSpan(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  if (!bundle.ok()) {
    return Status::corrupt(name + ": written bundle does not open: " + to_string(bundle.error()));
  }
  const Bundle& b = bundle.value();
  if (const Errc e = verify_all(b); e != Errc::ok) {
    return Status::corrupt(name + ": written bundle fails verification: " + to_string(e));
  }
  std::vector<uint64_t> workspace((Decoder::workspace_size(b) + 7) / 8);
  const Result<Decoder> decoder = Decoder::init(
      b, MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  if (!decoder.ok()) {
    return Status::corrupt(name +
                           ": cannot decode the written bundle: " + to_string(decoder.error()));
  }
  Decoder d = decoder.value();
  std::vector<uint8_t> buffer(std::max(b.info().max_read_size, b.info().max_frame_size));
  const MutableByteSpan out(buffer.data(), buffer.size());
  Status status = verify_contents(b, d, out, progress);
  if (status.ok()) {
    status = compare_records(b, d, out, expected, progress);
  }
  return status.wrapped(name + ": ");
}

Status write_bundle(const std::string& output, const FileImage& file,
                    const RecordFingerprints& expected, FileSystem& fs, Progress& progress) {
  std::vector<std::string_view> pieces = {file.head};
  pieces.insert(pieces.end(), file.pieces.begin(), file.pieces.end());
  // The check runs on the written temporary file, before it is renamed (or sent to stdout).
  const WrittenFileCheck check = [&](const std::string& written, std::string_view bytes) {
    progress.begin("verification", uint64_t{2} * expected.hashes.size(), "steps");
    Status status = read_back(written, bytes, expected, progress);
    if (status.ok()) {
      progress.end(std::to_string(file.size) + " bytes");
    }
    return status;
  };
  return output == "-" ? fs.write_standard_output(pieces, check)
                       : fs.write_file(output, pieces, check);
}

}  // namespace sheaf
