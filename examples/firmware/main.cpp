// The firmware example: a bundle linked into flash, read in place by the sheaf runtime on a
// Cortex-M with no heap. Lists every article (the same lines as runtime/examples/
// list_articles.cpp prints on a host), reading each record frame by frame into one
// frame-sized buffer, checks each record's checksum, then prints what it cost:
//
//   T <index> <id> <title>
//   A <index> <body bytes> <FNV-1a 32 of the body>
//   H <date>\t<title>   the home screen: the 10 newest headlines, from the NAVIGATION and
//                       HEADLINES sections, no record decoded: one or two small headline frames
//                       (compared with `sheaf ls --newest`)
//   Q <query>\t<matches>\t<hits>   a two-term search over the SEARCH section (bundles built
//   R <id>\t<title terms>\t<frequency>   with --search), best 10 hits first (compared with
//                       `sheaf search` and `sheaf search --json`)
//   # ...   budget figures (RAM, stack, instructions), ignored by the comparison
//
// Exit status (through semihosting): 0 when every article read back, 1 on a read error, 2 when
// the bundle does not open; the startup code exits 97 to 99 on a fault or a heap allocation.
#include <cstdint>
#include <cstring>
#include <string_view>

#include <sheaf/search_query.hpp>
#include <sheaf/sheaf.hpp>

#include "firmware.hpp"
#include "semihost.h"

extern "C" const uint8_t sheaf_bundle_start[];
extern "C" const uint8_t sheaf_bundle_end[];
extern "C" uint32_t stack_peak_bytes(void);

#ifndef SHEAF_FW_BUFFER_BYTES
#error "define SHEAF_FW_BUFFER_BYTES: the bundle's max_frame_size (sheaf info)"
#endif
#ifndef SHEAF_FW_WORKSPACE_BYTES
#define SHEAF_FW_WORKSPACE_BYTES 32768
#endif
#ifndef SHEAF_FW_BOARD
#define SHEAF_FW_BOARD "unknown"
#endif

namespace {

// The reader's whole RAM: the decoder workspace (zstd context; the dictionary stays in flash)
// and one frame-sized output buffer.
alignas(8) uint8_t workspace[SHEAF_FW_WORKSPACE_BYTES];
alignas(8) uint8_t frame_buffer[SHEAF_FW_BUFFER_BYTES];

using namespace firmware;  // Line, Fnv1a, SysTick, list_article (firmware.hpp)

sheaf::MutableByteSpan buffer() {
  return sheaf::MutableByteSpan(frame_buffer, sizeof(frame_buffer));
}

// A bundle placed at a misaligned address must be refused with an error, not fault.
bool misaligned_is_refused(size_t shift) {
  const size_t size = static_cast<size_t>(sheaf_bundle_end - sheaf_bundle_start);
  const sheaf::Result<sheaf::Bundle> b =
      sheaf::Bundle::open(sheaf::ByteSpan(sheaf_bundle_start + shift, size - shift));
  const bool refused = !b.ok() && b.error() == sheaf::Errc::misaligned;
  Line()
      .text("# misaligned +")
      .number(static_cast<uint32_t>(shift))
      .text(refused ? ": refused: " : ": NOT refused: ")
      .text(b.ok() ? "opened" : sheaf::to_string(b.error()))
      .end();
  return refused;
}

// The home screen's lines: ten headlines (article, date key, title view into the text buffer).
constexpr size_t kLines = 10;
sheaf::Headline home_lines[kLines];

// The home screen: the 10 newest headlines with their dates, from the NAVIGATION and HEADLINES
// sections: one or two headline frames (12 to 24 titles) decoded into the frame buffer, whose front
// then holds the titles (no RAM of its own beyond the lines), printed as H lines, and what it cost.
// Not inlined, so that its stack is not added to main's while the articles are read.
__attribute__((noinline)) bool home_screen(const sheaf::Bundle& bundle, sheaf::Decoder& decoder) {
  const uint32_t t0 = SysTick::now();
  (void)SysTick::wrapped();
  const sheaf::Result<sheaf::Navigation> nav = bundle.navigation();
  const sheaf::Result<sheaf::Headlines> headlines = bundle.headlines();
  if (!nav.ok() || !headlines.ok()) {
    Line().text("# home screen: no NAVIGATION or HEADLINES section").end();
    return true;  // a bundle built with --no-navigation or --no-titles: nothing to show
  }
  const size_t text = sheaf::screen_buffer_size(headlines.value(), kLines);
  if (text > buffer().size()) {
    Line().text("FAIL: home screen: its text needs more than the frame buffer").end();
    return false;
  }
  sheaf::Headline* const lines = home_lines;
  const sheaf::Result<size_t> n =
      sheaf::newest_headlines(nav.value(), headlines.value(), decoder, 0, lines, kLines, buffer());
  const uint32_t t1 = SysTick::now();
  if (!n.ok()) {
    Line().text("FAIL: home screen: ").text(sheaf::to_string(n.error())).end();
    return false;
  }
  const uint32_t frames =
      n.value() == 0 ? 0 : headlines.value().frame_of(static_cast<uint32_t>(n.value() - 1)) + 1;
  const uint32_t insns = SysTick::instructions(t0, t1, SysTick::wrapped());
  for (size_t k = 0; k < n.value(); ++k) {
    char date[10];
    const size_t date_size = sheaf::date_text(lines[k].date_key, date);
    Line().text("H ").text(std::string_view(date, date_size)).text("\t").text(lines[k].title).end();
  }
  Line()
      .text("# home screen ")
      .number(static_cast<uint32_t>(n.value()))
      .text(" headlines: instructions ")
      .number(insns)
      .text(" ram ")
      .number(static_cast<uint32_t>(sizeof(home_lines)))
      .text(" text_in_frame_buffer ")
      .number(static_cast<uint32_t>(text))
      .text(" headline_frame_bytes ")
      .number(headlines.value().max_raw())
      .text(" frames_decoded ")
      .number(frames)
      .end();
  return true;
}

// The search box: a two-term query of two-code-point terms, answered from the index alone (no
// record decoded), its scratch (folded terms, posting cursors) and its ten best hits.
constexpr std::string_view kQuery = "地震 应急";
sheaf::SearchScratch search_scratch;
sheaf::SearchHit search_hits[kLines];

// Runs the query, prints its counts (Q) and hits (R, each id read from the article's first
// frame, after the measured part), and what it cost. Not inlined, like home_screen.
__attribute__((noinline)) bool search_screen(const sheaf::Bundle& bundle, sheaf::Decoder& decoder) {
  const sheaf::Result<sheaf::SearchIndex> index = bundle.search();
  if (!index.ok()) {
    Line().text("# search: no SEARCH section: ").text(sheaf::to_string(index.error())).end();
    return index.error() == sheaf::Errc::not_found;  // a bundle built without --search
  }
  const uint32_t t0 = SysTick::now();
  (void)SysTick::wrapped();
  const sheaf::Result<sheaf::SearchStats> found = sheaf::search(
      bundle, index.value(), kQuery, search_scratch, search_hits, kLines, &decoder, buffer());
  const uint32_t t1 = SysTick::now();
  if (!found.ok()) {
    Line().text("FAIL: search: ").text(sheaf::to_string(found.error())).end();
    return false;
  }
  const uint32_t insns = SysTick::instructions(t0, t1, SysTick::wrapped());
  const sheaf::SearchStats& stats = found.value();
  Line()
      .text("Q ")
      .text(kQuery)
      .text("\t")
      .number(stats.matches)
      .text("\t")
      .number(stats.hits)
      .end();
  for (uint32_t k = 0; k < stats.hits; ++k) {
    const sheaf::Result<sheaf::ArticleView> a = bundle.article(search_hits[k].article);
    const sheaf::Result<std::string_view> part = a.ok()
                                                     ? decoder.read_part(a.value(), 0, buffer())
                                                     : sheaf::Result<std::string_view>(a.error());
    const sheaf::Result<sheaf::Record> r =
        part.ok() ? sheaf::parse_record(part.value()) : sheaf::Result<sheaf::Record>(part.error());
    if (!r.ok()) {
      Line().text("FAIL: search hit ").number(k).text(": ").text(sheaf::to_string(r.error())).end();
      return false;
    }
    Line()
        .text("R ")
        .text(r.value().id)
        .text("\t")
        .number(search_hits[k].title_terms)
        .text("\t")
        .number(search_hits[k].frequency)
        .end();
  }
  Line()
      .text("# search 2 terms ")
      .number(stats.matches)
      .text(" matches ")
      .number(stats.hits)
      .text(" hits: instructions ")
      .number(insns)
      .text(" ram ")
      .number(static_cast<uint32_t>(sizeof(search_scratch) + sizeof(search_hits)))
      .text(" frames_decoded ")
      .number(stats.decoded)
      .end();
  return true;
}

}  // namespace

int main() {
  SysTick::start();
  const size_t size = static_cast<size_t>(sheaf_bundle_end - sheaf_bundle_start);
  uint32_t t0 = SysTick::now();
  (void)SysTick::wrapped();
  const sheaf::Result<sheaf::Bundle> opened =
      sheaf::Bundle::open(sheaf::ByteSpan(sheaf_bundle_start, size));
  if (!opened.ok()) {
    Line().text("FAIL: bundle does not open: ").text(sheaf::to_string(opened.error())).end();
    return 2;
  }
  const sheaf::Bundle& bundle = opened.value();
  const sheaf::Result<sheaf::Decoder> init =
      sheaf::Decoder::init(bundle, sheaf::MutableByteSpan(workspace, sizeof(workspace)));
  uint32_t t1 = SysTick::now();
  const uint32_t open_insns = SysTick::instructions(t0, t1, SysTick::wrapped());
  if (!init.ok()) {
    Line().text("FAIL: decoder: ").text(sheaf::to_string(init.error())).end();
    return 2;
  }
  sheaf::Decoder decoder = init.value();
  const sheaf::BundleInfo& info = bundle.info();
  if (info.max_frame_size > sizeof(frame_buffer)) {
    Line()
        .text("FAIL: frames up to ")
        .number(info.max_frame_size)
        .text(" bytes, buffer ")
        .number(static_cast<uint32_t>(sizeof(frame_buffer)))
        .end();
    return 2;
  }
  Line()
      .text("# board ")
      .text(SHEAF_FW_BOARD)
      .text(" articles ")
      .number(bundle.size())
      .text(" bundle_bytes ")
      .number(static_cast<uint32_t>(size))
      .text(" block_size ")
      .number(info.block_size)
      .end();

  bool ok = true;
  uint32_t longest_parts = 0;
  uint32_t longest = 0;
  for (uint32_t i = 0; i < bundle.size(); ++i) {
    uint32_t parts = 0;
    ok = list_article(bundle, decoder, i, buffer(), parts) && ok;
    if (parts > longest_parts) {
      longest_parts = parts;
      longest = i;
    }
  }
  Line()
      .text("# longest article ")
      .number(longest)
      .text(" read in ")
      .number(longest_parts)
      .text(" frames through one ")
      .number(static_cast<uint32_t>(sizeof(frame_buffer)))
      .text("-byte buffer")
      .end();

  // The reference page, by id (find_index needs only the frame buffer, even for an article
  // longer than a frame), then read frame by frame.
  t0 = SysTick::now();
  (void)SysTick::wrapped();
  const sheaf::Result<uint32_t> seed = decoder.find_index("seed", buffer());
  t1 = SysTick::now();
  const uint32_t find_insns = SysTick::instructions(t0, t1, SysTick::wrapped());
  if (seed.ok()) {
    uint32_t parts = 0;
    t0 = SysTick::now();
    (void)SysTick::wrapped();
    ok = list_article(bundle, decoder, seed.value(), buffer(), parts, false) && ok;
    t1 = SysTick::now();
    Line()
        .text("# instructions open+init ")
        .number(open_insns)
        .text(" find_seed ")
        .number(find_insns)
        .text(" read_seed ")
        .number(SysTick::instructions(t0, t1, SysTick::wrapped()))
        .end();
  } else {
    Line().text("# seed article not in this bundle: ").text(sheaf::to_string(seed.error())).end();
  }

  const uint32_t stack_before_screens = stack_peak_bytes();
  ok = home_screen(bundle, decoder) && ok;
  const uint32_t stack_after_home = stack_peak_bytes();
  ok = search_screen(bundle, decoder) && ok;
  ok = misaligned_is_refused(1) && ok;
  ok = misaligned_is_refused(4) && ok;

  const size_t small = sheaf::Decoder::small_workspace_size(bundle);
  Line()
      .text("# ram workspace ")
      .number(static_cast<uint32_t>(small))
      .text(" frame_buffer ")
      .number(info.max_frame_size)
      .text(" read_any_article ")
      .number(static_cast<uint32_t>(small + info.max_frame_size))
      .text(" decoder_fast_mode ")
      .text(decoder.fast() ? "yes" : "no")
      .end();
  Line().text("# stack peak ").number(stack_peak_bytes()).end();
  Line()
      .text("# stack before_screens ")
      .number(stack_before_screens)
      .text(" after_home_screen ")
      .number(stack_after_home)
      .end();
  Line().text(ok ? "# OK" : "# FAILED").end();
  return ok ? 0 : 1;
}
