// compiler, index stage: build the INDEX FlatBuffer (schema/sheaf.fbs, SPEC: "Index section").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compress/frame_plan.hpp"
#include "model/article.hpp"
#include "model/record_store.hpp"

namespace sheaf {

/// Bundle-wide metadata (SPEC: "Index section", table Bundle).
struct BundleMeta {
  std::string title;
  std::string language;
  std::string creator;
  std::string generator;
  uint64_t created = 0;  ///< SOURCE_DATE_EPOCH, or 0
  uint32_t block_size = 0;
  uint64_t dictionary_new_raw = 0;  ///< Drift::new_since_training when a base's is kept, or 0
};

/// Where a compressed frame landed in the DATA section.
struct FrameRecord {
  uint64_t offset = 0;
  uint32_t compressed_size = 0;
  uint32_t raw_size = 0;
};

/// Where a kept input file's frame landed in the SOURCES section.
struct SourceRecord {
  std::string path;
  uint64_t offset = 0;
  uint64_t compressed_size = 0;
  uint64_t size = 0;
  uint64_t checksum = 0;  ///< XXH64 of the original bytes
};

/// What the index needs of the articles besides their records' locations: gathered once the
/// frames are planned, so that the articles themselves can be freed before compression.
struct IndexKeys {
  std::vector<uint32_t> title_hashes;  ///< per article, in id order (SPEC: title_keys)
  std::vector<uint32_t> id_hashes;     ///< per article, in id order (SPEC: id_keys)
  std::vector<SiteInfo> sites;         ///< distinct sites, as the records number them
};

/// Gathers the IndexKeys of the articles of `records` (in id order, parallel to
/// plan.locations) and of the distinct `sites` their site fields number (1 + index).
IndexKeys index_keys(const RecordStore& records, const std::vector<const SiteInfo*>& sites,
                     const FramePlan& plan);

/// Serializes the index: `keys` and plan.locations describe the articles, `frames` is parallel
/// to plan.frames and lies back to back from offset 0. Deterministic: same arguments, same
/// bytes. Throws std::length_error when the frames end past 4 GiB - 1 (SPEC: "Limits").
std::string build_index(const BundleMeta& meta, const IndexKeys& keys, const FramePlan& plan,
                        const std::vector<FrameRecord>& frames,
                        const std::vector<SourceRecord>& sources = {});

}  // namespace sheaf
