// sheaf runtime: a bundle opened in place from caller-owned bytes (flash, mmap, a buffer).
// No heap, no exceptions. Opening is O(1) in the article count; each accessor verifies exactly
// the index tables it touches before trusting them.
#pragma once

#include <cstdint>
#include <string_view>

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bytes.hpp>
#include <sheaf/detail/header.hpp>
#include <sheaf/detail/sheaf_generated.h>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>

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
  uint64_t dictionary_size = 0;  ///< 0 when the bundle has no dictionary
  uint64_t data_size = 0;
  std::string_view title, language, creator, generator;
  uint64_t created = 0;  ///< seconds since 1970-01-01 UTC, 0 when unknown
  uint32_t block_size = 0;
  uint32_t max_frame_size = 0;  ///< buffer size for Decoder::read_part and read_frame
  uint32_t max_read_size = 0;   ///< buffer size for Decoder::read of any article
};

/// One article's metadata, verified. Views point into the bundle bytes and stay valid as long
/// as those bytes do.
struct ArticleView {
  uint32_t index = 0;  ///< position in id order, 0 <= index < Bundle::size()
  std::string_view id, title, subtitle, date, source, author, location, url;
  uint32_t first_frame = 0;  ///< SPEC: "Body location"
  uint32_t body_offset = 0;
  uint32_t body_size = 0;      ///< bytes of body text (paragraphs joined by '\n')
  uint32_t body_checksum = 0;  ///< low 32 bits of XXH64 of the body; Decoder::read checks it
  uint32_t site = 0;           ///< 1 + index of its publisher facts (Bundle::site), 0 for none
  uint32_t source_file = 0;    ///< 1 + index of its kept input file (Bundle::source), 0 for none

  /// Number of breadcrumb categories.
  uint32_t category_count() const noexcept { return categories_ ? categories_->size() : 0; }

  /// Category `k` (0 = outermost), or "" when k >= category_count().
  std::string_view category(uint32_t k) const noexcept {
    if (k >= category_count()) {
      return {};
    }
    const flatbuffers::String* s = categories_->Get(k);  // verified with the article
    return s ? std::string_view(s->c_str(), s->size()) : std::string_view();
  }

 private:
  friend class Bundle;
  const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* categories_ = nullptr;
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

/// How an article's body spans frames (SPEC: "Reading an article").
struct BodyPlan {
  uint32_t first_frame = 0;
  uint32_t frame_count = 0;  ///< frames holding the body; 0 for an empty body
  uint32_t offset = 0;       ///< body start within the first frame's content
  uint32_t size = 0;
  size_t buffer_size = 0;  ///< sum of those frames' raw sizes: what Decoder::read needs
};

/// The piece of an article's body held by one frame.
struct BodyPiece {
  uint32_t frame = 0;
  uint32_t start = 0;  ///< within that frame's content
  uint32_t size = 0;
};

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

  /// Number of articles.
  uint32_t size() const noexcept { return article_count_; }

  /// Article `i` in id order, its index table verified first.
  /// @return out_of_range when i >= size(), corrupt_index when its table fails verification.
  Result<ArticleView> article(uint32_t i) const noexcept;

  /// Binary search by id, O(log n) article verifications.
  /// @return the article's index, not_found, or an error from article().
  Result<uint32_t> find(std::string_view id) const noexcept;

  /// The publisher facts of `a` (its Site table verified first); empty views when a.site == 0.
  /// @return corrupt_index when a.site points past Bundle.sites or its table fails verification.
  Result<SiteView> site(const ArticleView& a) const noexcept;

  /// Number of kept input files (0 unless built with --keep-source).
  uint32_t source_count() const noexcept;

  /// Kept input file `k`, its table verified and its frame range-checked against SOURCES.
  /// @return out_of_range when k >= source_count(), corrupt_index when damaged.
  Result<SourceView> source(uint32_t k) const noexcept;

  /// Bundle-wide facts. Valid only on an opened bundle.
  BundleInfo info() const noexcept;

  uint32_t frame_count() const noexcept { return frame_count_; }

  /// Frame `j`, range-checked against the DATA section.
  /// @return out_of_range when j >= frame_count(), corrupt_index when it lies outside DATA.
  Result<FrameView> frame(uint32_t j) const noexcept;

  /// Which frames hold the body of `a`, and the buffer size a whole read needs.
  /// @return corrupt_index when the body location is inconsistent with the frame table,
  ///   too_large when the buffer size does not fit size_t.
  Result<BodyPlan> body_plan(const ArticleView& a) const noexcept;

  /// The piece of `a`'s body in its `part`-th frame (0 <= part < body_plan(a).frame_count).
  /// @return out_of_range for a part past the end, or an error from body_plan().
  Result<BodyPiece> body_piece(const ArticleView& a, uint32_t part) const noexcept;

  /// The section table entries (SPEC: "Section table"), in file order.
  uint32_t section_count() const noexcept { return header_.section_count; }

  SectionEntry section(uint32_t k) const noexcept;

  ByteSpan file() const noexcept { return file_; }

  ByteSpan index_bytes() const noexcept { return index_; }

  ByteSpan dictionary() const noexcept { return dictionary_; }

  ByteSpan data() const noexcept { return data_; }

  ByteSpan sources() const noexcept { return sources_; }

 private:
  const fb::Bundle* root() const noexcept {
    return flatbuffers::GetRoot<fb::Bundle>(index_.data());
  }

  template <class Visit>
  Errc walk_body(const ArticleView& a, Visit&& visit) const noexcept;
  Errc open_sections() noexcept;
  Errc open_index() noexcept;

  ByteSpan file_;  // exactly header.file_size bytes
  ByteSpan index_;
  ByteSpan dictionary_;
  ByteSpan data_;
  ByteSpan sources_;  // empty unless built with --keep-source
  detail::Header header_;
  const uint8_t* articles_ = nullptr;  // first element of the articles offset vector
  const uint8_t* frames_ = nullptr;    // first Frame struct (16 bytes each)
  uint32_t article_count_ = 0;
  uint32_t frame_count_ = 0;
};

}  // namespace sheaf

#include <sheaf/detail/bundle_impl.hpp>
