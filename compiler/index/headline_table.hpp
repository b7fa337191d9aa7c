// compiler, index stage: the HEADLINES section (SPEC: "Headlines section"): every title,
// compressed 16 to a zstd frame with the bundle's dictionary in the newest-first order of the
// NAVIGATION section, so that a list screen decodes one or two small frames, and the slots in
// ascending title order, so that a reader finds a title prefix by binary search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compress/compressor.hpp"
#include "model/record_store.hpp"

namespace sheaf {

/// Titles a headline frame (SPEC: "Headlines section", `group`).
inline constexpr uint32_t kHeadlineGroup = 16;

/// The HEADLINES section's bytes for articles whose titles are `titles` (article i at i, id
/// order) and whose newest-first order is `newest` (the article at each slot): the slots in
/// ascending title bytes (ties by slot), the frame ends, and the frames, each `group` titles
/// of consecutive slots compressed with `dictionary` (none when empty) as DATA's frames are.
std::string encode_headlines(const std::vector<std::string_view>& titles,
                             const std::vector<uint32_t>& newest, const std::string& dictionary,
                             const CompressOptions& options, uint32_t group = kHeadlineGroup);

/// The same for the articles of `records` (id order at the index stage), the newest-first order
/// read from `navigation` (the NAVIGATION section's bytes), the titles read from the records
/// in place.
std::string encode_record_headlines(const RecordStore& records, const std::string& navigation,
                                    const std::string& dictionary, const CompressOptions& options);

}  // namespace sheaf
