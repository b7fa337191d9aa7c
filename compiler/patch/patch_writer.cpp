// compiler, patches: the op-stream encoder.
#include "patch/patch_writer.hpp"

#include <algorithm>
#include <cstring>
#include <new>

#include <zstd.h>

#include <sheaf/endian.hpp>
#include <sheaf/format.hpp>
#include <sheaf/patch.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {

namespace pf = patch_format;

namespace {

constexpr int kLevel = 19;
constexpr size_t kMinCompressed = 32;  // below this, a zstd frame's overhead eats the gain

void put_le(std::string& out, size_t at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    out[at + i] = static_cast<char>(static_cast<uint8_t>(v >> (8 * i)));
  }
}

size_t number_size(uint64_t v) {
  size_t n = 1;
  for (; v >= 0x80; v >>= 7) {
    ++n;
  }
  return n;
}

}  // namespace

struct PatchWriter::Compressor {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  std::string out;

  Compressor() {
    if (cctx == nullptr) {
      throw std::bad_alloc();
    }
  }

  ~Compressor() { ZSTD_freeCCtx(cctx); }

  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
};

PatchWriter::PatchWriter(uint32_t max_chunk)
    : zstd_(std::make_unique<Compressor>()), max_chunk_(std::max<uint32_t>(max_chunk, 1)) {}

PatchWriter::~PatchWriter() = default;

void PatchWriter::put_number(uint64_t v) {
  while (v >= 0x80) {
    body_.push_back(static_cast<char>(static_cast<uint8_t>(v | 0x80)));
    v >>= 7;
  }
  body_.push_back(static_cast<char>(static_cast<uint8_t>(v)));
}

void PatchWriter::put_source(uint8_t op, uint64_t from, uint64_t length) {
  body_.push_back(static_cast<char>(op));
  // Zigzag of the signed distance from the previous range's end (SPEC: Patches, "Operations").
  const uint64_t delta =
      from >= source_end_ ? (from - source_end_) << 1 : ((source_end_ - from) << 1) - 1;
  put_number(delta);
  put_number(length);
  source_end_ = from + length;
}

void PatchWriter::put_block(const uint8_t* data, size_t size, bool compress) {
  if (compress && size >= kMinCompressed && size <= max_chunk_) {
    std::string& out = zstd_->out;
    out.resize(ZSTD_compressBound(size));
    ZSTD_CCtx_reset(zstd_->cctx, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(zstd_->cctx, ZSTD_c_compressionLevel, kLevel);
    const size_t n = ZSTD_compress2(zstd_->cctx, out.data(), out.size(), data, size);
    if (!ZSTD_isError(n) && n + number_size(n) < size) {
      put_number(size);
      body_.push_back(static_cast<char>(pf::BlockMode::zstd));
      put_number(n);
      body_.append(out.data(), n);
      stats_.max_chunk = std::max(stats_.max_chunk, static_cast<uint32_t>(size));
      return;
    }
  }
  put_number(size);
  body_.push_back(static_cast<char>(pf::BlockMode::stored));
  body_.append(reinterpret_cast<const char*>(data), size);
}

void PatchWriter::flush_copy() {
  if (copy_length_ == 0) {
    return;
  }
  put_source(static_cast<uint8_t>(pf::Op::copy), copy_from_, copy_length_);
  ++stats_.copy_ops;
  stats_.copied_bytes += copy_length_;
  copy_length_ = 0;
}

void PatchWriter::flush_insert() {
  if (insert_.empty()) {
    return;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(insert_.data());
  // Stored blocks may be any size; compressed ones at most max_chunk (the applier's buffer).
  const size_t step = insert_compress_ ? max_chunk_ : insert_.size();
  for (size_t at = 0; at < insert_.size(); at += step) {
    body_.push_back(static_cast<char>(pf::Op::insert));
    put_block(p + at, std::min(step, insert_.size() - at), insert_compress_);
    ++stats_.insert_ops;
  }
  stats_.inserted_bytes += insert_.size();
  insert_.clear();
}

void PatchWriter::copy(uint64_t from, uint64_t length) {
  if (length == 0) {
    return;
  }
  flush_insert();
  if (copy_length_ != 0 && copy_from_ + copy_length_ == from) {
    copy_length_ += length;
    return;
  }
  flush_copy();
  copy_from_ = from;
  copy_length_ = length;
}

void PatchWriter::add(uint64_t from, const uint8_t* delta, size_t length) {
  flush_insert();
  flush_copy();
  for (size_t at = 0; at < length; at += max_chunk_) {
    const size_t n = std::min<size_t>(max_chunk_, length - at);
    put_source(static_cast<uint8_t>(pf::Op::add), from + at, n);
    put_block(delta + at, n, true);
    // The applier sums into its chunk buffer, stored block or not.
    stats_.max_chunk = std::max(stats_.max_chunk, static_cast<uint32_t>(n));
    ++stats_.add_ops;
  }
  stats_.added_bytes += length;
}

void PatchWriter::insert(const uint8_t* data, size_t size, bool compress) {
  if (size == 0) {
    return;
  }
  flush_copy();
  if (!insert_.empty() && insert_compress_ != compress) {
    flush_insert();
  }
  insert_compress_ = compress;
  insert_.append(reinterpret_cast<const char*>(data), size);
}

std::string PatchWriter::finish(ByteSpan base, ByteSpan target) {
  flush_insert();
  flush_copy();
  body_.push_back(static_cast<char>(pf::Op::end));
  std::string patch(pf::kHeaderSize, '\0');
  std::memcpy(patch.data(), pf::kMagic, sizeof(pf::kMagic));
  put_le(patch, pf::kOffVersionMajor, pf::kVersionMajor, 2);
  put_le(patch, pf::kOffVersionMinor, pf::kVersionMinor, 2);
  put_le(patch, pf::kOffPatchSize, pf::kHeaderSize + body_.size(), 8);
  put_le(patch, pf::kOffBodyChecksum,
         detail::xxh64(reinterpret_cast<const uint8_t*>(body_.data()), body_.size()), 8);
  put_le(patch, pf::kOffBaseSize, base.size(), 8);
  put_le(patch, pf::kOffBaseChecksum,
         base.size() >= format::kHeaderSize
             ? detail::load_le64(base.data() + format::kOffHeaderChecksum)
             : 0,
         8);
  put_le(patch, pf::kOffTargetSize, target.size(), 8);
  put_le(patch, pf::kOffTargetChecksum, detail::xxh64(target.data(), target.size()), 8);
  put_le(patch, pf::kOffMaxChunk, stats_.max_chunk, 4);
  put_le(patch, pf::kOffHeaderChecksum,
         detail::xxh64(reinterpret_cast<const uint8_t*>(patch.data()) + 16, pf::kHeaderSize - 16),
         8);
  patch += body_;
  body_.clear();
  return patch;
}

}  // namespace sheaf
