// sheaf runtime: Bundle member definitions (included by bundle.hpp; do not include directly).
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bundle.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace detail {

inline constexpr size_t kFrameStructSize = 16;  // SPEC: "Frame table"
inline constexpr size_t kArticleStructSize = 16;
inline constexpr size_t kTitleKeyStructSize = 8;
static_assert(sizeof(fb::Frame) == kFrameStructSize, "schema Frame layout changed");
static_assert(sizeof(fb::Article) == kArticleStructSize, "schema Article layout changed");
static_assert(sizeof(fb::TitleKey) == kTitleKeyStructSize, "schema TitleKey layout changed");

/// The title hash of SPEC table TitleKey.
inline uint32_t title_hash(std::string_view title) noexcept {
  return static_cast<uint32_t>(xxh64(reinterpret_cast<const uint8_t*>(title.data()), title.size()));
}

inline std::string_view view_of(const flatbuffers::String* s) noexcept {
  return s ? std::string_view(s->c_str(), s->size()) : std::string_view();
}

/// A verifier over the index, with limits that bound the work any bytes can cause.
inline flatbuffers::Verifier index_verifier(ByteSpan index, uint32_t max_tables) noexcept {
  flatbuffers::Verifier::Options options;
  options.max_depth = 8;  // Bundle -> Site or SourceFile: depth 2 at most
  options.max_tables = max_tables;
  options.check_alignment = true;
  return flatbuffers::Verifier(index.data(), index.size(), options);
}

/// Verifies the root table's own fields and the headers of its vectors, not their elements
/// (SPEC: "Validation", rule I3). O(1).
inline bool verify_root_shallow(const flatbuffers::Table* t, flatbuffers::Verifier& v) noexcept {
  using B = fb::Bundle;
  const auto string_ok = [&](flatbuffers::voffset_t field) {
    return t->VerifyOffset(v, field) &&
           v.VerifyString(t->GetPointer<const flatbuffers::String*>(field));
  };
  return t->VerifyTableStart(v) && string_ok(B::VT_TITLE) && string_ok(B::VT_LANGUAGE) &&
         string_ok(B::VT_CREATOR) && string_ok(B::VT_GENERATOR) &&
         t->VerifyField<uint64_t>(v, B::VT_CREATED, 8) &&
         t->VerifyField<uint32_t>(v, B::VT_BLOCK_SIZE, 4) &&
         t->VerifyField<uint32_t>(v, B::VT_MAX_FRAME_SIZE, 4) &&
         t->VerifyField<uint32_t>(v, B::VT_MAX_READ_SIZE, 4) &&
         t->VerifyOffsetRequired(v, B::VT_FRAMES) &&
         v.VerifyVector(
             t->GetPointer<const flatbuffers::Vector<const fb::Frame*>*>(B::VT_FRAMES)) &&
         t->VerifyOffsetRequired(v, B::VT_ARTICLES) &&
         v.VerifyVector(
             t->GetPointer<const flatbuffers::Vector<const fb::Article*>*>(B::VT_ARTICLES)) &&
         t->VerifyOffset(v, B::VT_ID_SAMPLE_ARTICLES) &&
         v.VerifyVector(
             t->GetPointer<const flatbuffers::Vector<uint32_t>*>(B::VT_ID_SAMPLE_ARTICLES)) &&
         t->VerifyOffset(v, B::VT_ID_SAMPLES) &&
         v.VerifyVector(
             t->GetPointer<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>*>(
                 B::VT_ID_SAMPLES)) &&
         t->VerifyOffset(v, B::VT_TITLE_KEYS) &&
         v.VerifyVector(
             t->GetPointer<const flatbuffers::Vector<const fb::TitleKey*>*>(B::VT_TITLE_KEYS)) &&
         t->VerifyOffset(v, B::VT_SOURCES) &&
         v.VerifyVector(
             t->GetPointer<const flatbuffers::Vector<flatbuffers::Offset<fb::SourceFile>>*>(
                 B::VT_SOURCES)) &&
         t->VerifyOffset(v, B::VT_SITES) &&
         v.VerifyVector(t->GetPointer<const flatbuffers::Vector<flatbuffers::Offset<fb::Site>>*>(
             B::VT_SITES)) &&
         v.EndTable();
}

/// Table `k` of a vector of table offsets whose first element is at `elements`, verified
/// (SPEC: rules I6-I8): the offset must point inside the index and the table there must pass
/// FlatBuffers verification. Null when it does not. `k` must be below the vector's size.
/// Where element `k` of a vector of offsets (first element at `elements`) points, checked to lie
/// inside the index by `v`; null when it does not.
inline const uint8_t* verified_target(ByteSpan index, const uint8_t* elements, uint32_t k,
                                      flatbuffers::Verifier& v) noexcept {
  const size_t element =
      static_cast<size_t>(elements - index.data()) + size_t{k} * sizeof(flatbuffers::uoffset_t);
  const size_t o = v.VerifyOffset(element);  // uoffset_t in FlatBuffers 2, size_t in 23
  return o == 0 ? nullptr : index.data() + element + o;
}

template <class T>
const T* verified_table(ByteSpan index, const uint8_t* elements, uint32_t k) noexcept {
  flatbuffers::Verifier v = index_verifier(index, 1);
  const uint8_t* target = verified_target(index, elements, k, v);
  if (target == nullptr) {
    return nullptr;
  }
  const auto* table = reinterpret_cast<const T*>(target);
  return table->Verify(v) ? table : nullptr;
}

/// String `k` of a vector of string offsets whose first element is at `elements`, verified the
/// same way. Null when it fails. `k` must be below the vector's size.
inline const flatbuffers::String* verified_string(ByteSpan index, const uint8_t* elements,
                                                  uint32_t k) noexcept {
  flatbuffers::Verifier v = index_verifier(index, 1);
  const uint8_t* target = verified_target(index, elements, k, v);
  if (target == nullptr) {
    return nullptr;
  }
  // Through void*: VerifyString() checks the 4-byte alignment before anything is read.
  const auto* s = static_cast<const flatbuffers::String*>(static_cast<const void*>(target));
  return v.VerifyString(s) ? s : nullptr;
}

}  // namespace detail

inline Result<Bundle> Bundle::open(ByteSpan file) noexcept {
  const Result<detail::Header> header = detail::parse_header(file);
  if (!header.ok()) {
    return header.error();
  }
  Bundle b;
  b.header_ = header.value();
  b.file_ = ByteSpan(file.data(), static_cast<size_t>(b.header_.file_size));
  Errc e = b.open_sections();
  if (e != Errc::ok) {
    return e;
  }
  e = b.open_index();
  if (e != Errc::ok) {
    return e;
  }
  return b;
}

inline SectionEntry Bundle::section(uint32_t k) const noexcept {
  if (k >= header_.section_count) {
    return {};
  }
  return detail::load_section(file_.data() + format::kHeaderSize + k * format::kSectionEntrySize);
}

// SPEC: "Validation", rules S1-S6.
inline Errc Bundle::open_sections() noexcept {
  uint64_t previous_end = format::header_end(header_.section_count);
  bool seen[format::kLastSectionKind + 1] = {};
  for (uint32_t k = 0; k < header_.section_count; ++k) {
    const SectionEntry s = section(k);
    const Errc e = detail::check_section(s, header_.file_size, previous_end);
    if (e != Errc::ok) {
      return e;
    }
    if (!detail::is_known_section(s.kind)) {
      continue;  // an optional section from a newer minor version
    }
    if (seen[s.kind]) {
      return Errc::corrupt_header;
    }
    seen[s.kind] = true;
    const ByteSpan bytes(file_.data() + s.offset, static_cast<size_t>(s.size));
    switch (static_cast<format::SectionKind>(s.kind)) {
      case format::SectionKind::index:
        index_ = bytes;
        break;
      case format::SectionKind::dictionary:
      case format::SectionKind::packed_dictionary:
        dictionary_ = bytes;
        dictionary_packed_ =
            s.kind == static_cast<uint32_t>(format::SectionKind::packed_dictionary);
        break;
      case format::SectionKind::data:
        data_ = bytes;
        break;
      case format::SectionKind::sources:
        sources_ = bytes;
        break;
    }
  }
  if (!seen[static_cast<uint32_t>(format::SectionKind::index)] ||
      !seen[static_cast<uint32_t>(format::SectionKind::data)] ||
      (seen[static_cast<uint32_t>(format::SectionKind::dictionary)] &&
       seen[static_cast<uint32_t>(format::SectionKind::packed_dictionary)])) {
    return Errc::corrupt_header;
  }
  return Errc::ok;
}

// SPEC: "Validation", rules I1-I4.
inline Errc Bundle::open_index() noexcept {
  if (index_.size() < 2 * sizeof(flatbuffers::uoffset_t) ||
      index_.size() >= FLATBUFFERS_MAX_BUFFER_SIZE ||
      !flatbuffers::BufferHasIdentifier(index_.data(), format::kIndexIdentifier)) {
    return Errc::corrupt_index;
  }
  flatbuffers::Verifier v = detail::index_verifier(index_, 1);
  const size_t root_offset = v.VerifyOffset(0);  // uoffset_t in FlatBuffers 2, size_t in 23
  if (root_offset == 0) {
    return Errc::corrupt_index;
  }
  const auto* table = reinterpret_cast<const flatbuffers::Table*>(index_.data() + root_offset);
  if (!detail::verify_root_shallow(table, v)) {
    return Errc::corrupt_index;
  }
  const auto* frames = root()->frames();
  const auto* articles = root()->articles();
  if (frames == nullptr || articles == nullptr) {
    return Errc::corrupt_index;  // required: verify_root_shallow() already refused their absence
  }
  frames_ = frames->Data();
  frame_count_ = frames->size();
  articles_ = articles->Data();
  article_count_ = articles->size();
  if (const auto* keys = root()->title_keys()) {
    title_keys_ = keys->Data();
    title_key_count_ = keys->size();
  }
  const auto* samples = root()->id_samples();
  const auto* sample_articles = root()->id_sample_articles();
  if (samples != nullptr && sample_articles != nullptr &&
      samples->size() == sample_articles->size()) {
    id_samples_ = samples->Data();
    id_sample_articles_ = sample_articles->Data();
    id_sample_count_ = samples->size();
  }
  return Errc::ok;
}

inline Result<ArticleView> Bundle::article(uint32_t i) const noexcept {
  if (i >= article_count_) {
    return Errc::out_of_range;
  }
  // The articles vector's byte range was verified by open(); load fields bytewise.
  const uint8_t* p = articles_ + size_t{i} * detail::kArticleStructSize;
  ArticleView view;
  view.index = i;
  view.first_frame = detail::load_le32(p);
  view.offset = detail::load_le32(p + 4);
  view.size = detail::load_le32(p + 8);
  view.checksum = detail::load_le32(p + 12);
  return view;
}

inline TitleKey Bundle::title_key(uint32_t k) const noexcept {
  if (k >= title_key_count_) {
    return {};
  }
  const uint8_t* p = title_keys_ + size_t{k} * detail::kTitleKeyStructSize;
  return TitleKey{detail::load_le32(p), detail::load_le32(p + 4)};
}

inline Range Bundle::title_range(std::string_view title) const noexcept {
  const uint32_t h = detail::title_hash(title);
  uint32_t lo = 0;
  uint32_t hi = title_key_count_;
  while (lo < hi) {  // first key with hash >= h
    const uint32_t mid = lo + (hi - lo) / 2;
    if (title_key(mid).hash < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  Range r{lo, lo};
  while (r.last < title_key_count_ && title_key(r.last).hash == h) {
    ++r.last;
  }
  return r;
}

inline Result<std::string_view> Bundle::id_sample(uint32_t k) const noexcept {
  if (k >= id_sample_count_) {
    return Errc::out_of_range;
  }
  const flatbuffers::String* s = detail::verified_string(index_, id_samples_, k);
  if (s == nullptr) {
    return Errc::corrupt_index;
  }
  return detail::view_of(s);
}

inline uint32_t Bundle::id_sample_article(uint32_t k) const noexcept {
  return k < id_sample_count_ ? detail::load_le32(id_sample_articles_ + size_t{k} * 4) : 0;
}

inline Result<Range> Bundle::id_block(std::string_view id) const noexcept {
  if (id_sample_count_ == 0) {
    return article_count_ == 0 ? Result<Range>(Errc::not_found)
                               : Result<Range>(Errc::corrupt_index);
  }
  // The last sample <= id names the block that holds id, if any article does.
  uint32_t lo = 0;
  uint32_t hi = id_sample_count_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const Result<std::string_view> sample = id_sample(mid);
    if (!sample.ok()) {
      return sample.error();
    }
    if (sample.value().compare(id) <= 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0) {
    return Errc::not_found;
  }
  const uint32_t first = id_sample_article(lo - 1);
  const uint32_t last = lo < id_sample_count_ ? id_sample_article(lo) : article_count_;
  if (first >= last || last > article_count_) {
    return Errc::corrupt_index;  // samples must name ascending articles
  }
  return Range{first, last};
}

inline uint32_t Bundle::site_count() const noexcept {
  const auto* sites = root()->sites();  // vector header verified by open()
  return sites == nullptr ? 0 : sites->size();
}

inline Result<SiteView> Bundle::site(uint32_t site) const noexcept {
  SiteView view;
  if (site == 0) {
    return view;
  }
  const auto* sites = root()->sites();  // vector header verified by open()
  if (sites == nullptr || site > sites->size()) {
    return Errc::corrupt_index;
  }
  // Verify the one Site table before reading it (SPEC: rule I6).
  const fb::Site* s = detail::verified_table<fb::Site>(index_, sites->Data(), site - 1);
  if (s == nullptr) {
    return Errc::corrupt_index;
  }
  view.name = detail::view_of(s->name());
  view.copyright = detail::view_of(s->copyright());
  view.icp = detail::view_of(s->icp());
  view.public_security_record = detail::view_of(s->public_security_record());
  view.email = detail::view_of(s->email());
  view.address = detail::view_of(s->address());
  view.phone = detail::view_of(s->phone());
  view.organizer = detail::view_of(s->organizer());
  view.tech_support = detail::view_of(s->tech_support());
  return view;
}

inline uint32_t Bundle::source_count() const noexcept {
  const auto* sources = root()->sources();  // vector header verified by open()
  return sources == nullptr ? 0 : sources->size();
}

inline Result<SourceView> Bundle::source(uint32_t k) const noexcept {
  const auto* sources = root()->sources();
  if (sources == nullptr || k >= sources->size()) {
    return Errc::out_of_range;
  }
  const fb::SourceFile* s = detail::verified_table<fb::SourceFile>(index_, sources->Data(), k);
  if (s == nullptr) {
    return Errc::corrupt_index;
  }
  if (s->offset() % format::kAlignment != 0 ||
      !detail::check_range(s->offset(), s->compressed_size(), sources_.size())) {
    return Errc::corrupt_index;  // SPEC: rule I7
  }
  SourceView view;
  view.path = detail::view_of(s->path());
  view.size = s->size();
  view.checksum = s->checksum();
  view.frame = ByteSpan(sources_.data() + s->offset(), static_cast<size_t>(s->compressed_size()));
  return view;
}

inline BundleInfo Bundle::info() const noexcept {
  BundleInfo info;
  info.version_major = header_.version_major;
  info.version_minor = header_.version_minor;
  info.file_size = header_.file_size;
  info.article_count = article_count_;
  info.frame_count = frame_count_;
  info.index_size = index_.size();
  info.dictionary_size = dictionary_.size();
  info.dictionary_packed = dictionary_packed_;
  info.data_size = data_.size();
  if (index_.empty()) {
    return info;
  }
  const fb::Bundle* r = root();  // fields verified by open()
  info.title = detail::view_of(r->title());
  info.language = detail::view_of(r->language());
  info.creator = detail::view_of(r->creator());
  info.generator = detail::view_of(r->generator());
  info.created = r->created();
  info.block_size = r->block_size();
  info.max_frame_size = r->max_frame_size();
  info.max_read_size = r->max_read_size();
  return info;
}

inline Result<FrameView> Bundle::frame(uint32_t j) const noexcept {
  if (j >= frame_count_) {
    return Errc::out_of_range;
  }
  // The frames vector's byte range was verified by open(); load fields bytewise (any alignment).
  const uint8_t* p = frames_ + size_t{j} * detail::kFrameStructSize;
  FrameView f;
  f.offset = detail::load_le64(p);
  f.compressed_size = detail::load_le32(p + 8);
  f.raw_size = detail::load_le32(p + 12);
  if (f.offset % format::kAlignment != 0 ||
      !detail::check_range(f.offset, f.compressed_size, data_.size())) {
    return Errc::corrupt_index;  // SPEC: "Validation", rule F1
  }
  f.bytes = ByteSpan(data_.data() + f.offset, f.compressed_size);
  return f;
}

// SPEC: "Reading an article": the record starts at `offset` in `first_frame` and continues at
// the start of each following frame until `size` bytes are taken. Calls visit(part, piece,
// frame) for each piece until it returns false. Bounded by the frame count, whatever the bytes
// say. A record is never empty (it holds at least an id and the end tag).
template <class Visit>
inline Errc Bundle::walk_record(const ArticleView& a, Visit&& visit) const noexcept {
  if (a.size == 0) {
    return Errc::corrupt_index;
  }
  uint32_t remaining = a.size;
  uint32_t start = a.offset;
  for (uint32_t k = 0; remaining > 0; ++k) {
    if (a.first_frame >= frame_count_ || k >= frame_count_ - a.first_frame) {
      return Errc::corrupt_index;  // the record runs past the last frame
    }
    const uint32_t j = a.first_frame + k;
    const Result<FrameView> f = frame(j);
    if (!f.ok()) {
      return f.error();
    }
    if (start > f.value().raw_size) {
      return Errc::corrupt_index;
    }
    const uint32_t available = f.value().raw_size - start;
    if (available == 0) {
      return Errc::corrupt_index;  // a piece is never empty
    }
    const RecordPiece piece{j, start, available < remaining ? available : remaining};
    if (!visit(k, piece, f.value())) {
      return Errc::ok;
    }
    remaining -= piece.size;
    start = 0;
  }
  return Errc::ok;
}

inline Result<RecordPiece> Bundle::record_piece(const ArticleView& a,
                                                uint32_t part) const noexcept {
  RecordPiece found;
  bool have = false;
  const Errc e = walk_record(a, [&](uint32_t k, const RecordPiece& piece, const FrameView&) {
    found = piece;
    have = k == part;
    return !have;
  });
  if (e != Errc::ok) {
    return e;
  }
  return have ? Result<RecordPiece>(found) : Result<RecordPiece>(Errc::out_of_range);
}

inline Result<RecordPlan> Bundle::record_plan(const ArticleView& a) const noexcept {
  RecordPlan plan;
  plan.first_frame = a.first_frame;
  plan.offset = a.offset;
  plan.size = a.size;
  uint64_t buffer = 0;
  const Errc e = walk_record(a, [&](uint32_t, const RecordPiece&, const FrameView& f) {
    buffer += f.raw_size;
    ++plan.frame_count;
    return true;
  });
  if (e != Errc::ok) {
    return e;
  }
  if constexpr (sizeof(size_t) < sizeof(uint64_t)) {
    if (buffer > static_cast<uint64_t>(static_cast<size_t>(-1))) {
      return Errc::too_large;
    }
  }
  plan.buffer_size = static_cast<size_t>(buffer);
  return plan;
}

}  // namespace sheaf
