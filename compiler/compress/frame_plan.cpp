// compiler, compress stage: frame packing (SPEC: "Frame packing").
#include "compress/frame_plan.hpp"

#include <algorithm>

#include <sheaf/xxhash.hpp>

namespace sheaf {
namespace {

void add_piece(FramePlan& plan, FramePiece piece) {
  FrameContent& f = plan.frames.back();
  f.pieces.push_back(piece);
  f.raw_size += piece.size;
  plan.max_frame_size = std::max(plan.max_frame_size, f.raw_size);
}

}  // namespace

FramePlan plan_frames(const RecordStore& records, uint32_t block_size) {
  FramePlan plan;
  plan.locations.resize(records.size());
  bool frame_open = false;  // may the next small record join the last frame?
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
    if (size <= block_size) {
      if (!frame_open || plan.frames.back().raw_size + size > block_size) {
        plan.frames.emplace_back();
      }
      loc.first_frame = static_cast<uint32_t>(plan.frames.size() - 1);
      loc.offset = plan.frames.back().raw_size;
      add_piece(plan, {article, 0, size});
      frame_open = true;
      continue;
    }
    loc.first_frame = static_cast<uint32_t>(plan.frames.size());
    for (uint64_t start = 0; start < size; start += block_size) {  // 64-bit: cannot wrap
      plan.frames.emplace_back();
      const auto at = static_cast<uint32_t>(start);
      add_piece(plan, {article, at, std::min(block_size, size - at)});
    }
    plan.max_read_size = std::max(plan.max_read_size, size);
    frame_open = false;  // a long record owns its frames, so a whole read needs only `size` bytes
  }
  // A small record's read buffer is its whole frame, which may have grown after it joined.
  for (const RecordLocation& loc : plan.locations) {
    if (loc.size != 0 && loc.size <= block_size) {
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
