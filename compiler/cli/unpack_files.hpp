// compiler, CLI: unpack's output folder, checked before anything is written, and its manifest.
#pragma once

#include <string>
#include <vector>

#include "cli/id_paths.hpp"

namespace sheaf::cli {

/// Prints "sheaf: error: DIR/FILE: ..." and returns false when a planned file cannot be
/// written because something already at its place is a folder, or a folder it needs is
/// something else. Looks only, writes nothing.
bool check_output_folder(const std::string& dir, const std::vector<PlannedFile>& files);

/// When any of `files` is changed: writes DIR/sheaf-manifest.json, {"KIND": [{"KEY_NAME": key,
/// "file": path}, ...]} for the changed ones, in order, and prints a note on stderr saying how
/// many names changed and where the manifest is (unless `quiet`). Returns false (printed) when
/// it cannot be written. When none changed, an old DIR/sheaf-manifest.json is removed.
bool write_manifest(const std::string& dir, const std::string& kind, const std::string& key_name,
                    const std::vector<std::string>& keys, const std::vector<PlannedFile>& files,
                    bool quiet);

}  // namespace sheaf::cli
