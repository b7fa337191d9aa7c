// sheaf runtime: applies a patch (schema/SPEC.md, "Patches") to a base bundle, writing the new
// bundle front to back to a caller's sink in one forward pass. No heap, no exceptions: the zstd
// context and one chunk buffer live in a workspace the caller owns, and every read of the
// patch and of the base is bounds-checked, so any bytes give an error, never a fault.
//
//   const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(patch);
//   // workspace: sheaf::patch_workspace_size(h.value()) bytes, 8-byte aligned
//   sheaf::Errc e = sheaf::apply_patch(base, patch, workspace, write_to_flash, &slot);
#pragma once

#include <sheaf/config.hpp>
// zstd's static-allocation API (ZSTD_initStaticDCtx) needs config.hpp's ZSTD_STATIC_LINKING_ONLY.
#include <cstddef>
#include <cstdint>

#include <zstd.h>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {

namespace patch_format {
// SPEC: Patches, "Patch header"
inline constexpr uint8_t kMagic[8] = {0x89, 'S', 'H', 'P', 'A', 'T', '\r', '\n'};
inline constexpr uint16_t kVersionMajor = 1;  // appliers reject any other major version
inline constexpr uint16_t kVersionMinor = 0;  // appliers accept any minor version
inline constexpr size_t kHeaderSize = 80;
inline constexpr size_t kOffHeaderChecksum = 8;
inline constexpr size_t kOffVersionMajor = 16;
inline constexpr size_t kOffVersionMinor = 18;
inline constexpr size_t kOffFlags = 20;
inline constexpr size_t kOffPatchSize = 24;
inline constexpr size_t kOffBodyChecksum = 32;
inline constexpr size_t kOffBaseSize = 40;
inline constexpr size_t kOffBaseChecksum = 48;
inline constexpr size_t kOffTargetSize = 56;
inline constexpr size_t kOffTargetChecksum = 64;
inline constexpr size_t kOffMaxChunk = 72;
inline constexpr size_t kOffReserved = 76;
inline constexpr uint32_t kKnownFlags = 0;
/// Largest max_chunk an applier accepts: a patch never needs a bigger buffer than a frame.
inline constexpr uint32_t kMaxChunkLimit = 64u << 20;

// SPEC: Patches, "Operations"
enum class Op : uint8_t { end = 0, copy = 1, add = 2, insert = 3 };
enum class BlockMode : uint8_t { stored = 0, zstd = 1 };
}  // namespace patch_format

/// A patch's header fields, checked by read_patch_header().
struct PatchHeader {
  uint64_t patch_size = 0;       ///< the whole patch, header included
  uint64_t body_checksum = 0;    ///< XXH64 of bytes [80, patch_size)
  uint64_t base_size = 0;        ///< the base bundle's file_size
  uint64_t base_checksum = 0;    ///< the base bundle's header_checksum (its bytes 8 to 15)
  uint64_t target_size = 0;      ///< the new bundle's file_size
  uint64_t target_checksum = 0;  ///< XXH64 of the whole new bundle
  uint32_t max_chunk = 0;        ///< largest zstd block content or ADD length (0: none)
};

/// Reads and checks a patch's header: magic, version, header checksum, flags, reserved, and
/// that the patch holds patch_size bytes. Does not read the body.
/// @return the header, or truncated (fewer than 80 or than patch_size bytes), bad_magic,
///   unsupported_version, unsupported_feature (unknown flags) or corrupt_patch (checksum,
///   reserved field, patch_size below 81, max_chunk above 64 MiB).
Result<PatchHeader> read_patch_header(ByteSpan patch) noexcept;

/// RAM apply_patch() needs, 8-byte aligned: a static zstd decompression context plus a
/// max_chunk buffer; 0 when max_chunk is 0 (a patch of COPY ops and stored INSERT blocks).
size_t patch_workspace_size(const PatchHeader& header) noexcept;

/// Receives the new bundle's bytes, front to back, in pieces of at least one byte; returns
/// false on a write failure. `data` is valid during the call only.
using PatchSink = bool (*)(void* context, const uint8_t* data, size_t size);

/// Applies `patch` to `base` and writes the new bundle to `sink` in one forward pass.
/// Before the first byte is written it checks the header, that `base` is the patch's base
/// (its file_size and header_checksum equal the header's), and the body checksum (one read of
/// the patch). Then it runs the ops, checking every range, and at the end that exactly
/// target_size bytes came out whose XXH64 is target_checksum. On an error after the first
/// byte, the sink has received a prefix of something that is not the new bundle: the caller
/// discards it (an A/B slot is not switched). `base` needs no alignment; `workspace` does.
/// @return ok, or an error from read_patch_header(), wrong_base, corrupt_patch (body checksum,
///   an op or block out of range or malformed, output too long or short), misaligned or
///   workspace_too_small (workspace), io_error (the sink refused), checksum_mismatch (the
///   output is not the new bundle: a damaged base whose header is intact).
Errc apply_patch(ByteSpan base, ByteSpan patch, MutableByteSpan workspace, PatchSink sink,
                 void* context) noexcept;

namespace detail {

inline size_t patch_context_size() noexcept {
  return static_cast<size_t>(format::align_up(ZSTD_estimateDCtxSize()));
}

/// Reads the body of a patch: LEB128 numbers and byte runs, never past its end.
class PatchReader {
 public:
  PatchReader(const uint8_t* data, size_t size) noexcept : data_(data), size_(size) {}

  bool at_end() const noexcept { return at_ == size_; }

  bool byte(uint8_t& out) noexcept {
    if (at_ == size_) {
      return false;
    }
    out = data_[at_++];
    return true;
  }

  /// An unsigned LEB128 of at most 10 bytes whose value fits 64 bits.
  bool number(uint64_t& out) noexcept {
    out = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      uint8_t b = 0;
      if (!byte(b)) {
        return false;
      }
      if (shift == 63 && b > 1) {
        return false;  // bits past 64
      }
      out |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return true;
      }
    }
    return false;
  }

  /// The next `n` bytes, or null when fewer are left.
  const uint8_t* take(uint64_t n) noexcept {
    if (n > size_ - at_) {
      return nullptr;
    }
    const uint8_t* p = data_ + at_;
    at_ += static_cast<size_t>(n);
    return p;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

/// The output side of apply_patch: counts, hashes and forwards bytes, never past target_size.
class PatchOutput {
 public:
  PatchOutput(uint64_t target_size, PatchSink sink, void* context) noexcept
      : target_size_(target_size), sink_(sink), context_(context) {}

  Errc write(const uint8_t* p, size_t n) noexcept {
    if (n > target_size_ - written_) {
      return Errc::corrupt_patch;  // SPEC: Patches, check P9
    }
    hash_.update(p, n);
    written_ += n;
    return sink_(context_, p, n) ? Errc::ok : Errc::io_error;
  }

  uint64_t written() const noexcept { return written_; }

  uint64_t digest() const noexcept { return hash_.digest(); }

 private:
  uint64_t target_size_;
  PatchSink sink_;
  void* context_;
  uint64_t written_ = 0;
  Xxh64 hash_;
};

/// The state of one application: the ops' reader, the output, the workspace's parts.
struct PatchRun {
  ByteSpan base;
  PatchReader body;
  PatchOutput out;
  ZSTD_DCtx* context = nullptr;
  uint8_t* chunk = nullptr;
  uint32_t max_chunk = 0;
  uint64_t source_end = 0;  // end of the previous COPY/ADD source range
};

/// A data block's raw bytes: `stored` points into the patch (any size), else they were
/// decoded into the chunk buffer (at most max_chunk bytes).
struct PatchBlock {
  const uint8_t* bytes = nullptr;
  uint64_t size = 0;
};

inline Errc read_block(PatchRun& run, PatchBlock& block) noexcept {
  uint64_t raw_size = 0;
  uint8_t mode = 0;
  if (!run.body.number(raw_size) || raw_size == 0 || !run.body.byte(mode)) {
    return Errc::corrupt_patch;
  }
  if (mode == static_cast<uint8_t>(patch_format::BlockMode::stored)) {
    block.bytes = run.body.take(raw_size);
    block.size = raw_size;
    return block.bytes != nullptr ? Errc::ok : Errc::corrupt_patch;
  }
  uint64_t stored_size = 0;
  if (mode != static_cast<uint8_t>(patch_format::BlockMode::zstd) ||
      !run.body.number(stored_size) || raw_size > run.max_chunk) {
    return Errc::corrupt_patch;
  }
  const uint8_t* frame = run.body.take(stored_size);
  if (frame == nullptr) {
    return Errc::corrupt_patch;
  }
  // Exactly one frame, no dictionary, of exactly raw_size bytes (SPEC: Patches, check P7).
  const auto n = static_cast<size_t>(stored_size);
  if (ZSTD_findFrameCompressedSize(frame, n) != n) {
    return Errc::corrupt_patch;
  }
  const size_t got =
      ZSTD_decompressDCtx(run.context, run.chunk, static_cast<size_t>(raw_size), frame, n);
  if (ZSTD_isError(got) || got != raw_size) {
    return Errc::corrupt_patch;
  }
  block.bytes = run.chunk;
  block.size = raw_size;
  return Errc::ok;
}

/// The base range of a COPY or ADD: `from` (zigzag, relative to the previous range's end)
/// and `length`, inside the base. Advances source_end.
inline Errc read_source(PatchRun& run, uint64_t& from, uint64_t& length) noexcept {
  uint64_t delta = 0;
  if (!run.body.number(delta) || !run.body.number(length) || length == 0) {
    return Errc::corrupt_patch;
  }
  const uint64_t base_size = run.base.size();
  const uint64_t magnitude = (delta >> 1) + (delta & 1);  // |zigzag value|, without overflow
  if ((delta & 1) != 0) {
    if (magnitude > run.source_end) {
      return Errc::corrupt_patch;
    }
    from = run.source_end - magnitude;
  } else {
    if (magnitude > base_size - run.source_end) {
      return Errc::corrupt_patch;
    }
    from = run.source_end + magnitude;
  }
  if (!check_range(from, length, base_size)) {
    return Errc::corrupt_patch;  // SPEC: Patches, check P6
  }
  run.source_end = from + length;
  return Errc::ok;
}

inline Errc apply_copy(PatchRun& run) noexcept {
  uint64_t from = 0;
  uint64_t length = 0;
  if (const Errc e = read_source(run, from, length); e != Errc::ok) {
    return e;
  }
  return run.out.write(run.base.data() + from, static_cast<size_t>(length));
}

inline Errc apply_add(PatchRun& run) noexcept {
  uint64_t from = 0;
  uint64_t length = 0;
  if (const Errc e = read_source(run, from, length); e != Errc::ok) {
    return e;
  }
  if (length > run.max_chunk) {
    return Errc::corrupt_patch;
  }
  PatchBlock block;
  if (const Errc e = read_block(run, block); e != Errc::ok) {
    return e;
  }
  if (block.size != length) {
    return Errc::corrupt_patch;
  }
  // A stored block lies in the patch; a decoded one is already in the chunk buffer, and the
  // sum may overwrite it in place.
  const uint8_t* base = run.base.data() + from;
  const auto n = static_cast<size_t>(length);
  for (size_t i = 0; i < n; ++i) {
    run.chunk[i] = static_cast<uint8_t>(base[i] + block.bytes[i]);
  }
  return run.out.write(run.chunk, n);
}

inline Errc apply_insert(PatchRun& run) noexcept {
  PatchBlock block;
  if (const Errc e = read_block(run, block); e != Errc::ok) {
    return e;
  }
  return run.out.write(block.bytes, static_cast<size_t>(block.size));
}

/// The ops, up to END, which must be the patch's last byte.
inline Errc apply_ops(PatchRun& run) noexcept {
  for (;;) {
    uint8_t tag = 0;
    if (!run.body.byte(tag)) {
      return Errc::corrupt_patch;  // no END
    }
    Errc e = Errc::ok;
    switch (static_cast<patch_format::Op>(tag)) {
      case patch_format::Op::end:
        return run.body.at_end() ? Errc::ok : Errc::corrupt_patch;
      case patch_format::Op::copy:
        e = apply_copy(run);
        break;
      case patch_format::Op::add:
        e = apply_add(run);
        break;
      case patch_format::Op::insert:
        e = apply_insert(run);
        break;
      default:
        return Errc::corrupt_patch;
    }
    if (e != Errc::ok) {
      return e;
    }
  }
}

/// True when `base` is the bundle the patch was made from: its size and header checksum.
inline bool is_patch_base(ByteSpan base, const PatchHeader& h) noexcept {
  return base.size() >= format::kHeaderSize && base.size() >= h.base_size &&
         load_le64(base.data() + format::kOffFileSize) == h.base_size &&
         load_le64(base.data() + format::kOffHeaderChecksum) == h.base_checksum;
}

}  // namespace detail

inline Result<PatchHeader> read_patch_header(ByteSpan patch) noexcept {
  namespace pf = patch_format;
  const uint8_t* p = patch.data();
  if (p == nullptr || patch.size() < sizeof(pf::kMagic)) {
    return Errc::truncated;
  }
  for (size_t i = 0; i < sizeof(pf::kMagic); ++i) {
    if (p[i] != pf::kMagic[i]) {
      return Errc::bad_magic;
    }
  }
  if (patch.size() < pf::kHeaderSize) {
    return Errc::truncated;
  }
  if (detail::load_le16(p + pf::kOffVersionMajor) != pf::kVersionMajor) {
    return Errc::unsupported_version;
  }
  if (detail::load_le64(p + pf::kOffHeaderChecksum) !=
      detail::xxh64(p + 16, pf::kHeaderSize - 16)) {
    return Errc::corrupt_patch;
  }
  if ((detail::load_le32(p + pf::kOffFlags) & ~pf::kKnownFlags) != 0) {
    return Errc::unsupported_feature;
  }
  PatchHeader h;
  h.patch_size = detail::load_le64(p + pf::kOffPatchSize);
  h.body_checksum = detail::load_le64(p + pf::kOffBodyChecksum);
  h.base_size = detail::load_le64(p + pf::kOffBaseSize);
  h.base_checksum = detail::load_le64(p + pf::kOffBaseChecksum);
  h.target_size = detail::load_le64(p + pf::kOffTargetSize);
  h.target_checksum = detail::load_le64(p + pf::kOffTargetChecksum);
  h.max_chunk = detail::load_le32(p + pf::kOffMaxChunk);
  if (detail::load_le32(p + pf::kOffReserved) != 0 || h.patch_size <= pf::kHeaderSize ||
      h.max_chunk > pf::kMaxChunkLimit) {
    return Errc::corrupt_patch;
  }
  if (h.patch_size > patch.size()) {
    return Errc::truncated;
  }
  return h;
}

inline size_t patch_workspace_size(const PatchHeader& header) noexcept {
  if (header.max_chunk == 0) {
    return 0;
  }
  return detail::patch_context_size() + static_cast<size_t>(format::align_up(header.max_chunk));
}

inline Errc apply_patch(ByteSpan base, ByteSpan patch, MutableByteSpan workspace, PatchSink sink,
                        void* context) noexcept {
  const Result<PatchHeader> header = read_patch_header(patch);
  if (!header.ok()) {
    return header.error();
  }
  const PatchHeader& h = header.value();
  if (!detail::is_patch_base(base, h)) {
    return Errc::wrong_base;
  }
  const size_t body_size = static_cast<size_t>(h.patch_size) - patch_format::kHeaderSize;
  const uint8_t* body = patch.data() + patch_format::kHeaderSize;
  if (detail::xxh64(body, body_size) != h.body_checksum) {
    return Errc::corrupt_patch;
  }
  detail::PatchRun run{ByteSpan(base.data(), static_cast<size_t>(h.base_size)),
                       detail::PatchReader(body, body_size),
                       detail::PatchOutput(h.target_size, sink, context)};
  if (h.max_chunk != 0) {
    if (!detail::is_aligned(workspace.data(), format::kAlignment)) {
      return Errc::misaligned;
    }
    if (workspace.size() < patch_workspace_size(h)) {
      return Errc::workspace_too_small;
    }
    run.context = ZSTD_initStaticDCtx(workspace.data(), detail::patch_context_size());
    if (run.context == nullptr) {
      return Errc::workspace_too_small;
    }
    run.chunk = workspace.data() + detail::patch_context_size();
    run.max_chunk = h.max_chunk;
  }
  if (const Errc e = detail::apply_ops(run); e != Errc::ok) {
    return e;
  }
  if (run.out.written() != h.target_size) {
    return Errc::corrupt_patch;
  }
  return run.out.digest() == h.target_checksum ? Errc::ok : Errc::checksum_mismatch;
}

}  // namespace sheaf
