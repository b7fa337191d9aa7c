// compiler, index stage: the TITLES section (SPEC: "Titles section"), every title sorted by its
// bytes and reachable by article, so that a reader finds a title prefix by binary search and
// shows a list screen's headlines without decoding a record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/record_store.hpp"

namespace sheaf {

/// The TITLES section's bytes for articles whose titles are `titles` (article i at i, id
/// order): the articles in ascending title bytes (ties by article number), each article's
/// position in that order, the offsets of the titles in that order, and the titles.
std::string encode_titles(const std::vector<std::string_view>& titles);

/// The same for the articles of `records` (id order at the index stage), read from the records
/// in place: beside the section itself it holds 12 bytes an article while it sorts.
std::string encode_record_titles(const RecordStore& records);

}  // namespace sheaf
