// compiler, index stage: the NAVIGATION section, from the articles' dates and breadcrumbs.
#include "index/navigation_table.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>

#include <sheaf/navigation.hpp>
#include <sheaf/record.hpp>

#include "index/le_words.hpp"

namespace sheaf {
namespace {

void put_all(std::string& out, const std::vector<uint32_t>& words) {
  for (const uint32_t v : words) {
    put_le32(out, v);
  }
}

// The category tree while it is built: children by name (std::map keeps them in byte order).
struct TreeNode {
  std::map<std::string, size_t, std::less<>> children;  // name -> index in the tree's vector
  std::vector<uint32_t> filed;                          // slots of the articles filed exactly here
  uint32_t count = 0;                                   // articles here and below
};

struct Tree {
  std::vector<TreeNode> nodes = std::vector<TreeNode>(1);

  // The node of `path`, made as needed; each node on the way counts the article.
  size_t file(const std::vector<std::string_view>& path) {
    size_t k = 0;
    ++nodes[0].count;
    for (const std::string_view part : path) {
      auto it = nodes[k].children.find(part);
      if (it == nodes[k].children.end()) {
        it = nodes[k].children.emplace(std::string(part), nodes.size()).first;
        nodes.emplace_back();
      }
      k = it->second;
      ++nodes[k].count;
    }
    return k;
  }
};

struct Placed {
  size_t tree;  // index in Tree::nodes
  uint32_t parent;
  std::string name;
};

// The tree's nodes breadth first: every node's children are consecutive, in name order.
std::vector<Placed> breadth_first(const Tree& tree) {
  std::vector<Placed> order = {{0, Navigation::kNoParent, ""}};
  for (size_t k = 0; k < order.size(); ++k) {
    for (const auto& [name, child] : tree.nodes[order[k].tree].children) {
      order.push_back({child, static_cast<uint32_t>(k), name});
    }
  }
  return order;
}

}  // namespace

std::vector<NavigationEntry> navigation_entries(const RecordStore& records) {
  std::vector<NavigationEntry> out(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const Result<Record> r = parse_record(records[i]);
    if (r.ok()) {
      out[i].date = r.value().date;
      for (uint32_t k = 0; k < r.value().category_count(); ++k) {
        out[i].categories.push_back(r.value().category(k).value());
      }
    }
  }
  return out;
}

std::string encode_navigation(const std::vector<NavigationEntry>& entries) {
  const auto n = static_cast<uint32_t>(entries.size());
  std::vector<uint32_t> keys(n);
  for (uint32_t a = 0; a < n; ++a) {
    keys[a] = date_key(entries[a].date);
  }
  std::vector<uint32_t> newest(n);
  std::iota(newest.begin(), newest.end(), 0);
  std::stable_sort(newest.begin(), newest.end(),
                   [&](uint32_t x, uint32_t y) { return keys[x] > keys[y]; });
  std::vector<uint32_t> rank(n);
  Tree tree;
  std::vector<size_t> filed_in(n);  // tree node of each article
  for (uint32_t s = 0; s < n; ++s) {
    rank[newest[s]] = s;
    filed_in[newest[s]] = tree.file(entries[newest[s]].categories);
    tree.nodes[filed_in[newest[s]]].filed.push_back(s);  // slots ascending: newest first
  }
  const std::vector<Placed> order = breadth_first(tree);
  std::vector<uint32_t> number(tree.nodes.size());  // tree node -> node number
  for (size_t k = 0; k < order.size(); ++k) {
    number[order[k].tree] = static_cast<uint32_t>(k);
  }
  std::string nodes;
  std::string names;
  std::vector<uint32_t> filed;
  uint32_t next_child = 1;
  for (const Placed& p : order) {
    const TreeNode& t = tree.nodes[p.tree];
    for (const uint32_t v :
         {p.parent, next_child, static_cast<uint32_t>(t.children.size()),
          static_cast<uint32_t>(names.size()), static_cast<uint32_t>(p.name.size()), t.count,
          static_cast<uint32_t>(filed.size()), static_cast<uint32_t>(t.filed.size())}) {
      put_le32(nodes, v);
    }
    next_child += static_cast<uint32_t>(t.children.size());
    names += p.name;
    filed.insert(filed.end(), t.filed.begin(), t.filed.end());
  }
  std::string out;  // its exact size, the nodes and names appended in place
  out.reserve(12 + 16 * size_t{n} + 4 * filed.size() + nodes.size() + names.size());
  put_le32(out, n);
  put_le32(out, static_cast<uint32_t>(order.size()));
  put_le32(out, static_cast<uint32_t>(names.size()));
  put_all(out, newest);
  for (const uint32_t a : newest) {
    put_le32(out, keys[a]);
  }
  put_all(out, rank);
  for (const size_t t : filed_in) {
    put_le32(out, number[t]);
  }
  put_all(out, filed);
  out += nodes;
  out += names;
  return out;
}

}  // namespace sheaf
