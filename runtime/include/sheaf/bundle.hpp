// sheaf runtime: a bundle opened in place from caller-owned bytes (flash, mmap, a buffer).
// No heap, no exceptions. Opening is O(1) in the article count; each accessor checks exactly
// what it touches before trusting it. Records (text) are read through a Decoder.
#pragma once

#include <cstdint>
#include <string_view>

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bytes.hpp>
#include <sheaf/charset.hpp>
#include <sheaf/detail/header.hpp>
#include <sheaf/detail/sheaf_generated.h>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/headlines.hpp>
#include <sheaf/navigation.hpp>
#include <sheaf/record.hpp>
#include <sheaf/search.hpp>

namespace sheaf {

/// Bundle-wide facts from the header and the index root (SPEC: "Index section").
/// Strings are views into the bundle bytes.
struct BundleInfo {
  uint16_t version_major = 0;
  uint16_t version_minor = 0;
  uint64_t file_size = 0;
  uint32_t article_count = 0;
  uint32_t frame_count = 0;
  uint64_t index_size = 0;
  uint64_t dictionary_size = 0;    ///< stored bytes (packed or not); 0 without a dictionary
  bool dictionary_packed = false;  ///< stored as a zstd frame (section kind 5)
  uint64_t data_size = 0;
  std::string_view title, language, creator, generator;
  uint64_t created = 0;  ///< seconds since 1970-01-01 UTC, 0 when unknown
  uint32_t block_size = 0;
  uint32_t max_frame_size = 0;  ///< buffer size for Decoder::read_part and read_frame
  uint32_t max_read_size = 0;   ///< buffer size for Decoder::read of any article
  /// Raw bytes of frames the dictionary was not trained on (0: trained for this bundle).
  uint64_t dictionary_new_raw = 0;
};

/// Where one article's record lies (SPEC: table Article). The record itself (id, title, every
/// other field, and the body) is compressed: Decoder::read gives it.
struct ArticleView {
  uint32_t index = 0;  ///< position in id order, 0 <= index < Bundle::size()
  uint32_t first_frame = 0;
  uint32_t offset = 0;    ///< record start within first_frame's content
  uint32_t size = 0;      ///< record bytes (fields, then body)
  uint32_t checksum = 0;  ///< low 32 bits of XXH64 of the record; Decoder::read checks it
};

/// A half-open range [first, last) of positions.
struct Range {
  uint32_t first = 0;
  uint32_t last = 0;
};

/// One entry of the title lookup table (SPEC: table TitleKey).
struct TitleKey {
  uint32_t hash = 0;  ///< low 32 bits of XXH64 of the title
  uint32_t article = 0;
};

/// Publisher facts of a site (SPEC: table Site). Views into the bundle bytes; all empty when
/// the article names no site.
struct SiteView {
  std::string_view name, copyright, icp, public_security_record, email, address, phone, organizer,
      tech_support;
};

/// An original input file kept in the optional SOURCES section (`build --keep-source`).
/// `frame` is one zstd frame (no dictionary) of `size` bytes whose XXH64 is `checksum`; tools
/// decompress it with stock zstd (it may be large: this runtime does not decode sources).
struct SourceView {
  std::string_view path;
  uint64_t size = 0;
  uint64_t checksum = 0;
  ByteSpan frame;
};

/// Where one zstd frame lies (SPEC: "Frame table"), range-checked against the DATA section.
struct FrameView {
  uint64_t offset = 0;  ///< from the start of the DATA section
  uint32_t compressed_size = 0;
  uint32_t raw_size = 0;
  ByteSpan bytes;  ///< the frame itself
};

/// How an article's record spans frames (SPEC: "Reading an article").
struct RecordPlan {
  uint32_t first_frame = 0;
  uint32_t frame_count = 0;  ///< frames holding the record (at least 1)
  uint32_t offset = 0;       ///< record start within the first frame's content
  uint32_t size = 0;
  size_t buffer_size = 0;  ///< sum of those frames' raw sizes: what Decoder::read needs
};

/// The piece of an article's record held by one frame.
struct RecordPiece {
  uint32_t frame = 0;
  uint32_t start = 0;  ///< within that frame's content
  uint32_t size = 0;
};

namespace detail {
/// A vector of the index: its first element and its length. Empty when the field is absent.
struct VectorSpan {
  const uint8_t* data = nullptr;
  uint32_t size = 0;
};
}  // namespace detail

class Bundle {
 public:
  /// An empty, unopened bundle (size() == 0). Use open().
  Bundle() noexcept = default;

  /// Opens a bundle in place. `file` must be 8-byte aligned and outlive the Bundle; it may be
  /// longer than the bundle (a flash partition): bytes past the header's file size are ignored.
  /// Checks magic, version, header checksum, section table and the index root, in time
  /// independent of the article count. Does not allocate.
  /// @return the bundle, or misaligned, truncated, bad_magic, unsupported_version,
  ///   unsupported_feature, corrupt_header, too_large or corrupt_index.
  static Result<Bundle> open(ByteSpan file) noexcept;

  // Every number an accessor takes counts from 0 and is checked: past the end gives
  // out_of_range. The 1-based references inside records (Record::site) are resolved by
  // site_of().

  /// Number of articles.
  uint32_t size() const noexcept { return articles_.size; }

  /// Where article `i` (in id order) lies. O(1); the article table was range-checked by open().
  /// @return out_of_range when i >= size().
  Result<ArticleView> article(uint32_t i) const noexcept;

  /// Lookup by id, first step: the id_key() positions [first, last) whose hash is the id's.
  /// Decoder::find reads those articles to compare the ids. O(log n).
  /// @return not_found when the bundle has no articles, corrupt_index when it has articles but
  ///   not one id key each (rule I9).
  Result<Range> id_range(std::string_view id) const noexcept;

  /// Lookup by title, first step: the title_key() positions [first, last) whose hash is the
  /// title's. Decoder::find_title reads those articles to compare the titles. O(log n).
  Range title_range(std::string_view title) const noexcept;

  /// True when the title keys hold (hash(`title`), `article`): one binary search, O(log n)
  /// however many articles share the title. Needs the keys sorted (SPEC: rule V14).
  bool has_title_key(std::string_view title, uint32_t article) const noexcept;

  /// Number of title keys (equals size() in a valid bundle).
  uint32_t title_key_count() const noexcept { return title_keys_.size; }

  /// Title key `k`. @return out_of_range when k >= title_key_count().
  Result<TitleKey> title_key(uint32_t k) const noexcept;

  /// Number of id keys (equals size() in a valid bundle).
  uint32_t id_key_count() const noexcept { return id_keys_.size; }

  /// Id key `k`: (hash of an id, article). @return out_of_range when k >= id_key_count().
  Result<TitleKey> id_key(uint32_t k) const noexcept;

  /// True when the id keys hold (hash(`id`), `article`): one binary search (rule V15).
  bool has_id_key(std::string_view id, uint32_t article) const noexcept;

  /// Number of distinct publisher fact tables (Bundle.sites).
  uint32_t site_count() const noexcept { return sites_.size; }

  /// Publisher facts `k` (Bundle.sites[k]), its table verified first.
  /// @return out_of_range when k >= site_count(), corrupt_index when damaged (rule I6).
  Result<SiteView> site(uint32_t k) const noexcept;

  /// The publisher facts record `r` names (Record::site: 0 for none, else 1 + k): empty views
  /// when it names none. @return corrupt_index when it points past Bundle.sites or the table
  /// fails verification (rule I6).
  Result<SiteView> site_of(const Record& r) const noexcept;

  /// Number of kept input files (0 unless built with --keep-source).
  uint32_t source_count() const noexcept { return sources_table_.size; }

  /// Kept input file `k`, its table verified and its frame range-checked against SOURCES.
  /// @return out_of_range when k >= source_count(), corrupt_index when damaged.
  Result<SourceView> source(uint32_t k) const noexcept;

  /// Bundle-wide facts. Valid only on an opened bundle.
  BundleInfo info() const noexcept;

  uint32_t frame_count() const noexcept { return frame_ends_.size; }

  /// BundleInfo::max_frame_size, without building the whole BundleInfo.
  uint32_t max_frame_size() const noexcept { return max_frame_size_; }

  /// Frame `j`: its bytes range-checked against the DATA section, its raw size read from its
  /// zstd header and within max_frame_size (so a buffer of BundleInfo::max_frame_size bytes
  /// holds any frame). Touches the frame's first bytes.
  /// @return out_of_range when j >= frame_count(), corrupt_index when it is empty or lies
  ///   outside DATA (rule F1) or claims more than max_frame_size raw bytes (rule F4),
  ///   corrupt_body when its header is not a zstd frame header with a content size (rule F2).
  Result<FrameView> frame(uint32_t j) const noexcept;

  /// Which frames hold the record of `a`, and the buffer size a whole read needs.
  /// @return corrupt_index when the record location is inconsistent with the frame table,
  ///   too_large when the buffer size does not fit size_t.
  Result<RecordPlan> record_plan(const ArticleView& a) const noexcept;

  /// The piece of `a`'s record in its `part`-th frame (0 <= part < record_plan(a).frame_count).
  /// @return out_of_range for a part past the end, or an error from record_plan().
  Result<RecordPiece> record_piece(const ArticleView& a, uint32_t part) const noexcept;

  /// The section table entries (SPEC: "Section table"), in file order.
  uint32_t section_count() const noexcept { return header_.section_count; }

  /// Section table entry `k`. @return out_of_range when k >= section_count().
  Result<SectionEntry> section(uint32_t k) const noexcept;

  ByteSpan file() const noexcept { return file_; }

  ByteSpan index_bytes() const noexcept { return index_; }

  /// The index's table of articles within index_bytes(): 16 bytes an article, in id order. A
  /// lookup reads one entry of it, and the rest of the index's lookup tables (frame ends, id
  /// keys, title keys) at several places (prefetch_lookup_tables() in posix_file.hpp).
  ByteSpan article_table() const noexcept {
    return ByteSpan(articles_.data, size_t{articles_.size} * 16);
  }

  /// The dictionary section's bytes: the dictionary itself, or one zstd frame holding it when
  /// dictionary_packed() (Decoder::init unpacks it into its workspace).
  ByteSpan dictionary() const noexcept { return dictionary_; }

  bool dictionary_packed() const noexcept { return dictionary_packed_; }

  ByteSpan data() const noexcept { return data_; }

  ByteSpan sources() const noexcept { return sources_; }

  /// The code points the articles show (SPEC: "Charset section"), checked whole: O(blocks).
  /// @return not_found when the bundle has no CHARSET section (written before format 2.1, or
  ///   built with --tables none), corrupt_index when it breaks rules C1 to C3.
  Result<Charset> charset() const noexcept {
    if (charset_.data() == nullptr) {
      return Errc::not_found;
    }
    return Charset::open(charset_);
  }

  /// The newest-first order and the category tree (SPEC: "Navigation section"), its sizes and
  /// tree checked: O(nodes + names); each read checks what it returns.
  /// @return not_found when the bundle has no NAVIGATION section (written before format 2.1,
  ///   or built with --no-navigation), corrupt_index when it breaks rules N1 to N6.
  Result<Navigation> navigation() const noexcept {
    if (navigation_.data() == nullptr) {
      return Errc::not_found;
    }
    return Navigation::open(navigation_, size());
  }

  /// The titles, compressed in newest-first order, and their byte order (SPEC: "Headlines
  /// section"), its sizes checked: O(1); each read (with a Decoder) checks what it touches.
  /// @return not_found when the bundle has no HEADLINES section (written before format 3.1, or
  ///   built with --no-titles or --no-navigation), corrupt_index when it breaks rule L1.
  Result<Headlines> headlines() const noexcept {
    if (headlines_.data() == nullptr) {
      return Errc::not_found;
    }
    // SPEC: rule L1: headlines come in the NAVIGATION section's slot order.
    SHEAF_CHECK(navigation_.data() != nullptr, Rule::L1);
    return Headlines::open(headlines_, size());
  }

  /// The full-text index (SPEC: "Search section"), its sizes, fold table and first code points
  /// checked: O(folds + first code points); each lookup checks what it reads. search() in
  /// <sheaf/search_query.hpp> runs queries over it.
  /// @return not_found when the bundle has no SEARCH section (written before it existed, or
  ///   built without --search), corrupt_index when it breaks rules Q1 to Q3.
  Result<SearchIndex> search() const noexcept {
    if (search_.data() == nullptr) {
      return Errc::not_found;
    }
    return SearchIndex::open(search_, size());
  }

 private:
  // The root table, whose offset open() verified. Read through vector_field(), string_field()
  // and scalar_field() only. Computed here rather than by flatbuffers::GetRoot, whose null check
  // (FlatBuffers 23) gives gcc a null path to warn about.
  const flatbuffers::Table* root() const noexcept {
    const uint8_t* index = index_.data();
    return reinterpret_cast<const flatbuffers::Table*>(
        index + flatbuffers::ReadScalar<flatbuffers::uoffset_t>(index));
  }

  // The root's fields, only those open() verified (detail::kRootFields; checked at compile time).
  template <flatbuffers::voffset_t VT, size_t ElementSize>
  detail::VectorSpan vector_field() const noexcept;
  template <flatbuffers::voffset_t VT>
  std::string_view string_field() const noexcept;
  template <flatbuffers::voffset_t VT, class T>
  T scalar_field() const noexcept;

  template <class Visit>
  Errc walk_record(const ArticleView& a, Visit&& visit) const noexcept;
  Errc open_sections() noexcept;
  void keep_section(const SectionEntry& s) noexcept;
  Errc open_index() noexcept;
  uint64_t frame_end(uint32_t j) const noexcept;  // j < frame_count()
  SectionEntry section_at(uint32_t k) const noexcept;
  static TitleKey key_at(detail::VectorSpan keys, uint32_t k) noexcept;
  static uint32_t key_bound(detail::VectorSpan keys, uint32_t hash, uint32_t article) noexcept;
  static Range key_range(detail::VectorSpan keys, std::string_view text) noexcept;

  ByteSpan file_;  // exactly header.file_size bytes
  ByteSpan index_;
  ByteSpan dictionary_;
  ByteSpan data_;
  ByteSpan sources_;     // empty unless built with --keep-source
  ByteSpan charset_;     // null when the bundle has no CHARSET section
  ByteSpan navigation_;  // null when the bundle has no NAVIGATION section
  ByteSpan headlines_;   // null when the bundle has no HEADLINES section
  ByteSpan search_;      // null when the bundle has no SEARCH section
  detail::Header header_;
  // The index's vectors, verified by open() (their headers and byte ranges).
  detail::VectorSpan articles_;       // Article structs (16 bytes each)
  detail::VectorSpan frame_ends_;     // uint32 each: where each frame ends in DATA, mod 2^32
  detail::VectorSpan frame_wraps_;    // uint32 each: the frames that pass each 4 GiB (rule I13)
  detail::VectorSpan title_keys_;     // TitleKey structs (8 bytes each)
  detail::VectorSpan id_keys_;        // TitleKey structs (8 bytes each), hashes of ids
  detail::VectorSpan sites_;          // offsets to Site tables, verified when read (I6)
  detail::VectorSpan sources_table_;  // offsets to SourceFile tables, verified when read (I7)
  uint32_t max_frame_size_ = 0;       // Bundle.max_frame_size, at most kMaxFrameSize (rule I11)
  bool dictionary_packed_ = false;
};

}  // namespace sheaf

#include <sheaf/detail/bundle_impl.hpp>
