// compiler, write stage: lay out header, section table and sections (SPEC: "File layout").
// Sections are not copied into one image: the layout is a list of pieces (views of the
// caller's bytes and zero padding) that the writer streams to disk, so a build holds its
// compressed frames once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sheaf/format.hpp>

#include "index/index_builder.hpp"

namespace sheaf {

/// Where each blob starts when `blobs` are laid end to end, each at the next multiple of 8
/// (zero padding between): the offsets of frames in DATA, or of kept files in SOURCES.
std::vector<uint64_t> aligned_offsets(const std::vector<std::string>& blobs);

/// The frame table of a DATA section made of `compressed` frames laid back to back.
std::vector<FrameRecord> place_frames(const std::vector<std::string>& compressed,
                                      const std::vector<uint32_t>& raw_sizes);

/// A whole bundle file: `head` (header and section table, every checksum filled in), then
/// `pieces` in order. The pieces view the section bytes given to lay_out_bundle(), which must
/// outlive the image, and static zero padding.
struct FileImage {
  std::string head;
  std::vector<std::string_view> pieces;
  uint64_t size = 0;  ///< head plus pieces

  /// The file as one string (tests, small bundles).
  std::string join() const;
};

/// An optional section of one blob, such as CHARSET: readers that do not know its kind skip it.
struct OptionalSection {
  format::SectionKind kind;
  std::string_view bytes;
};

/// The bundle file: header, section table, INDEX, DICTIONARY (when not empty; kind 5 when
/// `dictionary_packed`, the dictionary as one zstd frame), the `tables` (optional sections, in
/// the order given), DATA (the `frames`, back to back, then zero padding to 8 bytes), and
/// SOURCES (the `source_frames`, when any, each at an 8-byte boundary: the optional section of
/// --keep-source), each section at an 8-byte boundary.
FileImage lay_out_bundle(const std::string& index, const std::string& dictionary,
                         const std::vector<std::string>& frames,
                         const std::vector<std::string>& source_frames = {},
                         bool dictionary_packed = false,
                         const std::vector<OptionalSection>& tables = {});

}  // namespace sheaf
