// compiler, compress stage: what `sheaf build --base OLD` takes from the old bundle: its
// dictionary, and each frame's raw content and compressed bytes, so that a frame whose content
// did not change is copied instead of compressed again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diag/progress.hpp"
#include "diag/status.hpp"

namespace sheaf {

/// One DATA frame of the base: where its raw content and its zstd frame lie in BaseBundle.
struct BaseFrame {
  uint64_t raw_offset = 0;  ///< in BaseBundle::raw
  uint32_t raw_size = 0;
  uint64_t compressed_offset = 0;  ///< in BaseBundle::compressed
  uint32_t compressed_size = 0;
};

/// The old bundle's parts a --base build reuses, copied out of the file: the output may replace
/// that file (-o naming the base) while the build still uses them.
struct BaseBundle {
  std::string path;
  std::string dictionary;  ///< unpacked (kind 2 as is, kind 5 decompressed); empty: none
  uint32_t block_size = 0;
  std::string raw;         ///< every frame's content, back to back
  std::string compressed;  ///< every zstd frame, back to back
  std::vector<BaseFrame> frames;
  std::unordered_multimap<uint64_t, uint32_t> by_content;  ///< XXH64 of a content -> frame

  /// The base frame whose raw content is exactly `content`, or -1.
  int64_t find(std::string_view content) const;

  std::string_view raw_of(const BaseFrame& f) const {
    return std::string_view(raw).substr(f.raw_offset, f.raw_size);
  }

  std::string_view compressed_of(const BaseFrame& f) const {
    return std::string_view(compressed).substr(f.compressed_offset, f.compressed_size);
  }
};

/// Reads the bundle at `path` with the runtime: opens it, unpacks its dictionary and decodes
/// every DATA frame (each checked against its content checksum). On failure the Status says
/// why, starting "--base: " (missing, not a bundle, damaged; the caller names the file), and
/// `base` is left empty.
Status read_base_bundle(const std::string& path, BaseBundle& base, Progress& progress);

/// How far the text has drifted from the base dictionary, measured on the frames of a build
/// compressed with it: those copied from the base and those compressed anew (new or changed).
struct Drift {
  double changed_factor = 1;  ///< compressed bytes per raw byte, changed frames over copied ones
  double new_share = 0;       ///< of the raw bytes, the share in frames the base does not hold
  bool retrain = false;       ///< beyond either limit: a dictionary trained anew pays

  static constexpr double kMaxChangedFactor = 1.20;  ///< measured on bulk: docs/DESIGN.md
  static constexpr double kMaxNewShare = 0.25;
  static constexpr double kMinShareForFactor = 0.01;  ///< below it the factor is not judged
};

/// The drift rule (docs/DESIGN.md, "Stable builds"): retrain when more than kMaxNewShare of
/// the raw bytes are in new and changed frames, or when those hold at least
/// kMinShareForFactor of them and compress more than kMaxChangedFactor times worse per byte
/// than the copied ones. Takes the raw and compressed byte totals of both kinds of frame; with
/// no copied frame at all every byte is new.
Drift judge_drift(uint64_t copied_raw, uint64_t copied_compressed, uint64_t changed_raw,
                  uint64_t changed_compressed);

}  // namespace sheaf
