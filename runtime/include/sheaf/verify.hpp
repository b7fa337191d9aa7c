// sheaf runtime: the full check of a bundle, for install time (what `sheaf verify` runs).
// Linear in the bundle size; no heap. Bundle::open() and the accessors stay O(1) per call.
#pragma once

#include <cstdint>

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bundle.hpp>
#include <sheaf/decoder.hpp>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace detail {

inline bool all_zero(const uint8_t* p, uint64_t n) noexcept {
  for (uint64_t i = 0; i < n; ++i) {
    if (p[i] != 0) {
      return false;
    }
  }
  return true;
}

// SPEC: "Validation", rules V1-V3: padding is zero and every section matches its checksum.
inline Errc verify_layout(const Bundle& b) noexcept {
  const uint8_t* base = b.file().data();
  uint64_t at = format::header_end(b.section_count());
  for (uint32_t k = 0; k < b.section_count(); ++k) {
    const SectionEntry s = b.section(k);
    if (!all_zero(base + at, s.offset - at)) {
      return Errc::corrupt_header;
    }
    if (xxh64(base + s.offset, static_cast<size_t>(s.size)) != s.checksum) {
      return Errc::checksum_mismatch;
    }
    at = s.offset + s.size;
  }
  if (!all_zero(base + at, b.file().size() - at) || b.file().size() - at >= format::kAlignment) {
    return Errc::corrupt_header;
  }
  return Errc::ok;
}

// SPEC: "Validation", rules V5-V6: frames lie in order, inside DATA, within max_frame_size.
inline Errc verify_frames(const Bundle& b, const BundleInfo& info) noexcept {
  uint64_t previous_end = 0;
  for (uint32_t j = 0; j < b.frame_count(); ++j) {
    const Result<FrameView> f = b.frame(j);
    if (!f.ok()) {
      return f.error();
    }
    if (f.value().offset < previous_end || f.value().compressed_size == 0 ||
        f.value().raw_size > info.max_frame_size) {
      return Errc::corrupt_index;
    }
    previous_end = f.value().offset + f.value().compressed_size;
  }
  return Errc::ok;
}

// SPEC: "Validation", rules V7-V8: ids strictly ascending, every body inside its frames.
inline Errc verify_articles(const Bundle& b, const BundleInfo& info) noexcept {
  std::string_view previous;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    if (i > 0 && !(previous < a.value().id)) {
      return Errc::corrupt_index;
    }
    previous = a.value().id;
    const Result<BodyPlan> plan = b.body_plan(a.value());
    if (!plan.ok()) {
      return plan.error();
    }
    if (plan.value().buffer_size > info.max_read_size) {
      return Errc::corrupt_index;
    }
  }
  return Errc::ok;
}

}  // namespace detail

/// Checks every byte of an opened bundle: zero padding, every section checksum, the whole index
/// FlatBuffer, frame and body locations, id order. `b.file()` must be the whole file (a longer
/// span, e.g. a flash partition, fails: trailing bytes are not part of a bundle).
/// @return ok, or corrupt_header, checksum_mismatch or corrupt_index.
inline Errc verify_all(const Bundle& b) noexcept {
  Errc e = detail::verify_layout(b);
  if (e != Errc::ok) {
    return e;
  }
  const BundleInfo info = b.info();
  flatbuffers::Verifier v = detail::index_verifier(b.index_bytes(), info.article_count + 1);
  if (!v.VerifyBuffer<fb::Bundle>(format::kIndexIdentifier)) {
    return Errc::corrupt_index;
  }
  e = detail::verify_frames(b, info);
  if (e != Errc::ok) {
    return e;
  }
  return detail::verify_articles(b, info);
}

/// Decompresses every frame of the decoder's bundle into `buffer` (at least
/// BundleInfo::max_frame_size bytes), checking each frame's content checksum and size.
/// @return ok, or an error from Decoder::read_frame().
inline Errc verify_bodies(Decoder& decoder, uint32_t frame_count, MutableByteSpan buffer) noexcept {
  for (uint32_t j = 0; j < frame_count; ++j) {
    const Result<ByteSpan> r = decoder.read_frame(j, buffer);
    if (!r.ok()) {
      return r.error();
    }
  }
  return Errc::ok;
}

}  // namespace sheaf
