// compiler, index stage: put articles in id order and refuse duplicate ids.
#pragma once

#include <vector>

#include "diag/diagnostics.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Sorts articles by id, byte-wise (the order SPEC requires and Bundle::find() searches).
/// Reports every empty id and every duplicate id as an error naming both inputs.
/// @return false when any error was reported.
bool order_by_id(std::vector<Article>& articles, Diagnostics& diagnostics);

}  // namespace sheaf
