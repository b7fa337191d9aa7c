// compiler: the original input files kept in a bundle's SOURCES section (--keep-source).
#pragma once

#include <string>

#include <sheaf/bundle.hpp>

namespace sheaf {

/// Decompresses one kept source file into `out` and checks its size and XXH64.
/// @return "" on success, else the reason (names the source path).
std::string read_source(const SourceView& source, std::string& out);

/// Reads every kept source of `bundle` back and checks it (read_source).
/// @return "" when all are intact, else the first problem.
std::string check_sources(const Bundle& bundle);

}  // namespace sheaf
