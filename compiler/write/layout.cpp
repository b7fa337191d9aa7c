// compiler, write stage: byte layout of a bundle, mirroring the runtime's format.hpp.
#include "write/layout.hpp"

#include <algorithm>

#include <sheaf/format.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace {

constexpr char kZeros[format::kAlignment] = {};

void put_le(std::string& out, size_t at, uint64_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) {
    out[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  }
}

// How a section pads its blobs (SPEC: "Alignment").
enum class Padding {
  none,  ///< one blob, exact size (INDEX, DICTIONARY, the tables)
  end,   ///< blobs back to back, zero padding to 8 bytes after the last, inside (DATA)
  each,  ///< every blob followed by zero padding to 8 bytes, inside the section (SOURCES)
};

struct Section {
  format::SectionKind kind;
  std::vector<std::string_view> blobs;
  Padding padding = Padding::none;
};

// Zero padding to the next multiple of 8 after `size` bytes, added to the section.
void pad(std::vector<std::string_view>& pieces, detail::Xxh64& hash, uint64_t& size) {
  if (size % format::kAlignment != 0) {
    const std::string_view zeros(kZeros, format::align_up(size) - size);
    pieces.push_back(zeros);
    hash.update(reinterpret_cast<const uint8_t*>(zeros.data()), zeros.size());
    size += zeros.size();
  }
}

// Appends the section's pieces to `pieces`; returns its size and its XXH64 over those bytes.
uint64_t add_section(const Section& s, std::vector<std::string_view>& pieces, uint64_t& checksum) {
  detail::Xxh64 hash;
  uint64_t size = 0;
  for (const std::string_view blob : s.blobs) {
    pieces.push_back(blob);
    hash.update(reinterpret_cast<const uint8_t*>(blob.data()), blob.size());
    size += blob.size();
    if (s.padding == Padding::each) {
      pad(pieces, hash, size);
    }
  }
  if (s.padding == Padding::end) {
    pad(pieces, hash, size);
  }
  checksum = hash.digest();
  return size;
}

// INDEX, DATA and the dictionary are needed to read an article; SOURCES and the optional tables
// are not, so a reader that does not know them still reads every article.
bool is_required(format::SectionKind kind) {
  using K = format::SectionKind;
  return kind == K::index || kind == K::data || kind == K::dictionary ||
         kind == K::packed_dictionary;
}

std::vector<std::string_view> views(const std::vector<std::string>& blobs) {
  return std::vector<std::string_view>(blobs.begin(), blobs.end());
}

}  // namespace

std::vector<uint64_t> aligned_offsets(const std::vector<std::string>& blobs) {
  std::vector<uint64_t> offsets;
  offsets.reserve(blobs.size());
  uint64_t at = 0;
  for (const std::string& b : blobs) {
    at = format::align_up(at);
    offsets.push_back(at);
    at += b.size();
  }
  return offsets;
}

std::vector<FrameRecord> place_frames(const std::vector<std::string>& compressed,
                                      const std::vector<uint32_t>& raw_sizes) {
  std::vector<FrameRecord> frames;
  frames.reserve(compressed.size());
  uint64_t at = 0;
  for (size_t j = 0; j < compressed.size(); ++j) {
    frames.push_back({at, static_cast<uint32_t>(compressed[j].size()), raw_sizes[j]});
    at += compressed[j].size();
  }
  return frames;
}

std::string FileImage::join() const {
  std::string out = head;
  out.reserve(static_cast<size_t>(size));
  for (const std::string_view p : pieces) {
    out += p;
  }
  return out;
}

FileImage lay_out_bundle(const std::string& index, const std::string& dictionary,
                         const std::vector<std::string>& frames,
                         const std::vector<std::string>& source_frames, bool dictionary_packed,
                         const std::vector<OptionalSection>& tables) {
  std::vector<Section> sections = {{format::SectionKind::index, {index}, Padding::none}};
  if (!dictionary.empty()) {
    sections.push_back({dictionary_packed ? format::SectionKind::packed_dictionary
                                          : format::SectionKind::dictionary,
                        {dictionary},
                        Padding::none});
  }
  for (const OptionalSection& t : tables) {
    sections.push_back({t.kind, {t.bytes}, Padding::none});
  }
  sections.push_back({format::SectionKind::data, views(frames), Padding::end});
  if (!source_frames.empty()) {
    sections.push_back({format::SectionKind::sources, views(source_frames), Padding::each});
  }
  const auto count = static_cast<uint32_t>(sections.size());

  FileImage image;
  image.head.assign(format::align_up(format::header_end(count)), '\0');
  uint64_t at = image.head.size();
  for (size_t k = 0; k < sections.size(); ++k) {
    if (at % format::kAlignment != 0) {
      image.pieces.emplace_back(kZeros, format::align_up(at) - at);
      at = format::align_up(at);
    }
    uint64_t checksum = 0;
    const uint64_t size = add_section(sections[k], image.pieces, checksum);
    const size_t entry = format::kHeaderSize + k * format::kSectionEntrySize;
    put_le(image.head, entry + format::kOffSectionKind, static_cast<uint32_t>(sections[k].kind), 4);
    put_le(image.head, entry + format::kOffSectionFlags,
           is_required(sections[k].kind) ? format::kSectionRequired : 0, 4);
    put_le(image.head, entry + format::kOffSectionOffset, at, 8);
    put_le(image.head, entry + format::kOffSectionSize, size, 8);
    put_le(image.head, entry + format::kOffSectionChecksum, checksum, 8);
    at += size;
  }
  if (at % format::kAlignment != 0) {
    image.pieces.emplace_back(kZeros, format::align_up(at) - at);
    at = format::align_up(at);
  }
  image.size = at;

  std::string& out = image.head;
  for (size_t i = 0; i < sizeof(format::kMagic); ++i) {
    out[format::kOffMagic + i] = static_cast<char>(format::kMagic[i]);
  }
  put_le(out, format::kOffVersionMajor, format::kVersionMajor, 2);
  // The highest minor version whose additions the file uses (SPEC: "Versions"): 1 with a
  // HEADLINES section (3.1), else 0.
  const bool headlines = std::any_of(tables.begin(), tables.end(), [](const OptionalSection& t) {
    return t.kind == format::SectionKind::headlines;
  });
  put_le(out, format::kOffVersionMinor, headlines ? format::kVersionMinor : 0, 2);
  put_le(out, format::kOffFlags, 0, 4);
  put_le(out, format::kOffFileSize, at, 8);
  put_le(out, format::kOffSectionCount, count, 4);
  put_le(out, format::kOffReserved, 0, 4);
  const size_t end = format::header_end(count);
  put_le(out, format::kOffHeaderChecksum,
         detail::xxh64(reinterpret_cast<const uint8_t*>(out.data()) + format::kOffVersionMajor,
                       end - format::kOffVersionMajor),
         8);
  return image;
}

}  // namespace sheaf
