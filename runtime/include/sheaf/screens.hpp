// sheaf runtime: list screens from the NAVIGATION and HEADLINES sections: the headlines of the
// newest articles, or of a category's, with their dates. No record is decoded and nothing is
// allocated: a screen of 10 to 20 lines decodes one or two small headline frames (12 to 24
// titles each) into a caller's buffer and copies its titles there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <sheaf/bytes.hpp>
#include <sheaf/config.hpp>  // ZSTD_STATIC_LINKING_ONLY, before decoder.hpp
#include <sheaf/decoder.hpp>
#include <sheaf/error.hpp>
#include <sheaf/headlines.hpp>
#include <sheaf/navigation.hpp>

namespace sheaf {

/// One line of a list screen. `title` is a view into the caller's text buffer; date_text(date_key)
/// gives the date to show.
struct Headline {
  uint32_t article = 0;  ///< as in Bundle::article() (id order): Decoder::read() opens it
  uint32_t date_key = 0;
  std::string_view title;
};

/// Text buffer bytes that hold a newest-first screen of `lines` headlines: the frame being
/// decoded (max_raw bytes, at the buffer's end) plus the titles copied out, which come from at
/// most (lines - 1) / min_group + 2 frames. A category screen's lines may lie in as many frames as
/// lines: with this buffer it may show fewer lines a call (the caller pages on).
inline size_t screen_buffer_size(const Headlines& headlines, size_t lines) noexcept {
  const size_t g = headlines.min_group() == 0 ? 1 : headlines.min_group();
  const size_t frames = lines == 0 ? 0 : (lines - 1) / g + 2;
  return size_t{headlines.max_raw()} * (frames + 1);
}

namespace detail {

/// Copies screen lines' titles into the front of a text buffer whose last max_raw bytes hold
/// the headline frame being read (decoded once for the lines it holds).
class ScreenText {
 public:
  ScreenText(const Headlines& headlines, Decoder& decoder, MutableByteSpan text) noexcept
      : headlines_(headlines), decoder_(decoder), text_(text) {}

  bool fits() const noexcept { return text_.size() >= headlines_.max_raw(); }

  /// The title at `slot`, copied: a view into the buffer's front, or output_too_small when it
  /// does not fit in what is left of it.
  Result<std::string_view> copy(uint32_t slot) noexcept {
    const size_t front = text_.size() - headlines_.max_raw();
    const Result<std::string_view> title = headlines_.title_at_slot(
        decoder_, slot, MutableByteSpan(text_.data() + front, headlines_.max_raw()), cache_);
    if (!title.ok()) {
      return title.error();
    }
    const size_t size = title.value().size();
    if (size > front - used_) {
      return Errc::output_too_small;
    }
    char* to = reinterpret_cast<char*>(text_.data() + used_);
    if (size > 0) {
      std::memcpy(to, title.value().data(), size);
    }
    used_ += size;
    return std::string_view(to, size);
  }

 private:
  const Headlines& headlines_;
  Decoder& decoder_;
  MutableByteSpan text_;
  Headlines::Cache cache_;
  size_t used_ = 0;
};

}  // namespace detail

/// The headlines of the newest-first order from slot `first`, at most `capacity` of them, into
/// `out`, their titles copied into `text` (screen_buffer_size(headlines, capacity) bytes hold
/// them all; a smaller buffer, at least max_raw bytes, gives fewer lines).
/// @return how many were written (0 past the end), output_too_small when `text` holds no line,
///   or corrupt_index / corrupt_body (rules N7, L2 to L4).
inline Result<size_t> newest_headlines(const Navigation& nav, const Headlines& headlines,
                                       Decoder& decoder, uint32_t first, Headline* out,
                                       size_t capacity, MutableByteSpan text) noexcept {
  detail::ScreenText copier(headlines, decoder, text);
  if (!copier.fits()) {
    return Errc::output_too_small;
  }
  size_t n = 0;
  for (uint32_t slot = first; slot < nav.article_count() && n < capacity; ++slot) {
    const Result<uint32_t> a = nav.newest(slot);
    if (!a.ok()) {
      return a.error();
    }
    const Result<std::string_view> title = copier.copy(slot);
    if (title.error() == Errc::output_too_small && n > 0) {
      break;
    }
    if (!title.ok()) {
      return title.error();
    }
    out[n++] = Headline{a.value(), nav.date_key_at(slot), title.value()};
  }
  return n;
}

/// The headlines of the articles filed exactly in category node `node`, newest first, from its
/// `first`-th, at most `capacity` of them, into `out` (Navigation::filed_count(node) in all),
/// their titles copied into `text` as for newest_headlines().
/// @return how many were written, out_of_range for no such node, output_too_small when `text`
///   holds no line, or corrupt_index / corrupt_body (rules N7, N9, L2 to L4).
inline Result<size_t> category_headlines(const Navigation& nav, const Headlines& headlines,
                                         Decoder& decoder, uint32_t node, uint32_t first,
                                         Headline* out, size_t capacity,
                                         MutableByteSpan text) noexcept {
  if (node >= nav.node_count()) {
    return Errc::out_of_range;
  }
  detail::ScreenText copier(headlines, decoder, text);
  if (!copier.fits()) {
    return Errc::output_too_small;
  }
  size_t n = 0;
  for (uint32_t j = first; j < nav.filed_count(node) && n < capacity; ++j) {
    const Result<uint32_t> a = nav.articles_in(node, j);
    if (!a.ok()) {
      return a.error();
    }
    const Result<uint32_t> slot = nav.slot_of(a.value());
    if (!slot.ok()) {
      return slot.error();
    }
    const Result<std::string_view> title = copier.copy(slot.value());
    if (title.error() == Errc::output_too_small && n > 0) {
      break;
    }
    if (!title.ok()) {
      return title.error();
    }
    out[n++] = Headline{a.value(), nav.date_key_at(slot.value()), title.value()};
  }
  return n;
}

}  // namespace sheaf
