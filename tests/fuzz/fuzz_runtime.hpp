// tests/fuzz: what the runtime fuzz targets do with a candidate bundle: open it, check it, and
// read everything it claims to hold (every article, by position, by parts, by id and by title),
// as a firmware or a kiosk would. Any fault, sanitizer report or endless loop is a finding;
// errors are the expected outcome for most inputs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <sheaf/sheaf.hpp>

namespace sheaf::fuzz {

// Bounds that keep one input cheap: a damaged header may claim gigabytes.
constexpr size_t kMaxWorkspace = size_t{64} << 20;
constexpr size_t kMaxBuffer = size_t{4} << 20;
constexpr uint32_t kMaxArticles = 64;

inline void exercise_bundle(const uint8_t* data, size_t size) {
  // Bundles are read from 8-byte aligned memory (mmap, flash): copy there.
  std::vector<uint64_t> words(size / 8 + 1);
  if (size != 0) {
    std::memcpy(words.data(), data, size);
  }
  const ByteSpan bytes(reinterpret_cast<const uint8_t*>(words.data()), size);
  const Result<Bundle> opened = Bundle::open(bytes);
  if (!opened.ok()) {
    return;
  }
  const Bundle& b = opened.value();
  (void)verify_all(b);
  const BundleInfo info = b.info();
  size_t workspace_size = Decoder::workspace_size(b);
  if (workspace_size > kMaxWorkspace) {
    workspace_size = Decoder::small_workspace_size(b);
  }
  if (workspace_size > kMaxWorkspace) {
    return;
  }
  std::vector<uint64_t> workspace(workspace_size / 8 + 1);
  const Result<Decoder> init = Decoder::init(
      b, MutableByteSpan(reinterpret_cast<uint8_t*>(workspace.data()), workspace.size() * 8));
  if (!init.ok()) {
    return;
  }
  Decoder d = init.value();
  std::vector<uint8_t> buffer(
      std::min<size_t>(kMaxBuffer, std::max<size_t>({info.max_read_size, info.max_frame_size, 1})));
  const MutableByteSpan out(buffer.data(), buffer.size());
  const Result<SearchIndex> index = b.search();
  static SearchScratch scratch;  // about 13 KiB: not on the stack
  SearchHit hits[4];
  auto query = [&](std::string_view q) {
    if (index.ok()) {
      (void)search(b, index.value(), q, scratch, hits, 4, &d, out);
    }
  };
  for (uint32_t i = 0; i < b.size() && i < kMaxArticles; ++i) {
    const Result<ArticleView> a = b.article(i);
    if (!a.ok()) {
      continue;
    }
    const Result<RecordPlan> plan = b.record_plan(a.value());
    if (plan.ok()) {
      RecordCheck check;
      for (uint32_t k = 0; k < plan.value().frame_count && k < 8; ++k) {
        const Result<std::string_view> part = d.read_part(a.value(), k, out);
        if (part.ok()) {
          check.add(part.value());
        }
      }
      (void)check.matches(a.value());
    }
    const Result<Record> r = d.read(a.value(), out);
    if (!r.ok()) {
      continue;
    }
    // Copy what the lookups need: they reuse the buffer the record points into.
    const std::string id(r.value().id);
    const std::string title(r.value().title);
    for (uint32_t k = 0; k < r.value().category_count(); ++k) {
      (void)r.value().category(k);
    }
    (void)b.site_of(r.value());
    (void)d.find(id, out);
    (void)d.find_index(id, out);
    (void)d.find_title(title, out);
    query(title);
  }
  for (const char* q : {"a", "ab", "abc de", "\xE5\x9C\xB0\xE9\x9C\x87 \xE9\xA2\x84", "\xE5"}) {
    query(q);
  }
  if (index.ok()) {
    (void)index.value().verify();
  }
  for (uint32_t k = 0; k < b.source_count() && k < kMaxArticles; ++k) {
    (void)b.source(k);
  }
  (void)d.find("", out);
  (void)d.find_title("", out);
  (void)verify_bodies(b, d, out);
  // The HEADLINES section: titles by slot, a prefix lookup, a list screen, the whole check;
  // every read bounded by what the section claims (max_raw, capped like the other buffers).
  const Result<Headlines> headlines = b.headlines();
  const Result<Navigation> nav = b.navigation();
  if (headlines.ok() && nav.ok() && headlines.value().max_raw() <= kMaxBuffer / 4) {
    const Headlines& h = headlines.value();
    std::vector<uint8_t> text(screen_buffer_size(h, 4) + 1);
    const MutableByteSpan t(text.data(), text.size());
    for (uint32_t s = 0; s < h.count() && s < kMaxArticles; ++s) {
      (void)h.title_at_slot(d, s, t);
    }
    (void)h.with_prefix(d, "a", t);
    Headline lines[4];
    (void)newest_headlines(nav.value(), h, d, 0, lines, 4, t);
    (void)category_headlines(nav.value(), h, d, 0, 0, lines, 4, t);
    std::vector<uint8_t> check(std::min<size_t>(kMaxBuffer, headlines_verify_size(b)));
    (void)verify_headlines(b, d, MutableByteSpan(check.data(), check.size()));
  }
}

}  // namespace sheaf::fuzz
