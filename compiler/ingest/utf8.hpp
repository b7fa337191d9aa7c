// compiler/ingest: UTF-8 validation, repair and encoding. Pure functions on bytes, no I/O.
// Validation follows Unicode Table 3-7 (well-formed byte sequences): no overlongs, no
// surrogates, nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sheaf {

/// Returned by find_invalid_utf8 when the bytes are valid UTF-8.
inline constexpr size_t kUtf8Valid = std::string_view::npos;

/// Finds the first byte that does not start a well-formed UTF-8 sequence.
/// @param bytes  any bytes; NUL is valid.
/// @return the byte offset of the first invalid sequence, or kUtf8Valid if there is none.
size_t find_invalid_utf8(std::string_view bytes);

/// What repair_utf8 did. offsets are into the input it was given.
struct Utf8Repair {
  std::string text;                          ///< valid UTF-8
  size_t invalid_sequences = 0;              ///< how many U+FFFD were inserted
  size_t first_invalid_offset = kUtf8Valid;  ///< byte offset of the first, or kUtf8Valid
};

/// Makes bytes valid UTF-8 without dropping anything silently: each maximal ill-formed
/// subpart (Unicode "best practice" for U+FFFD substitution, as the WHATWG decoder does)
/// becomes one U+FFFD. Valid input comes back unchanged.
/// @return the repaired text and where the first problem was (report it to the user).
Utf8Repair repair_utf8(std::string_view bytes);

/// Removes a leading UTF-8 byte order mark (EF BB BF), if there is one.
/// @return a view into `bytes` (same lifetime).
std::string_view strip_utf8_bom(std::string_view bytes);

/// Appends the UTF-8 encoding of `code_point` to `out`.
/// @param code_point  a Unicode scalar value (not a surrogate, ≤ U+10FFFF); anything else
///                    appends U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace sheaf
