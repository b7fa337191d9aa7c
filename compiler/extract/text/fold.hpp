// compiler, extract stage: private UTF-8 helpers shared by the field and line rules
// (fields/ and rules/). Not a public concept: nothing outside extract/ includes it.
// Pure functions; invalid UTF-8 bytes are treated as single opaque characters, never read past
// the end.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sheaf::text {

/// One line with its forms folded so rules can match ASCII patterns: full-width ASCII
/// (U+FF01..U+FF5E: "２０１９", "：", "（", "＞") becomes ASCII, U+3000 becomes '\t' (cleaned
/// lines never hold a tab, so a tab still marks "an ideographic space was here") and NBSP becomes
/// ' '. `origin` maps every folded byte back to the source so values are returned as written.
struct Folded {
  std::string text;
  std::vector<size_t> origin;  ///< origin[i]: source offset of text[i]; one extra for the end
  std::string_view source;     ///< must outlive this object

  /// The source bytes behind folded range [begin, end).
  std::string original(size_t begin, size_t end) const;
};

Folded fold(std::string_view source);

/// Decodes the code point at `i` (must be < s.size()); `length` gets its size in bytes (1 for
/// an invalid byte, which decodes as U+FFFD).
char32_t decode_at(std::string_view s, size_t i, size_t& length);

/// Byte index of the code point after the one at `i`.
size_t next_cp(std::string_view s, size_t i);

/// Byte index of the code point before `i` (0 when i == 0).
size_t prev_cp(std::string_view s, size_t i);

/// The code point ending just before byte `i`, or 0 at the start.
char32_t cp_before(std::string_view s, size_t i);

/// The code point at `i`, or 0 at or past the end.
char32_t cp_at(std::string_view s, size_t i);

size_t count_cp(std::string_view s);

/// count_cp(s) > n, counting no further than n + 1 code points (a long paragraph against a
/// short-line rule's limit costs as much as a short line).
bool more_cp_than(std::string_view s, size_t n);

bool is_cjk(char32_t c);  ///< CJK ideographs (incl. ext. A, compatibility) and 〇
bool is_ascii_alnum(char32_t c);
bool is_ascii_alpha(char32_t c);
bool is_digit(char c);

/// Space-like: ASCII space, tab (folded U+3000), NBSP, U+3000.
bool is_space(char32_t c);

/// Trims spaces (is_space) at both ends.
std::string_view trim(std::string_view s);

/// Trims spaces and the punctuation in `extra` (code points given as UTF-8) at both ends.
std::string_view trim_chars(std::string_view s, std::string_view extra);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
bool contains(std::string_view s, std::string_view part);
bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts);

/// The longest entry of `words` (any range of string_view) that `s` starts with at `i`, or "".
template <typename Words>
std::string_view longest_word_at(std::string_view s, size_t i, const Words& words) {
  std::string_view best;
  const std::string_view rest = i < s.size() ? s.substr(i) : std::string_view();
  for (const std::string_view w : words) {
    if (w.size() > best.size() && rest.substr(0, w.size()) == w) {
      best = w;
    }
  }
  return best;
}

/// longest_word_at for a braced list of words.
std::string_view word_at(std::string_view s, size_t i,
                         std::initializer_list<std::string_view> words);

/// True when `s` holds sentence punctuation (。！？；，and ASCII ",!?;" folded from full width)
/// outside a trailing position: such a line is prose, not a label line.
bool has_sentence_punct(std::string_view s);

/// Splits `s` on any of `separators` (longest first), trimming each piece, dropping empties.
std::vector<std::string_view> split_any(std::string_view s,
                                        std::initializer_list<std::string_view> separators);

/// Comparable form of a line: folded (full-width forms as ASCII), without spaces or tabs.
/// Used to compare titles, headings and breadcrumb segments that differ only in spacing.
std::string squeeze_folded(std::string_view s);

}  // namespace sheaf::text
