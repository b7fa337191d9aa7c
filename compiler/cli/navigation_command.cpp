// compiler, CLI: `sheaf ls --newest`, `sheaf ls --category 'A > B'`, `sheaf ls --title-prefix P`
// and `sheaf categories`, read from the NAVIGATION and HEADLINES sections (SPEC: "Navigation
// section", "Headlines section"), or computed from every article when the bundle has none.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/article_json.hpp"
#include "cli/commands.hpp"
#include "cli/open_bundle.hpp"
#include "cli/terminal_text.hpp"
#include "index/navigation_table.hpp"

namespace sheaf::cli {
namespace {

using Json = nlohmann::ordered_json;

// The bundle's navigation: its section, or (none: old bundles, --no-navigation) the section
// `build` would have written, computed from every article into `scratch`.
bool load_navigation(OpenBundle& ob, std::string& scratch, Navigation& out, bool& from_section) {
  const Result<Navigation> nav = ob.bundle().navigation();
  from_section = nav.ok();
  if (nav.ok()) {
    out = nav.value();
    return true;
  }
  if (nav.error() != Errc::not_found) {
    print_error(ob.path(), "NAVIGATION section", nav.error());
    return false;
  }
  std::fprintf(stderr,
               "sheaf: note: %s has no NAVIGATION section (built before format 2.1, or with "
               "--no-navigation): reading its %u articles for their dates and categories\n",
               ob.path().c_str(), ob.bundle().size());
  // Entries view their texts: keep copies (a record's views last only until the next read; a
  // deque does not move what it holds).
  std::deque<std::string> kept;
  std::vector<NavigationEntry> entries;
  for (uint32_t i = 0; i < ob.bundle().size(); ++i) {
    const Result<Record> r = ob.read(i);
    if (!r.ok()) {
      return false;
    }
    NavigationEntry e{kept.emplace_back(r.value().date), {}};
    for (uint32_t k = 0; k < r.value().category_count(); ++k) {
      e.categories.emplace_back(kept.emplace_back(r.value().category(k).value()));
    }
    entries.push_back(std::move(e));
  }
  scratch = encode_navigation(entries);
  const Result<Navigation> built =
      Navigation::open(ByteSpan(reinterpret_cast<const uint8_t*>(scratch.data()), scratch.size()),
                       ob.bundle().size());
  out = built.value_or(Navigation());
  return built.ok();
}

// The slots in ascending title order (ties: ascending slot, newest first), as the HEADLINES
// section's `sorted` holds them, with their titles.
struct TitleOrder {
  std::vector<uint32_t> slots;
  std::vector<std::string> titles;  // by slot
};

// For a bundle without HEADLINES (old bundles, --no-titles, --no-navigation): the order the
// section would hold, computed from every article.
bool compute_title_order(OpenBundle& ob, const Navigation& nav, TitleOrder& out) {
  std::fprintf(stderr,
               "sheaf: note: %s has no HEADLINES section (built before format 3.1, or with "
               "--no-titles or --no-navigation): reading its %u articles for their titles\n",
               ob.path().c_str(), ob.bundle().size());
  out.titles.assign(ob.bundle().size(), std::string());
  for (uint32_t i = 0; i < ob.bundle().size(); ++i) {
    const Result<Record> r = ob.read(i);
    const Result<uint32_t> slot = nav.slot_of(i);
    if (!r.ok() || !slot.ok()) {
      return false;
    }
    out.titles[slot.value()] = std::string(r.value().title);
  }
  out.slots.resize(out.titles.size());
  for (uint32_t s = 0; s < out.slots.size(); ++s) {
    out.slots[s] = s;
  }
  std::stable_sort(out.slots.begin(), out.slots.end(),
                   [&](uint32_t x, uint32_t y) { return out.titles[x] < out.titles[y]; });
  return true;
}

// The slots whose titles start with `prefix`, in title order: from the HEADLINES section (a
// binary search decoding a few small frames), or computed from every article without one.
bool slots_with_prefix(OpenBundle& ob, const Navigation& nav, std::string_view prefix,
                       std::vector<uint32_t>& slots) {
  const Result<Headlines> headlines = ob.bundle().headlines();
  if (headlines.ok()) {
    const Headlines& h = headlines.value();
    std::vector<uint8_t> buffer(h.max_raw());
    const MutableByteSpan out(buffer.data(), buffer.size());
    const Result<Headlines::Range> range = h.with_prefix(ob.decoder(), prefix, out);
    if (!range.ok()) {
      print_error(ob.path(), "HEADLINES section", range.error());
      return false;
    }
    for (uint32_t pos = range.value().begin; pos < range.value().end; ++pos) {
      const Result<uint32_t> s = h.slot_at(pos);
      if (!s.ok()) {
        print_error(ob.path(), "HEADLINES position " + std::to_string(pos), s.error());
        return false;
      }
      slots.push_back(s.value());
    }
    return true;
  }
  if (headlines.error() != Errc::not_found) {
    print_error(ob.path(), "HEADLINES section", headlines.error());
    return false;
  }
  TitleOrder order;
  if (!compute_title_order(ob, nav, order)) {
    return false;
  }
  for (const uint32_t s : order.slots) {
    if (std::string_view(order.titles[s]).substr(0, prefix.size()) == prefix) {
      slots.push_back(s);
    }
  }
  return true;
}

// "A > B" as its parts, as `sheaf cat` prints a breadcrumb ("" is the root: every article).
std::vector<std::string_view> path_parts(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const size_t sep = path.find(" > ");
    parts.push_back(path.substr(0, sep));
    path = sep == std::string_view::npos ? std::string_view() : path.substr(sep + 3);
  }
  return parts;
}

// The slots of the articles filed in node `k` or below it, ascending: newest first.
void collect_slots(const Navigation& nav, uint32_t k, std::vector<uint32_t>& slots) {
  for (uint32_t j = 0; j < nav.filed_count(k); ++j) {
    const Result<uint32_t> a = nav.articles_in(k, j);
    if (a.ok()) {
      slots.push_back(nav.slot_of(a.value()).value_or(0));
    }
  }
  for (uint32_t j = 0; j < nav.child_count(k); ++j) {
    collect_slots(nav, nav.child(k, j).value_or(0), slots);
  }
}

Json node_json(const Navigation& nav, uint32_t k) {
  Json children = Json::array();
  for (uint32_t j = 0; j < nav.child_count(k); ++j) {
    children.push_back(node_json(nav, nav.child(k, j).value_or(0)));
  }
  return {{"name", std::string(nav.name(k))},
          {"count", nav.count(k)},
          {"filed", nav.filed_count(k)},
          {"children", std::move(children)}};
}

void print_tree(const Navigation& nav, uint32_t k, size_t depth) {
  for (uint32_t j = 0; j < nav.child_count(k); ++j) {
    const uint32_t c = nav.child(k, j).value_or(0);
    std::printf("%s%s (%u)\n", std::string(2 * depth, ' ').c_str(),
                escape_field(nav.name(c)).c_str(), nav.count(c));
    print_tree(nav, c, depth + 1);
  }
}

}  // namespace

int run_ls_navigation(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle, Access::random) || !ob.init_decoder()) {
    return kExitFailure;
  }
  std::string scratch;
  Navigation nav;
  bool from_section = false;
  if (!load_navigation(ob, scratch, nav, from_section)) {
    return kExitFailure;
  }
  const std::vector<std::string_view> parts = path_parts(command.category);
  const Result<uint32_t> node = nav.find_category(parts.data(), parts.size());
  if (!node.ok()) {
    std::fprintf(stderr, "sheaf: error: %s: no category '%s' (see `sheaf categories`)\n",
                 ob.path().c_str(), escape_field(command.category).c_str());
    return kExitFailure;
  }
  std::vector<uint32_t> slots;
  collect_slots(nav, node.value(), slots);
  std::sort(slots.begin(), slots.end());
  for (const uint32_t s : slots) {
    const Result<uint32_t> a = nav.newest(s);
    if (!a.ok()) {
      print_error(ob.path(), "NAVIGATION slot " + std::to_string(s), a.error());
      return kExitFailure;
    }
    const Result<Record> r = ob.read_any(a.value());
    if (!r.ok()) {
      return kExitFailure;
    }
    print_ls_line(r.value(), command.json);
  }
  return kExitOk;
}

int run_ls_title_prefix(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle, Access::random) || !ob.init_decoder()) {
    return kExitFailure;
  }
  std::string scratch;
  Navigation nav;
  bool from_section = false;
  if (!load_navigation(ob, scratch, nav, from_section)) {
    return kExitFailure;
  }
  // Title order, or (--newest) the same articles in the newest-first order.
  std::vector<uint32_t> slots;
  if (!slots_with_prefix(ob, nav, *command.title_prefix, slots)) {
    return kExitFailure;
  }
  if (command.newest) {
    std::sort(slots.begin(), slots.end());
  }
  for (const uint32_t s : slots) {
    const Result<uint32_t> a = nav.newest(s);
    if (!a.ok()) {
      print_error(ob.path(), "NAVIGATION slot " + std::to_string(s), a.error());
      return kExitFailure;
    }
    const Result<Record> r = ob.read_any(a.value());
    if (!r.ok()) {
      return kExitFailure;
    }
    print_ls_line(r.value(), command.json);
  }
  return kExitOk;
}

int run_categories(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle, Access::random) || !ob.init_decoder()) {
    return kExitFailure;
  }
  std::string scratch;
  Navigation nav;
  bool from_section = false;
  if (!load_navigation(ob, scratch, nav, from_section)) {
    return kExitFailure;
  }
  if (command.json) {
    Json j = {{"bundle", ob.path()},
              {"from", from_section ? "section" : "articles"},
              {"articles", nav.count(0)},
              {"uncategorized", nav.filed_count(0)},
              {"categories", node_json(nav, 0)["children"]}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    print_tree(nav, 0, 0);
  }
  return kExitOk;
}

}  // namespace sheaf::cli
