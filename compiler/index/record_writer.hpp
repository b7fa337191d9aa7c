// compiler, index stage: encode an article as its record, the bytes the frames hold
// (SPEC: "Records"): metadata fields, then the body.
#pragma once

#include <cstdint>
#include <string>

#include "model/article.hpp"

namespace sheaf {

/// The record of `a`: each non-empty field as `tag, LEB128 length, bytes` (categories in order,
/// `site` as a LEB128 number when not 0, `a.source_file` likewise), the end tag, then `body`.
/// `a.id` must not be empty.
std::string encode_record(const Article& a, const std::string& body, uint32_t site);

/// encode_record(a, body, site).size() for a body of `body_size` bytes, without encoding.
size_t record_size(const Article& a, size_t body_size, uint32_t site);

}  // namespace sheaf
