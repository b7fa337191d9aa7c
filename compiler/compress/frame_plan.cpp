// compiler, compress stage: frame packing (SPEC: "Frame packing").
#include "compress/frame_plan.hpp"

#include <algorithm>

#include <sheaf/xxhash.hpp>

#include "index/record_writer.hpp"

namespace sheaf {
namespace {

constexpr uint32_t kOwnFrame = 1024;  // a record this long owns its frame
constexpr uint32_t kMaxGroup = 1024;  // the largest group of shorter records

void add_piece(FramePlan& plan, FramePiece piece) {
  FrameContent& f = plan.frames.back();
  f.pieces.push_back(piece);
  f.raw_size += piece.size;
  plan.max_frame_size = std::max(plan.max_frame_size, f.raw_size);
}

// Whether a group may end after `record`: the low bits of the XXH64 of its id are all zero. The
// id, not the position or the bytes, decides, so an edited body keeps its group's cut points.
bool id_says_cut(std::string_view record, uint32_t cut_mask) {
  const std::string_view id = record_id(record);
  return (detail::xxh64(reinterpret_cast<const uint8_t*>(id.data()), id.size()) & cut_mask) == 0;
}

// A record that owns its frames: one, or ceil(size / block_size) for a long one.
void add_owned(FramePlan& plan, uint32_t article, uint32_t size, uint32_t block_size) {
  plan.locations[article].first_frame = static_cast<uint32_t>(plan.frames.size());
  for (uint64_t start = 0; start < size; start += block_size) {  // 64-bit: cannot wrap
    plan.frames.emplace_back();
    const auto at = static_cast<uint32_t>(start);
    add_piece(plan, {article, at, std::min(block_size, size - at)});
  }
  plan.max_read_size = std::max(plan.max_read_size, size);
}

}  // namespace

// Record-sized frames, so that a read decodes about one article (docs/DESIGN.md, "Frame design
// against per-article zstd"): a record of 1 KiB or more owns its frame, smaller ones share
// groups of up to 1 KiB (both at most the block size). A group ends after an id that cuts (1 in
// 8) once it holds 7/16 of its limit, so that ids, not the space left, place most boundaries
// (docs/DESIGN.md, "Stable frame boundaries").
FramePacking FramePacking::for_block_size(uint32_t block_size) {
  FramePacking p;
  p.block_size = block_size;
  p.own_frame = std::max<uint32_t>(1, std::min<uint32_t>(kOwnFrame, block_size - block_size / 4));
  p.max_group = std::min<uint32_t>(kMaxGroup, block_size);
  p.min_group = p.max_group / 16 * 7;
  p.cut_mask = 7;
  return p;
}

FramePlan plan_frames(const RecordStore& records, uint32_t block_size) {
  return plan_frames(records, FramePacking::for_block_size(block_size));
}

FramePlan plan_frames(const RecordStore& records, const FramePacking& packing) {
  FramePlan plan;
  plan.locations.resize(records.size());
  bool group_open = false;  // may the next small record join the last frame?
  for (size_t i = 0; i < records.size(); ++i) {
    const auto size = static_cast<uint32_t>(records[i].size());
    const auto article = static_cast<uint32_t>(i);
    RecordLocation& loc = plan.locations[i];
    loc.size = size;
    loc.checksum = detail::record_checksum(reinterpret_cast<const uint8_t*>(records[i].data()),
                                           records[i].size());
    if (size == 0) {
      continue;
    }
    if (size >= packing.own_frame) {
      add_owned(plan, article, size, packing.block_size);
      group_open = false;  // nothing joins a record's own frames
      continue;
    }
    if (!group_open || plan.frames.back().raw_size + size > packing.max_group) {
      plan.frames.emplace_back();
    }
    loc.first_frame = static_cast<uint32_t>(plan.frames.size() - 1);
    loc.offset = plan.frames.back().raw_size;
    add_piece(plan, {article, 0, size});
    group_open = plan.frames.back().raw_size < packing.min_group ||
                 !id_says_cut(records[i], packing.cut_mask);
  }
  // A small record's read buffer is its whole frame, which may have grown after it joined.
  for (const RecordLocation& loc : plan.locations) {
    if (loc.size != 0 && loc.size < packing.own_frame) {
      plan.max_read_size = std::max(plan.max_read_size, plan.frames[loc.first_frame].raw_size);
    }
  }
  return plan;
}

std::string_view frame_bytes(const FramePlan& plan, size_t frame, const RecordStore& records) {
  const FrameContent& f = plan.frames[frame];
  if (f.pieces.empty()) {
    return {};
  }
  const FramePiece& first = f.pieces.front();
  return records.bytes().substr(records.begin_of(first.article) + first.start, f.raw_size);
}

}  // namespace sheaf
