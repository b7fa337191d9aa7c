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

// SPEC: "Validation", rules V1-V3: padding is zero and shorter than the alignment, and every
// section matches its checksum.
inline Errc verify_layout(const Bundle& b) noexcept {
  const uint8_t* base = b.file().data();
  uint64_t at = format::header_end(b.section_count());
  for (uint32_t k = 0; k < b.section_count(); ++k) {
    const SectionEntry s = b.section(k);
    if (s.offset - at >= format::kAlignment || !all_zero(base + at, s.offset - at)) {
      return Errc::corrupt_header;
    }
    if (xxh64(base + s.offset, static_cast<size_t>(s.size)) != s.checksum) {
      return Errc::checksum_mismatch;
    }
    at = s.offset + s.size;
  }
  if (b.file().size() != format::align_up(at) || !all_zero(base + at, b.file().size() - at)) {
    return Errc::corrupt_header;
  }
  return Errc::ok;
}

// SPEC: "Validation", rules V5, V6 and V10: frames lie back to back in DATA (each at the next
// multiple of 8, zero padding between), within max_frame_size, which is exact and at most
// block_size.
inline Errc verify_frames(const Bundle& b, const BundleInfo& info) noexcept {
  uint64_t end = 0;
  uint32_t largest = 0;
  for (uint32_t j = 0; j < b.frame_count(); ++j) {
    const Result<FrameView> f = b.frame(j);
    if (!f.ok()) {
      return f.error();
    }
    const FrameView& v = f.value();
    if (v.offset != format::align_up(end) || v.compressed_size == 0 ||
        v.raw_size > info.max_frame_size || !all_zero(b.data().data() + end, v.offset - end)) {
      return Errc::corrupt_index;
    }
    end = v.offset + v.compressed_size;
    largest = v.raw_size > largest ? v.raw_size : largest;
  }
  if (format::align_up(end) != b.data().size() ||
      !all_zero(b.data().data() + end, b.data().size() - end) || largest != info.max_frame_size ||
      info.max_frame_size > info.block_size) {
    return Errc::corrupt_index;
  }
  return Errc::ok;
}

// SPEC: "Validation", rules V7, V8 and V11: ids non-empty and strictly ascending, every body
// inside its frames, max_read_size exact.
inline Errc verify_articles(const Bundle& b, const BundleInfo& info) noexcept {
  std::string_view previous;
  size_t largest = 0;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    if (a.value().id.empty() || (i > 0 && !(previous < a.value().id))) {
      return Errc::corrupt_index;
    }
    previous = a.value().id;
    if (!b.site(a.value()).ok()) {
      return Errc::corrupt_index;  // SPEC: rule I6
    }
    const Result<BodyPlan> plan = b.body_plan(a.value());
    if (!plan.ok()) {
      return plan.error();
    }
    if (plan.value().buffer_size > info.max_read_size) {
      return Errc::corrupt_index;
    }
    largest = plan.value().buffer_size > largest ? plan.value().buffer_size : largest;
  }
  return largest == info.max_read_size ? Errc::ok : Errc::corrupt_index;
}

}  // namespace detail

/// Checks every byte of an opened bundle: zero padding, every section checksum, the whole index
/// FlatBuffer, frame and body locations, id order (SPEC: "Validation", V1 to V8, V10, V11).
/// It checks the bundle's own bytes, `b.file()`: bytes past the header's file size (a flash
/// partition) are not part of it; `sheaf verify` compares the file's length separately.
/// @return ok, or corrupt_header, checksum_mismatch or corrupt_index.
inline Errc verify_all(const Bundle& b) noexcept {
  Errc e = detail::verify_layout(b);
  if (e != Errc::ok) {
    return e;
  }
  const BundleInfo info = b.info();
  // Every table takes at least 4 bytes, so this bound never rejects a valid index.
  flatbuffers::Verifier v = detail::index_verifier(
      b.index_bytes(), static_cast<uint32_t>(b.index_bytes().size() / 4 + 1));
  if (!v.VerifyBuffer<fb::Bundle>(format::kIndexIdentifier)) {
    return Errc::corrupt_index;
  }
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    if (!b.source(k).ok()) {
      return Errc::corrupt_index;  // SPEC: rule I7
    }
  }
  e = detail::verify_frames(b, info);
  if (e != Errc::ok) {
    return e;
  }
  return detail::verify_articles(b, info);
}

/// Reads every article's body and checks it against its checksum, decoding each frame once
/// (writers store bodies in id order, SPEC: "Frame packing"), and checks that the articles use
/// every frame, in order. `buffer` must hold BundleInfo::max_read_size bytes.
/// @return ok, or corrupt_index (frames out of order or unused), corrupt_body, or an error
///   from Decoder::read_frame() or Decoder::read().
inline Errc verify_bodies(const Bundle& b, Decoder& decoder, MutableByteSpan buffer) noexcept {
  uint32_t cached = UINT32_MAX;  // frame whose content is in `buffer`
  uint64_t covered_end = 0;      // articles so far used frames [0, covered_end)
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    const Result<BodyPlan> plan = b.body_plan(a.value());
    if (!plan.ok()) {
      return plan.error();
    }
    const BodyPlan& p = plan.value();
    if (p.frame_count == 0) {
      if (detail::body_checksum(nullptr, 0) != a.value().body_checksum) {
        return Errc::corrupt_body;
      }
      continue;
    }
    if (p.first_frame > covered_end || p.first_frame + uint64_t{1} < covered_end) {
      return Errc::corrupt_index;  // SPEC: "Validation", rule V9
    }
    if (p.frame_count > 1) {
      const Result<std::string_view> body = decoder.read(a.value(), buffer);
      if (!body.ok()) {
        return body.error();
      }
      cached = UINT32_MAX;
    } else {
      if (cached != p.first_frame) {
        const Result<ByteSpan> frame = decoder.read_frame(p.first_frame, buffer);
        if (!frame.ok()) {
          return frame.error();
        }
        cached = p.first_frame;
      }
      if (detail::body_checksum(buffer.data() + p.offset, p.size) != a.value().body_checksum) {
        return Errc::corrupt_body;
      }
    }
    covered_end = covered_end > p.first_frame + uint64_t{p.frame_count}
                      ? covered_end
                      : p.first_frame + uint64_t{p.frame_count};
  }
  return covered_end == b.frame_count() ? Errc::ok : Errc::corrupt_index;
}

}  // namespace sheaf
