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

/// How plan_frames() cuts the records into frames (SPEC: "Frame packing").
struct FramePacking {
  uint32_t block_size = 0;  ///< largest raw frame; > 0
  uint32_t own_frame = 0;   ///< a record of at least this size owns its frames; >= 1
  uint32_t max_group = 0;   ///< largest group of small records; 0 < max_group <= block_size
  uint32_t min_group = 0;   ///< a group of small records ends on its ids' cut only from this size
  uint32_t cut_mask = 0;    ///< a group may end after a record whose id's XXH64 & mask is 0

  /// The reference writer's parameters for `block_size` (measured on bulk: docs/DESIGN.md).
  static FramePacking for_block_size(uint32_t block_size);
};

/// Packs records, in order, into frames of at most `packing.block_size` raw bytes, with
/// boundaries that depend on each record's own size and id rather than on a running offset, so
/// that an edited, inserted or appended record changes only the frames of its group (SPEC:
/// "Frame packing"). A record of at least `own_frame` bytes owns its frames (a long one as many
/// whole frames as it needs); smaller ones form groups of at most `max_group` bytes, one frame
/// each: a record joins the open group when it fits, and the group closes after a record whose
/// id says cut once it holds `min_group` bytes. An empty record takes no frame. A pure function
/// of the records.
FramePlan plan_frames(const RecordStore& records, const FramePacking& packing);

/// plan_frames() with FramePacking::for_block_size(block_size). `block_size` must be > 0.
FramePlan plan_frames(const RecordStore& records, uint32_t block_size);

/// The raw bytes of frame `frame`: a view into `records`, where a frame's pieces lie back to
/// back (plan_frames packs records in order).
std::string_view frame_bytes(const FramePlan& plan, size_t frame, const RecordStore& records);

}  // namespace sheaf
