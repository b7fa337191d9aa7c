// compiler, CLI: `sheaf search BUNDLE QUERY`, the articles whose normalised text holds every
// term of the query (SPEC: "Search section"), best first, read from the SEARCH section, or from
// the section `build` would have written, computed from every article, when the bundle has none.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <sheaf/search_query.hpp>

#include "cli/article_json.hpp"
#include "cli/commands.hpp"
#include "cli/open_bundle.hpp"
#include "cli/terminal_text.hpp"
#include "index/search_table.hpp"
#include "model/record_store.hpp"

namespace sheaf::cli {
namespace {

using Json = nlohmann::ordered_json;

// The bundle's search index: its section, or (none: older bundles, or built without --search) the
// section `build` would have written, computed from every article into `scratch`.
bool load_search(OpenBundle& ob, std::string& scratch, SearchIndex& out) {
  const Result<SearchIndex> index = ob.bundle().search();
  if (index.ok()) {
    out = index.value();
    return true;
  }
  if (index.error() != Errc::not_found) {
    print_error(ob.path(), "SEARCH section", index.error());
    return false;
  }
  std::fprintf(stderr,
               "sheaf: note: %s has no SEARCH section (built before it existed, or with "
               "without --search): reading its %u articles to index them\n",
               ob.path().c_str(), ob.bundle().size());
  RecordStore records;
  for (uint32_t i = 0; i < ob.bundle().size(); ++i) {
    const Result<std::string_view> bytes =
        ob.decoder().read_bytes(ob.bundle().article(i).value_or(ArticleView()), ob.record_buffer());
    if (!bytes.ok()) {
      print_error(ob.path(), "article " + std::to_string(i), bytes.error());
      return false;
    }
    records.append(bytes.value());
  }
  scratch = encode_search(records);
  const Result<SearchIndex> built =
      SearchIndex::open(ByteSpan(reinterpret_cast<const uint8_t*>(scratch.data()), scratch.size()),
                        ob.bundle().size());
  out = built.value_or(SearchIndex());
  return built.ok();
}

void print_hit(const Record& r, const SearchHit& hit, bool json) {
  if (!json) {
    std::printf("%s\t%s\t%s\n", escape_field(r.id).c_str(), escape_field(r.date).c_str(),
                escape_field(r.title).c_str());
    return;
  }
  Json j;
  j["id"] = std::string(r.id);
  j["title"] = std::string(r.title);
  j["date"] = std::string(r.date);
  j["title_terms"] = hit.title_terms;
  j["frequency"] = hit.frequency;
  std::printf("%s\n", dump(j).c_str());
}

}  // namespace

int run_search(const ReadCommand& command) {
  OpenBundle ob;
  if (!ob.open(command.bundle, Access::random) || !ob.init_decoder()) {
    return kExitFailure;
  }
  std::string built;
  SearchIndex index;
  if (ob.record_buffer().size() < ob.bundle().info().max_read_size ||
      !load_search(ob, built, index)) {
    return kExitFailure;
  }
  auto scratch = std::make_unique<SearchScratch>();
  std::vector<SearchHit> hits(command.limit);
  const Result<SearchStats> found =
      search(ob.bundle(), index, command.query, *scratch, hits.data(),
             static_cast<uint32_t>(hits.size()), &ob.decoder(), ob.record_buffer());
  if (found.error() == Errc::out_of_range) {
    std::fprintf(stderr,
                 "sheaf: error: query '%s': more than %u terms, or a term longer than %u code "
                 "points once normalised\n",
                 command.query.c_str(), SearchScratch::kMaxTerms, SearchScratch::kMaxTermLength);
    return kExitUsage;
  }
  if (!found.ok()) {
    print_error(ob.path(), "search", found.error());
    return kExitFailure;
  }
  for (uint32_t k = 0; k < found.value().hits; ++k) {
    const Result<Record> r = ob.read_any(hits[k].article);
    if (!r.ok()) {
      return kExitFailure;
    }
    print_hit(r.value(), hits[k], command.json);
  }
  if (!command.quiet && !command.json) {
    std::fprintf(stderr, "%u matching articles, %u shown\n", found.value().matches,
                 found.value().hits);
  }
  return kExitOk;
}

}  // namespace sheaf::cli
