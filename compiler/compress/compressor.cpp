// compiler, compress stage: parallel zstd frame compression.
#include "compress/compressor.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_createCDict_advanced: dictionary search parameters
#include <zstd.h>

namespace sheaf {
namespace {

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

struct CDictDeleter {
  void operator()(ZSTD_CDict* d) const { ZSTD_freeCDict(d); }
};

void check(size_t code, const char* what) {
  if (ZSTD_isError(code)) {
    throw std::runtime_error(std::string("zstd: ") + what + ": " + ZSTD_getErrorName(code));
  }
}

std::unique_ptr<ZSTD_CCtx, CCtxDeleter> make_context(int level, const ZSTD_CDict* dict) {
  std::unique_ptr<ZSTD_CCtx, CCtxDeleter> c(ZSTD_createCCtx());
  if (!c) {
    throw std::runtime_error("zstd: out of memory creating a compression context");
  }
  check(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, level), "level");
  check(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1), "checksum flag");
  check(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_contentSizeFlag, 1), "content size flag");
  // A bundle has one dictionary: its id in every frame header would only cost 4 bytes a frame.
  check(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_dictIDFlag, 0), "dictionary id flag");
  if (dict != nullptr) {
    check(ZSTD_CCtx_refCDict(c.get(), dict), "dictionary");
  }
  return c;
}

// The dictionary's compression parameters: the level's, for frames of `frame_size` bytes,
// with the strategy capped at btopt. With a large dictionary and small frames, btultra and
// btultra2 (levels 18 and up) spend twice the time for 0.2% (measured on the bulk corpus's
// records, 8 KiB frames, 768 KiB dictionary: 3,167,133 bytes in 3.7 s with btopt against
// 3,161,147 bytes in 6.6 s with btultra2, one core).
ZSTD_CDict* create_cdict(const std::string& dictionary, int level, size_t frame_size) {
  ZSTD_compressionParameters cp = ZSTD_getCParams(
      level, frame_size == 0 ? ZSTD_CONTENTSIZE_UNKNOWN : frame_size, dictionary.size());
  cp.strategy = std::min(cp.strategy, ZSTD_btopt);
  return ZSTD_createCDict_advanced(dictionary.data(), dictionary.size(), ZSTD_dlm_byCopy,
                                   ZSTD_dct_auto, cp, ZSTD_defaultCMem);
}

// A frame of at least 1 KiB whose level-1 output is within 1/32 of its raw size is taken as
// incompressible. (Below 1 KiB the frame overhead decides, and level 19 costs little.)
constexpr int kProbeLevel = 1;
constexpr size_t kIncompressibleDivisor = 32;
constexpr size_t kProbeMinimum = 1024;

// One zstd frame of `raw`; `buffer` is scratch space, reused across calls.
std::string compress_one(std::string_view raw, ZSTD_CCtx* ctx, ZSTD_CCtx* probe,
                         std::string& buffer) {
  buffer.resize(ZSTD_compressBound(raw.size()));
  // Incompressible content (media, random padding) ends up stored raw at any level; a fast
  // probe (with the dictionary, which small frames need) finds it, and the slow search is
  // skipped. The choice depends only on the bytes, so output stays the same for any thread
  // count.
  size_t n = ZSTD_compress2(probe, buffer.data(), buffer.size(), raw.data(), raw.size());
  check(n, "probe");
  if (raw.size() < kProbeMinimum || n < raw.size() - raw.size() / kIncompressibleDivisor) {
    n = ZSTD_compress2(ctx, buffer.data(), buffer.size(), raw.data(), raw.size());
    check(n, "compress");
  }
  return std::string(buffer.data(), n);
}

// `dictionary` digested for the real level and for the probe; both null without one.
struct LoadedDictionary {
  std::unique_ptr<ZSTD_CDict, CDictDeleter> cdict;
  std::unique_ptr<ZSTD_CDict, CDictDeleter> probe_cdict;
};

LoadedDictionary load_dictionary(const std::string& dictionary, const CompressOptions& options) {
  LoadedDictionary out;
  if (!dictionary.empty()) {
    out.cdict.reset(create_cdict(dictionary, options.level, options.frame_size));
    out.probe_cdict.reset(ZSTD_createCDict(dictionary.data(), dictionary.size(), kProbeLevel));
    if (!out.cdict || !out.probe_cdict) {
      throw std::runtime_error("zstd: cannot load the trained dictionary");
    }
  }
  return out;
}

// Worker threads for `total` items: options.threads (0: one per hardware thread), at least 1
// and at most one per item.
unsigned thread_count(const CompressOptions& options, size_t total) {
  const unsigned wanted =
      options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  return std::max(1u,
                  std::min<unsigned>(wanted, static_cast<unsigned>(std::max<size_t>(1, total))));
}

}  // namespace

std::vector<std::string> compress_frames(const FramePlan& plan, const RecordStore& records,
                                         const std::string& dictionary,
                                         const CompressOptions& options, ProgressFn progress,
                                         void* progress_context) {
  return compress_each(
      plan.frames.size(), [&](size_t j) { return frame_bytes(plan, j, records); }, dictionary,
      options, progress, progress_context);
}

std::vector<std::string> compress_each(size_t total, const RawFn& raw_of,
                                       const std::string& dictionary,
                                       const CompressOptions& options, ProgressFn progress,
                                       void* progress_context) {
  const LoadedDictionary loaded = load_dictionary(dictionary, options);
  const ZSTD_CDict* cdict = loaded.cdict.get();
  const ZSTD_CDict* probe_cdict = loaded.probe_cdict.get();
  std::vector<std::string> out(total);
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::string error;

  const auto worker = [&] {
    try {
      auto ctx = make_context(options.level, cdict);
      auto probe = make_context(kProbeLevel, probe_cdict);
      std::string compressed;  // reused; each output is copied out at its exact size
      for (size_t j = next++; j < total; j = next++) {
        out[j] = compress_one(raw_of(j), ctx.get(), probe.get(), compressed);
        ++done;
      }
    } catch (const std::exception& e) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      error = e.what();
      failed = true;
      next = total;  // stop the other workers early
    }
  };

  const unsigned threads = thread_count(options, total);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back(worker);
  }
  if (progress == nullptr) {
    worker();
  } else {
    // The calling thread reports progress while the pool works.
    std::thread last(worker);
    while (done.load() < total && !failed.load()) {
      progress(done.load(), total, progress_context);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    last.join();
    progress(done.load(), total, progress_context);
  }
  for (std::thread& t : pool) {
    t.join();
  }
  if (!error.empty()) {
    throw std::runtime_error(error);
  }
  return out;
}

std::vector<std::string> compress_or_copy(const std::vector<std::string_view>& copies,
                                          const RawFn& raw_of, const std::string& dictionary,
                                          const CompressOptions& options, ProgressFn progress,
                                          void* progress_context) {
  std::vector<size_t> todo;  // the items to compress
  for (size_t j = 0; j < copies.size(); ++j) {
    if (copies[j].empty()) {
      todo.push_back(j);
    }
  }
  std::vector<std::string> compressed = compress_each(
      todo.size(), [&](size_t k) { return raw_of(todo[k]); }, dictionary, options, progress,
      progress_context);
  std::vector<std::string> out(copies.size());
  for (size_t k = 0; k < todo.size(); ++k) {
    out[todo[k]] = std::move(compressed[k]);
  }
  for (size_t j = 0; j < copies.size(); ++j) {
    if (!copies[j].empty()) {
      out[j] = std::string(copies[j]);
    }
  }
  return out;
}

}  // namespace sheaf
