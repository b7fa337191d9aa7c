// compiler, compress stage: what `sheaf build --base OLD` takes from the old bundle: its
// dictionary, and for each frame the hash and size of its raw content and where its compressed
// bytes lie, so that a frame whose content did not change is copied instead of compressed again.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diag/progress.hpp"
#include "diag/status.hpp"

namespace sheaf {

/// One DATA frame of the base: its raw content's hash and size, and where its zstd frame lies
/// in the base file. The content itself is not kept (on the bulk corpus it is 32 MB).
struct BaseFrame {
  uint64_t content_hash = 0;  ///< XXH64 of the raw content
  uint32_t raw_size = 0;
  uint64_t compressed_offset = 0;  ///< from the start of the base file
  uint32_t compressed_size = 0;
};

/// The old bundle a --base build reuses. Its file is read into memory (not mapped, so that
/// another process truncating or rewriting it cannot fault the build) and kept while the build
/// uses it: the frames copied are taken from it, and a frame whose content hash and size match
/// a new frame's is decoded there again to compare the bytes. Not thread-safe (find() decodes
/// with one decoder).
struct BaseBundle {
  BaseBundle();
  BaseBundle(BaseBundle&&) noexcept;
  BaseBundle& operator=(BaseBundle&&) noexcept;
  BaseBundle(const BaseBundle&) = delete;
  BaseBundle& operator=(const BaseBundle&) = delete;
  ~BaseBundle();

  std::string path;
  std::string dictionary;  ///< unpacked (kind 2 as is, kind 5 decompressed); empty: none
  uint32_t block_size = 0;
  uint64_t dictionary_new_raw = 0;  ///< its index's figure: text its dictionary was not trained on
  std::vector<BaseFrame> frames;

  /// The base frame whose raw content is exactly `content`, or -1: found by hash and size,
  /// then decoded and compared byte for byte, so a hash collision never matches.
  int64_t find(std::string_view content);

  /// As find(), with the content's hash given instead of computed: a test seam for the
  /// collision guard (a wrong `hash` may name a frame whose content differs).
  int64_t find(uint64_t hash, std::string_view content);

  /// Frame `f`'s zstd frame as the base holds it (a view into the file's bytes in memory).
  std::string_view compressed_of(const BaseFrame& f) const;

  /// The zstd frame of the base's kept source (`--keep-source`) whose file is exactly `bytes`,
  /// as the base holds it: found by size and XXH64, then decompressed and compared byte for
  /// byte. Empty when the base keeps no such file.
  std::string_view find_source(std::string_view bytes) const;

  struct Reader;  // the file's bytes and a decoder over them (base_bundle.cpp)
  std::unique_ptr<Reader> reader;
  std::unordered_multimap<uint64_t, uint32_t> by_content;  ///< content hash -> frame
  std::unordered_multimap<uint64_t, uint32_t> by_source;   ///< kept file's XXH64 -> source
};

/// XXH64 of a frame's raw content, as BaseFrame::content_hash holds it.
uint64_t base_content_hash(std::string_view content);

/// Reads the bundle at `path` with the runtime: reads it into memory, unpacks its dictionary and
/// decodes every DATA frame once (each checked against its content checksum), keeping each one's
/// hash and size, not its content. On failure the Status says why, starting "--base: " (missing,
/// not a bundle, damaged; the caller names the file), and `base` is left empty.
Status read_base_bundle(const std::string& path, BaseBundle& base, Progress& progress);

/// How far the text has drifted from the base dictionary, measured on the frames of a build
/// compressed with it: those copied from the base and those compressed anew (new or changed).
struct Drift {
  double changed_factor = 1;  ///< compressed bytes per raw byte, changed frames over copied ones
  double new_share = 0;       ///< of the raw bytes, the share in frames the base does not hold
  /// What keeping the dictionary is estimated to cost, as a share of the compressed bytes: the
  /// changed frames' bytes times (1 - 1 / changed_factor), what they would lose if they
  /// compressed per byte like the copied ones. Negative when they compress better.
  double keep_cost = 0;
  /// Raw bytes of the build's frames the dictionary was not trained on: the changed ones, plus
  /// what the base had not been trained on (at most the bytes copied). Over a chain of --base
  /// builds this adds up the nights' new text, which each night's new_share does not see.
  uint64_t new_since_training = 0;
  double new_since_training_share = 0;  ///< of the raw bytes
  bool retrain = false;                 ///< beyond either limit: a dictionary trained anew pays

  static constexpr double kMaxKeepCost = 0.01;  ///< within the 2% a --base bundle may cost
  static constexpr double kMaxNewShare = 0.25;
};

/// The drift rule (docs/DESIGN.md, "Stable builds"): retrain when more than kMaxNewShare of
/// the raw bytes are text the dictionary was not trained on (Drift::new_since_training), or
/// when keeping the dictionary is estimated to cost more than kMaxKeepCost of the compressed
/// bytes (Drift::keep_cost). Takes the raw and compressed byte totals of both kinds of frame
/// and the base's own figure of untrained text (`base_new_raw`); with no copied frame at all
/// every byte is new.
Drift judge_drift(uint64_t copied_raw, uint64_t copied_compressed, uint64_t changed_raw,
                  uint64_t changed_compressed, uint64_t base_new_raw = 0);

}  // namespace sheaf
