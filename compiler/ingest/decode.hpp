// compiler/ingest: raw file bytes -> UTF-8 text. For now the input must be UTF-8 (with or
// without a BOM); a charset detector (GBK, Big5) will plug in here later.
#pragma once

#include <string>
#include <string_view>

#include "diag/diagnostics.hpp"

namespace sheaf {

/// Turns a file's bytes into valid UTF-8: strips a UTF-8 BOM, then replaces each invalid
/// sequence with U+FFFD (see repair_utf8). Nothing is dropped silently: if anything was
/// replaced, reports one warning "invalid-utf8" naming the byte offset in the file (BOM
/// included) and the line of the first bad sequence, and how many were replaced.
/// @param file  the name used in the diagnostic.
std::string decode_to_utf8(std::string_view bytes, const std::string& file, Diagnostics& diags);

/// Turns CRLF and lone CR into LF, so that lines split on '\n' alone.
std::string normalize_newlines(std::string_view text);

}  // namespace sheaf
