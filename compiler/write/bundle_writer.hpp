// compiler, write stage: puts a laid-out bundle where it goes (a file, or standard output)
// through a FileSystem, and only once it reads back through the runtime as what was meant.
// Never a half-written or unverified bundle.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diag/progress.hpp"
#include "diag/status.hpp"
#include "ingest/filesystem.hpp"
#include "model/record_store.hpp"
#include "write/layout.hpp"

namespace sheaf {

/// What each article's record must read back as: its size and XXH64. Taken before the records
/// are freed, so the written bundle can be checked without them.
struct RecordFingerprints {
  std::vector<uint64_t> hashes;  ///< XXH64 of record i
  std::vector<uint32_t> sizes;   ///< bytes of record i (each below 4 GiB: checked at index)
};

/// The fingerprints of every record of `records`, in order.
RecordFingerprints fingerprint_records(const RecordStore& records);

/// Reads `bytes` (the bundle as written, named `name` in messages) back through the runtime:
/// open, full verify, every frame decoded and checked, kept sources checked, and every article's
/// record compared with `expected`. `progress` counts 2 steps an article: the runtime's check
/// of its record, then the comparison.
/// @return success, else StatusCode::corrupt with "NAME: REASON" (the first problem).
Status read_back(const std::string& name, std::string_view bytes,
                 const RecordFingerprints& expected, Progress& progress);

/// Writes `file` to `output` ("-": standard output) through `fs`, all at once, after
/// read_back() of the written bytes passed. The "verification" step of `progress` ends with
/// the file's size when it passes.
/// @return success, else the FileSystem's failure (its message names the output, and says that
///   an existing file is unchanged).
Status write_bundle(const std::string& output, const FileImage& file,
                    const RecordFingerprints& expected, FileSystem& fs, Progress& progress);

}  // namespace sheaf
