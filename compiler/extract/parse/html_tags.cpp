// compiler, extract stage (internal): the element table of the block walk (see html_tags.hpp).
#include "extract/parse/html_tags.hpp"

#include <algorithm>
#include <array>

namespace sheaf::parse::html {
namespace {

struct Entry {
  std::string_view name;
  TagInfo info;
};

constexpr TagInfo make(TagRole role, BlockKind kind = BlockKind::paragraph, uint8_t level = 0) {
  TagInfo t;
  t.role = role;
  t.kind = kind;
  t.level = level;
  return t;
}

constexpr TagInfo chrome_container() {
  TagInfo t = make(TagRole::container);
  t.chrome = true;
  return t;
}

constexpr TagInfo form_container() {
  TagInfo t = make(TagRole::container);
  t.form = true;
  return t;
}

constexpr TagInfo figure_container() {
  TagInfo t = make(TagRole::container, BlockKind::caption);
  t.figure = true;
  return t;
}

constexpr TagInfo centered_container() {
  TagInfo t = make(TagRole::container);
  t.centered = true;
  return t;
}

constexpr TagInfo kBlock = make(TagRole::block);
constexpr TagInfo kContainer = make(TagRole::container);
constexpr TagInfo kDrop = make(TagRole::drop);
constexpr TagInfo kItem = make(TagRole::block, BlockKind::list_item);

// Sorted by name for binary search. Why "drop" for button/select/textarea/input: their
// text is widget UI ("分享", "收藏", option lists), never article prose.
constexpr std::array<Entry, 64> kTags = {{
    {"a", make(TagRole::link_anchor)},
    {"address", kBlock},
    {"applet", kDrop},
    {"article", kContainer},
    {"aside", chrome_container()},
    {"audio", kDrop},
    {"blockquote", kContainer},
    {"body", kContainer},
    {"br", make(TagRole::line_break)},
    {"button", kDrop},
    {"canvas", kDrop},
    {"caption", make(TagRole::block, BlockKind::caption)},
    {"center", centered_container()},
    {"datalist", kDrop},
    {"dd", kItem},
    {"details", kContainer},
    {"dialog", kDrop},
    {"div", kContainer},
    {"dl", kContainer},
    {"dt", kItem},
    {"embed", kDrop},
    {"fieldset", kContainer},
    {"figcaption", make(TagRole::block, BlockKind::caption)},
    {"figure", figure_container()},
    {"footer", chrome_container()},
    {"form", form_container()},
    {"h1", make(TagRole::block, BlockKind::heading, 1)},
    {"h2", make(TagRole::block, BlockKind::heading, 2)},
    {"h3", make(TagRole::block, BlockKind::heading, 3)},
    {"h4", make(TagRole::block, BlockKind::heading, 4)},
    {"h5", make(TagRole::block, BlockKind::heading, 5)},
    {"h6", make(TagRole::block, BlockKind::heading, 6)},
    {"header", chrome_container()},
    {"hr", make(TagRole::line_break)},
    {"html", make(TagRole::root)},
    {"iframe", kDrop},
    {"img", make(TagRole::image)},
    {"input", kDrop},
    {"li", kItem},
    {"link", make(TagRole::link)},
    {"main", kContainer},
    {"map", kDrop},
    {"math", kDrop},
    {"meta", make(TagRole::meta)},
    {"nav", chrome_container()},
    {"noscript", kDrop},
    {"object", kDrop},
    {"ol", make(TagRole::container, BlockKind::list_item)},
    {"option", kDrop},
    {"p", kBlock},
    {"pre", make(TagRole::block, BlockKind::preformatted)},
    {"script", make(TagRole::script)},
    {"section", kContainer},
    {"select", kDrop},
    {"style", kDrop},
    {"svg", kDrop},
    {"table", kContainer},
    {"td", make(TagRole::container, BlockKind::table_cell)},
    {"template", kDrop},
    {"textarea", kDrop},
    {"th", make(TagRole::container, BlockKind::table_cell)},
    {"title", make(TagRole::head_title)},
    {"tr", kContainer},
    {"ul", make(TagRole::container, BlockKind::list_item)},
}};

constexpr bool sorted() {
  for (size_t i = 1; i < kTags.size(); ++i) {
    if (!(kTags[i - 1].name < kTags[i].name)) {
      return false;
    }
  }
  return true;
}

static_assert(sorted(), "kTags must stay sorted for the binary search");

}  // namespace

TagInfo classify_tag(std::string_view name) {
  const auto it = std::lower_bound(kTags.begin(), kTags.end(), name,
                                   [](const Entry& e, std::string_view n) { return e.name < n; });
  if (it != kTags.end() && it->name == name) {
    return it->info;
  }
  return TagInfo{};
}

}  // namespace sheaf::parse::html
