// compiler, patches: the differ behind `sheaf diff`. Bundle-aware: frames of the new bundle
// that the old one holds become copies; the rest (header, index, dictionary, tables, new
// frames) goes through a byte matcher against the old bundle's non-frame bytes.
#pragma once

#include <cstdint>
#include <string>

#include <sheaf/bytes.hpp>

#include "diag/status.hpp"
#include "patch/patch_writer.hpp"

namespace sheaf {

/// The range of a chosen `max_chunk` (`sheaf diff --max-chunk`): at least 1 KiB (the smallest
/// block size; below it blocks barely compress and ADDs split into many ops, to save under 1 KiB
/// of a workspace whose zstd context alone is about 31 KiB), at most 64 MiB (the largest an
/// applier accepts, SPEC "Patches" P4).
inline constexpr uint32_t kMinMaxChunk = 1u << 10;
inline constexpr uint32_t kMaxMaxChunk = 64u << 20;

struct DiffResult {
  std::string patch;         ///< the whole patch file
  PatchStats stats;          ///< stats.max_chunk: the chunk used, the patch header's max_chunk
  uint32_t chunk_limit = 0;  ///< the bound the chunks were cut to (asked for, or the default)
};

/// The patch that turns `old_bundle` into `new_bundle`: both opened with the runtime (8-byte
/// aligned, exactly their file_size bytes each, as Bundle::file() gives). `max_chunk` bounds the
/// largest zstd block and ADD (the applier's buffer, the header's max_chunk): 0 for the default,
/// the new bundle's block size, at least 16 KiB and at most 1 MiB; else at least kMinMaxChunk
/// and at most kMaxMaxChunk (clamped into that range). Deterministic. Memory: about 12 bytes per
/// non-frame byte of the old bundle plus the patch; time: linear in the two bundles.
DiffResult diff_bundles(ByteSpan old_bundle, ByteSpan new_bundle, uint32_t max_chunk = 0);

}  // namespace sheaf
