// sheaf runtime: list screens from the NAVIGATION and TITLES sections: the headlines of the
// newest articles, or of a category's, with their dates, read in place. No record is decoded
// and nothing is allocated: a kiosk's home screen or category screen costs a few table reads a
// line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/error.hpp>
#include <sheaf/navigation.hpp>
#include <sheaf/titles.hpp>

namespace sheaf {

/// One line of a list screen. `title` is a view into the bundle; date_text(date_key) gives the
/// date to show.
struct Headline {
  uint32_t article = 0;  ///< as in Bundle::article() (id order): Decoder::read() opens it
  uint32_t date_key = 0;
  std::string_view title;
};

/// The headlines of the newest-first order from slot `first`, at most `capacity` of them, into
/// `out`. @return how many were written (0 past the end), or corrupt_index (rules N7, T2).
inline Result<size_t> newest_headlines(const Navigation& nav, const Titles& titles, uint32_t first,
                                       Headline* out, size_t capacity) noexcept {
  size_t n = 0;
  for (uint32_t slot = first; slot < nav.article_count() && n < capacity; ++slot) {
    const Result<uint32_t> a = nav.newest(slot);
    if (!a.ok()) {
      return a.error();
    }
    const Result<std::string_view> title = titles.title_of(a.value());
    if (!title.ok()) {
      return title.error();
    }
    out[n++] = Headline{a.value(), nav.date_key_at(slot), title.value()};
  }
  return n;
}

/// The headlines of the articles filed exactly in category node `node`, newest first, from its
/// `first`-th, at most `capacity` of them, into `out` (Navigation::filed_count(node) in all).
/// @return how many were written, or out_of_range for no such node, or corrupt_index (rules
///   N7, N9, T2).
inline Result<size_t> category_headlines(const Navigation& nav, const Titles& titles, uint32_t node,
                                         uint32_t first, Headline* out, size_t capacity) noexcept {
  if (node >= nav.node_count()) {
    return Errc::out_of_range;
  }
  size_t n = 0;
  for (uint32_t j = first; j < nav.filed_count(node) && n < capacity; ++j) {
    const Result<uint32_t> a = nav.articles_in(node, j);
    if (!a.ok()) {
      return a.error();
    }
    const Result<std::string_view> title = titles.title_of(a.value());
    const Result<uint32_t> slot = nav.slot_of(a.value());
    if (!title.ok() || !slot.ok()) {
      return !title.ok() ? title.error() : slot.error();
    }
    out[n++] = Headline{a.value(), nav.date_key_at(slot.value()), title.value()};
  }
  return n;
}

}  // namespace sheaf
