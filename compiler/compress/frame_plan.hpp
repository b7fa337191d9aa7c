// compiler, compress stage: decide which bytes of which records go into which zstd frame.
// Pure function of the records and the block size, so output never depends on threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/record_store.hpp"

namespace sheaf {

/// A run of one record's bytes inside a frame.
struct FramePiece {
  uint32_t article = 0;  ///< index into the records given to plan_frames()
  uint32_t start = 0;    ///< offset in that record
  uint32_t size = 0;
};

/// The raw content of one frame: its pieces, in order.
struct FrameContent {
  std::vector<FramePiece> pieces;
  uint32_t raw_size = 0;
};

/// Where an article's record lies (SPEC: "Record location").
struct RecordLocation {
  uint32_t first_frame = 0;
  uint32_t offset = 0;
  uint32_t size = 0;
  uint32_t checksum = 0;  ///< SPEC: Article.checksum
};

struct FramePlan {
  std::vector<FrameContent> frames;
  std::vector<RecordLocation> locations;  ///< one per record, same order
  uint32_t max_frame_size = 0;
  uint32_t max_read_size = 0;  ///< SPEC: Bundle.max_read_size
};

/// Packs records, in order, into frames of at most `block_size` raw bytes (SPEC: "Frame packing"):
/// a record that fits in the current frame joins it; one that does not but fits in a frame starts
/// a new frame; a longer record starts a new frame and fills as many whole frames as it needs,
/// holding them alone. An empty one takes no frame. `block_size` must be > 0.
FramePlan plan_frames(const RecordStore& records, uint32_t block_size);

/// The raw bytes of frame `frame`: a view into `records`, where a frame's pieces lie back to
/// back (plan_frames packs records in order).
std::string_view frame_bytes(const FramePlan& plan, size_t frame, const RecordStore& records);

}  // namespace sheaf
