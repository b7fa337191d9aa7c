// compiler, compress stage: reading back the input files kept in a bundle's SOURCES
// section (--keep-source), for `build --base` (to copy them), the writer's check and `unpack`.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <sheaf/bundle.hpp>

#include "diag/status.hpp"

namespace sheaf {

/// Decompresses one kept source file into `out` and checks its size and XXH64. Streams: `out`
/// grows with the bytes that decode, never to the size the index claims before them.
/// @return success, else StatusCode::corrupt with the reason (names the source path).
Status read_source(const SourceView& source, std::string& out);

/// Decompresses one kept source file as a stream, handing each decoded chunk (at most 128 KiB)
/// to `sink`, and checks its size and XXH64. Memory: one chunk and zstd's window (at most
/// 2^27 bytes), whatever size the bundle claims. On failure `sink` may have had part of it.
/// @return success, else StatusCode::corrupt with the reason (names the source path).
Status stream_source(const SourceView& source,
                     const std::function<void(std::string_view chunk)>& sink);

/// Reads every kept source of `bundle` back and checks it (read_source).
/// @return success when all are intact, else StatusCode::corrupt with the first problem.
Status check_sources(const Bundle& bundle);

}  // namespace sheaf
