// compiler, index stage: encode an article as its record, the bytes the frames hold
// (SPEC: "Records"): metadata fields, then the body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/article.hpp"

namespace sheaf {

/// The record of `a`: each non-empty field as `tag, LEB128 length, bytes` (categories in order,
/// `site` as a LEB128 number when not 0, `a.source_file` likewise), the end tag, then `body`.
/// `a.id` must not be empty.
std::string encode_record(const Article& a, const std::string& body, uint32_t site);

/// encode_record(a, body, site).size() for a body of `body_size` bytes, without encoding.
size_t record_size(const Article& a, size_t body_size, uint32_t site);

/// The site field encode_record() writes for `site` ("" for 0).
std::string site_field(uint32_t site);

/// Where the site field goes in `record`, made by encode_record(): past the id to category
/// fields (the record's size when they run past its end).
size_t site_field_offset(std::string_view record);

/// The id of `record`, made by encode_record(): its first field when that is the id, else "".
std::string_view record_id(std::string_view record);

}  // namespace sheaf
