// compiler/ingest: ids for inputs that do not carry one, derived from the relative path so they
// stay the same from build to build (no counters, no hashes of content).
#pragma once

#include <cstdint>
#include <string>

namespace sheaf {

/// The id of a file's document: its relative path without the extension.
/// "news/2024/quake.txt" -> "news/2024/quake"; "notes" -> "notes"; "a.b/c" -> "a.b/c".
/// A leading dot in the last component is not an extension (".txt" stays ".txt").
/// @param rel_path  '/'-separated path relative to its input root (InputFile::rel_path).
std::string derive_id(const std::string& rel_path);

/// The id of a record that has no "id" field: derive_id(rel_path) + "#" + number, where number
/// is the record's 1-based line in a .jsonl file or its 1-based index in a .json array.
/// "feeds/a.jsonl", 12 -> "feeds/a#12".
std::string derive_record_id(const std::string& rel_path, uint64_t number);

}  // namespace sheaf
