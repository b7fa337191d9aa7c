// sheaf runtime: error codes and Result<T>. Errors are values; nothing here throws or allocates.
#pragma once

#include <cstdint>
#include <type_traits>

#include <sheaf/config.hpp>

namespace sheaf {

/// Every way a runtime call can fail. Values are pinned: they appear in logs and in SPEC.md's
/// validation checklist, and never change meaning.
enum class [[nodiscard]] Errc : uint8_t{
    ok = 0,
    truncated = 1,             ///< the bytes end before a structure they must hold
    bad_magic = 2,             ///< not a sheaf bundle
    unsupported_version = 3,   ///< major version this reader does not know
    unsupported_feature = 4,   ///< a required flag or section kind this reader does not know
    misaligned = 5,            ///< bundle or workspace address not 8-byte aligned
    corrupt_header = 6,        ///< header checksum, layout or section table invalid
    corrupt_index = 7,         ///< index FlatBuffer or a table in it fails verification
    out_of_range = 8,          ///< article or frame number past the end
    not_found = 9,             ///< no article with that id, or no such optional section
    workspace_too_small = 10,  ///< decoder workspace smaller than Decoder::workspace_size()
    output_too_small = 11,     ///< caller buffer smaller than the read needs
    corrupt_body = 12,         ///< a frame, a record or the dictionary fails to decode or check
    checksum_mismatch = 13,    ///< a section's XXH64 differs from the header (verify_all)
    too_large = 14,            ///< an offset or size does not fit this platform's size_t
    io_error = 15,       ///< the POSIX helper could not open or map a file; a patch sink refused
    wrong_base = 16,     ///< the patch is for another bundle (apply_patch)
    corrupt_patch = 17,  ///< a patch's header, body checksum or an op fails its check
};

/// A short English description of `e`, or "" when SHEAF_NO_ERROR_STRINGS is defined.
/// @return a static string; never null.
constexpr const char* to_string(Errc e) noexcept {
#ifdef SHEAF_NO_ERROR_STRINGS
  (void)e;
  return "";
#else
  switch (e) {
    case Errc::ok:
      return "ok";
    case Errc::truncated:
      return "truncated";
    case Errc::bad_magic:
      return "not a sheaf bundle (bad magic)";
    case Errc::unsupported_version:
      return "unsupported format version";
    case Errc::unsupported_feature:
      return "unsupported required feature";
    case Errc::misaligned:
      return "address not 8-byte aligned";
    case Errc::corrupt_header:
      return "corrupt header";
    case Errc::corrupt_index:
      return "corrupt index";
    case Errc::out_of_range:
      return "out of range";
    case Errc::not_found:
      return "not found";
    case Errc::workspace_too_small:
      return "decoder workspace too small";
    case Errc::output_too_small:
      return "output buffer too small";
    case Errc::corrupt_body:
      return "corrupt body";
    case Errc::checksum_mismatch:
      return "checksum mismatch";
    case Errc::too_large:
      return "too large for this platform";
    case Errc::io_error:
      return "I/O error";
    case Errc::wrong_base:
      return "the patch is for another bundle";
    case Errc::corrupt_patch:
      return "corrupt patch";
  }
  return "unknown error";
#endif
}

/// A value or an error, like std::expected (C++23) without exceptions. T must be default
/// constructible and trivially copyable (a view, a scalar, a small handle).
template <class T>
class [[nodiscard]] Result {
  static_assert(std::is_trivially_copyable<T>::value, "Result holds views and scalars only");

 public:
  /// A successful result holding `value`.
  constexpr Result(T value) noexcept : value_(value) {}  // NOLINT(google-explicit-constructor)

  /// A failed result. `error` must not be Errc::ok.
  constexpr Result(Errc error) noexcept : error_(error) {  // NOLINT(google-explicit-constructor)
    SHEAF_ASSERT(error != Errc::ok);
  }

  constexpr bool ok() const noexcept { return error_ == Errc::ok; }

  constexpr Errc error() const noexcept { return error_; }

  /// The value. Calling it on an error is a programming mistake: SHEAF_ASSERT fires and a
  /// default-constructed T is returned.
  constexpr const T& value() const noexcept {
    SHEAF_ASSERT(ok());
    return value_;
  }

  constexpr T value_or(T fallback) const noexcept { return ok() ? value_ : fallback; }

 private:
  T value_{};
  Errc error_ = Errc::ok;
};

}  // namespace sheaf
