// compiler, extract stage (internal): what each HTML element name means to the block walk.
#pragma once

#include <cstdint>
#include <string_view>

#include "extract/parse/page.hpp"

namespace sheaf::parse::html {

/// How the walk treats an element.
enum class TagRole : uint8_t {
  inline_text,  ///< span, b, font, unknown names...: its text joins the current block
  link_anchor,  ///< a: inline, and its text counts as link text
  block,        ///< p, h1-h6, li, dt, dd, pre, figcaption...: text inside is its own block
  container,    ///< div, section, article, td, ul, table...: a block that holds blocks
  line_break,   ///< br: ends the current block
  image,        ///< img: ends the current block; a short block right after it is a caption
  root,         ///< html
  head_title,   ///< title
  meta,
  link,
  script,  ///< scanned for dates, never shown
  drop,    ///< style, noscript, template, iframe, svg, button, select...: no visible text
};

/// The meaning of one element name for the walk.
struct TagInfo {
  TagRole role = TagRole::inline_text;
  BlockKind kind = BlockKind::paragraph;  ///< kind of the blocks it opens (block, container)
  uint8_t level = 0;                      ///< heading level
  bool chrome = false;                    ///< header, footer, nav, aside
  bool form = false;                      ///< form: chrome for Block::chrome only
  bool figure = false;                    ///< figure: blocks inside are captions
  bool centered = false;                  ///< center: its text is centered
};

/// Looks up a lowercase element name (libxml2 lowercases HTML names). Unknown names are
/// inline_text, so custom elements keep their text.
TagInfo classify_tag(std::string_view name);

}  // namespace sheaf::parse::html
