// compiler, write stage: byte layout of a bundle, mirroring the runtime's format.hpp.
#include "write/layout.hpp"

#include <sheaf/format.hpp>
#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace {

void put_le(std::string& out, size_t at, uint64_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) {
    out[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  }
}

uint64_t checksum(const std::string& s) {
  return detail::xxh64(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

struct Section {
  format::SectionKind kind;
  const std::string* bytes;
};

}  // namespace

std::string pack_aligned(const std::vector<std::string>& blobs, std::vector<uint64_t>& offsets) {
  size_t total = 0;
  for (const std::string& b : blobs) {
    total += format::align_up(b.size());
  }
  std::string out;
  out.reserve(total);
  offsets.clear();
  for (const std::string& b : blobs) {
    offsets.push_back(out.size());
    out += b;
    out.resize(format::align_up(out.size()), '\0');
  }
  return out;
}

DataSection lay_out_data(const std::vector<std::string>& compressed,
                         const std::vector<uint32_t>& raw_sizes) {
  DataSection data;
  std::vector<uint64_t> offsets;
  data.bytes = pack_aligned(compressed, offsets);
  for (size_t j = 0; j < compressed.size(); ++j) {
    data.frames.push_back({offsets[j], static_cast<uint32_t>(compressed[j].size()), raw_sizes[j]});
  }
  return data;
}

std::string lay_out_bundle(const std::string& index, const std::string& dictionary,
                           const std::string& data, const std::string& sources,
                           bool dictionary_packed) {
  std::vector<Section> sections = {{format::SectionKind::index, &index}};
  if (!dictionary.empty()) {
    sections.push_back({dictionary_packed ? format::SectionKind::packed_dictionary
                                          : format::SectionKind::dictionary,
                        &dictionary});
  }
  sections.push_back({format::SectionKind::data, &data});
  if (!sources.empty()) {
    sections.push_back({format::SectionKind::sources, &sources});
  }
  const auto count = static_cast<uint32_t>(sections.size());

  std::string out(format::header_end(count), '\0');
  for (size_t k = 0; k < sections.size(); ++k) {
    out.resize(format::align_up(out.size()), '\0');
    const size_t entry = format::kHeaderSize + k * format::kSectionEntrySize;
    put_le(out, entry + format::kOffSectionKind, static_cast<uint32_t>(sections[k].kind), 4);
    // SOURCES is optional: a reader that does not know it can still read every article.
    put_le(out, entry + format::kOffSectionFlags,
           sections[k].kind == format::SectionKind::sources ? 0 : format::kSectionRequired, 4);
    put_le(out, entry + format::kOffSectionOffset, out.size(), 8);
    put_le(out, entry + format::kOffSectionSize, sections[k].bytes->size(), 8);
    put_le(out, entry + format::kOffSectionChecksum, checksum(*sections[k].bytes), 8);
    out += *sections[k].bytes;
  }
  out.resize(format::align_up(out.size()), '\0');

  for (size_t i = 0; i < sizeof(format::kMagic); ++i) {
    out[format::kOffMagic + i] = static_cast<char>(format::kMagic[i]);
  }
  put_le(out, format::kOffVersionMajor, format::kVersionMajor, 2);
  put_le(out, format::kOffVersionMinor, format::kVersionMinor, 2);
  put_le(out, format::kOffFlags, 0, 4);
  put_le(out, format::kOffFileSize, out.size(), 8);
  put_le(out, format::kOffSectionCount, count, 4);
  put_le(out, format::kOffReserved, 0, 4);
  const size_t end = format::header_end(count);
  put_le(out, format::kOffHeaderChecksum,
         detail::xxh64(reinterpret_cast<const uint8_t*>(out.data()) + format::kOffVersionMajor,
                       end - format::kOffVersionMajor),
         8);
  return out;
}

}  // namespace sheaf
