// compiler/extract: boilerplate removal, a stage of its own so it can be replaced. For now it
// does one thing only (see below); real boilerplate removal (breadcrumbs, bylines, share
// widgets, footers: gold/README.md "Removed") comes with a later issue.
#pragma once

#include "diag/diagnostics.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Drops every paragraph that is exactly equal to the title (pages often repeat the headline
/// above the body). Nothing else is touched, and nothing is reported: dropping a copy of
/// the title loses no data.
/// @param diags  unused for now; part of the stage signature for the real implementation.
void remove_boilerplate(Article& article, Diagnostics& diags);

}  // namespace sheaf
