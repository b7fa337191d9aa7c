// compiler, write stage: lay out header, section table and sections (SPEC: "File layout").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/index_builder.hpp"

namespace sheaf {

/// The DATA section: compressed frames at 8-byte aligned offsets, zero padding between.
struct DataSection {
  std::string bytes;
  std::vector<FrameRecord> frames;  ///< where each frame landed
};

/// Concatenates frames (in order) with zero padding to 8 bytes.
DataSection lay_out_data(const std::vector<std::string>& compressed,
                         const std::vector<uint32_t>& raw_sizes);

/// Concatenates blobs with zero padding to 8 bytes; `offsets` receives where each starts.
std::string pack_aligned(const std::vector<std::string>& blobs, std::vector<uint64_t>& offsets);

/// The whole bundle file: header, section table, INDEX, DICTIONARY (when not empty), DATA,
/// each at an 8-byte boundary, every checksum filled in.
/// `sources` (the optional SOURCES section, --keep-source) is left out when empty.
/// `dictionary_packed`: `dictionary` is one zstd frame holding it (section kind 5, not 2).
std::string lay_out_bundle(const std::string& index, const std::string& dictionary,
                           const std::string& data, const std::string& sources = "",
                           bool dictionary_packed = false);

}  // namespace sheaf
