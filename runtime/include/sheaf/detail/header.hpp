// sheaf runtime: parsing of the file header and section table (SPEC: "File header",
// "Section table"). Constant time: touches only the first 40 + 32 * section_count bytes.
#pragma once

#include <cstdint>

#include <sheaf/bytes.hpp>
#include <sheaf/endian.hpp>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/rules.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {

/// One entry of the section table, as stored.
struct SectionEntry {
  uint32_t kind = 0;
  uint32_t flags = 0;
  uint64_t offset = 0;  ///< from the start of the bundle; a multiple of 8
  uint64_t size = 0;
  uint64_t checksum = 0;  ///< XXH64 (seed 0) of the section's bytes
};

namespace detail {

/// The header fields a reader keeps after checking them.
struct Header {
  uint16_t version_major = 0;
  uint16_t version_minor = 0;
  uint64_t file_size = 0;
  uint32_t section_count = 0;
};

inline SectionEntry load_section(const uint8_t* p) noexcept {
  SectionEntry s;
  s.kind = load_le32(p + format::kOffSectionKind);
  s.flags = load_le32(p + format::kOffSectionFlags);
  s.offset = load_le64(p + format::kOffSectionOffset);
  s.size = load_le64(p + format::kOffSectionSize);
  s.checksum = load_le64(p + format::kOffSectionChecksum);
  return s;
}

/// A kind this reader reads. The retired TITLES kind (8) is skipped like an unknown optional one.
inline bool is_known_section(uint32_t kind) noexcept {
  return kind >= static_cast<uint32_t>(format::SectionKind::index) &&
         kind <= format::kLastSectionKind &&
         kind != static_cast<uint32_t>(format::SectionKind::retired_titles);
}

/// Checks one section entry (SPEC: "Validation", rules S1-S4). `previous_end` is the end of
/// the previous section (or of the section table) and is advanced.
inline Errc check_section(const SectionEntry& s, uint64_t file_size,
                          uint64_t& previous_end) noexcept {
  SHEAF_CHECK((s.flags & ~format::kKnownSectionFlags) == 0, Rule::S1);
  SHEAF_CHECK(is_known_section(s.kind) || (s.flags & format::kSectionRequired) == 0, Rule::S2);
  SHEAF_CHECK(s.offset % format::kAlignment == 0 && s.offset >= previous_end, Rule::S3);
  SHEAF_CHECK(check_range(s.offset, s.size, file_size), Rule::S4);
  previous_end = s.offset + s.size;
  return Errc::ok;
}

/// Parses and checks the header of `file` (SPEC: "Validation", rules H1-H12).
inline Result<Header> parse_header(ByteSpan file) noexcept {
  const uint8_t* p = file.data();
  SHEAF_CHECK(p != nullptr && file.size() >= format::kHeaderSize, Rule::H1);
  SHEAF_CHECK(is_aligned(p, format::kAlignment), Rule::H2);
  for (size_t i = 0; i < sizeof(format::kMagic); ++i) {
    SHEAF_CHECK(p[format::kOffMagic + i] == format::kMagic[i], Rule::H3);
  }
  Header h;
  h.version_major = load_le16(p + format::kOffVersionMajor);
  h.version_minor = load_le16(p + format::kOffVersionMinor);
  SHEAF_CHECK(h.version_major == format::kVersionMajor, Rule::H4);
  h.section_count = load_le32(p + format::kOffSectionCount);
  SHEAF_CHECK(h.section_count != 0 && h.section_count <= format::kMaxSections, Rule::H5);
  const size_t end = format::header_end(h.section_count);
  SHEAF_CHECK(file.size() >= end, Rule::H6);
  SHEAF_CHECK(xxh64(p + format::kOffVersionMajor, end - format::kOffVersionMajor) ==
                  load_le64(p + format::kOffHeaderChecksum),
              Rule::H7);
  SHEAF_CHECK((load_le32(p + format::kOffFlags) & ~format::kKnownFlags) == 0, Rule::H8);
  SHEAF_CHECK(load_le32(p + format::kOffReserved) == 0, Rule::H9);
  h.file_size = load_le64(p + format::kOffFileSize);
  SHEAF_CHECK(h.file_size >= end, Rule::H10);
  if constexpr (sizeof(size_t) < sizeof(uint64_t)) {  // 32-bit readers
    SHEAF_CHECK(h.file_size <= static_cast<uint64_t>(static_cast<size_t>(-1)), Rule::H11);
  }
  SHEAF_CHECK(h.file_size <= file.size(), Rule::H12);
  return h;
}

}  // namespace detail
}  // namespace sheaf
