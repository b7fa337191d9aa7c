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

struct DiffResult {
  std::string patch;  ///< the whole patch file
  PatchStats stats;
};

/// The patch that turns `old_bundle` into `new_bundle`: both opened with the runtime (8-byte
/// aligned, exactly their file_size bytes each, as Bundle::file() gives). `max_chunk` is the
/// largest zstd block and ADD (the applier's buffer), 0: the new bundle's block size, at least
/// 16 KiB and at most 1 MiB. Deterministic. Memory: about 12 bytes per non-frame byte of the old
/// bundle plus the patch; time: linear in the two bundles.
DiffResult diff_bundles(ByteSpan old_bundle, ByteSpan new_bundle, uint32_t max_chunk = 0);

}  // namespace sheaf
