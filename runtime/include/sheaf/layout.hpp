// sheaf runtime: breaking text into lines for a small display, and lines into screens. No heap:
// a line is two byte offsets into the caller's text, and a screen fills a caller array.
//
//   uint32_t advance(uint32_t cp, void* font) { return glyph_width(font, cp); }
//   sheaf::Line lines[12];
//   size_t at = 0;
//   while (at < body.size()) {              // one screen per turn: 12 lines of 240 pixels
//     const sheaf::Screen s = sheaf::layout_screen(body, at, 240, advance, &font, lines, 12);
//     draw(body, lines, s.lines);
//     at = s.next;
//   }
//
// The rules (README "Text layout"; tests/runtime/test_layout.cpp checks them against an
// independent implementation):
// - '\n' ends a paragraph: the line ends there and the next starts after it.
// - A line may end before any CJK character (ideographs, kana, Hangul, CJK and full-width
//   punctuation and forms) and after one, and after a run of spaces (U+0020, tab). Elsewhere,
//   inside a Latin word or a number, it may not.
// - Kinsoku: no line starts with a closing or pausing mark (，。、；：？！）」』】 and the like,
//   ASCII ,.;:?!)]} and closing quotes), and no line ends with an opening mark (（「『【 and the
//   like, ASCII ([{ and opening quotes).
// - Each line takes as much as fits in `width` pixels (greedy), ending at its last allowed
//   break. Spaces at the end of a line hang: they are not part of the line, its width or the
//   next line. When nothing before the overflow may end a line (a word longer than the line),
//   the line is cut before the character that overflows; a line always holds at least one
//   character, so even a glyph wider than the display makes progress.
// - Bytes that are not UTF-8 count as U+FFFD, one byte each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/utf8.hpp>

namespace sheaf {

/// The advance width in pixels of code point `cp` in the display's font; `context` is the
/// caller's (a font handle). A plain function pointer, so C code can supply one.
using GlyphAdvance = uint32_t (*)(uint32_t cp, void* context);

/// One line of a text: bytes [begin, end), without hanging spaces or the '\n' that ended it.
struct Line {
  size_t begin = 0;
  size_t end = 0;
  uint32_t width = 0;  ///< pixels: the sum of the line's advances
  size_t next = 0;     ///< where the following line starts; the text's size at the end
};

/// The lines of one screen: `lines` entries of the caller's array, and where the next screen
/// starts (the text's size when this screen ends the text).
struct Screen {
  size_t lines = 0;
  size_t next = 0;
};

namespace detail {

inline bool is_space(uint32_t cp) noexcept {
  return cp == ' ' || cp == '\t';
}

/// Characters around which a line may break in CJK text: each is a word of its own.
inline bool is_cjk(uint32_t cp) noexcept {
  return (cp >= 0x1100 && cp <= 0x11FF) ||  // Hangul Jamo
         (cp >= 0x2E80 && cp <= 0x303F) ||  // CJK radicals, Kangxi, ideographic description,
                                            // CJK symbols and punctuation (with U+3000)
         (cp >= 0x3040 && cp <= 0x9FFF) ||  // kana, bopomofo, Hangul compatibility, CJK
                                            // strokes and enclosed forms, Ext. A, URO
         (cp >= 0xAC00 && cp <= 0xD7AF) ||  // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFE30 && cp <= 0xFE4F) ||  // CJK compatibility forms
         (cp >= 0xFF00 && cp <= 0xFFEF) ||  // half-width and full-width forms
         (cp >= 0x20000 && cp <= 0x3FFFF);  // ideographs of planes 2 and 3
}

/// True when `cp` is in the sorted list [list, list + n).
inline bool in_sorted(uint32_t cp, const uint32_t* list, size_t n) noexcept {
  size_t lo = 0;
  while (n > 0) {
    const size_t half = n / 2;
    if (list[lo + half] < cp) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  return n == 0 && list[lo] == cp;
}

/// Marks no line starts with: closing brackets and quotes, pauses and stops, iteration and
/// prolonged-sound marks, small kana. Sorted.
inline bool no_line_start(uint32_t cp) noexcept {
  static constexpr uint32_t kList[] = {
      0x0021, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D, 0x00BB, 0x2019,
      0x201D, 0x2022, 0x2025, 0x2026, 0x203A, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D,
      0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0x303B, 0x3041, 0x3043,
      0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x309D,
      0x309E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
      0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55,
      0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B,
      0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64, 0xFF65};
  return in_sorted(cp, kList, sizeof kList / sizeof kList[0]);
}

/// Marks no line ends with: opening brackets and quotes. Sorted.
inline bool no_line_end(uint32_t cp) noexcept {
  static constexpr uint32_t kList[] = {0x0028, 0x005B, 0x007B, 0x00AB, 0x2018, 0x201C, 0x2039,
                                       0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016,
                                       0x3018, 0x301A, 0x301D, 0xFE59, 0xFE5B, 0xFE5D, 0xFF08,
                                       0xFF3B, 0xFF5B, 0xFF5F, 0xFF62};
  return in_sorted(cp, kList, sizeof kList / sizeof kList[0]);
}

/// May a line end between `before` and `after` (neither '\n')?
inline bool may_break(uint32_t before, uint32_t after) noexcept {
  if (is_space(after) || no_line_start(after) || no_line_end(before)) {
    return false;
  }
  return is_space(before) || is_cjk(before) || is_cjk(after);
}

}  // namespace detail

/// The line of `text` that starts at byte `from` (a line's start: 0, or a previous line's
/// `next`), for a display `width` pixels wide. At the end of the text, an empty line whose
/// `next` is the text's size.
inline Line next_line(std::string_view text, size_t from, uint32_t width, GlyphAdvance advance,
                      void* context) noexcept {
  Line line{from, from, 0, text.size()};
  if (from >= text.size()) {
    line.begin = line.end = text.size();
    return line;
  }
  uint64_t used = 0;        // width of [from, at), hanging spaces included
  uint64_t solid = 0;       // width of [from, line end without trailing spaces)
  size_t solid_end = from;  // end of the last character that is not a space
  bool can_break = false;   // whether a break was allowed yet; the last one allowed
  size_t break_at = 0;      // starts the next line at break_at, ends this one at break_end
  size_t break_end = 0;     // and gives it break_width
  uint64_t break_width = 0;
  uint32_t before = 0;
  for (size_t at = from; at < text.size();) {
    const detail::Decoded c = detail::decode_utf8(text, at);
    if (c.cp == '\n') {
      return Line{from, solid_end, static_cast<uint32_t>(solid), at + 1};
    }
    if (at > from && detail::may_break(before, c.cp)) {
      can_break = true;
      break_at = at;
      break_end = solid_end;
      break_width = solid;
    }
    const uint64_t w = advance(c.cp, context);
    if (!detail::is_space(c.cp) && at > from && used + w > width) {
      if (can_break) {
        return Line{from, break_end, static_cast<uint32_t>(break_width), break_at};
      }
      // Nothing may end the line before here: cut before the character that overflows.
      return Line{from, solid_end, static_cast<uint32_t>(solid), at};
    }
    used += w;
    if (!detail::is_space(c.cp)) {
      solid = used;
      solid_end = at + c.size;
    }
    before = c.cp;
    at += c.size;
  }
  return Line{from, solid_end, static_cast<uint32_t>(solid), text.size()};
}

/// Up to `max_lines` lines of `text` from byte `from`, into `lines`: one screen of a display
/// `width` pixels wide. Screen::next is where the next screen starts.
inline Screen layout_screen(std::string_view text, size_t from, uint32_t width,
                            GlyphAdvance advance, void* context, Line* lines,
                            size_t max_lines) noexcept {
  Screen screen{0, from};
  while (screen.lines < max_lines && screen.next < text.size()) {
    const Line line = next_line(text, screen.next, width, advance, context);
    lines[screen.lines++] = line;
    screen.next = line.next;
  }
  return screen;
}

}  // namespace sheaf
