// compiler, index stage: the HEADLINES section (SPEC: "Headlines section"): every title,
// compressed 12 to 24 to a zstd frame with the bundle's dictionary in the newest-first order
// of the NAVIGATION section, so that a list screen decodes one or two small frames, and the
// slots in ascending title order, so that a reader finds a title prefix by binary search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compress/compressor.hpp"
#include "model/record_store.hpp"

namespace sheaf {

/// How the reference writer cuts the titles into frames (SPEC: "Headlines section"). Walking
/// from the oldest slot to the newest, a frame closes at a title whose hash hits (one in
/// `spacing`) once it holds `min` titles, and at `max` titles in any case; frame 0, the newest,
/// holds what is left. A cut depends only on the titles near it, so articles added or removed
/// anywhere change only the frames around them (and frame 0), and nightly patches stay small.
struct HeadlineCuts {
  uint32_t min = 12;  ///< written as `min_group`
  uint32_t max = 24;
  uint32_t spacing = 4;
};

/// The HEADLINES section's bytes for articles whose titles are `titles` (article i at i, id
/// order) and whose newest-first order is `newest` (the article at each slot): the slots in
/// ascending title bytes (ties by slot), each frame's first slot, the frame ends, and the
/// frames, each the titles of consecutive slots cut by `cuts` and compressed with `dictionary`
/// (none when empty) as DATA's frames are.
std::string encode_headlines(const std::vector<std::string_view>& titles,
                             const std::vector<uint32_t>& newest, const std::string& dictionary,
                             const CompressOptions& options, const HeadlineCuts& cuts = {});

/// The same for the articles of `records` (id order at the index stage), the newest-first order
/// read from `navigation` (the NAVIGATION section's bytes), the titles read from the records
/// in place.
std::string encode_record_headlines(const RecordStore& records, const std::string& navigation,
                                    const std::string& dictionary, const CompressOptions& options);

}  // namespace sheaf
