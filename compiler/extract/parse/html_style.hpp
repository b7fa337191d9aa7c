// compiler, extract stage (internal): shape tests of the HTML walk on attribute values and
// block text: inline styles that hide or center, and the caption heuristic. Pure.
#pragma once

#include <string_view>

namespace sheaf::parse::html {

/// True when an inline style centers text ("text-align: center").
bool style_centers(std::string_view style);

/// True when an inline style hides the element ("DISPLAY: none"; case and spaces ignored).
bool style_hides(std::string_view style);

/// True when `text`, a block right under an image, reads as that image's caption: a photo
/// credit, a parenthesized note, a very short labelling sentence, or (when `centered`) a short
/// line with no sentence punctuation that is not a date or a work title.
bool looks_like_caption(std::string_view text, bool centered);

}  // namespace sheaf::parse::html
