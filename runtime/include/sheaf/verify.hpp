// sheaf runtime: the full check of a bundle, for install time (what `sheaf verify` runs).
// Linear in the bundle size; no heap. Bundle::open() and the accessors stay O(1) per call.
#pragma once

#include <cstdint>
#include <string_view>

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bundle.hpp>
#include <sheaf/charset.hpp>
#include <sheaf/decoder.hpp>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/navigation.hpp>
#include <sheaf/rules.hpp>
#include <sheaf/search.hpp>
#include <sheaf/search_query.hpp>
#include <sheaf/utf8.hpp>
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

inline bool is_dictionary(const SectionEntry& s) noexcept {
  return s.kind == static_cast<uint32_t>(format::SectionKind::dictionary) ||
         s.kind == static_cast<uint32_t>(format::SectionKind::packed_dictionary);
}

// SPEC: "Validation", rules V1-V3 (D1 for the dictionary's checksum): padding is zero and
// shorter than the alignment, and every section matches its checksum.
inline Errc verify_layout(const Bundle& b) noexcept {
  const uint8_t* base = b.file().data();
  uint64_t at = format::header_end(b.section_count());
  for (uint32_t k = 0; k < b.section_count(); ++k) {
    const Result<SectionEntry> entry = b.section(k);
    if (!entry.ok()) {
      return entry.error();
    }
    const SectionEntry& s = entry.value();
    SHEAF_CHECK(s.offset - at < format::kAlignment && all_zero(base + at, s.offset - at), Rule::V1);
    SHEAF_CHECK(xxh64(base + s.offset, static_cast<size_t>(s.size)) == s.checksum,
                is_dictionary(s) ? Rule::D1 : Rule::V2);
    at = s.offset + s.size;
  }
  SHEAF_CHECK(b.file().size() == format::align_up(at) && all_zero(base + at, b.file().size() - at),
              Rule::V3);
  return Errc::ok;
}

// SPEC: "Validation", rules V10 and V11: frames lie back to back in DATA by construction (each
// starts where the one before ends; F1, which Bundle::frame() checks, makes them non-empty and
// ascending), DATA ends at the next multiple of 8 after the last one, with zero padding, and
// max_frame_size (which Bundle::frame() checks every raw size against, rule F4) is exact and at
// most block_size.
inline Errc verify_frames(const Bundle& b, const BundleInfo& info) noexcept {
  uint64_t end = 0;
  uint32_t largest = 0;
  for (uint32_t j = 0; j < b.frame_count(); ++j) {
    const Result<FrameView> f = b.frame(j);
    if (!f.ok()) {
      return f.error();
    }
    const FrameView& v = f.value();
    end = v.offset + v.compressed_size;
    largest = v.raw_size > largest ? v.raw_size : largest;
  }
  SHEAF_CHECK(format::align_up(end) == b.data().size() &&
                  all_zero(b.data().data() + end, b.data().size() - end),
              Rule::V10);
  SHEAF_CHECK(largest == info.max_frame_size && info.max_frame_size <= info.block_size, Rule::V11);
  return Errc::ok;
}

}  // namespace detail

/// SPEC rule V9 as a walk goes: records, taken in article order, use the frames in order, so
/// that a reader with a one-frame cache decodes each frame once. Feed it every article's plan,
/// in order, then call finish(). `sheaf ls` and `unpack` check it as they read.
class FrameOrder {
 public:
  /// The next article's plan. @return corrupt_index (V9) when it starts before the last frame
  ///   used so far or after the first unused one.
  Errc next(const RecordPlan& p) noexcept {
    SHEAF_CHECK(p.first_frame <= covered_end_ && p.first_frame + uint64_t{1} >= covered_end_,
                Rule::V9);
    const uint64_t end = p.first_frame + uint64_t{p.frame_count};
    covered_end_ = end > covered_end_ ? end : covered_end_;
    return Errc::ok;
  }

  /// After the last article. @return corrupt_index (V9) when a frame was left unused.
  Errc finish(uint32_t frame_count) const noexcept {
    SHEAF_CHECK(covered_end_ == frame_count, Rule::V9);
    return Errc::ok;
  }

 private:
  uint64_t covered_end_ = 0;  // articles so far used frames [0, covered_end_)
};

namespace detail {

// SPEC: "Validation", rules V8, V9 and V11: every record inside its frames, the frames used in
// order (checked here from the index alone, so that a bundle whose records hop between frames
// costs no more than one pass), max_read_size exact.
inline Errc verify_plans(const Bundle& b, const BundleInfo& info) noexcept {
  size_t largest = 0;
  FrameOrder order;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    const Result<RecordPlan> plan = b.record_plan(a.value());
    if (!plan.ok()) {
      return plan.error();
    }
    const Errc e = order.next(plan.value());
    if (e != Errc::ok) {
      return e;
    }
    SHEAF_CHECK(plan.value().buffer_size <= info.max_read_size, Rule::V8);
    largest = plan.value().buffer_size > largest ? plan.value().buffer_size : largest;
  }
  const Errc e = order.finish(b.frame_count());
  if (e != Errc::ok) {
    return e;
  }
  SHEAF_CHECK(largest == info.max_read_size, Rule::V11);
  return Errc::ok;
}

// Keys sorted by (hash, article), no two equal, each naming an article.
template <class KeyAt>
bool keys_in_order(uint32_t count, uint32_t articles, KeyAt&& key_at) noexcept {
  TitleKey previous;
  for (uint32_t k = 0; k < count; ++k) {
    const TitleKey key = key_at(k);
    if (key.article >= articles ||
        (k != 0 && (key.hash < previous.hash ||
                    (key.hash == previous.hash && key.article <= previous.article)))) {
      return false;
    }
    previous = key;
  }
  return true;
}

// SPEC: "Validation", rules V12 to V14: the lookup tables the right size and in order: one id
// key and one title key per article, each table sorted.
inline Errc verify_lookup_tables(const Bundle& b) noexcept {
  SHEAF_CHECK(b.id_key_count() == b.size() && b.title_key_count() == b.size(), Rule::V12);
  SHEAF_CHECK(keys_in_order(b.id_key_count(), b.size(),
                            [&](uint32_t k) {
                              return b.id_key(k).value_or(TitleKey{UINT32_MAX, UINT32_MAX});
                            }),
              Rule::V13);
  TitleKey previous;
  for (uint32_t k = 0; k < b.title_key_count(); ++k) {
    const TitleKey key = b.title_key(k).value_or(TitleKey{UINT32_MAX, UINT32_MAX});
    SHEAF_CHECK(
        key.article < b.size() && (k == 0 || key.hash > previous.hash ||
                                   (key.hash == previous.hash && key.article > previous.article)),
        Rule::V14);
    previous = key;
  }
  return Errc::ok;
}

// True when every code point of `text` (but '\n', which only separates paragraphs) is in
// `charset`.
inline bool charset_covers(const Charset& charset, std::string_view text) noexcept {
  for (size_t at = 0; at < text.size();) {
    const Decoded c = decode_utf8(text, at);
    if (c.cp != '\n' && !charset.contains(c.cp)) {
      return false;
    }
    at += c.size;
  }
  return true;
}

// SPEC: rules C1 to C3 (the section whole) and the sites' half of C4, when there is a CHARSET
// section.
inline Errc verify_charset(const Bundle& b) noexcept {
  const Result<Charset> charset = b.charset();
  if (charset.error() == Errc::not_found) {
    return Errc::ok;
  }
  if (!charset.ok()) {
    return charset.error();
  }
  for (uint32_t k = 0; k < b.site_count(); ++k) {
    const Result<SiteView> s = b.site(k);
    if (!s.ok()) {
      return s.error();
    }
    for (const std::string_view field :
         {s.value().name, s.value().copyright, s.value().icp, s.value().public_security_record,
          s.value().email, s.value().address, s.value().phone, s.value().organizer,
          s.value().tech_support}) {
      SHEAF_CHECK(charset_covers(charset.value(), field), Rule::C4);
    }
  }
  return Errc::ok;
}

// SPEC: rules N1 to N9 (the section whole), when there is a NAVIGATION section.
inline Errc verify_navigation(const Bundle& b) noexcept {
  const Result<Navigation> nav = b.navigation();
  if (nav.error() == Errc::not_found) {
    return Errc::ok;
  }
  if (!nav.ok()) {
    return nav.error();
  }
  return nav.value().verify();
}

// SPEC: rules L1 and L2 (the tables, without decoding a frame), when there is a HEADLINES
// section; verify_headlines() checks the rest.
inline Errc verify_headline_tables(const Bundle& b) noexcept {
  const Result<Headlines> h = b.headlines();
  if (h.error() == Errc::not_found) {
    return Errc::ok;
  }
  if (!h.ok()) {
    return h.error();
  }
  for (uint32_t p = 0; p < h.value().count(); ++p) {
    const Errc e = h.value().slot_at(p).error();
    if (e != Errc::ok) {
      return e;
    }
  }
  for (uint32_t k = 0; k < h.value().frame_count(); ++k) {
    const Errc e = h.value().frame(k).error();
    if (e != Errc::ok) {
      return e;
    }
    SHEAF_CHECK(h.value().entries_in(k) != 0, Rule::L2);  // first slots ascend
  }
  return Errc::ok;
}

// SPEC: rules Q1 to Q5 (the section whole), when there is a SEARCH section.
inline Errc verify_search(const Bundle& b) noexcept {
  const Result<SearchIndex> index = b.search();
  if (index.error() == Errc::not_found) {
    return Errc::ok;
  }
  if (!index.ok()) {
    return index.error();
  }
  return index.value().verify();
}

// SPEC: rule Q6: every key of a record's normalised text (title, subtitle, body: each code
// point, and each pair of adjacent code points not separated by white space) has a postings list.
inline Errc check_search_keys(const SearchIndex& index, const Record& r) noexcept {
  bool missing = false;
  const std::string_view fields[3] = {r.title, r.subtitle, r.body};
  for (const std::string_view text : fields) {
    uint32_t previous = ' ';
    fold_text(index, text, false, [&](uint32_t cp) {
      if (missing || is_search_space(cp)) {
        previous = ' ';
        return;
      }
      missing = !index.find(SearchKey{cp, 0}).ok() ||
                (previous != ' ' && !index.find(SearchKey{previous, cp + 1}).ok());
      previous = cp;
    });
  }
  SHEAF_CHECK(!missing, Rule::Q6);
  return Errc::ok;
}

/// What verify_bodies() carries from one article to the next, and its per-article checks.
class BodyChecker {
 public:
  explicit BodyChecker(const Bundle& b) noexcept : b_(b) {
    const Result<Charset> charset = b.charset();  // verify_all checked it
    has_charset_ = charset.ok();
    charset_ = charset.value_or(Charset());
    const Result<Navigation> nav = b.navigation();  // verify_all checked it
    has_navigation_ = nav.ok();
    navigation_ = nav.value_or(Navigation());
    const Result<SearchIndex> search = b.search();  // verify_all checked it
    has_search_ = search.ok();
    search_ = search.value_or(SearchIndex());
  }

  // SPEC: rule V9: records use the frames in order.
  Errc check_plan(const RecordPlan& p) noexcept { return order_.next(p); }

  // SPEC: rules V7, V15, V16 and V17.
  Errc check_record(uint32_t i, const Record& r) noexcept {
    const Errc e = check_id_order(i, r.id);
    if (e != Errc::ok) {
      return e;
    }
    SHEAF_CHECK(b_.has_id_key(r.id, i), Rule::V15);        // O(log n): V13 held
    SHEAF_CHECK(b_.has_title_key(r.title, i), Rule::V16);  // O(log n): V14 held
    SHEAF_CHECK(r.site <= b_.site_count() && r.source_file <= b_.source_count(), Rule::V17);
    // SPEC: rule N10: the newest-first order sorts the records' own dates (N7 held).
    SHEAF_CHECK(!has_navigation_ ||
                    navigation_.date_key_at(navigation_.slot_of(i).value_or(0)) == date_key(r.date),
                Rule::N10);
    if (has_search_) {
      const Errc q = check_search_keys(search_, r);
      if (q != Errc::ok) {
        return q;
      }
    }
    return has_charset_ ? check_charset(r) : Errc::ok;
  }

  // SPEC: the final part of rule V9.
  Errc finish() const noexcept { return order_.finish(b_.frame_count()); }

 private:
  // SPEC: rule C4, the records' half: every text field but the id, and the body.
  Errc check_charset(const Record& r) const noexcept {
    FieldWalk walk(r.header);
    FieldView f;
    while (walk.next(f)) {
      const bool text = f.tag >= static_cast<uint8_t>(format::Field::title) &&
                        f.tag <= static_cast<uint8_t>(format::Field::category);
      SHEAF_CHECK(!text || charset_covers(charset_, f.bytes), Rule::C4);
    }
    SHEAF_CHECK(charset_covers(charset_, r.body), Rule::C4);
    return Errc::ok;
  }

  // SPEC: rule V7: ids strictly ascending. The previous id may sit in a frame the next read
  // overwrites: keep a copy of it, or of its first 256 bytes (longer ids are then checked by
  // that prefix only).
  Errc check_id_order(uint32_t i, std::string_view id) noexcept {
    if (i > 0) {
      const int c =
          id.substr(0, previous_size_).compare(std::string_view(previous_, previous_size_));
      SHEAF_CHECK(c > 0 || (c == 0 && (previous_cut_ || id.size() != previous_size_)), Rule::V7);
    }
    previous_size_ = id.size() < sizeof previous_ ? id.size() : sizeof previous_;
    previous_cut_ = id.size() > sizeof previous_;
    for (size_t k = 0; k < previous_size_; ++k) {
      previous_[k] = id[k];
    }
    return Errc::ok;
  }

  const Bundle& b_;
  Charset charset_;
  bool has_charset_ = false;
  Navigation navigation_;
  bool has_navigation_ = false;
  SearchIndex search_;
  bool has_search_ = false;
  FrameOrder order_;
  char previous_[256];
  size_t previous_size_ = 0;
  bool previous_cut_ = false;
};

}  // namespace detail

/// Progress of verify_bodies(): (articles checked so far, article count, caller's context).
using VerifyProgressFn = void (*)(uint32_t done, uint32_t total, void* context);

/// Checks every byte of an opened bundle: zero padding, every section checksum, the whole index
/// FlatBuffer, frame and record locations and their order, the lookup tables' shape (SPEC:
/// "Validation", V1 to V4, V8 to V14). Ids and titles are in the records: verify_bodies() checks
/// them. It checks the bundle's own bytes, `b.file()`: bytes past the header's file size (a flash
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
  SHEAF_CHECK(v.VerifyBuffer<fb::Bundle>(format::kIndexIdentifier), Rule::V4);
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    const Result<SourceView> source = b.source(k);  // SPEC: rule I7
    if (!source.ok()) {
      return source.error();
    }
  }
  e = detail::verify_frames(b, info);
  if (e != Errc::ok) {
    return e;
  }
  e = detail::verify_plans(b, info);
  if (e != Errc::ok) {
    return e;
  }
  e = detail::verify_lookup_tables(b);
  if (e != Errc::ok) {
    return e;
  }
  e = detail::verify_charset(b);
  if (e != Errc::ok) {
    return e;
  }
  e = detail::verify_navigation(b);
  if (e != Errc::ok) {
    return e;
  }
  e = detail::verify_headline_tables(b);
  if (e != Errc::ok) {
    return e;
  }
  return detail::verify_search(b);
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
  detail::BodyChecker checker(b);
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
    Errc e = checker.check_plan(plan.value());
    if (e != Errc::ok) {
      return e;
    }
    const Result<std::string_view> bytes = decoder.read_bytes(a.value(), buffer, cached);
    if (!bytes.ok()) {
      return bytes.error();
    }
    const Result<Record> record = parse_record(bytes.value());
    if (!record.ok()) {
      return record.error();
    }
    e = checker.check_record(i, record.value());
    if (e != Errc::ok) {
      return e;
    }
  }
  return checker.finish();
}

namespace detail {

// SPEC: rules L2 to L4 and L5's frame half: the first slots ascend, every frame but frame 0
// holds at least min_group titles, every frame decodes (into `frame`) and holds exactly its
// entries, and max_raw is the largest content.
inline Errc verify_headline_frames(const Headlines& h, Decoder& decoder,
                                   MutableByteSpan frame) noexcept {
  uint32_t largest = 0;
  for (uint32_t k = 0; k < h.frame_count(); ++k) {
    const uint32_t entries = h.entries_in(k);
    SHEAF_CHECK(entries != 0, Rule::L2);  // first slots ascend
    SHEAF_CHECK(k == 0 || entries >= h.min_group(), Rule::L5);
    const Result<ByteSpan> bytes = h.frame(k);
    if (!bytes.ok()) {
      return bytes.error();
    }
    const Result<ByteSpan> content = decoder.read_headline_frame(bytes.value(), h.max_raw(), frame);
    if (!content.ok()) {
      return content.error();
    }
    const char* p = reinterpret_cast<const char*>(content.value().data());
    const char* end = p + content.value().size();
    for (uint32_t j = 0; j < entries; ++j) {
      uint32_t size = 0;
      SHEAF_CHECK(read_varint(p, end, size) && size <= static_cast<size_t>(end - p), Rule::L4);
      p += size;
    }
    SHEAF_CHECK(p == end, Rule::L4);
    largest = static_cast<uint32_t>(content.value().size()) > largest
                  ? static_cast<uint32_t>(content.value().size())
                  : largest;
  }
  SHEAF_CHECK(largest == h.max_raw(), Rule::L5);
  return Errc::ok;
}

// SPEC: rule L5's order half: (title, slot) strictly ascending along `sorted`, which makes it a
// permutation. Consecutive titles are read into the two halves of `frames` in turn.
inline Errc verify_headline_order(const Headlines& h, Decoder& decoder,
                                  MutableByteSpan frames) noexcept {
  const size_t raw = h.max_raw();
  Headlines::Cache caches[2];
  std::string_view previous;
  uint32_t previous_slot = 0;
  for (uint32_t p = 0; p < h.count(); ++p) {
    const Result<uint32_t> slot = h.slot_at(p);
    if (!slot.ok()) {
      return slot.error();
    }
    const Result<std::string_view> title = h.title_at_slot(
        decoder, slot.value(), MutableByteSpan(frames.data() + (p % 2) * raw, raw), caches[p % 2]);
    if (!title.ok()) {
      return title.error();
    }
    if (p > 0) {
      const int c = previous.compare(title.value());
      SHEAF_CHECK(c < 0 || (c == 0 && previous_slot < slot.value()), Rule::L5);
    }
    previous = title.value();
    previous_slot = slot.value();
  }
  return Errc::ok;
}

}  // namespace detail

/// Buffer bytes verify_headlines() needs: two headline frames and a whole record
/// (max_read_size); 0 when the bundle has no readable HEADLINES section.
inline size_t headlines_verify_size(const Bundle& b) noexcept {
  const Result<Headlines> h = b.headlines();
  return h.ok() ? 2 * size_t{h.value().max_raw()} + b.info().max_read_size : 0;
}

/// Checks the HEADLINES section whole (SPEC: rules L1 to L6), when the bundle has one: every
/// frame decoded and parsed, `sorted` in title order (and so a permutation), and every
/// article's headline equal to its record's title (each record decoded once more, in id order).
/// `buffer` must hold headlines_verify_size(b) bytes. `sheaf verify` runs it after
/// verify_bodies(); it needs NAVIGATION checked (verify_all).
/// @return ok, output_too_small, corrupt_index or corrupt_body.
inline Errc verify_headlines(const Bundle& b, Decoder& decoder, MutableByteSpan buffer) noexcept {
  const Result<Headlines> opened = b.headlines();
  if (opened.error() == Errc::not_found) {
    return Errc::ok;
  }
  if (!opened.ok()) {
    return opened.error();
  }
  const Headlines& h = opened.value();
  const Result<Navigation> nav = b.navigation();
  if (!nav.ok()) {
    return nav.error();
  }
  const size_t raw = h.max_raw();
  if (buffer.size() < headlines_verify_size(b)) {
    return Errc::output_too_small;
  }
  const MutableByteSpan frame(buffer.data(), raw);
  Errc e = detail::verify_headline_frames(h, decoder, frame);
  if (e != Errc::ok) {
    return e;
  }
  e = detail::verify_headline_order(h, decoder, MutableByteSpan(buffer.data(), 2 * raw));
  if (e != Errc::ok) {
    return e;
  }
  // SPEC: rule L6: each article's headline, at its slot, is its record's title.
  const MutableByteSpan records(buffer.data() + 2 * raw, buffer.size() - 2 * raw);
  uint32_t cached = UINT32_MAX;
  Headlines::Cache cache;
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      return a.error();
    }
    const Result<std::string_view> bytes = decoder.read_bytes(a.value(), records, cached);
    if (!bytes.ok()) {
      return bytes.error();
    }
    const Result<Record> record = parse_record(bytes.value());
    if (!record.ok()) {
      return record.error();
    }
    const Result<uint32_t> slot = nav.value().slot_of(i);
    if (!slot.ok()) {
      return slot.error();
    }
    const Result<std::string_view> title = h.title_at_slot(decoder, slot.value(), frame, cache);
    if (!title.ok()) {
      return title.error();
    }
    SHEAF_CHECK(title.value() == record.value().title, Rule::L6);
  }
  return Errc::ok;
}

}  // namespace sheaf
