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

// SPEC: "Validation", rules V7, V8 and V11: every record inside its frames, max_read_size
// exact, the lookup tables the right size and in order.
inline Errc verify_articles(const Bundle& b, const BundleInfo& info) noexcept {
  size_t largest = 0;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    const Result<RecordPlan> plan = b.record_plan(a.value());
    if (!plan.ok()) {
      return plan.error();
    }
    if (plan.value().buffer_size > info.max_read_size) {
      return Errc::corrupt_index;
    }
    largest = plan.value().buffer_size > largest ? plan.value().buffer_size : largest;
  }
  if (largest != info.max_read_size) {
    return Errc::corrupt_index;
  }
  // Id samples: articles ascending from 0 (open() checked the two vectors match); title
  // keys: one per article, sorted.
  if ((b.size() > 0 && b.id_sample_count() == 0) || b.title_key_count() != b.size()) {
    return Errc::corrupt_index;
  }
  for (uint32_t k = 0; k < b.id_sample_count(); ++k) {
    const uint32_t a = b.id_sample_article(k);
    if (a >= b.size() || (k == 0 && a != 0) || (k > 0 && a <= b.id_sample_article(k - 1))) {
      return Errc::corrupt_index;
    }
  }
  for (uint32_t k = 0; k < b.title_key_count(); ++k) {
    const TitleKey key = b.title_key(k);
    const TitleKey before = k > 0 ? b.title_key(k - 1) : TitleKey{};
    if (key.article >= b.size() ||
        (k > 0 &&
         (key.hash < before.hash || (key.hash == before.hash && key.article <= before.article)))) {
      return Errc::corrupt_index;
    }
  }
  return Errc::ok;
}

/// True when the title keys hold (hash(title), i).
inline bool has_title_key(const Bundle& b, std::string_view title, uint32_t i) noexcept {
  const Range r = b.title_range(title);
  for (uint32_t k = r.first; k < r.last; ++k) {
    if (b.title_key(k).article == i) {
      return true;
    }
  }
  return false;
}

}  // namespace detail

/// Progress of verify_bodies(): (articles checked so far, article count, caller's context).
using VerifyProgressFn = void (*)(uint32_t done, uint32_t total, void* context);

/// Checks every byte of an opened bundle: zero padding, every section checksum, the whole index
/// FlatBuffer, frame and record locations, the lookup tables' shape (SPEC: "Validation", V1 to
/// V6, V8, V10, V11). Ids and titles are in the records: verify_bodies() checks them.
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

/// Reads every article's record, decoding each frame once, and checks it: its checksum, its
/// fields (SPEC: "Records"), ids strictly ascending, the id samples and title keys naming the
/// right articles, site and source references in range, and that the articles use every frame
/// in order. `buffer` must hold BundleInfo::max_read_size bytes. When `progress` is not null it
/// is called with (articles checked, article count, `context`) before every 1024th article.
/// @return ok, or corrupt_index (frames out of order or unused, lookup tables wrong, ids out
///   of order), corrupt_body, or an error from Decoder::read_frame().
inline Errc verify_bodies(const Bundle& b, Decoder& decoder, MutableByteSpan buffer,
                          VerifyProgressFn progress = nullptr, void* context = nullptr) noexcept {
  uint32_t cached = UINT32_MAX;  // frame whose content is in `buffer`
  uint64_t covered_end = 0;      // articles so far used frames [0, covered_end)
  // The previous id may sit in a frame the next read overwrites: keep a copy of it, or of its
  // first 256 bytes (longer ids are then checked by that prefix only).
  char previous[256];
  size_t previous_size = 0;
  bool previous_cut = false;
  uint32_t next_sample = 0;  // id samples name ascending articles: check each in passing
  for (uint32_t i = 0; i < b.size(); ++i) {
    if (progress != nullptr && i % 1024 == 0) {
      progress(i, b.size(), context);
    }
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    const Result<RecordPlan> plan = b.record_plan(a.value());
    if (!plan.ok()) {
      return plan.error();
    }
    const RecordPlan& p = plan.value();
    if (p.first_frame > covered_end || p.first_frame + uint64_t{1} < covered_end) {
      return Errc::corrupt_index;  // SPEC: "Validation", rule V9
    }
    const Result<std::string_view> bytes = decoder.read_bytes(a.value(), buffer, cached);
    if (!bytes.ok()) {
      return bytes.error();
    }
    const Result<Record> record = parse_record(bytes.value());
    if (!record.ok()) {
      return record.error();
    }
    const Record& r = record.value();
    // Ids strictly ascending (SPEC: rule V7).
    if (i > 0) {
      const int c =
          r.id.substr(0, previous_size).compare(std::string_view(previous, previous_size));
      if (c < 0 || (c == 0 && !previous_cut && r.id.size() == previous_size)) {
        return Errc::corrupt_index;
      }
    }
    previous_size = r.id.size() < sizeof previous ? r.id.size() : sizeof previous;
    previous_cut = r.id.size() > sizeof previous;
    for (size_t k = 0; k < previous_size; ++k) {
      previous[k] = r.id[k];
    }
    if (next_sample < b.id_sample_count() && b.id_sample_article(next_sample) == i) {
      const Result<std::string_view> sample = b.id_sample(next_sample++);
      if (!sample.ok() || sample.value() != r.id) {
        return Errc::corrupt_index;
      }
    }
    if (!detail::has_title_key(b, r.title, i) || r.site > b.site_count() ||
        r.source_file > b.source_count()) {
      return Errc::corrupt_index;
    }
    covered_end = covered_end > p.first_frame + uint64_t{p.frame_count}
                      ? covered_end
                      : p.first_frame + uint64_t{p.frame_count};
  }
  if (next_sample != b.id_sample_count()) {
    return Errc::corrupt_index;
  }
  return covered_end == b.frame_count() ? Errc::ok : Errc::corrupt_index;
}

}  // namespace sheaf
