// compiler, extract stage (internal): the run rules of body_runs.hpp.
#include "extract/layout/body_runs.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "extract/rules/boilerplate.hpp"

namespace sheaf::layout {

using parse::Block;
using parse::BlockKind;
using parse::Page;

namespace {

/// For each body block, how many body blocks have its text (0 outside the body and for table
/// cells, which repeat by nature).
std::vector<uint32_t> text_counts(const Page& page, const std::vector<uint32_t>& body) {
  std::vector<std::pair<std::string_view, uint32_t>> texts;
  texts.reserve(body.size());
  for (const uint32_t i : body) {
    if (page.blocks[i].kind != BlockKind::table_cell) {
      texts.emplace_back(page.blocks[i].text, i);
    }
  }
  std::sort(texts.begin(), texts.end());
  std::vector<uint32_t> count(page.blocks.size(), 0);
  for (size_t j = 0; j < texts.size();) {
    size_t k = j;
    while (k < texts.size() && texts[k].first == texts[j].first) {
      ++k;
    }
    for (size_t m = j; m < k; ++m) {
      count[texts[m].second] = static_cast<uint32_t>(k - j);
    }
    j = k;
  }
  return count;
}

/// Marks the repeated blocks of a body: a text printed three times or more (a label on every
/// card), or two or more consecutive blocks each printed again elsewhere (a teaser feed shown
/// twice). An article may repeat a line once ("点评：" before two comments); it does not repeat
/// a run of them.
std::vector<char> repeated_blocks(const std::vector<uint32_t>& count,
                                  const std::vector<uint32_t>& body) {
  std::vector<char> out(count.size(), 0);
  for (size_t j = 0; j < body.size(); ++j) {
    const uint32_t c = count[body[j]];
    const bool run =
        (j > 0 && count[body[j - 1]] >= 2) || (j + 1 < body.size() && count[body[j + 1]] >= 2);
    out[body[j]] = c >= 3 || (c == 2 && run) ? 1 : 0;
  }
  return out;
}

/// A headline teaser: a block (not a dump line) that is nearly all link.
bool link_headline(const Block& b) {
  return b.kind != BlockKind::line && b.chars >= 10 && b.link_chars * 10 >= b.chars * 8;
}

/// True when the `gap` blocks after body position `head` hold a label repeated on every card.
bool unit_has_label(const std::vector<uint32_t>& count, const std::vector<uint32_t>& body,
                    size_t head, size_t gap) {
  for (size_t j = head + 1; j <= head + gap && j < body.size(); ++j) {
    if (count[body[j]] >= 3) {
      return true;
    }
  }
  return false;
}

/// Marks the summaries of a teaser feed: three or more link headlines, each followed by the
/// same number (two or three) of other blocks, among them a label every card repeats (a source
/// name, "Sponsored"). The headlines themselves go as link lines. A listicle's linked subheads
/// each head a paragraph of their own and carry no such label.
std::vector<char> teaser_feed(const Page& page, const std::vector<uint32_t>& count,
                              const std::vector<uint32_t>& body) {
  constexpr size_t kMaxGap = 3;
  std::vector<size_t> heads;
  for (size_t j = 0; j < body.size(); ++j) {
    if (link_headline(page.blocks[body[j]])) {
      heads.push_back(j);
    }
  }
  std::vector<char> out(page.blocks.size(), 0);
  for (size_t h = 0; h + 2 < heads.size(); ++h) {
    const size_t gap = heads[h + 1] - heads[h] - 1;
    if (gap < 2 || gap > kMaxGap || heads[h + 2] - heads[h + 1] - 1 != gap) {
      continue;
    }
    bool labelled = true;
    for (size_t k = h; k < h + 3; ++k) {
      labelled = labelled && unit_has_label(count, body, heads[k], gap);
    }
    for (size_t k = h; k < h + 3 && labelled; ++k) {
      for (size_t j = heads[k] + 1; j <= heads[k] + gap && j < body.size(); ++j) {
        out[body[j]] = 1;
      }
    }
  }
  return out;
}

/// Marks gallery slides: a run of at least four consecutive body blocks that each follow an
/// image of their own (an "in pictures" gallery, a slide show inside the article container).
/// Their text is slide captions, which the gold drops as photo captions.
std::vector<char> gallery_slides(const Page& page, const std::vector<uint32_t>& body) {
  constexpr size_t kMinSlides = 4;
  std::vector<char> out(page.blocks.size(), 0);
  for (size_t j = 0; j < body.size();) {
    size_t k = j;
    while (k < body.size() && page.blocks[body[k]].after_image) {
      ++k;
    }
    if (k - j >= kMinSlides) {
      for (size_t m = j; m < k; ++m) {
        out[body[m]] = 1;
      }
    }
    j = k > j ? k : j + 1;
  }
  return out;
}

/// True when the block at body position `j` is a related-reading heading ("相关阅读",
/// "推荐阅读：") with only a short tail of teasers after it: that tail (a headline and a sentence
/// or two each) goes.
bool related_tail(const Page& page, const std::vector<uint32_t>& body, size_t j) {
  constexpr size_t kMaxTeaserBlocks = 12;
  return body.size() - j - 1 <= kMaxTeaserBlocks &&
         rules::is_related_heading(page.blocks[body[j]].text);
}

}  // namespace

std::vector<const char*> body_run_rules(const Page& page, const std::vector<uint32_t>& body) {
  const std::vector<uint32_t> count = text_counts(page, body);
  const std::vector<char> repeated = repeated_blocks(count, body);
  const std::vector<char> teasers = teaser_feed(page, count, body);
  const std::vector<char> slides = gallery_slides(page, body);
  std::vector<const char*> out(page.blocks.size(), nullptr);
  bool related = false;
  for (size_t j = 0; j < body.size(); ++j) {
    const uint32_t i = body[j];
    out[i] = repeated[i] != 0  ? "repeated-block"
             : teasers[i] != 0 ? "teaser-feed"
             : related         ? "related-block"
             : slides[i] != 0  ? "gallery-slide"
                               : nullptr;
    related = related || related_tail(page, body, j);
  }
  return out;
}

}  // namespace sheaf::layout
