// sheaf runtime: on-disk constants, one for one with schema/SPEC.md ("File header",
// "Section table"). The compiler writes with these same constants.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sheaf::format {

// SPEC: File header
inline constexpr uint8_t kMagic[8] = {0x89, 'S', 'H', 'E', 'A', 'F', '\r', '\n'};
inline constexpr uint16_t kVersionMajor = 1;  // readers reject any other major version
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
inline constexpr uint32_t kKnownFlags = 0;  // no header flags are defined in version 1

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
  index = 1,       // FlatBuffer, root table sheaf.fb.Bundle, identifier "SHF1"
  dictionary = 2,  // zstd dictionary used by every frame
  data = 3,        // zstd frames, each at a multiple of 8 from the section start
  sources = 4,     // optional (v1.1): original input files, one zstd frame each
};

// SPEC: Alignment
inline constexpr size_t kAlignment = 8;  // bundle base, every section and every frame

// SPEC: Index section
inline constexpr char kIndexIdentifier[] = "SHF1";

inline constexpr uint64_t align_up(uint64_t n) noexcept {
  return (n + (kAlignment - 1)) & ~static_cast<uint64_t>(kAlignment - 1);
}

inline constexpr size_t header_end(uint32_t section_count) noexcept {
  return kHeaderSize + kSectionEntrySize * section_count;
}

}  // namespace sheaf::format
