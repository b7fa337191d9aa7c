// compiler, compress stage: read the base bundle of `sheaf build --base`.
#include "compress/base_bundle.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include <zstd.h>

#include <sheaf/sheaf.hpp>
#include <sheaf/xxhash.hpp>

#include "compress/source_files.hpp"

namespace sheaf {

// The base file, read into memory, and a decoder over it: the frames are verified with it
// once, and a frame that find() matches by hash is decoded with it again. Read rather than
// mapped: a base truncated or rewritten by another process during the build cannot fault the
// build (SIGBUS) or change bytes after they were checked. Held by pointer, so the Decoder's
// pointers into the workspace and the file stay put when a BaseBundle moves.
struct BaseBundle::Reader {
  std::vector<uint64_t> storage;  // 8-byte aligned, as Bundle::open() requires
  size_t size = 0;
  Bundle bundle;
  std::vector<uint64_t> workspace;
  Decoder decoder;
  std::vector<uint8_t> buffer;  // one frame's content (max_frame_size)

  MutableByteSpan out() { return MutableByteSpan(buffer.data(), buffer.size()); }

  ByteSpan file() const { return ByteSpan(reinterpret_cast<const uint8_t*>(storage.data()), size); }
};

namespace {

std::string_view text_of(ByteSpan bytes) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
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

// Reads the file at `path` whole into `reader`. Returns 0, or the errno of the failure.
int read_whole(const std::string& path, BaseBundle::Reader& reader) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    return errno;
  }
  if (std::fseek(f.get(), 0, SEEK_END) != 0) {
    return errno;
  }
  const long end = std::ftell(f.get());
  if (end < 0 || std::fseek(f.get(), 0, SEEK_SET) != 0) {
    return errno != 0 ? errno : EIO;
  }
  reader.size = static_cast<size_t>(end);
  reader.storage.assign(reader.size / 8 + 1, 0);
  if (std::fread(reader.storage.data(), 1, reader.size, f.get()) != reader.size) {
    return EIO;  // a read error, or shorter than it was: changed under us
  }
  return 0;
}

// Decodes every frame of the base once (each checked against its content checksum) and keeps
// its hash, its size and where its zstd frame lies; the decoded text is dropped frame by frame.
Errc index_frames(BaseBundle::Reader& reader, BaseBundle& base, Progress& progress) {
  const Bundle& bundle = reader.bundle;
  reader.workspace.assign((Decoder::workspace_size(bundle) + 7) / 8, 0);
  const Result<Decoder> init =
      Decoder::init(bundle, MutableByteSpan(reinterpret_cast<uint8_t*>(reader.workspace.data()),
                                            reader.workspace.size() * sizeof(uint64_t)));
  if (!init.ok()) {
    return init.error();
  }
  reader.decoder = init.value();
  reader.buffer.resize(bundle.info().max_frame_size);
  const uint8_t* file_start = reader.file().data();
  base.frames.reserve(bundle.frame_count());
  progress.begin("reading the base", bundle.frame_count(), "frames");
  for (uint32_t j = 0; j < bundle.frame_count(); ++j) {
    const Result<FrameView> frame = bundle.frame(j);
    if (!frame.ok()) {
      return frame.error();
    }
    const Result<ByteSpan> raw = reader.decoder.read_frame(j, reader.out());
    if (!raw.ok()) {
      return raw.error();
    }
    const FrameView& f = frame.value();
    const uint64_t hash = base_content_hash(text_of(raw.value()));
    base.frames.push_back(
        {hash, f.raw_size, static_cast<uint64_t>(f.bytes.data() - file_start), f.compressed_size});
    base.by_content.emplace(hash, j);
    progress.update(j + 1);
  }
  progress.end();
  return Errc::ok;
}

}  // namespace

BaseBundle::BaseBundle() = default;
BaseBundle::BaseBundle(BaseBundle&&) noexcept = default;
BaseBundle& BaseBundle::operator=(BaseBundle&&) noexcept = default;
BaseBundle::~BaseBundle() = default;

uint64_t base_content_hash(std::string_view content) {
  return detail::xxh64(reinterpret_cast<const uint8_t*>(content.data()), content.size());
}

int64_t BaseBundle::find(std::string_view content) {
  return find(base_content_hash(content), content);
}

int64_t BaseBundle::find(uint64_t hash, std::string_view content) {
  if (reader == nullptr) {
    return -1;
  }
  const auto [first, last] = by_content.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    if (frames[it->second].raw_size != content.size()) {
      continue;
    }
    // The bytes, not only the hash: decode that frame again and compare.
    const Result<ByteSpan> raw = reader->decoder.read_frame(it->second, reader->out());
    if (raw.ok() && text_of(raw.value()) == content) {
      return it->second;
    }
  }
  return -1;
}

std::string_view BaseBundle::compressed_of(const BaseFrame& f) const {
  return text_of(reader->file()).substr(f.compressed_offset, f.compressed_size);
}

std::string_view BaseBundle::find_source(std::string_view bytes) const {
  if (reader == nullptr) {
    return {};
  }
  const Bundle& b = reader->bundle;
  const uint64_t checksum =
      detail::xxh64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  std::string kept;
  const auto [first, last] = by_source.equal_range(checksum);
  for (auto it = first; it != last; ++it) {
    const Result<SourceView> s = b.source(it->second);
    if (!s.ok() || s.value().size != bytes.size() || s.value().checksum != checksum) {
      continue;
    }
    if (read_source(s.value(), kept).ok() && kept == bytes) {
      return text_of(s.value().frame);
    }
  }
  return {};
}

Status read_base_bundle(const std::string& path, BaseBundle& base, Progress& progress) {
  base = BaseBundle();
  const std::string where = "--base: ";
  auto reader = std::make_unique<BaseBundle::Reader>();
  if (const int err = read_whole(path, *reader); err != 0) {
    return Status::io_error(where + "cannot read it: " + std::strerror(err));
  }
  const Result<Bundle> bundle = Bundle::open(reader->file());
  if (!bundle.ok()) {
    return Status::corrupt(where + "not a readable bundle: " + to_string(bundle.error()));
  }
  reader->bundle = bundle.value();
  const Bundle& b = reader->bundle;
  BaseBundle out;
  out.path = path;
  out.block_size = b.info().block_size;
  out.dictionary_new_raw = b.info().dictionary_new_raw;
  if (b.dictionary_packed()) {
    out.dictionary = unpack_dictionary(b.dictionary());
    if (out.dictionary.empty()) {
      return Status::corrupt(where + "its packed dictionary does not unpack");
    }
  } else {
    out.dictionary = std::string(text_of(b.dictionary()));
  }
  if (const Errc e = index_frames(*reader, out, progress); e != Errc::ok) {
    return Status::corrupt(where + "damaged: a frame does not read: " + to_string(e));
  }
  // Kept files by checksum, so that each new kept file is looked up once, not against all.
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    const Result<SourceView> source = b.source(k);
    if (source.ok()) {
      out.by_source.emplace(source.value().checksum, k);
    }
  }
  out.reader = std::move(reader);
  base = std::move(out);
  return {};
}

Drift judge_drift(uint64_t copied_raw, uint64_t copied_compressed, uint64_t changed_raw,
                  uint64_t changed_compressed, uint64_t base_new_raw) {
  Drift d;
  const uint64_t raw = copied_raw + changed_raw;
  d.new_share = raw == 0 ? 0 : static_cast<double>(changed_raw) / static_cast<double>(raw);
  d.new_since_training = std::min(base_new_raw, copied_raw) + changed_raw;
  d.new_since_training_share =
      raw == 0 ? 0 : static_cast<double>(d.new_since_training) / static_cast<double>(raw);
  if (copied_raw > 0 && copied_compressed > 0 && changed_raw > 0) {
    const double copied = static_cast<double>(copied_compressed) / static_cast<double>(copied_raw);
    const double changed =
        static_cast<double>(changed_compressed) / static_cast<double>(changed_raw);
    d.changed_factor = changed / copied;
    const double compressed = static_cast<double>(copied_compressed + changed_compressed);
    d.keep_cost = static_cast<double>(changed_compressed) * (1 - 1 / d.changed_factor) / compressed;
  }
  // A small change that compresses badly costs little (a fraction of a fraction), and a
  // retrain changes every frame, so that the next patch is the whole bundle.
  d.retrain = d.keep_cost > Drift::kMaxKeepCost ||
              d.new_since_training_share > Drift::kMaxNewShare ||
              (copied_raw == 0 && changed_raw > 0);
  return d;
}

}  // namespace sheaf
