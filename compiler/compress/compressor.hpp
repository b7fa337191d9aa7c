// compiler, compress stage: compress planned frames with zstd, in parallel, deterministically.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compress/frame_plan.hpp"

namespace sheaf {

struct CompressOptions {
  int level = 19;         ///< zstd level, 1..22
  unsigned threads = 0;   ///< 0: one per hardware thread
  size_t frame_size = 0;  ///< typical frame size (--block-size), tunes the dictionary's search
};

/// Called from the calling thread with (frames done, frames total) as work completes.
using ProgressFn = void (*)(size_t done, size_t total, void* context);

/// The raw bytes of item `j` of a compress_each() call; they must stay valid until it returns.
using RawFn = std::function<std::string_view(size_t j)>;

/// Compresses items 0..count-1 (raw bytes from `raw_of`, called from worker threads) into one
/// zstd frame each, with content size and checksum, using `dictionary` when not empty.
/// Deterministic for any thread count. Throws std::runtime_error on a zstd failure.
std::vector<std::string> compress_each(size_t count, const RawFn& raw_of,
                                       const std::string& dictionary,
                                       const CompressOptions& options,
                                       ProgressFn progress = nullptr,
                                       void* progress_context = nullptr);

/// compress_each() for the items whose `copies` entry is empty; every other item is that entry
/// as is (a frame a --base bundle holds: it is not compressed again). Progress counts the
/// compressed items only.
std::vector<std::string> compress_or_copy(const std::vector<std::string_view>& copies,
                                          const RawFn& raw_of, const std::string& dictionary,
                                          const CompressOptions& options,
                                          ProgressFn progress = nullptr,
                                          void* progress_context = nullptr);

/// Compresses every frame of `plan` (raw bytes from `records`) into one zstd frame each, with
/// the content size and a content checksum in the frame header, using `dictionary` when it is
/// not empty. Frame j's bytes depend only on its content, the dictionary and the level, never
/// on the thread count. Throws std::runtime_error on a zstd failure (an environment problem:
/// memory), never for input content.
std::vector<std::string> compress_frames(const FramePlan& plan, const RecordStore& records,
                                         const std::string& dictionary,
                                         const CompressOptions& options,
                                         ProgressFn progress = nullptr,
                                         void* progress_context = nullptr);

}  // namespace sheaf
