// compiler, compress stage: train the zstd dictionary shared by every frame of a bundle.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compress/compressor.hpp"
#include "compress/frame_plan.hpp"
#include "diag/progress.hpp"

namespace sheaf {

struct DictionaryOptions {
  size_t max_size = 3072 * 1024;       ///< --dict-size; 0 disables the dictionary
  size_t max_sample_bytes = 48 << 20;  ///< cap on training input, taken evenly from the corpus
  bool pack =
      true;  ///< store it as one zstd frame (choose_dictionary); --no-pack-dictionary: as is
};

struct TrainedDictionary {
  std::string bytes;  ///< empty: no dictionary (too little text, or training failed)
  std::string note;   ///< why there is none; `sheaf build` prints it as a note (unless -q)
};

/// Trains a dictionary on the records (ZDICT, deterministic: same records, same bytes), each cut
/// into samples of at most 8 KiB. When the records come to more than options.max_sample_bytes,
/// every step-th record is sampled (copied); otherwise the samples are read in place. The size is
/// at most options.max_size and at most a tenth of the sampled text, so tiny corpora get none.
TrainedDictionary train_dictionary(const RecordStore& records, const DictionaryOptions& options);

/// Whether storing `dictionary` (as `stored_size` bytes: packed or not) makes the bundle
/// smaller: compresses every frame of `plan` at a fast level with and without it and compares
/// the totals, the stored dictionary included. With large frames and little text, a dictionary
/// often costs more than it saves.
bool dictionary_pays(const FramePlan& plan, const RecordStore& records,
                     const std::string& dictionary, size_t stored_size);

/// The dictionary a bundle's frames use, and how the DICTIONARY section stores it.
struct DictionaryChoice {
  std::string bytes;   ///< what frames are compressed with; empty: no dictionary
  std::string packed;  ///< with --pack-dictionary: `bytes` as one zstd frame; empty: stored as is
  std::string note;    ///< why there is none, for the build summary; empty otherwise

  /// The DICTIONARY section's bytes.
  const std::string& stored() const { return packed.empty() ? bytes : packed; }
};

/// Trains a dictionary (train_dictionary; `progress` shows the step "dictionary training"),
/// packs it when options.pack asks and packing shrinks it (at `compress`'s level), and keeps
/// it only when dictionary_pays() for it as stored; otherwise `note` says why there is none.
/// Readers use a dictionary stored as is in place; a packed one they unpack into their
/// workspace (a smaller file, but more RAM and a slower decoder init).
DictionaryChoice choose_dictionary(const FramePlan& plan, const RecordStore& records,
                                   const DictionaryOptions& options,
                                   const CompressOptions& compress, Progress& progress);

/// A dictionary taken as it is (a --base bundle's, unpacked), packed when options.pack asks and
/// packing shrinks it, as choose_dictionary() does.
DictionaryChoice keep_dictionary(std::string dictionary, const DictionaryOptions& options,
                                 const CompressOptions& compress);

}  // namespace sheaf
