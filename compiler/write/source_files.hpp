// compiler: the original input files kept in a bundle's SOURCES section (--keep-source).
#pragma once

#include <string>

#include <sheaf/bundle.hpp>

#include "diag/status.hpp"

namespace sheaf {

/// Decompresses one kept source file into `out` and checks its size and XXH64. Streams: `out`
/// grows with the bytes that decode, never to the size the index claims before them.
/// @return success, else StatusCode::corrupt with the reason (names the source path).
Status read_source(const SourceView& source, std::string& out);

/// Reads every kept source of `bundle` back and checks it (read_source).
/// @return success when all are intact, else StatusCode::corrupt with the first problem.
Status check_sources(const Bundle& bundle);

}  // namespace sheaf
