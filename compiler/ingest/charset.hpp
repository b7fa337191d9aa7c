// compiler/ingest: the charset toolbox the decoder chooses with: labels, byte order marks,
// conversion to UTF-8 (glibc iconv) and a small hanzi frequency score.
// Pure functions on bytes: no I/O and no diagnostics (decode.hpp decides and reports).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sheaf {

/// The encodings sheaf decodes. GB2312 and GBK are decoded as their superset GB18030; Big5 as
/// Big5 (with the ETEN extensions, as CP950) plus the HKSCS extensions, as the WHATWG Encoding
/// Standard does for the label "big5".
enum class Charset {
  unknown,  ///< no charset, or a label sheaf does not decode
  utf8,
  utf16le,
  utf16be,
  utf32le,
  utf32be,
  gb18030,
  big5,
  windows1252,  ///< also the labels iso-8859-1, latin1 and us-ascii (as WHATWG does)
};

/// The name shown to users: "UTF-8", "UTF-16LE", "GB18030", "Big5", "windows-1252", ...;
/// "unknown" for Charset::unknown. The view points to a string literal.
std::string_view charset_name(Charset charset);

/// Lowercases ASCII letters and trims ASCII whitespace: labels are compared this way.
std::string normalize_label(std::string_view label);

/// Maps a declared charset label to the Charset that decodes it, ignoring ASCII case and
/// surrounding whitespace: "gb2312", "GBK", "x-gbk", "cp936" -> gb18030; "big5", "x-x-big5",
/// "big5-hkscs" -> big5; "utf8" -> utf8; "utf-16" -> utf16le; "iso-8859-1" -> windows1252.
/// @return Charset::unknown for an empty or unknown label.
Charset charset_from_label(std::string_view label);

/// A byte order mark found at the start of a file.
struct Bom {
  Charset charset = Charset::unknown;  ///< unknown when there is no BOM
  size_t size_bytes = 0;               ///< 0, 2 (UTF-16), 3 (UTF-8) or 4 (UTF-32)
};

/// Recognises the UTF-8 (EF BB BF), UTF-16LE (FF FE), UTF-16BE (FE FF), UTF-32LE (FF FE 00 00)
/// and UTF-32BE (00 00 FE FF) byte order marks. FF FE 00 00 is taken as UTF-32LE, not as
/// UTF-16LE followed by U+0000.
Bom detect_bom(std::string_view bytes);

/// Returned in Conversion when there was no undecodable byte.
inline constexpr size_t kNoBadOffset = std::string_view::npos;

/// Bytes converted to UTF-8, and what could not be.
struct Conversion {
  std::string utf8;                             ///< always valid UTF-8
  size_t bad_sequences = 0;                     ///< U+FFFD inserted for undecodable input
  size_t bad_bytes = 0;                         ///< input bytes those U+FFFD replace
  size_t first_bad_offset = kNoBadOffset;       ///< into the input
  size_t first_bad_utf8_offset = kNoBadOffset;  ///< into utf8: where the first U+FFFD is
};

/// Converts `bytes` (without a BOM) from `from` to UTF-8. Never fails on bad input: each
/// undecodable sequence becomes one U+FFFD and the conversion goes on. A sequence is, for
/// UTF-8, a maximal ill-formed subpart (repair_utf8); for UTF-16/UTF-32 one code unit; for
/// GB18030 and Big5 a lead byte and its trail byte, or the four bytes of an unmapped GB18030
/// four-byte sequence, but a lead byte before an ASCII byte is one bad byte and the ASCII byte
/// stays text (as the WHATWG decoders do). A character cut off by the end is one sequence.
/// UTF-8 is checked by hand, every other charset converted with glibc iconv.
/// @param from  any Charset but unknown.
/// @throws std::runtime_error when iconv cannot convert from `from` at all (gconv modules
///         missing: an environment problem, not bad input); std::invalid_argument for unknown.
Conversion convert_to_utf8(std::string_view bytes, Charset from);

/// Counts the characters of `utf8` among a built-in list of about 2,000 of the most frequent
/// hanzi, simplified and traditional. Text decoded with the right charset scores high (the list
/// covers most of running Chinese text); the same bytes decoded with the wrong CJK charset give
/// rare characters and score near zero. Only U+4E00..U+9FFF count.
/// @param utf8  valid UTF-8.
size_t count_common_hanzi(std::string_view utf8);

}  // namespace sheaf
