// sheaf runtime: Bundle member definitions (included by bundle.hpp; do not include directly).
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bundle.hpp>
#include <sheaf/rules.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace detail {

inline constexpr size_t kArticleStructSize = 16;
inline constexpr size_t kTitleKeyStructSize = 8;
static_assert(sizeof(fb::Article) == kArticleStructSize, "schema Article layout changed");
static_assert(sizeof(fb::TitleKey) == kTitleKeyStructSize, "schema TitleKey layout changed");

/// The title hash of SPEC table TitleKey.
inline uint32_t title_hash(std::string_view title) noexcept {
  return static_cast<uint32_t>(xxh64(reinterpret_cast<const uint8_t*>(title.data()), title.size()));
}

/// Where a zstd frame's content size is, read from its header (RFC 8878, "Frame_Header"), and
/// whether the header is one sheaf accepts (SPEC: rule F2): a complete zstd frame header (not a
/// skippable frame), reserved bit clear, with a content checksum and a content size.
struct ZstdFrameHeader {
  bool ok = false;
  uint64_t content_size = 0;
};

inline ZstdFrameHeader parse_zstd_frame_header(ByteSpan frame) noexcept {
  ZstdFrameHeader h;
  if (frame.size() < 5 || load_le32(frame.data()) != 0xFD2FB528u) {
    return h;
  }
  const uint8_t fhd = frame.data()[4];
  const unsigned fcs_flag = fhd >> 6;
  const bool single_segment = (fhd & 0x20) != 0;
  const bool checksum = (fhd & 0x04) != 0;
  if ((fhd & 0x08) != 0 || !checksum) {
    return h;  // the reserved bit is set, or no content checksum
  }
  static constexpr uint8_t kDictIdSize[4] = {0, 1, 2, 4};
  static constexpr uint8_t kContentSizeSize[4] = {0, 2, 4, 8};
  const size_t fcs_size = fcs_flag == 0 && single_segment ? size_t{1} : kContentSizeSize[fcs_flag];
  const size_t at = size_t{5} + (single_segment ? size_t{0} : size_t{1}) + kDictIdSize[fhd & 3u];
  if (fcs_size == 0 || frame.size() < at + fcs_size) {
    return h;  // no content size, or the header runs past the frame
  }
  uint64_t v = 0;
  for (size_t k = fcs_size; k > 0; --k) {
    v = (v << 8) | frame.data()[at + k - 1];
  }
  h.content_size = fcs_size == 2 ? v + 256 : v;
  h.ok = true;
  return h;
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

/// How open() verifies a field of the root table (SPEC: rule I3).
enum class FieldKind : uint8_t { string, u32, u64, vector };

/// A field of table Bundle (schema/sheaf.fbs) and how it is verified.
struct RootField {
  const char* name;  ///< as in schema/sheaf.fbs
  flatbuffers::voffset_t vt;
  FieldKind kind;
  uint8_t element_size;  ///< vectors: bytes per element (4 for offsets to strings and tables)
  bool required;         ///< SPEC: rule I4
};

/// Every field of table Bundle, in schema order. open() verifies each one (its offset, and for a
/// vector its header and byte range), and accessors read the root only through fields listed
/// here (Bundle::vector_field() refuses others at compile time). The strings and tables that
/// vectors of offsets point to are verified when accessed (SPEC: rules I6 to I8). A test
/// compares this list with schema/sheaf.fbs.
inline constexpr RootField kRootFields[] = {
    {"title", fb::Bundle::VT_TITLE, FieldKind::string, 0, false},
    {"language", fb::Bundle::VT_LANGUAGE, FieldKind::string, 0, false},
    {"creator", fb::Bundle::VT_CREATOR, FieldKind::string, 0, false},
    {"generator", fb::Bundle::VT_GENERATOR, FieldKind::string, 0, false},
    {"created", fb::Bundle::VT_CREATED, FieldKind::u64, 0, false},
    {"block_size", fb::Bundle::VT_BLOCK_SIZE, FieldKind::u32, 0, false},
    {"max_frame_size", fb::Bundle::VT_MAX_FRAME_SIZE, FieldKind::u32, 0, false},
    {"max_read_size", fb::Bundle::VT_MAX_READ_SIZE, FieldKind::u32, 0, false},
    {"articles", fb::Bundle::VT_ARTICLES, FieldKind::vector, sizeof(fb::Article), true},
    {"title_keys", fb::Bundle::VT_TITLE_KEYS, FieldKind::vector, sizeof(fb::TitleKey), false},
    {"sites", fb::Bundle::VT_SITES, FieldKind::vector, 4, false},
    {"sources", fb::Bundle::VT_SOURCES, FieldKind::vector, 4, false},
    {"frame_ends", fb::Bundle::VT_FRAME_ENDS, FieldKind::vector, 4, true},
    {"id_keys", fb::Bundle::VT_ID_KEYS, FieldKind::vector, sizeof(fb::TitleKey), false},
    {"frame_wraps", fb::Bundle::VT_FRAME_WRAPS, FieldKind::vector, 4, false},
    {"dictionary_new_raw", fb::Bundle::VT_DICTIONARY_NEW_RAW, FieldKind::u64, 0, false},
};

/// True when kRootFields lists `vt` as a field of kind `kind` (and, for a vector, of elements
/// of `element_size` bytes).
constexpr bool is_root_field(flatbuffers::voffset_t vt, FieldKind kind,
                             size_t element_size) noexcept {
  for (const RootField& f : kRootFields) {
    if (f.vt == vt) {
      return f.kind == kind && (kind != FieldKind::vector || f.element_size == element_size);
    }
  }
  return false;
}

inline bool verify_root_field(const flatbuffers::Table* t, flatbuffers::Verifier& v,
                              const RootField& f) noexcept {
  switch (f.kind) {
    case FieldKind::string:
      return t->VerifyOffset(v, f.vt) &&
             v.VerifyString(t->GetPointer<const flatbuffers::String*>(f.vt));
    case FieldKind::u32:
      return t->VerifyField<uint32_t>(v, f.vt, 4);
    case FieldKind::u64:
      return t->VerifyField<uint64_t>(v, f.vt, 8);
    case FieldKind::vector: {
      if (!t->VerifyOffset(v, f.vt)) {
        return false;
      }
      const auto* vec = t->GetPointer<const uint8_t*>(f.vt);
      return vec == nullptr || v.VerifyVectorOrString(vec, f.element_size);
    }
  }
  return false;
}

/// Verifies the root table's own fields and the headers of its vectors, not their elements
/// (SPEC: rules I3 and I4). O(1).
inline Errc verify_root(const flatbuffers::Table* t, flatbuffers::Verifier& v) noexcept {
  SHEAF_CHECK(t->VerifyTableStart(v), Rule::I3);
  for (const RootField& f : kRootFields) {
    SHEAF_CHECK(!f.required || t->GetOptionalFieldOffset(f.vt) != 0, Rule::I4);
    SHEAF_CHECK(verify_root_field(t, v, f), Rule::I3);
  }
  SHEAF_CHECK(v.EndTable(), Rule::I3);
  return Errc::ok;
}

/// Where element `k` of a vector of offsets (first element at `elements`) points, checked to lie
/// inside the index by `v`; null when it does not.
inline const uint8_t* verified_target(ByteSpan index, const uint8_t* elements, uint32_t k,
                                      flatbuffers::Verifier& v) noexcept {
  const size_t element =
      static_cast<size_t>(elements - index.data()) + size_t{k} * sizeof(flatbuffers::uoffset_t);
  const size_t o = v.VerifyOffset(element);  // uoffset_t in FlatBuffers 2, size_t in 23
  return o == 0 ? nullptr : index.data() + element + o;
}

/// Table `k` of a vector of table offsets whose first element is at `elements`, verified
/// (SPEC: rules I6, I7): the offset must point inside the index and the table there must pass
/// FlatBuffers verification. Null when it does not. `k` must be below the vector's size.
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

inline SectionEntry Bundle::section_at(uint32_t k) const noexcept {
  return detail::load_section(file_.data() + format::kHeaderSize + k * format::kSectionEntrySize);
}

inline Result<SectionEntry> Bundle::section(uint32_t k) const noexcept {
  if (k >= header_.section_count) {
    return Errc::out_of_range;
  }
  return section_at(k);
}

inline void Bundle::keep_section(const SectionEntry& s) noexcept {
  const ByteSpan bytes(file_.data() + s.offset, static_cast<size_t>(s.size));
  switch (static_cast<format::SectionKind>(s.kind)) {
    case format::SectionKind::index:
      index_ = bytes;
      break;
    case format::SectionKind::dictionary:
    case format::SectionKind::packed_dictionary:
      dictionary_ = bytes;
      dictionary_packed_ = s.kind == static_cast<uint32_t>(format::SectionKind::packed_dictionary);
      break;
    case format::SectionKind::data:
      data_ = bytes;
      break;
    case format::SectionKind::sources:
      sources_ = bytes;
      break;
    case format::SectionKind::charset:
      charset_ = bytes;
      break;
    case format::SectionKind::navigation:
      navigation_ = bytes;
      break;
    case format::SectionKind::headlines:
      headlines_ = bytes;
      break;
    case format::SectionKind::retired_titles:  // not known: open_sections() skips it
      break;
    case format::SectionKind::search:
      search_ = bytes;
      break;
  }
}

// SPEC: "Validation", rules S1-S7.
inline Errc Bundle::open_sections() noexcept {
  uint64_t previous_end = format::header_end(header_.section_count);
  bool seen[format::kLastSectionKind + 1] = {};
  for (uint32_t k = 0; k < header_.section_count; ++k) {
    const SectionEntry s = section_at(k);
    const Errc e = detail::check_section(s, header_.file_size, previous_end);
    if (e != Errc::ok) {
      return e;
    }
    if (!detail::is_known_section(s.kind)) {
      continue;  // an optional section from a newer minor version
    }
    SHEAF_CHECK(!seen[s.kind], Rule::S5);
    seen[s.kind] = true;
    keep_section(s);
  }
  using K = format::SectionKind;
  SHEAF_CHECK(seen[static_cast<uint32_t>(K::index)] && seen[static_cast<uint32_t>(K::data)],
              Rule::S6);
  SHEAF_CHECK(!seen[static_cast<uint32_t>(K::dictionary)] ||
                  !seen[static_cast<uint32_t>(K::packed_dictionary)],
              Rule::S7);
  return Errc::ok;
}

template <flatbuffers::voffset_t VT, size_t ElementSize>
detail::VectorSpan Bundle::vector_field() const noexcept {
  static_assert(detail::is_root_field(VT, detail::FieldKind::vector, ElementSize),
                "a vector that open() does not verify (add it to detail::kRootFields)");
  const auto* vec = root()->GetPointer<const uint8_t*>(VT);
  if (vec == nullptr) {
    return {};
  }
  return detail::VectorSpan{vec + sizeof(flatbuffers::uoffset_t), detail::load_le32(vec)};
}

template <flatbuffers::voffset_t VT>
std::string_view Bundle::string_field() const noexcept {
  static_assert(detail::is_root_field(VT, detail::FieldKind::string, 0),
                "a string that open() does not verify (add it to detail::kRootFields)");
  return detail::view_of(root()->GetPointer<const flatbuffers::String*>(VT));
}

template <flatbuffers::voffset_t VT, class T>
T Bundle::scalar_field() const noexcept {
  static_assert(detail::is_root_field(
                    VT, sizeof(T) == 8 ? detail::FieldKind::u64 : detail::FieldKind::u32, 0),
                "a scalar that open() does not verify (add it to detail::kRootFields)");
  return root()->GetField<T>(VT, 0);
}

// SPEC: "Validation", rules I1-I4 and I11.
inline Errc Bundle::open_index() noexcept {
  SHEAF_CHECK(index_.size() >= 2 * sizeof(flatbuffers::uoffset_t) &&
                  index_.size() < FLATBUFFERS_MAX_BUFFER_SIZE &&
                  flatbuffers::BufferHasIdentifier(index_.data(), format::kIndexIdentifier),
              Rule::I1);
  flatbuffers::Verifier v = detail::index_verifier(index_, 1);
  const size_t root_offset = v.VerifyOffset(0);  // uoffset_t in FlatBuffers 2, size_t in 23
  SHEAF_CHECK(root_offset != 0, Rule::I2);
  const Errc e = detail::verify_root(
      reinterpret_cast<const flatbuffers::Table*>(index_.data() + root_offset), v);
  if (e != Errc::ok) {
    return e;
  }
  using B = fb::Bundle;
  frame_ends_ = vector_field<B::VT_FRAME_ENDS, 4>();
  articles_ = vector_field<B::VT_ARTICLES, sizeof(fb::Article)>();
  title_keys_ = vector_field<B::VT_TITLE_KEYS, sizeof(fb::TitleKey)>();
  sites_ = vector_field<B::VT_SITES, sizeof(flatbuffers::uoffset_t)>();
  sources_table_ = vector_field<B::VT_SOURCES, sizeof(flatbuffers::uoffset_t)>();
  id_keys_ = vector_field<B::VT_ID_KEYS, sizeof(fb::TitleKey)>();
  frame_wraps_ = vector_field<B::VT_FRAME_WRAPS, 4>();
  // SPEC: rule I13: each wrap is a frame, ascending, and DATA is long enough for all of them
  // (so this loop is bounded by DATA's size / 4 GiB, not by what the bytes claim).
  SHEAF_CHECK(frame_wraps_.size <= (uint64_t{data_.size()} >> 32), Rule::I13);
  for (uint32_t k = 0; k < frame_wraps_.size; ++k) {
    const uint32_t w = detail::load_le32(frame_wraps_.data + size_t{k} * 4);
    SHEAF_CHECK(w < frame_ends_.size &&
                    (k == 0 || w > detail::load_le32(frame_wraps_.data + size_t{k - 1} * 4)),
                Rule::I13);
  }
  // SPEC: rule I11: the frame sizes within what a writer can produce, so that a buffer of
  // max_frame_size bytes (which rule F4 makes enough for every frame) stays bounded.
  const uint32_t block_size = scalar_field<B::VT_BLOCK_SIZE, uint32_t>();
  max_frame_size_ = scalar_field<B::VT_MAX_FRAME_SIZE, uint32_t>();
  SHEAF_CHECK(block_size <= format::kMaxFrameSize && max_frame_size_ <= format::kMaxFrameSize,
              Rule::I11);
  return Errc::ok;
}

inline Result<ArticleView> Bundle::article(uint32_t i) const noexcept {
  if (i >= articles_.size) {
    return Errc::out_of_range;
  }
  // The articles vector's byte range was verified by open(); load fields bytewise.
  const uint8_t* p = articles_.data + size_t{i} * detail::kArticleStructSize;
  ArticleView view;
  view.index = i;
  view.first_frame = detail::load_le32(p);
  view.offset = detail::load_le32(p + 4);
  view.size = detail::load_le32(p + 8);
  view.checksum = detail::load_le32(p + 12);
  return view;
}

inline TitleKey Bundle::key_at(detail::VectorSpan keys, uint32_t k) noexcept {
  const uint8_t* p = keys.data + size_t{k} * detail::kTitleKeyStructSize;
  return TitleKey{detail::load_le32(p), detail::load_le32(p + 4)};
}

inline uint32_t Bundle::key_bound(detail::VectorSpan keys, uint32_t hash,
                                  uint32_t article) noexcept {
  uint32_t lo = 0;
  uint32_t hi = keys.size;
  while (lo < hi) {  // first key not before (hash, article)
    const uint32_t mid = lo + (hi - lo) / 2;
    const TitleKey k = key_at(keys, mid);
    if (k.hash < hash || (k.hash == hash && k.article < article)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// A binary search for the first key, then a few steps past the keys with its hash (almost
// always one), and a second binary search when there are more: however many articles share
// the hash, the range costs O(log n).
inline Range Bundle::key_range(detail::VectorSpan keys, std::string_view text) noexcept {
  constexpr uint32_t kSteps = 8;
  const uint32_t h = detail::title_hash(text);
  const uint32_t first = key_bound(keys, h, 0);
  uint32_t last = first;
  while (last < keys.size && last - first < kSteps && key_at(keys, last).hash == h) {
    ++last;
  }
  if (last - first == kSteps) {
    last = h == UINT32_MAX ? keys.size : key_bound(keys, h + 1, 0);
  }
  return Range{first, last};
}

inline Result<TitleKey> Bundle::title_key(uint32_t k) const noexcept {
  if (k >= title_keys_.size) {
    return Errc::out_of_range;
  }
  return key_at(title_keys_, k);
}

inline Range Bundle::title_range(std::string_view title) const noexcept {
  return key_range(title_keys_, title);
}

inline bool Bundle::has_title_key(std::string_view title, uint32_t article) const noexcept {
  const uint32_t h = detail::title_hash(title);
  const uint32_t k = key_bound(title_keys_, h, article);
  return k < title_keys_.size && key_at(title_keys_, k).hash == h &&
         key_at(title_keys_, k).article == article;
}

inline Result<TitleKey> Bundle::id_key(uint32_t k) const noexcept {
  if (k >= id_keys_.size) {
    return Errc::out_of_range;
  }
  return key_at(id_keys_, k);
}

// SPEC: "Lookup by id" and rule I9.
inline Result<Range> Bundle::id_range(std::string_view id) const noexcept {
  if (articles_.size == 0) {
    return Errc::not_found;
  }
  SHEAF_CHECK(id_keys_.size == articles_.size, Rule::I9);
  return key_range(id_keys_, id);
}

inline bool Bundle::has_id_key(std::string_view id, uint32_t article) const noexcept {
  const uint32_t h = detail::title_hash(id);
  const uint32_t k = key_bound(id_keys_, h, article);
  return k < id_keys_.size && key_at(id_keys_, k).hash == h &&
         key_at(id_keys_, k).article == article;
}

inline Result<SiteView> Bundle::site(uint32_t k) const noexcept {
  if (k >= sites_.size) {
    return Errc::out_of_range;
  }
  // Verify the one Site table before reading it (SPEC: rule I6).
  const fb::Site* s = detail::verified_table<fb::Site>(index_, sites_.data, k);
  SHEAF_CHECK(s != nullptr, Rule::I6);
  SiteView view;
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

inline Result<SiteView> Bundle::site_of(const Record& r) const noexcept {
  if (r.site == 0) {
    return SiteView{};
  }
  SHEAF_CHECK(r.site <= sites_.size, Rule::I6);
  return site(r.site - 1);
}

inline Result<SourceView> Bundle::source(uint32_t k) const noexcept {
  if (k >= sources_table_.size) {
    return Errc::out_of_range;
  }
  const fb::SourceFile* s = detail::verified_table<fb::SourceFile>(index_, sources_table_.data, k);
  SHEAF_CHECK(s != nullptr, Rule::I7);
  SHEAF_CHECK(s->offset() % format::kAlignment == 0 &&
                  detail::check_range(s->offset(), s->compressed_size(), sources_.size()),
              Rule::I7);
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
  info.article_count = articles_.size;
  info.frame_count = frame_ends_.size;
  info.index_size = index_.size();
  info.dictionary_size = dictionary_.size();
  info.dictionary_packed = dictionary_packed_;
  info.data_size = data_.size();
  if (index_.empty()) {
    return info;
  }
  using B = fb::Bundle;
  info.title = string_field<B::VT_TITLE>();
  info.language = string_field<B::VT_LANGUAGE>();
  info.creator = string_field<B::VT_CREATOR>();
  info.generator = string_field<B::VT_GENERATOR>();
  info.created = scalar_field<B::VT_CREATED, uint64_t>();
  info.block_size = scalar_field<B::VT_BLOCK_SIZE, uint32_t>();
  info.max_frame_size = scalar_field<B::VT_MAX_FRAME_SIZE, uint32_t>();
  info.max_read_size = scalar_field<B::VT_MAX_READ_SIZE, uint32_t>();
  info.dictionary_new_raw = scalar_field<B::VT_DICTIONARY_NEW_RAW, uint64_t>();
  return info;
}

inline uint64_t Bundle::frame_end(uint32_t j) const noexcept {
  // The entries <= j (open() checked them ascending, rule I13): one 4 GiB each.
  uint32_t wraps = 0;
  uint32_t n = frame_wraps_.size;
  while (n > 0) {
    const uint32_t half = n / 2;
    if (detail::load_le32(frame_wraps_.data + size_t{wraps + half} * 4) <= j) {
      wraps += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  return detail::load_le32(frame_ends_.data + size_t{j} * 4) + (uint64_t{wraps} << 32);
}

inline Result<FrameView> Bundle::frame(uint32_t j) const noexcept {
  if (j >= frame_ends_.size) {
    return Errc::out_of_range;
  }
  // The frame_ends vector's byte range was verified by open(); load bytewise (any alignment).
  FrameView f;
  f.offset = j == 0 ? 0 : frame_end(j - 1);
  const uint64_t end = frame_end(j);
  SHEAF_CHECK(f.offset < end && end <= data_.size() && end - f.offset <= UINT32_MAX, Rule::F1);
  f.compressed_size = static_cast<uint32_t>(end - f.offset);
  f.bytes = ByteSpan(data_.data() + f.offset, f.compressed_size);
  const detail::ZstdFrameHeader h = detail::parse_zstd_frame_header(f.bytes);
  SHEAF_CHECK(h.ok, Rule::F2);
  SHEAF_CHECK(h.content_size <= max_frame_size_, Rule::F4);
  f.raw_size = static_cast<uint32_t>(h.content_size);
  return f;
}

// SPEC: "Reading an article": the record starts at `offset` in `first_frame` and continues at
// the start of each following frame until `size` bytes are taken. Calls visit(part, piece,
// frame) for each piece until it returns false. Bounded by the frame count, whatever the bytes
// say. A record is never empty (it holds at least an id and the end tag).
template <class Visit>
inline Errc Bundle::walk_record(const ArticleView& a, Visit&& visit) const noexcept {
  SHEAF_CHECK(a.size != 0, Rule::B5);
  uint32_t remaining = a.size;
  uint32_t start = a.offset;
  for (uint32_t k = 0; remaining > 0; ++k) {
    // The record must not run past the last frame.
    SHEAF_CHECK(a.first_frame < frame_ends_.size && k < frame_ends_.size - a.first_frame, Rule::B1);
    const uint32_t j = a.first_frame + k;
    const Result<FrameView> f = frame(j);
    if (!f.ok()) {
      return f.error();
    }
    SHEAF_CHECK(start < f.value().raw_size, Rule::B2);  // a piece is never empty
    const uint32_t available = f.value().raw_size - start;
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
    SHEAF_CHECK(buffer <= static_cast<uint64_t>(static_cast<size_t>(-1)), Rule::B4);
  }
  plan.buffer_size = static_cast<size_t>(buffer);
  return plan;
}

}  // namespace sheaf
