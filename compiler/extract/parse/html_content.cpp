// compiler, extract stage: main-content selection (see html_content.hpp).
//
// Each block is worth its prose (text outside links, weighted by whether it reads like
// sentences) and costs its link text. A container's score is what its subtree's blocks are
// worth minus what they cost, so <body> loses to the article's own container whenever the page
// around the article is mostly navigation and teasers, and the article's container beats its
// own text wrapper only when it adds prose. A block inside a furniture container (nav, footer,
// comment, related, share...) nested in the candidate counts as pure cost, because such boxes
// sit inside article containers on many sites.
#include "extract/parse/html_content.hpp"

#include <array>

#include "extract/text/shape.hpp"

namespace sheaf::parse {
namespace {

bool contains(std::string_view word, std::string_view part) {
  return word.find(part) != std::string_view::npos;
}

/// -1 for a furniture word, +1 for a content word, 0 otherwise. `part` is one piece of a
/// class/id word split at '-', '_' and ':' ("artdet_crumbs" -> "artdet", "crumbs").
int part_score(std::string_view part) {
  // Substrings: these never occur inside content words.
  // Pinyin too: Chinese templates name boxes tuijian (推荐), xiangguan (相关), fenxiang (分享),
  // pinglun (评论), guanggao (广告), weizhi (位置).
  // Reader comments come under many names: "comment", "reply", "respond", "discussion",
  // "disqus", "talkback"; a long comment must not win over a short article.
  static constexpr std::array<std::string_view, 28> kBadInside = {
      "nav",      "crumb",     "comment", "footer",  "sidebar",   "recommend", "related",
      "share",    "banner",    "login",   "advert",  "toolbar",   "pager",     "pagination",
      "menu",     "copyright", "weizhi",  "tuijian", "xiangguan", "fenxiang",  "pinglun",
      "guanggao", "reply",     "replies", "respond", "discuss",   "disqus",    "talkback"};
  // Whole pieces only: short words that hide inside longer content words.
  static constexpr std::array<std::string_view, 15> kBadExact = {
      "ad",   "ads", "side",   "foot", "bottom", "hot",      "rank", "tag",
      "tags", "top", "header", "xgxw", "tj",     "position", "toc"};
  static constexpr std::array<std::string_view, 6> kGoodInside = {"article", "content", "detail",
                                                                  "entry",   "story",   "zhengwen"};
  static constexpr std::array<std::string_view, 7> kGoodExact = {"main", "text", "txt", "body",
                                                                 "post", "zw",   "con"};
  for (const std::string_view w : kBadInside) {
    if (contains(part, w)) {
      return -1;
    }
  }
  for (const std::string_view w : kBadExact) {
    if (part == w) {
      return -1;
    }
  }
  for (const std::string_view w : kGoodInside) {
    if (contains(part, w)) {
      return 1;
    }
  }
  for (const std::string_view w : kGoodExact) {
    if (part == w) {
      return 1;
    }
  }
  return 0;
}

bool is_separator(char c) {
  return c == ' ' || c == '-' || c == '_' || c == ':';
}

struct Worth {
  double good = 0;   ///< what the block adds when it counts as content
  double cost = 0;   ///< what it costs anyway (link text)
  double noise = 0;  ///< what it costs inside a furniture box
};

Worth block_worth(const Block& b) {
  Worth w;
  const double text_chars = b.chars - b.link_chars;
  w.noise = b.chars;
  if (b.link_chars * 2 > b.chars) {
    // A link line (menu entry, teaser, tag): all of it is navigation.
    w.cost = b.chars;
    return w;
  }
  // Why the weights: prose paragraphs carry sentence punctuation or length; short bare lines
  // (dates, labels, widget text) are worth less, though subheads and poem lines are content.
  const double weight = text::has_sentence_punctuation(b.text) || text_chars >= 50 ? 1.0 : 0.4;
  w.good = text_chars * weight;
  w.cost = b.link_chars;
  return w;
}

bool is_bad(const ContainerNode& n) {
  return n.chrome || n.hint < 0;
}

/// A multi-section page (documentation, a long guide): when the chosen container opens with a
/// heading and its parent holds at least one more such section with prose, the parent is the
/// article. The parent lost on score only through furniture nested in it (a table of
/// contents), which the selection leaves out anyway.
uint32_t widen_to_sections(const std::vector<Block>& blocks,
                           const std::vector<ContainerNode>& nodes,
                           const std::vector<double>& clean, uint32_t best) {
  const auto opens_section = [&](uint32_t x) {
    return nodes[x].first_block < nodes[x].end_block && nodes[x].first_block < blocks.size() &&
           blocks[nodes[x].first_block].kind == BlockKind::heading && clean[x] > 0 &&
           !is_bad(nodes[x]);
  };
  if (best == 0 || !opens_section(best) || is_bad(nodes[nodes[best].parent])) {
    return best;
  }
  const uint32_t parent = nodes[best].parent;
  for (uint32_t x = parent + 1; x < nodes.size() && nodes[x].first_block < nodes[parent].end_block;
       ++x) {
    if (x != best && nodes[x].parent == parent && opens_section(x)) {
      return parent;
    }
  }
  return best;
}

/// A furniture box (reader comments, a sidebar) loses to the best container outside furniture
/// that scores at least this share of it: a long comment must not win over a short article,
/// while an article a template wraps in an oddly named box still wins by a wide margin.
constexpr double kFurnitureMargin = 0.75;

/// The container to keep when `best` sits in furniture (see kFurnitureMargin).
uint32_t outside_furniture(const std::vector<ContainerNode>& nodes, const std::vector<char>& in_bad,
                           const std::vector<double>& score, uint32_t best) {
  if (in_bad[best] == 0) {
    return best;
  }
  uint32_t alt = 0;
  for (uint32_t i = 1; i < nodes.size(); ++i) {
    if (in_bad[i] == 0 && score[i] > score[alt]) {
      alt = i;
    }
  }
  return score[alt] > 0 && score[alt] >= kFurnitureMargin * score[best] ? alt : best;
}

}  // namespace

int hint_score(std::string_view words) {
  int score = 0;
  size_t start = 0;
  while (start < words.size()) {
    size_t end = start;
    while (end < words.size() && !is_separator(words[end])) {
      ++end;
    }
    const int s = part_score(words.substr(start, end - start));
    if (s < 0) {
      return -1;
    }
    score = s > 0 ? 1 : score;
    start = end + 1;
  }
  return score;
}

std::vector<uint32_t> select_content(const std::vector<Block>& blocks,
                                     const std::vector<ContainerNode>& nodes, const char** rule) {
  std::vector<uint32_t> all(blocks.size());
  for (uint32_t i = 0; i < all.size(); ++i) {
    all[i] = i;
  }
  if (nodes.size() < 2 || blocks.empty()) {
    return all;
  }
  // Walk up from each block once: a block counts as noise for every ancestor above the first
  // furniture container it sits in.
  std::vector<double> score(nodes.size(), 0.0);
  std::vector<double> clean(nodes.size(), 0.0);  // the same without furniture's noise
  for (const Block& b : blocks) {
    const Worth w = block_worth(b);
    bool passed_bad = false;
    for (uint32_t x = b.container < nodes.size() ? b.container : 0;; x = nodes[x].parent) {
      score[x] += passed_bad ? -w.noise : w.good - w.cost;
      clean[x] += passed_bad ? 0.0 : w.good - w.cost;
      passed_bad = passed_bad || is_bad(nodes[x]);
      if (x == 0) {
        break;
      }
    }
  }
  // A furniture box, or anything inside one (a footer's text column), is a poor candidate;
  // positive hints break near-ties. Nodes come in document order, parents first.
  std::vector<char> in_bad(nodes.size(), 0);
  uint32_t best = 0;
  for (uint32_t i = 1; i < nodes.size(); ++i) {
    in_bad[i] = static_cast<char>(is_bad(nodes[i]) || in_bad[nodes[i].parent] != 0);
    const double s = score[i] * (in_bad[i] != 0 ? 0.3 : 1.0) * (nodes[i].hint > 0 ? 1.05 : 1.0);
    score[i] = s;
    const bool inside_best = nodes[i].first_block >= nodes[best].first_block &&
                             nodes[i].end_block <= nodes[best].end_block;
    if (s > score[best] || (inside_best && s >= score[best] && s > 0)) {
      best = i;
    }
  }
  const uint32_t scored = best;
  best = outside_furniture(nodes, in_bad, score, best);
  const uint32_t article = best;
  best = widen_to_sections(blocks, nodes, clean, best);
  if (rule != nullptr) {
    *rule = best != article     ? "sections"
            : article != scored ? "outside-furniture"
                                : "best-container";
  }
  std::vector<uint32_t> chosen;
  for (uint32_t i = nodes[best].first_block; i < nodes[best].end_block; ++i) {
    bool bad = false;
    for (uint32_t x = blocks[i].container; x != best && x != 0 && !bad; x = nodes[x].parent) {
      bad = is_bad(nodes[x]);
    }
    if (!bad) {
      chosen.push_back(i);
    }
  }
  return chosen.empty() ? all : chosen;
}

}  // namespace sheaf::parse
