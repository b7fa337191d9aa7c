// sheaf runtime: body decompression into caller-provided memory. No heap: the zstd context
// (and the parsed dictionary, when the workspace allows) live in a workspace the caller owns.
#pragma once

#include <cstdint>
#include <string_view>

#include <zstd.h>

#include <sheaf/bundle.hpp>
#include <sheaf/bytes.hpp>
#include <sheaf/config.hpp>  // ZSTD_STATIC_LINKING_ONLY
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {

/// Checks a body read part by part (Decoder::read_part) against the article's checksum.
class BodyCheck {
 public:
  void add(std::string_view part) noexcept {
    hash_.update(reinterpret_cast<const uint8_t*>(part.data()), part.size());
  }

  /// True when the parts added so far are exactly the body of `a`.
  bool matches(const ArticleView& a) const noexcept {
    return static_cast<uint32_t>(hash_.digest()) == a.body_checksum;
  }

 private:
  detail::Xxh64 hash_;
};

/// Decompresses article bodies of one bundle. Holds a copy of the Bundle handle (whose bytes
/// must outlive the Decoder) and pointers into the workspace (which must outlive it too).
/// Not thread-safe: use one Decoder (and one workspace) per thread.
class Decoder {
 public:
  Decoder() noexcept = default;

  /// Workspace bytes for the fast mode: the zstd context plus the dictionary parsed once
  /// (referenced in place, not copied). Depends on the bundle's dictionary size.
  static size_t workspace_size(const Bundle& bundle) noexcept {
    return context_size() + dictionary_table_size(bundle);
  }

  /// Workspace bytes for the small mode: the zstd context only; the dictionary is re-read from
  /// the bundle at every frame (slower per frame, less RAM).
  static size_t small_workspace_size() noexcept { return context_size(); }

  /// Builds a decoder in `workspace` (8-byte aligned). Uses the fast mode when the workspace
  /// holds workspace_size(bundle) bytes, else the small mode. Checks the dictionary's checksum.
  /// @return the decoder, or misaligned, workspace_too_small, checksum_mismatch (dictionary
  ///   damaged) or corrupt_body (the dictionary is not one zstd can load).
  static Result<Decoder> init(const Bundle& bundle, MutableByteSpan workspace) noexcept;

  /// True when the dictionary was parsed once into the workspace (fast mode).
  bool fast() const noexcept { return ddict_ != nullptr; }

  /// Decompresses frame `j` into the start of `out` (at least its raw_size bytes).
  /// @return the decompressed bytes (a view into `out`), or an error from Bundle::frame(),
  ///   output_too_small, or corrupt_body (bad frame, missing or failed checksum, wrong size).
  Result<ByteSpan> read_frame(uint32_t j, MutableByteSpan out) noexcept;

  /// The whole body of `a`, decompressed into `buffer` (at least body_plan(a).buffer_size
  /// bytes; BundleInfo::max_read_size covers every article), its checksum checked.
  /// @return a view into `buffer`, or an error from body_plan() or read_frame(), or
  ///   corrupt_body when the text does not match the article's checksum (damaged index).
  Result<std::string_view> read(const ArticleView& a, MutableByteSpan buffer) noexcept;

  /// Part `part` of `a`'s body: the piece held by one frame, decompressed into `buffer` (at
  /// least that frame's raw size; BundleInfo::max_frame_size covers every frame). Lets a small
  /// device read a long article frame by frame with one frame-sized buffer. Each frame's
  /// content is checked; to check the body as a whole, feed the parts to a BodyCheck.
  /// @return a view into `buffer`, or an error from body_piece() or read_frame().
  Result<std::string_view> read_part(const ArticleView& a, uint32_t part,
                                     MutableByteSpan buffer) noexcept;

 private:
  static constexpr uint32_t kZstdDictionaryMagic = 0xEC30A437;

  static size_t context_size() noexcept {
    return static_cast<size_t>(format::align_up(ZSTD_estimateDCtxSize()));
  }

  static size_t dictionary_table_size(const Bundle& bundle) noexcept {
    if (bundle.dictionary().empty()) {
      return 0;
    }
    return static_cast<size_t>(
        format::align_up(ZSTD_estimateDDictSize(bundle.dictionary().size(), ZSTD_dlm_byRef)));
  }

  Bundle bundle_;
  ZSTD_DCtx* context_ = nullptr;
  const ZSTD_DDict* ddict_ = nullptr;
};

inline Result<Decoder> Decoder::init(const Bundle& bundle, MutableByteSpan workspace) noexcept {
  if (!detail::is_aligned(workspace.data(), format::kAlignment)) {
    return Errc::misaligned;
  }
  if (workspace.size() < small_workspace_size()) {
    return Errc::workspace_too_small;
  }
  const ByteSpan dict = bundle.dictionary();
  if (!dict.empty()) {
    // SPEC: "Validation", rule D2: a zstd dictionary in both modes (small mode would otherwise
    // take any bytes as raw content).
    if (dict.size() < 8 || detail::load_le32(dict.data()) != kZstdDictionaryMagic) {
      return Errc::corrupt_body;
    }
    // SPEC: "Validation", rule D1: a damaged dictionary would decode every frame wrongly.
    for (uint32_t k = 0; k < bundle.section_count(); ++k) {
      const SectionEntry s = bundle.section(k);
      if (s.kind == static_cast<uint32_t>(format::SectionKind::dictionary) &&
          detail::xxh64(dict.data(), dict.size()) != s.checksum) {
        return Errc::checksum_mismatch;
      }
    }
  }
  Decoder d;
  d.bundle_ = bundle;
  d.context_ = ZSTD_initStaticDCtx(workspace.data(), context_size());
  if (d.context_ == nullptr) {
    return Errc::workspace_too_small;
  }
  if (!dict.empty() && workspace.size() >= workspace_size(bundle)) {
    d.ddict_ =
        ZSTD_initStaticDDict(workspace.data() + context_size(), workspace.size() - context_size(),
                             dict.data(), dict.size(), ZSTD_dlm_byRef, ZSTD_dct_fullDict);
    if (d.ddict_ == nullptr) {
      return Errc::corrupt_body;
    }
  }
  return d;
}

inline Result<ByteSpan> Decoder::read_frame(uint32_t j, MutableByteSpan out) noexcept {
  const Result<FrameView> fr = bundle_.frame(j);
  if (!fr.ok()) {
    return fr.error();
  }
  const FrameView& f = fr.value();
  if (out.size() < f.raw_size) {
    return Errc::output_too_small;
  }
  // SPEC: "Data section": every frame carries a content checksum, so damage is an error,
  // never wrong text.
  ZSTD_frameHeader fh;
  if (ZSTD_getFrameHeader(&fh, f.bytes.data(), f.bytes.size()) != 0 || fh.checksumFlag == 0 ||
      fh.frameType != ZSTD_frame ||
      ZSTD_findFrameCompressedSize(f.bytes.data(), f.bytes.size()) != f.bytes.size()) {
    return Errc::corrupt_body;  // SPEC: "Validation", rule F2: exactly one checksummed frame
  }
  const ByteSpan dict = bundle_.dictionary();
  size_t n = 0;
  if (ddict_ != nullptr) {
    n = ZSTD_decompress_usingDDict(context_, out.data(), f.raw_size, f.bytes.data(), f.bytes.size(),
                                   ddict_);
  } else {
    n = ZSTD_decompress_usingDict(context_, out.data(), f.raw_size, f.bytes.data(), f.bytes.size(),
                                  dict.data(), dict.size());
  }
  if (ZSTD_isError(n) || n != f.raw_size) {
    return Errc::corrupt_body;
  }
  return ByteSpan(out.data(), n);
}

inline Result<std::string_view> Decoder::read(const ArticleView& a,
                                              MutableByteSpan buffer) noexcept {
  const Result<BodyPlan> plan = bundle_.body_plan(a);
  if (!plan.ok()) {
    return plan.error();
  }
  if (plan.value().frame_count == 0) {
    if (detail::body_checksum(nullptr, 0) != a.body_checksum) {
      return Errc::corrupt_body;  // a damaged size must not turn a body into ""
    }
    return std::string_view();
  }
  if (buffer.size() < plan.value().buffer_size) {
    return Errc::output_too_small;
  }
  size_t at = 0;
  for (uint32_t k = 0; k < plan.value().frame_count; ++k) {
    const Result<ByteSpan> part = read_frame(
        plan.value().first_frame + k, MutableByteSpan(buffer.data() + at, buffer.size() - at));
    if (!part.ok()) {
      return part.error();
    }
    at += part.value().size();
  }
  const uint8_t* body = buffer.data() + plan.value().offset;
  if (detail::body_checksum(body, plan.value().size) != a.body_checksum) {
    return Errc::corrupt_body;  // SPEC: "Validation", rule B3
  }
  return std::string_view(reinterpret_cast<const char*>(body), plan.value().size);
}

inline Result<std::string_view> Decoder::read_part(const ArticleView& a, uint32_t part,
                                                   MutableByteSpan buffer) noexcept {
  const Result<BodyPiece> piece = bundle_.body_piece(a, part);
  if (!piece.ok()) {
    return piece.error();
  }
  const Result<ByteSpan> content = read_frame(piece.value().frame, buffer);
  if (!content.ok()) {
    return content.error();
  }
  return std::string_view(
      reinterpret_cast<const char*>(content.value().data()) + piece.value().start,
      piece.value().size);
}

}  // namespace sheaf
