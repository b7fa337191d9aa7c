// compiler, CLI: file names for article ids (unpack, extract).
#pragma once

#include <string>

namespace sheaf::cli {

/// The relative file an article is written to: its id's '/'-separated segments, percent-encoded
/// so that they are plain file names ('%', '\\' and control bytes become %XX; the segments "",
/// "." and ".." cannot occur), plus ".json". Injective: different ids never share a file.
std::string file_name_for_id(const std::string& id);

/// A '/'-separated path made safe to join under an output directory the same way (no "..",
/// no absolute path, no empty segment), without the ".json".
std::string safe_relative_path(const std::string& path);

}  // namespace sheaf::cli
