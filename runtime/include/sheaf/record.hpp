// sheaf runtime: an article's record, the decompressed bytes that hold its metadata and body
// (SPEC: "Records"). Parsing is a bounded walk over caller-owned bytes: no heap, no copies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/rules.hpp>

namespace sheaf {
namespace detail {

/// Reads a LEB128 uint32 at `p` (not past `end`), advancing `p`.
/// @return false when it runs past `end`, takes more than 5 bytes or overflows 32 bits.
inline bool read_varint(const char*& p, const char* end, uint32_t& value) noexcept {
  uint64_t v = 0;
  for (size_t k = 0; k < format::kMaxVarintBytes; ++k) {
    if (p == end) {
      return false;
    }
    const auto byte = static_cast<uint8_t>(*p++);
    v |= uint64_t{byte & 0x7Fu} << (7 * k);
    if ((byte & 0x80u) == 0) {
      if (v > UINT32_MAX) {
        return false;
      }
      value = static_cast<uint32_t>(v);
      return true;
    }
  }
  return false;
}

/// One field of a record header.
struct FieldView {
  uint8_t tag = 0;
  std::string_view bytes;
};

/// Steps through the fields of a record header. `next` returns false at the end tag; `ok()`
/// tells whether the walk ended well (an end tag inside the bytes) or on damage, and then
/// `broken()` which rule the damage breaks (SPEC: rules R1 to R3).
class FieldWalk {
 public:
  explicit FieldWalk(std::string_view record) noexcept
      : p_(record.data()), end_(record.data() + record.size()) {}

  bool next(FieldView& field) noexcept {
    if (done_) {
      return false;
    }
    if (p_ == end_) {
      return stop(Rule::R1);  // no end tag
    }
    const auto tag = static_cast<uint8_t>(*p_++);
    if (tag == static_cast<uint8_t>(format::Field::end)) {
      done_ = true;
      ok_ = true;
      return false;
    }
    uint32_t length = 0;
    if (!read_varint(p_, end_, length)) {
      return stop(Rule::R2);
    }
    if (length > static_cast<size_t>(end_ - p_)) {
      return stop(Rule::R3);
    }
    field.tag = tag;
    field.bytes = std::string_view(p_, length);
    p_ += length;
    return true;
  }

  bool ok() const noexcept { return ok_; }

  /// The rule the bytes break, once next() returned false and !ok().
  Rule broken() const noexcept { return broken_; }

  /// Where the body starts: just past the end tag (valid once next() returned false and ok()).
  const char* position() const noexcept { return p_; }

 private:
  bool stop(Rule broken) noexcept {
    done_ = true;
    broken_ = broken;
    return false;
  }

  const char* p_;
  const char* end_;
  bool done_ = false;
  bool ok_ = false;
  Rule broken_ = Rule::R1;
};

/// The value of a numeric field (site, source_file): one LEB128 filling the field exactly.
inline bool field_number(std::string_view bytes, uint32_t& value) noexcept {
  const char* p = bytes.data();
  return read_varint(p, bytes.data() + bytes.size(), value) && p == bytes.data() + bytes.size();
}

}  // namespace detail

/// An article as stored: its metadata fields and body. Views point into the caller's buffer
/// the record was decompressed into, and stay valid as long as that buffer holds it.
struct Record {
  std::string_view id, title, subtitle, date, source, author, location, url;
  /// As stored: 1 + k for publisher facts Bundle::site(k), 0 for none. Bundle::site_of()
  /// resolves it.
  uint32_t site = 0;
  /// As stored: 1 + k for kept input file Bundle::source(k), 0 for none.
  uint32_t source_file = 0;
  std::string_view body;  ///< UTF-8 paragraphs joined by '\n'

  /// Number of breadcrumb categories.
  uint32_t category_count() const noexcept {
    uint32_t n = 0;
    each_category([&](std::string_view) { ++n; });
    return n;
  }

  /// Category `k` (0 = outermost). @return out_of_range when k >= category_count().
  Result<std::string_view> category(uint32_t k) const noexcept {
    std::string_view found;
    uint32_t n = 0;
    each_category([&](std::string_view c) {
      if (n++ == k) {
        found = c;
      }
    });
    return k < n ? Result<std::string_view>(found) : Result<std::string_view>(Errc::out_of_range);
  }

  /// The header bytes (fields and end tag), as parsed.
  std::string_view header;

 private:
  template <class Visit>
  void each_category(Visit&& visit) const noexcept {
    detail::FieldWalk walk(header);
    detail::FieldView f;
    while (walk.next(f)) {
      if (f.tag == static_cast<uint8_t>(format::Field::category)) {
        visit(f.bytes);
      }
    }
  }
};

/// Parses a record (SPEC: "Records"): known fields at most once (category repeats), unknown
/// tags skipped, a non-empty id, numeric fields well formed.
/// @return the record, or corrupt_body when the bytes break any of those rules.
inline Result<Record> parse_record(std::string_view bytes) noexcept {
  Record r;
  uint32_t seen = 0;  // bit t: field t was present
  detail::FieldWalk walk(bytes);
  detail::FieldView f;
  while (walk.next(f)) {
    const uint8_t t = f.tag;
    if (t > static_cast<uint8_t>(format::Field::source_file)) {
      continue;  // a field from a newer minor version
    }
    SHEAF_CHECK(t == static_cast<uint8_t>(format::Field::category) || (seen & (1u << t)) == 0,
                Rule::R4);
    seen |= 1u << t;
    switch (static_cast<format::Field>(t)) {
      case format::Field::id:
        r.id = f.bytes;
        break;
      case format::Field::title:
        r.title = f.bytes;
        break;
      case format::Field::subtitle:
        r.subtitle = f.bytes;
        break;
      case format::Field::date:
        r.date = f.bytes;
        break;
      case format::Field::source:
        r.source = f.bytes;
        break;
      case format::Field::author:
        r.author = f.bytes;
        break;
      case format::Field::location:
        r.location = f.bytes;
        break;
      case format::Field::url:
        r.url = f.bytes;
        break;
      case format::Field::site:
        SHEAF_CHECK(detail::field_number(f.bytes, r.site), Rule::R5);
        break;
      case format::Field::source_file:
        SHEAF_CHECK(detail::field_number(f.bytes, r.source_file), Rule::R5);
        break;
      case format::Field::category:
      case format::Field::end:
        break;
    }
  }
  SHEAF_CHECK(walk.ok(), walk.broken());
  SHEAF_CHECK(!r.id.empty(), Rule::R6);
  const char* body = walk.position();
  r.header = std::string_view(bytes.data(), static_cast<size_t>(body - bytes.data()));
  r.body = std::string_view(body, static_cast<size_t>(bytes.data() + bytes.size() - body));
  return r;
}

}  // namespace sheaf
