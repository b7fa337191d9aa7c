// compiler, patches: writes the op stream of a patch (schema/SPEC.md "Patches") and its header.
// The differ (differ.hpp) decides what to copy, add or insert; this file only encodes it,
// merging what can be merged and compressing what shrinks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <sheaf/bytes.hpp>

namespace sheaf {

/// What a patch does, for the `diff` summary.
struct PatchStats {
  uint64_t copy_ops = 0, add_ops = 0, insert_ops = 0;
  uint64_t copied_bytes = 0;    ///< new bytes taken from the base as they are
  uint64_t added_bytes = 0;     ///< new bytes made as base + delta
  uint64_t inserted_bytes = 0;  ///< new bytes carried by the patch
  uint32_t max_chunk = 0;       ///< the applier's chunk buffer (header max_chunk)

  uint64_t ops() const { return copy_ops + add_ops + insert_ops; }
};

/// Encodes ops in output order. Consecutive copies of consecutive base ranges become one COPY
/// and consecutive inserts one INSERT; ADD and compressible INSERT data go in zstd blocks (level
/// 19) of at most `max_chunk` raw bytes, or stored when zstd does not shrink them.
/// Deterministic: the same calls give the same bytes.
class PatchWriter {
 public:
  explicit PatchWriter(uint32_t max_chunk);
  ~PatchWriter();
  PatchWriter(const PatchWriter&) = delete;
  PatchWriter& operator=(const PatchWriter&) = delete;

  /// Appends base[from, from + length).
  void copy(uint64_t from, uint64_t length);

  /// Appends base[from + i] + delta[i] (mod 256) for i < length.
  void add(uint64_t from, const uint8_t* delta, size_t length);

  /// Appends `size` bytes carried by the patch; `compress`: try zstd on them (false for bytes
  /// known to be incompressible, such as zstd frames).
  void insert(const uint8_t* data, size_t size, bool compress);

  /// Ends the op stream and returns the whole patch: header and body. `base` and `target` are
  /// the two bundles (exactly their file_size bytes).
  std::string finish(ByteSpan base, ByteSpan target);

  const PatchStats& stats() const { return stats_; }

 private:
  void flush_copy();
  void flush_insert();
  void put_number(uint64_t v);
  void put_source(uint8_t op, uint64_t from, uint64_t length);
  void put_block(const uint8_t* data, size_t size, bool compress);

  struct Compressor;
  std::unique_ptr<Compressor> zstd_;
  uint32_t max_chunk_;
  std::string body_;
  uint64_t source_end_ = 0;
  uint64_t copy_from_ = 0, copy_length_ = 0;  // the pending COPY
  std::string insert_;                        // the pending INSERT's bytes
  bool insert_compress_ = false;
  PatchStats stats_;
};

}  // namespace sheaf
