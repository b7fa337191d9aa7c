// sheaf runtime: on-disk constants, one for one with schema/SPEC.md ("File header",
// "Section table"). The compiler writes with these same constants.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sheaf::format {

// SPEC: File header
inline constexpr uint8_t kMagic[8] = {0x89, 'S', 'H', 'E', 'A', 'F', '\r', '\n'};
inline constexpr uint16_t kVersionMajor = 3;  // readers reject any other major version
inline constexpr uint16_t kVersionMinor = 1;  // readers accept any minor version
inline constexpr size_t kHeaderSize = 40;     // fixed part, before the section table
inline constexpr size_t kOffMagic = 0;
inline constexpr size_t kOffHeaderChecksum = 8;
inline constexpr size_t kOffVersionMajor = 16;
inline constexpr size_t kOffVersionMinor = 18;
inline constexpr size_t kOffFlags = 20;
inline constexpr size_t kOffFileSize = 24;
inline constexpr size_t kOffSectionCount = 32;
inline constexpr size_t kOffReserved = 36;
inline constexpr uint32_t kKnownFlags = 0;  // no header flags are defined in versions 2 and 3

// SPEC: Section table
inline constexpr size_t kSectionEntrySize = 32;
inline constexpr uint32_t kMaxSections = 16;
inline constexpr size_t kOffSectionKind = 0;
inline constexpr size_t kOffSectionFlags = 4;
inline constexpr size_t kOffSectionOffset = 8;
inline constexpr size_t kOffSectionSize = 16;
inline constexpr size_t kOffSectionChecksum = 24;
inline constexpr uint32_t kSectionRequired = 1;  // flag: a reader must know this kind
inline constexpr uint32_t kKnownSectionFlags = kSectionRequired;

enum class SectionKind : uint32_t {
  index = 1,              // FlatBuffer, root table sheaf.fb.Bundle, identifier "SHF3"
  dictionary = 2,         // zstd dictionary used by every frame, stored as is
  data = 3,               // zstd frames, each at a multiple of 8 from the section start
  sources = 4,            // optional: original input files, one zstd frame each
  packed_dictionary = 5,  // the dictionary as one zstd frame; a bundle has kind 2 or 5, not both
  charset = 6,            // optional (2.1): the code points the articles show, as ranges
  navigation = 7,         // optional (2.1): newest-first order and the category tree
  retired_titles = 8,     // 2.1 to 3.0 (TITLES): never written since 3.1, skipped when read
  search = 9,             // optional (2.1): the full-text index
  headlines = 10,         // optional (3.1): the titles compressed, newest first, and their order
};
inline constexpr uint32_t kLastSectionKind = 10;

// SPEC: Alignment
inline constexpr size_t kAlignment = 8;  // bundle base, every section and every frame

// SPEC: Index section
inline constexpr char kIndexIdentifier[] = "SHF3";

// Hard limits (SPEC: "Limits"), what `sheaf build` can produce; readers reject more.
inline constexpr uint32_t kMaxFrameSize = 64u << 20;       // largest --block-size (rules I11, F4)
inline constexpr uint64_t kMaxDictionarySize = 16u << 20;  // largest --dict-size (rules D3, D4)
// SPEC: Records. A record is its fields, each `tag, LEB128 length, bytes`, then a 0 tag, then
// the body. Readers skip tags they do not know.
enum class Field : uint8_t {
  end = 0,
  id = 1,  // required, non-empty
  title = 2,
  subtitle = 3,
  date = 4,  // "YYYY-MM-DD", "--MM-DD" or absent
  source = 5,
  author = 6,
  location = 7,
  url = 8,
  category = 9,      // repeated: the breadcrumb, outermost first
  site = 10,         // LEB128: 1 + index into Bundle.sites
  source_file = 11,  // LEB128: 1 + index into Bundle.sources
};
inline constexpr size_t kMaxVarintBytes = 5;  // LEB128 of a uint32

inline constexpr uint64_t align_up(uint64_t n) noexcept {
  return (n + (kAlignment - 1)) & ~static_cast<uint64_t>(kAlignment - 1);
}

inline constexpr size_t header_end(uint32_t section_count) noexcept {
  return kHeaderSize + kSectionEntrySize * section_count;
}

}  // namespace sheaf::format
