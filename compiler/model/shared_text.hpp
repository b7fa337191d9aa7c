// compiler: an immutable string held by a shared handle, for text that a million objects may
// repeat (the file name of a million records' diagnostics and origins, a fixed message).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sheaf {

/// A string that copies share: 16 bytes, one heap block for all copies. Reads as a
/// `const std::string&`; never changed in place.
class SharedText {
 public:
  SharedText() = default;

  /// Holds `text` (no heap block when it is empty).
  SharedText(std::string text)  // NOLINT(google-explicit-constructor): a string reads as one
      : text_(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}

  SharedText(const char* text) : SharedText(std::string(text)) {}  // NOLINT

  const std::string& str() const { return text_ != nullptr ? *text_ : empty_text(); }

  operator const std::string&() const { return str(); }  // NOLINT

  bool empty() const { return text_ == nullptr; }

  size_t size() const { return str().size(); }

  size_t find(std::string_view s, size_t pos = 0) const { return str().find(s, pos); }

  friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }

  friend bool operator!=(const SharedText& a, std::string_view b) { return a.str() != b; }

 private:
  static const std::string& empty_text() {
    static const std::string empty;
    return empty;
  }

  std::shared_ptr<const std::string> text_;
};

/// Hands out SharedText copies of the strings it is given, one heap block for a run of equal
/// strings: what a million consecutive diagnostics about one file, or origins in one file, need.
class TextInterner {
 public:
  /// A SharedText equal to `text`, the previous one when it is equal to it.
  SharedText operator()(const std::string& text) {
    if (last_.str() != text) {
      last_ = SharedText(text);
    }
    return last_;
  }

  /// `text`, or the previous one when it is equal to it (dropping `text`'s block if unshared).
  SharedText operator()(const SharedText& text) {
    if (last_.str() != text.str()) {
      last_ = text;
    }
    return last_;
  }

 private:
  SharedText last_;
};

}  // namespace sheaf
