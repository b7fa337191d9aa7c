// sheaf runtime: record decompression into caller-provided memory. No heap: the zstd context,
// the unpacked dictionary (when the bundle stores it packed) with a frame's room behind it, and
// the parsed dictionary (when the workspace allows) live in a workspace the caller owns.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include <zstd.h>

#include <sheaf/bundle.hpp>
#include <sheaf/bytes.hpp>
#include <sheaf/config.hpp>  // ZSTD_STATIC_LINKING_ONLY
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/headlines.hpp>
#include <sheaf/record.hpp>
#include <sheaf/rules.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {

/// Checks a record read part by part (Decoder::read_part) against the article's checksum.
class RecordCheck {
 public:
  void add(std::string_view part) noexcept {
    hash_.update(reinterpret_cast<const uint8_t*>(part.data()), part.size());
  }

  /// True when the parts added so far are exactly the record of `a`.
  bool matches(const ArticleView& a) const noexcept {
    return static_cast<uint32_t>(hash_.digest()) == a.checksum;
  }

 private:
  detail::Xxh64 hash_;
};

/// An article found by id or title: its position and its record (views into the buffer).
struct Found {
  uint32_t index = 0;
  Record record;
};

/// Decompresses the records of one bundle. Holds a copy of the Bundle handle (whose bytes
/// must outlive the Decoder) and pointers into the workspace (which must outlive it too).
/// Not thread-safe: use one Decoder (and one workspace) per thread.
class Decoder {
 public:
  Decoder() noexcept = default;

  /// Workspace bytes for the fast mode: the zstd context, the unpacked dictionary when the
  /// bundle stores it packed (with max_frame_size bytes behind it, see decompress()), and the
  /// dictionary's tables parsed once.
  static size_t workspace_size(const Bundle& bundle) noexcept {
    return small_workspace_size(bundle) + dictionary_table_size(bundle);
  }

  /// Workspace bytes for the small mode: the zstd context, plus the unpacked dictionary and
  /// max_frame_size bytes behind it when the bundle stores it packed. The dictionary is
  /// re-parsed for every frame (slower per frame, less RAM). For a flash-resident bundle, build
  /// with `--no-pack-dictionary` (the default packs the dictionary) so that it is used in place
  /// and this is just the context.
  static size_t small_workspace_size(const Bundle& bundle) noexcept {
    const size_t n = unpacked_size(bundle);
    const size_t behind = n == 0 ? 0 : bundle.max_frame_size();
    return context_size() + static_cast<size_t>(format::align_up(n + behind));
  }

  /// The dictionary's own size (unpacked), 0 without one or when a packed one is unreadable.
  static size_t dictionary_size(const Bundle& bundle) noexcept {
    return bundle.dictionary_packed() ? unpacked_size(bundle) : bundle.dictionary().size();
  }

  /// Builds a decoder in `workspace` (8-byte aligned). Uses the fast mode when the workspace
  /// holds workspace_size(bundle) bytes, else the small mode. Unpacks a packed dictionary
  /// (checking its frame checksum). O(dictionary tables) for a dictionary stored as is.
  /// @return the decoder, or misaligned, workspace_too_small or corrupt_body (the dictionary is
  ///   not one zstd can load, or a packed one is damaged).
  static Result<Decoder> init(const Bundle& bundle, MutableByteSpan workspace) noexcept;

  /// True when the dictionary was parsed once into the workspace (fast mode).
  bool fast() const noexcept { return ddict_ != nullptr; }

  /// Decompresses frame `j` into the start of `out` (at least its raw_size bytes).
  /// @return the decompressed bytes (a view into `out`), or an error from Bundle::frame(),
  ///   output_too_small, or corrupt_body (bad frame, missing or failed checksum, wrong size).
  Result<ByteSpan> read_frame(uint32_t j, MutableByteSpan out) noexcept {
    return decode_frame(j, out, true);
  }

  /// The record bytes of `a`, decompressed into `buffer` (at least record_plan(a).buffer_size
  /// bytes; BundleInfo::max_read_size covers every article), its checksum checked.
  /// @return a view into `buffer`, or an error from record_plan() or read_frame(), or
  ///   corrupt_body when the bytes do not match the article's checksum (damaged index).
  Result<std::string_view> read_bytes(const ArticleView& a, MutableByteSpan buffer) noexcept;

  /// As read_bytes(), for reading articles in order: `cached` names the frame whose content is
  /// at the front of `buffer` (UINT32_MAX for none) and is updated; a record that lies in that
  /// one frame is taken from `buffer` without decoding it again, and a longer record that
  /// starts there decodes only its other frames.
  Result<std::string_view> read_bytes(const ArticleView& a, MutableByteSpan buffer,
                                      uint32_t& cached) noexcept;

  /// Article `a`: its record decompressed into `buffer` (as read_bytes) and parsed.
  /// @return the record (views into `buffer`), or an error from read_bytes() or parse_record().
  Result<Record> read(const ArticleView& a, MutableByteSpan buffer) noexcept;

  /// Article `i` in id order: Bundle::article(i), then read().
  Result<Record> read(uint32_t i, MutableByteSpan buffer) noexcept;

  /// The article with this id: hash lookup (Bundle::id_range), then the candidates' records
  /// compared, decoding each frame once (one candidate but for a hash collision). `buffer` as for
  /// read() (the candidates need only max_frame_size bytes; the article found needs its whole
  /// record).
  /// @return the article, not_found, or an error from reading the candidates.
  Result<Found> find(std::string_view id, MutableByteSpan buffer) noexcept;

  /// As find(), but only the article's index: needs a buffer of max_frame_size bytes only (the
  /// candidates' fields come from their first frame), so a small device finds a long article
  /// and then reads it with read_part().
  Result<uint32_t> find_index(std::string_view id, MutableByteSpan buffer) noexcept;

  /// The first article (in id order) with exactly this title: hash lookup (Bundle::title_range),
  /// then the candidates' records compared. `buffer` as for find().
  /// @return the article, not_found, or an error from reading the candidates.
  Result<Found> find_title(std::string_view title, MutableByteSpan buffer) noexcept;

  /// Part `part` of `a`'s record: the piece held by one frame, decompressed into `buffer` (at
  /// least that frame's raw size; BundleInfo::max_frame_size covers every frame). Lets a small
  /// device read a long article frame by frame with one frame-sized buffer: part 0 starts with
  /// the header (parse_record() on part 0 gives the fields and the start of the body). Each frame's
  /// content is checked; to check the record as a whole, feed the parts to a RecordCheck.
  /// @return a view into `buffer`, or an error from record_piece() or read_frame().
  Result<std::string_view> read_part(const ArticleView& a, uint32_t part,
                                     MutableByteSpan buffer) noexcept;

  /// Decompresses one headline frame (SPEC: "Headlines section"; Headlines::frame() gives its
  /// bytes, untrusted) into the start of `out`, with the bundle's dictionary, its content
  /// checksum checked. Its content may be at most `max_raw` bytes.
  /// @return the content (a view into `out`), output_too_small when `out` is shorter than the
  ///   frame's content, or corrupt_body (rule L3).
  Result<ByteSpan> read_headline_frame(ByteSpan frame, uint32_t max_raw,
                                       MutableByteSpan out) noexcept;

 private:
  static constexpr uint32_t kZstdDictionaryMagic = 0xEC30A437;

  static size_t context_size() noexcept {
    return static_cast<size_t>(format::align_up(ZSTD_estimateDCtxSize()));
  }

  static size_t unpacked_size(const Bundle& bundle) noexcept {
    if (!bundle.dictionary_packed()) {
      return 0;
    }
    const unsigned long long n =
        ZSTD_getFrameContentSize(bundle.dictionary().data(), bundle.dictionary().size());
    if (n == ZSTD_CONTENTSIZE_UNKNOWN || n == ZSTD_CONTENTSIZE_ERROR ||
        n > format::kMaxDictionarySize) {
      return 0;
    }
    return static_cast<size_t>(n);
  }

  /// read_bytes() with the frame cache, then parse_record().
  Result<Record> read_record(const ArticleView& a, MutableByteSpan buffer,
                             uint32_t& cached) noexcept;

  /// read_frame(), checking the frame's content checksum or not: a whole-record read does not,
  /// since the record's own checksum (rule B3) covers every byte it returns.
  Result<ByteSpan> decode_frame(uint32_t j, MutableByteSpan out, bool check_content) noexcept;

  /// Decompresses `frame` (one zstd frame whose content is `raw` bytes, checked by the caller)
  /// with the bundle's dictionary into the start of `out` (at least `raw` bytes).
  /// @return what ZSTD_decompress_usingDDict (or _usingDict) returns.
  /// Inlined: one more call under zstd's deepest frames would raise a reader's peak stack.
  SHEAF_ALWAYS_INLINE size_t decompress(ByteSpan frame, size_t raw, uint8_t* out) noexcept;

  /// read_bytes() once the record's plan is made.
  Result<std::string_view> read_planned(const ArticleView& a, const RecordPlan& p,
                                        MutableByteSpan buffer, uint32_t& cached) noexcept;

  /// The record's fields, for lookups: the whole record when it lies in one frame (checksum
  /// checked); for a longer one, parsed from its first frame (its body cut short there, `whole`
  /// false), or read whole when its fields do not fit in that frame.
  Result<Record> read_fields(const ArticleView& a, MutableByteSpan buffer, uint32_t& cached,
                             bool& whole) noexcept;

  /// The index of the article with this id among the id block's candidates, or not_found.
  Result<uint32_t> scan_id_keys(std::string_view id, MutableByteSpan buffer, uint32_t& cached,
                                Record& fields, bool& whole) noexcept;

  static size_t dictionary_table_size(const Bundle& bundle) noexcept {
    const size_t n = dictionary_size(bundle);
    if (n == 0) {
      return 0;
    }
    return static_cast<size_t>(format::align_up(ZSTD_estimateDDictSize(n, ZSTD_dlm_byRef)));
  }

  Bundle bundle_;
  ByteSpan dictionary_;  // the dictionary itself: in the bundle, or unpacked in the workspace
  ZSTD_DCtx* context_ = nullptr;
  const ZSTD_DDict* ddict_ = nullptr;
};

inline Result<Decoder> Decoder::init(const Bundle& bundle, MutableByteSpan workspace) noexcept {
  if (!detail::is_aligned(workspace.data(), format::kAlignment)) {
    return Errc::misaligned;
  }
  // A damaged dictionary needs no check of its own here: every frame's content checksum fails
  // when decoded with it, and a packed one is a checksummed frame itself. verify_all() checks
  // its section checksum (SPEC: rule D1), which would cost a pass over it at every init.
  const ByteSpan stored = bundle.dictionary();
  // SPEC: rule D4: a dictionary stored as is, within what a writer can produce.
  SHEAF_CHECK(bundle.dictionary_packed() || stored.size() <= format::kMaxDictionarySize, Rule::D4);
  // SPEC: rule D3: a packed dictionary states its size (at most kMaxDictionarySize).
  SHEAF_CHECK(!bundle.dictionary_packed() || unpacked_size(bundle) != 0, Rule::D3);
  if (workspace.size() < small_workspace_size(bundle)) {
    return Errc::workspace_too_small;
  }
  Decoder d;
  d.bundle_ = bundle;
  d.context_ = ZSTD_initStaticDCtx(workspace.data(), context_size());
  if (d.context_ == nullptr) {
    return Errc::workspace_too_small;
  }
  d.dictionary_ = stored;
  if (bundle.dictionary_packed()) {
    // SPEC: rule D3: one checksummed zstd frame, no dictionary, of exactly the stated size.
    const size_t n = unpacked_size(bundle);
    uint8_t* unpacked = workspace.data() + context_size();
    ZSTD_frameHeader fh;
    SHEAF_CHECK(ZSTD_getFrameHeader(&fh, stored.data(), stored.size()) == 0 &&
                    fh.checksumFlag != 0 && fh.dictID == 0 &&
                    ZSTD_findFrameCompressedSize(stored.data(), stored.size()) == stored.size(),
                Rule::D3);
    const size_t got = ZSTD_decompressDCtx(d.context_, unpacked, n, stored.data(), stored.size());
    SHEAF_CHECK(!ZSTD_isError(got) && got == n, Rule::D3);
    d.dictionary_ = ByteSpan(unpacked, n);
  }
  const ByteSpan dict = d.dictionary_;
  if (!dict.empty()) {
    // SPEC: "Validation", rule D2: a zstd dictionary in both modes (small mode would otherwise
    // take any bytes as raw content).
    SHEAF_CHECK(dict.size() >= 8 && detail::load_le32(dict.data()) == kZstdDictionaryMagic,
                Rule::D2);
  }
  const size_t small = small_workspace_size(bundle);
  if (!dict.empty() && workspace.size() >= workspace_size(bundle)) {
    d.ddict_ = ZSTD_initStaticDDict(workspace.data() + small, workspace.size() - small, dict.data(),
                                    dict.size(), ZSTD_dlm_byRef, ZSTD_dct_fullDict);
    SHEAF_CHECK(d.ddict_ != nullptr, Rule::D2);
  }
  return d;
}

inline Result<ByteSpan> Decoder::decode_frame(uint32_t j, MutableByteSpan out,
                                              bool check_content) noexcept {
  const Result<FrameView> fr = bundle_.frame(j);
  if (!fr.ok()) {
    return fr.error();
  }
  const FrameView& f = fr.value();
  if (out.size() < f.raw_size) {
    return Errc::output_too_small;
  }
  // SPEC: "Data section": every frame carries a content checksum, so damage is an error,
  // never wrong text. SPEC: "Validation", rule F2: Bundle::frame() checked the header (a zstd
  // frame's magic, a content checksum, a content size); here, that the bytes are exactly one
  // frame.
  SHEAF_CHECK(ZSTD_findFrameCompressedSize(f.bytes.data(), f.bytes.size()) == f.bytes.size(),
              Rule::F2);
  // Sticky in the context: set for every frame.
  ZSTD_DCtx_setParameter(context_, ZSTD_d_forceIgnoreChecksum,
                         check_content ? ZSTD_d_validateChecksum : ZSTD_d_ignoreChecksum);
  const size_t n = decompress(f.bytes, f.raw_size, out.data());
  SHEAF_CHECK(!ZSTD_isError(n) && n == f.raw_size, Rule::F3);
  return ByteSpan(out.data(), n);
}

inline size_t Decoder::decompress(ByteSpan frame, size_t raw, uint8_t* out) noexcept {
  // zstd takes the dictionary for the frame's own history when the output starts right where
  // the dictionary ends, and then copies a match from it inline; anywhere else, each such
  // match is a call to memmove. With a packed dictionary the frame is therefore decoded behind
  // it in the workspace and copied out: 1.95 -> 1.54 us a frame on bulk, the copy included.
  uint8_t* to = out;
  if (bundle_.dictionary_packed() && raw <= bundle_.max_frame_size()) {
    // init() unpacked the dictionary into the workspace, which holds max_frame_size bytes
    // behind it (small_workspace_size()): memory the caller gave as writable.
    to = const_cast<uint8_t*>(dictionary_.data() + dictionary_.size());
  }
  size_t n = 0;
  if (ddict_ != nullptr) {
    n = ZSTD_decompress_usingDDict(context_, to, raw, frame.data(), frame.size(), ddict_);
  } else {
    n = ZSTD_decompress_usingDict(context_, to, raw, frame.data(), frame.size(), dictionary_.data(),
                                  dictionary_.size());
  }
  if (to != out && !ZSTD_isError(n)) {
    std::memcpy(out, to, n);
  }
  return n;
}

inline Result<std::string_view> Decoder::read_bytes(const ArticleView& a,
                                                    MutableByteSpan buffer) noexcept {
  uint32_t cached = UINT32_MAX;
  return read_bytes(a, buffer, cached);
}

inline Result<std::string_view> Decoder::read_bytes(const ArticleView& a, MutableByteSpan buffer,
                                                    uint32_t& cached) noexcept {
  const Result<RecordPlan> plan = bundle_.record_plan(a);
  if (!plan.ok()) {
    return plan.error();
  }
  return read_planned(a, plan.value(), buffer, cached);
}

inline Result<std::string_view> Decoder::read_planned(const ArticleView& a, const RecordPlan& p,
                                                      MutableByteSpan buffer,
                                                      uint32_t& cached) noexcept {
  if (buffer.size() < p.buffer_size) {
    return Errc::output_too_small;
  }
  if (p.frame_count != 1 || cached != p.first_frame) {
    // The buffer's front may already hold the first frame (a lookup read it for the fields).
    size_t at = 0;
    uint32_t k = 0;
    if (cached == p.first_frame) {
      const Result<FrameView> first = bundle_.frame(p.first_frame);
      if (!first.ok()) {
        return first.error();
      }
      at = first.value().raw_size;
      k = 1;
    }
    cached = UINT32_MAX;
    for (; k < p.frame_count; ++k) {
      const Result<ByteSpan> part = decode_frame(
          p.first_frame + k, MutableByteSpan(buffer.data() + at, buffer.size() - at), false);
      if (!part.ok()) {
        return part.error();
      }
      at += part.value().size();
    }
    cached = p.frame_count == 1 ? p.first_frame : UINT32_MAX;
  }
  const uint8_t* record = buffer.data() + p.offset;
  SHEAF_CHECK(static_cast<uint32_t>(detail::xxh64(record, p.size)) == a.checksum, Rule::B3);
  return std::string_view(reinterpret_cast<const char*>(record), p.size);
}

inline Result<Record> Decoder::read_record(const ArticleView& a, MutableByteSpan buffer,
                                           uint32_t& cached) noexcept {
  const Result<std::string_view> bytes = read_bytes(a, buffer, cached);
  if (!bytes.ok()) {
    return bytes.error();
  }
  return parse_record(bytes.value());
}

inline Result<Record> Decoder::read(const ArticleView& a, MutableByteSpan buffer) noexcept {
  uint32_t cached = UINT32_MAX;
  return read_record(a, buffer, cached);
}

inline Result<Record> Decoder::read(uint32_t i, MutableByteSpan buffer) noexcept {
  const Result<ArticleView> a = bundle_.article(i);
  if (!a.ok()) {
    return a.error();
  }
  return read(a.value(), buffer);
}

inline Result<Record> Decoder::read_fields(const ArticleView& a, MutableByteSpan buffer,
                                           uint32_t& cached, bool& whole) noexcept {
  const Result<RecordPlan> plan = bundle_.record_plan(a);
  if (!plan.ok()) {
    return plan.error();
  }
  const RecordPlan& p = plan.value();
  whole = p.frame_count == 1;
  if (!whole) {
    // Piece 0, from the record's start to the end of its first frame.
    const Result<FrameView> first = bundle_.frame(p.first_frame);
    if (!first.ok()) {
      return first.error();
    }
    if (cached != p.first_frame) {
      cached = UINT32_MAX;
      const Result<ByteSpan> content = read_frame(p.first_frame, buffer);
      if (!content.ok()) {
        return content.error();
      }
      cached = p.first_frame;
    }
    const Result<Record> r =
        parse_record(std::string_view(reinterpret_cast<const char*>(buffer.data()) + p.offset,
                                      first.value().raw_size - p.offset));
    if (r.ok()) {
      return r;
    }
    whole = true;  // fields longer than a frame: the whole record, if the buffer holds it
  }
  const Result<std::string_view> bytes = read_planned(a, p, buffer, cached);
  if (!bytes.ok()) {
    return bytes.error();
  }
  return parse_record(bytes.value());
}

inline Result<uint32_t> Decoder::scan_id_keys(std::string_view id, MutableByteSpan buffer,
                                              uint32_t& cached, Record& fields,
                                              bool& whole) noexcept {
  const Result<Range> keys = bundle_.id_range(id);
  if (!keys.ok()) {
    return keys.error();
  }
  uint32_t last_frame = 0;
  for (uint32_t k = keys.value().first; k < keys.value().last; ++k) {
    const Result<TitleKey> key = bundle_.id_key(k);  // k < id_key_count()
    if (!key.ok()) {
      return key.error();
    }
    SHEAF_CHECK(key.value().article < bundle_.size(), Rule::I9);
    const Result<ArticleView> a = bundle_.article(key.value().article);
    if (!a.ok()) {
      return a.error();
    }
    // SPEC: rule I12: candidates in frame order, so that each frame is decoded once.
    SHEAF_CHECK(a.value().first_frame >= last_frame, Rule::I12);
    last_frame = a.value().first_frame;
    const Result<Record> r = read_fields(a.value(), buffer, cached, whole);
    if (!r.ok()) {
      return r.error();
    }
    if (r.value().id == id) {
      fields = r.value();
      return a.value().index;
    }
  }
  return Errc::not_found;
}

inline Result<uint32_t> Decoder::find_index(std::string_view id, MutableByteSpan buffer) noexcept {
  uint32_t cached = UINT32_MAX;
  Record fields;
  bool whole = false;
  return scan_id_keys(id, buffer, cached, fields, whole);
}

inline Result<Found> Decoder::find(std::string_view id, MutableByteSpan buffer) noexcept {
  uint32_t cached = UINT32_MAX;
  Record fields;
  bool whole = false;
  const Result<uint32_t> i = scan_id_keys(id, buffer, cached, fields, whole);
  if (!i.ok()) {
    return i.error();
  }
  if (whole) {
    return Found{i.value(), fields};
  }
  const Result<ArticleView> a = bundle_.article(i.value());
  if (!a.ok()) {
    return a.error();
  }
  const Result<Record> r = read_record(a.value(), buffer, cached);  // the first frame is there
  if (!r.ok()) {
    return r.error();
  }
  return Found{i.value(), r.value()};
}

inline Result<Found> Decoder::find_title(std::string_view title, MutableByteSpan buffer) noexcept {
  const Range keys = bundle_.title_range(title);
  uint32_t cached = UINT32_MAX;
  uint32_t last_frame = 0;
  for (uint32_t k = keys.first; k < keys.last; ++k) {
    const Result<TitleKey> key = bundle_.title_key(k);  // k < title_key_count()
    if (!key.ok()) {
      return key.error();
    }
    SHEAF_CHECK(key.value().article < bundle_.size(), Rule::I10);
    const Result<ArticleView> a = bundle_.article(key.value().article);
    if (!a.ok()) {
      return a.error();
    }
    SHEAF_CHECK(a.value().first_frame >= last_frame, Rule::I12);  // as in scan_id_keys
    last_frame = a.value().first_frame;
    bool whole = false;
    const Result<Record> r = read_fields(a.value(), buffer, cached, whole);
    if (!r.ok()) {
      return r.error();
    }
    if (r.value().title == title) {
      if (whole) {
        return Found{a.value().index, r.value()};
      }
      const Result<Record> full = read_record(a.value(), buffer, cached);
      if (!full.ok()) {
        return full.error();
      }
      return Found{a.value().index, full.value()};
    }
  }
  return Errc::not_found;
}

inline Result<std::string_view> Decoder::read_part(const ArticleView& a, uint32_t part,
                                                   MutableByteSpan buffer) noexcept {
  const Result<RecordPiece> piece = bundle_.record_piece(a, part);
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

inline Result<ByteSpan> Decoder::read_headline_frame(ByteSpan frame, uint32_t max_raw,
                                                     MutableByteSpan out) noexcept {
  // SPEC: rule L3: exactly one checksummed frame stating a content size of 1 to max_raw bytes.
  ZSTD_frameHeader fh;
  SHEAF_CHECK(ZSTD_getFrameHeader(&fh, frame.data(), frame.size()) == 0 && fh.checksumFlag != 0 &&
                  fh.frameType == ZSTD_frame && fh.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN &&
                  fh.frameContentSize != 0 && fh.frameContentSize <= max_raw &&
                  ZSTD_findFrameCompressedSize(frame.data(), frame.size()) == frame.size(),
              Rule::L3);
  const auto raw = static_cast<size_t>(fh.frameContentSize);
  if (out.size() < raw) {
    return Errc::output_too_small;
  }
  ZSTD_DCtx_setParameter(context_, ZSTD_d_forceIgnoreChecksum, ZSTD_d_validateChecksum);
  const size_t n = decompress(frame, raw, out.data());
  SHEAF_CHECK(!ZSTD_isError(n) && n == raw, Rule::L3);
  return ByteSpan(out.data(), n);
}

// Headlines' reads (headlines.hpp), here since they need the Decoder.

inline Result<std::string_view> Headlines::title_at_slot(Decoder& decoder, uint32_t slot,
                                                         MutableByteSpan buffer,
                                                         Cache& cache) const noexcept {
  if (slot >= n_) {
    return Errc::out_of_range;
  }
  const uint32_t k = frame_of(slot);
  const uint32_t j = slot - first_slot(k);
  SHEAF_CHECK(first_slot(k) <= slot && j < entries_in(k), Rule::L2);
  if (cache.frame != k) {
    cache = Cache{};
    const Result<ByteSpan> bytes = frame(k);
    if (!bytes.ok()) {
      return bytes.error();
    }
    const Result<ByteSpan> content = decoder.read_headline_frame(bytes.value(), max_raw_, buffer);
    if (!content.ok()) {
      return content.error();
    }
    cache = Cache{k, static_cast<uint32_t>(content.value().size())};
  }
  return entry(ByteSpan(buffer.data(), cache.size), j);
}

inline Result<uint32_t> Headlines::partition(Decoder& decoder, std::string_view prefix,
                                             bool past_prefix, MutableByteSpan buffer,
                                             Cache& cache) const noexcept {
  uint32_t lo = 0;
  uint32_t n = n_;
  while (n > 0) {
    const uint32_t half = n / 2;
    const Result<std::string_view> title = title_at(decoder, lo + half, buffer, cache);
    if (!title.ok()) {
      return title.error();
    }
    // Titles starting with the prefix sort together, right after those less than it.
    const std::string_view head = title.value().substr(0, prefix.size());
    const bool before = past_prefix ? head <= prefix : title.value() < prefix;
    if (before) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  return lo;
}

inline Result<Headlines::Range> Headlines::with_prefix(Decoder& decoder, std::string_view prefix,
                                                       MutableByteSpan buffer) const noexcept {
  Cache cache;
  const Result<uint32_t> begin = partition(decoder, prefix, false, buffer, cache);
  if (!begin.ok()) {
    return begin.error();
  }
  const Result<uint32_t> end = partition(decoder, prefix, true, buffer, cache);
  if (!end.ok()) {
    return end.error();
  }
  return Range{begin.value(), end.value() < begin.value() ? begin.value() : end.value()};
}

}  // namespace sheaf
