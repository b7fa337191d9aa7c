// compiler/ingest: raw file bytes -> UTF-8 text. Detects the charset (BOM, strict UTF-8, the
// declared charset when the bytes bear it out, else GB18030 or Big5 by a hanzi frequency score)
// and reports what could not be decoded. Pure: the caller reads the file and passes its bytes.
//
// Decisions, in the order decode_bytes applies them:
// 1. A BOM wins over everything (UTF-8, UTF-16LE/BE, and UTF-32LE/BE, which iconv decodes just
//    as well, so they are supported rather than refused).
// 2. No BOM and NUL-heavy (kBinaryNulPerMille of the first kBinarySampleBytes): not text. This
//    also catches UTF-16/UTF-32 without a BOM, which is never guessed: error "binary-file".
// 3. Valid UTF-8 (strictly, Unicode Table 3-7), or valid but for a sequence cut off by the
//    end of the file, is UTF-8, whatever the file declares: four html-zh pages declare
//    gb2312 and are UTF-8.
// 4. Otherwise the bytes are decoded as GB18030, Big5 and UTF-8, and as the declared charset
//    (the caller's hint, else <meta> or the XML declaration: sniff_declared_charset) when it
//    is GB18030, Big5 or windows-1252. The best score wins: common hanzi minus twice the
//    undecodable sequences, plus, for UTF-8, its valid multi-byte characters (random bytes
//    seldom form them). Ties go to the declared charset, then UTF-8, GB18030, Big5. So a
//    declaration is believed unless the bytes disprove it: a clean GB decode of Big5 bytes
//    (or the reverse; either decodes most of the other cleanly) gives rare characters and
//    loses, and windows-1252, which decodes almost anything, loses to real hanzi. A declared
//    UTF-8/UTF-16/UTF-32 without a BOM adds nothing here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diag/diagnostics.hpp"
#include "ingest/charset.hpp"

namespace sheaf {

/// How far into a file sniff_declared_charset looks, as browsers do (WHATWG prescan: 1024;
/// 4 KiB here because scraped pages often put scripts before their <meta>).
inline constexpr size_t kSniffLimitBytes = 4096;

/// Finds the charset a markup file declares within its first kSniffLimitBytes, byte-wise (any
/// ASCII-compatible encoding): an XML declaration (`<?xml ... encoding="gb2312"?>`) at the
/// start, else the first `<meta charset=...>` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=...">` outside comments. Quoted and unquoted values, any
/// attribute order and any case are accepted. Bytes need not be valid UTF-8.
/// @return the label, lowercased and trimmed (not validated: see charset_from_label), or ""
///         when nothing is declared.
std::string sniff_declared_charset(std::string_view head);

/// Bytes looked at to decide whether a file without a BOM is binary.
inline constexpr size_t kBinarySampleBytes = 64 * 1024;

/// A file is binary when at least this many per mille of the sample are NUL bytes (and at least
/// two are): UTF-16 text without a BOM has one NUL per ASCII character, text files have none.
inline constexpr size_t kBinaryNulPerMille = 5;

/// A file's bytes decoded to UTF-8, with how they were decoded and what could not be.
struct DecodedText {
  std::string utf8;  ///< valid UTF-8 without the BOM, line ends as in the file; "" if binary
  Charset charset = Charset::unknown;  ///< what it was decoded from (unknown when binary)
  std::string declared;      ///< the charset label the hint or the markup gave, "" if none
  bool binary = false;       ///< NUL-heavy without a BOM: not decoded
  size_t nul_bytes = 0;      ///< NUL bytes in the sample (why it is binary)
  size_t bad_sequences = 0;  ///< U+FFFD inserted for undecodable input
  size_t bad_bytes = 0;      ///< input bytes they replace
  size_t first_bad_offset = kNoBadOffset;  ///< in the file, BOM included (binary: first NUL)
  uint64_t first_bad_line = 0;  ///< 1-based line of the first U+FFFD (LF, CR, CRLF), or 0

  /// The name of `charset` ("UTF-8", "GB18030", "Big5", ...), for messages and metadata.
  std::string_view encoding() const { return charset_name(charset); }
};

/// Detects the charset of `bytes` (see the decisions above) and decodes them. Never fails on
/// bad input: undecodable sequences become U+FFFD and are counted. Deterministic.
/// @param declared_hint  a charset label from outside the bytes (an HTTP header, a record
///                       field), or "" to use what the markup declares in its first 4 KiB.
/// @throws std::runtime_error only if iconv lacks GB18030/Big5/UTF-16 (environment).
DecodedText decode_bytes(std::string_view bytes, std::string_view declared_hint = {});

/// Reports what decode_bytes could not do, at most one diagnostic per file:
/// - error "binary-file" (binary, or UTF-16/UTF-32 without a BOM), naming the first NUL;
/// - warning "invalid-utf8" for UTF-8 input, as before this detector existed;
/// - warning "undecodable-bytes" for any other charset.
/// The warnings give the byte offset in the file (BOM included) and the line of the first bad
/// sequence, how many sequences (and, for "undecodable-bytes", bytes) became U+FFFD.
void report_decode_problems(const DecodedText& decoded, const std::string& file,
                            Diagnostics& diags);

/// decode_bytes then report_decode_problems: the text as valid UTF-8 ("" for a binary file,
/// which is reported as an error). Nothing is dropped silently.
/// @param file  the name used in diagnostics.
/// @param declared_hint  as for decode_bytes.
std::string decode_to_utf8(std::string_view bytes, const std::string& file, Diagnostics& diags,
                           std::string_view declared_hint = {});

/// The same, taking the bytes: valid UTF-8 without a BOM (the common case) is returned as is,
/// without a copy, so a large input is held once.
std::string decode_owned_to_utf8(std::string&& bytes, const std::string& file, Diagnostics& diags,
                                 std::string_view declared_hint = {});

/// Turns CRLF and lone CR into LF, so that lines split on '\n' alone.
std::string normalize_newlines(std::string_view text);

/// The same, in place: no copy, and no pass past the first CR when there is none.
void normalize_newlines_in_place(std::string& text);

}  // namespace sheaf
