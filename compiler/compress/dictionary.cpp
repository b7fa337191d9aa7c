// compiler, compress stage: dictionary training with ZDICT.
#include "compress/dictionary.hpp"

#include <algorithm>
#include <string>
#include <utility>

#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover with fixed parameters
#include <zdict.h>
#include <zstd.h>

namespace sheaf {
namespace {

constexpr size_t kMinDictionary = 4096;  // below this a dictionary does not pay for itself
constexpr size_t kMinSamples = 16;       // ZDICT needs several samples to find repeats
constexpr size_t kMaxSample = 8 * 1024;  // longer bodies give several samples

// Fixed parameters, one thread: the same samples give the same bytes on every machine.
// Segments of 1 KiB scored by 8-byte d-mers (about three CJK characters) measured best on the
// shared corpus; see docs/DESIGN.md.
ZDICT_fastCover_params_t training_parameters() {
  ZDICT_fastCover_params_t params{};
  params.k = 1024;
  params.d = 8;
  params.f = 20;
  params.accel = 4;  // 4x faster than 1 on bulk (1.8 s against 7.9 s), frames no larger
  params.nbThreads = 1;
  params.splitPoint = 1.0;
  // The entropy statistics: level 16 (btopt). With a 3 MiB dictionary, level 19's finalize
  // step (a CDict and a context copying it) took 33 MB more at the build's peak, putting the
  // bulk folder's build over 3x its input; its frames were 0.5% smaller. Level 3 costs 2.5%.
  params.zParams.compressionLevel = 16;
  return params;
}

// Records 0, step, 2 * step... back to back, in a string of exactly their size.
std::string every_step_th(const RecordStore& records, uint64_t step) {
  uint64_t sample_bytes = 0;
  for (size_t i = 0; i < records.size(); i += step) {
    sample_bytes += records.size_of(i);
  }
  std::string copied;
  copied.reserve(sample_bytes);
  for (size_t i = 0; i < records.size(); i += step) {
    copied += records[i];
  }
  return copied;
}

// --pack-dictionary: `choice.packed` is its dictionary as one zstd frame, when that is smaller.
void pack_if_asked(DictionaryChoice& choice, const DictionaryOptions& options,
                   const CompressOptions& compress) {
  if (options.pack && !choice.bytes.empty()) {
    choice.packed = compress_each(
        1, [&](size_t) -> std::string_view { return choice.bytes; }, "", compress)[0];
    if (choice.packed.size() >= choice.bytes.size()) {
      choice.packed.clear();  // packing does not shrink it
    }
  }
}

}  // namespace

TrainedDictionary train_dictionary(const RecordStore& records, const DictionaryOptions& options) {
  TrainedDictionary out;
  if (options.max_size == 0) {
    out.note = "dictionary disabled";
    return out;
  }
  size_t non_empty = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    non_empty += records.size_of(i) == 0 ? 0 : 1;
  }
  const uint64_t total = records.bytes().size();
  // Take every step-th record so the sample spans the whole corpus, deterministically. With
  // step 1 the samples are the records themselves, back to back: no copy.
  const uint64_t step =
      std::max<uint64_t>(1, total / std::max<size_t>(1, options.max_sample_bytes) + 1);
  const std::string copied = step > 1 ? every_step_th(records, step) : std::string();
  const std::string_view samples = step > 1 ? std::string_view(copied) : records.bytes();
  std::vector<size_t> sizes;
  for (size_t i = 0; i < records.size(); i += step) {
    const uint64_t size = records.size_of(i);
    for (uint64_t at = 0; at < size; at += kMaxSample) {
      sizes.push_back(static_cast<size_t>(std::min<uint64_t>(size - at, kMaxSample)));
    }
  }
  const size_t capacity = std::min<size_t>(options.max_size, samples.size() / 10);
  if (sizes.size() < kMinSamples || capacity < kMinDictionary) {
    out.note = "too little text to train a dictionary (" + std::to_string(non_empty) +
               " records, " + std::to_string(total) + " bytes)";
    return out;
  }
  out.bytes.resize(capacity);
  const ZDICT_fastCover_params_t params = training_parameters();
  const size_t n =
      ZDICT_trainFromBuffer_fastCover(out.bytes.data(), capacity, samples.data(), sizes.data(),
                                      static_cast<unsigned>(sizes.size()), params);
  if (ZDICT_isError(n)) {
    out.note = std::string("dictionary training failed: ") + ZDICT_getErrorName(n);
    out.bytes.clear();
    return out;
  }
  out.bytes.resize(n);
  return out;
}

bool dictionary_pays(const FramePlan& plan, const RecordStore& records,
                     const std::string& dictionary, size_t stored_size) {
  if (dictionary.empty()) {
    return false;
  }
  constexpr int kProbeLevel = 3;  // fast; the ranking at level 19 follows it closely
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ZSTD_CDict* cdict = ZSTD_createCDict(dictionary.data(), dictionary.size(), kProbeLevel);
  size_t with = stored_size;
  size_t without = 0;
  std::string out;
  for (size_t j = 0; j < plan.frames.size() && ctx != nullptr && cdict != nullptr; ++j) {
    const std::string_view raw = frame_bytes(plan, j, records);
    out.resize(ZSTD_compressBound(raw.size()));
    const size_t a =
        ZSTD_compress_usingCDict(ctx, out.data(), out.size(), raw.data(), raw.size(), cdict);
    const size_t b =
        ZSTD_compressCCtx(ctx, out.data(), out.size(), raw.data(), raw.size(), kProbeLevel);
    if (ZSTD_isError(a) || ZSTD_isError(b)) {
      with = without + 1;  // cannot tell: do without
      break;
    }
    with += a;
    without += b;
  }
  ZSTD_freeCDict(cdict);
  ZSTD_freeCCtx(ctx);
  return with < without;
}

DictionaryChoice choose_dictionary(const FramePlan& plan, const RecordStore& records,
                                   const DictionaryOptions& options,
                                   const CompressOptions& compress, Progress& progress) {
  // zstd says nothing while it trains: report the start and the duration.
  progress.begin("dictionary training", 0, "");
  TrainedDictionary trained = train_dictionary(records, options);
  progress.end(std::to_string(trained.bytes.size()) + " bytes");
  DictionaryChoice choice{std::move(trained.bytes), "", std::move(trained.note)};
  if (choice.bytes.empty()) {
    return choice;
  }
  pack_if_asked(choice, options, compress);
  if (!dictionary_pays(plan, records, choice.bytes, choice.stored().size())) {
    choice.note = "a " + std::to_string(choice.bytes.size()) +
                  "-byte dictionary would cost more than it saves; stored none";
    choice.bytes.clear();
    choice.packed.clear();
  }
  return choice;
}

DictionaryChoice keep_dictionary(std::string dictionary, const DictionaryOptions& options,
                                 const CompressOptions& compress) {
  DictionaryChoice choice{std::move(dictionary), "", ""};
  pack_if_asked(choice, options, compress);
  return choice;
}

}  // namespace sheaf
