// sheaf runtime: the C interface of <sheaf/sheaf.h>, one translation unit over the header-only
// C++ runtime. No heap, no exceptions, no RTTI: it compiles with the firmware's flags.
#include <cstdint>
#include <new>
#include <string_view>

#include <sheaf/search_query.hpp>
#include <sheaf/sheaf.h>
#include <sheaf/sheaf.hpp>

namespace {

// What a sheaf_bundle holds: the bundle and its optional tables, each opened once.
struct BundleState {
  sheaf::Bundle bundle;
  sheaf::Navigation navigation;
  sheaf::Headlines headlines;
  sheaf::Charset charset;
  sheaf::SearchIndex search;
  sheaf::Errc navigation_status = sheaf::Errc::not_found;
  sheaf::Errc headlines_status = sheaf::Errc::not_found;
  sheaf::Errc charset_status = sheaf::Errc::not_found;
  sheaf::Errc search_status = sheaf::Errc::not_found;
};

static_assert(sizeof(BundleState) <= sizeof(sheaf_bundle), "sheaf_bundle is too small");
static_assert(alignof(BundleState) <= alignof(sheaf_bundle), "sheaf_bundle is misaligned");
static_assert(sizeof(sheaf::Decoder) <= sizeof(sheaf_decoder), "sheaf_decoder is too small");
static_assert(alignof(sheaf::Decoder) <= alignof(sheaf_decoder), "sheaf_decoder is misaligned");

const BundleState& state(const sheaf_bundle* b) {
  return *std::launder(reinterpret_cast<const BundleState*>(b->opaque_));
}

sheaf::Decoder& decoder(sheaf_decoder* d) {
  return *std::launder(reinterpret_cast<sheaf::Decoder*>(d->opaque_));
}

int status(sheaf::Errc e) {
  return static_cast<int>(e);
}

sheaf_str str(std::string_view s) {
  return sheaf_str{s.data(), s.size()};
}

std::string_view view(const char* data, size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

sheaf::ByteSpan bytes(const void* data, size_t size) {
  return sheaf::ByteSpan(static_cast<const uint8_t*>(data), data == nullptr ? 0 : size);
}

// sheaf_apply_patch's sink, called through the C++ runtime's bool-returning one.
struct CSink {
  sheaf_patch_sink sink;
  void* context;
};

bool forward_to_c_sink(void* context, const uint8_t* data, size_t size) {
  const CSink* c = static_cast<const CSink*>(context);
  return c->sink(c->context, data, size) != 0;
}

sheaf::MutableByteSpan span(void* data, size_t size) {
  return sheaf::MutableByteSpan(static_cast<uint8_t*>(data), data == nullptr ? 0 : size);
}

void to_article(const sheaf::Record& r, sheaf_article* out) {
  *out = sheaf_article{str(r.id),     str(r.title),       str(r.subtitle), str(r.date),
                       str(r.source), str(r.author),      str(r.location), str(r.url),
                       str(r.body),   r.category_count(), str(r.header)};
}

// Both tables a list screen reads, or the status of the first one missing.
sheaf::Errc screen_tables(const BundleState& s) {
  return s.navigation_status != sheaf::Errc::ok ? s.navigation_status : s.headlines_status;
}

// Fills `out` with up to `capacity` headlines, `fill(first, lines, n, text)` giving the C++
// ones from the `first`-th on, a few at a time through a small buffer (the C struct holds a
// sheaf_str where the C++ one holds a string_view), their titles copied into `text` one chunk
// after the other.
template <typename Fill>
int fill_headlines(Fill fill, uint32_t first, sheaf_headline* out, size_t capacity,
                   sheaf::MutableByteSpan text, size_t* count) {
  constexpr size_t kChunk = 16;
  sheaf::Headline lines[kChunk];
  size_t done = 0;
  size_t used = 0;  // text bytes the titles so far take
  while (done < capacity) {
    const size_t want = capacity - done < kChunk ? capacity - done : kChunk;
    const sheaf::MutableByteSpan rest(text.data() + used, text.size() - used);
    const sheaf::Result<size_t> n = fill(first + static_cast<uint32_t>(done), lines, want, rest);
    if (!n.ok()) {
      if (n.error() == sheaf::Errc::output_too_small && done > 0) {
        break;  // the text buffer is full: the lines so far
      }
      return status(n.error());
    }
    for (size_t k = 0; k < n.value(); ++k) {
      out[done + k] = sheaf_headline{lines[k].article, lines[k].date_key, str(lines[k].title)};
      const auto end =
          reinterpret_cast<const uint8_t*>(lines[k].title.data()) + lines[k].title.size();
      if (!lines[k].title.empty()) {
        used = static_cast<size_t>(end - text.data());
      }
    }
    done += n.value();
    if (n.value() < want) {
      break;
    }
  }
  *count = done;
  return SHEAF_OK;
}

// A search's scratch memory: the C++ runtime's SearchScratch, then its hits (converted to the
// C struct at the end, so that the two layouts need not agree).
constexpr size_t kScratchHits = (sizeof(sheaf::SearchScratch) + alignof(sheaf::SearchHit) - 1) /
                                alignof(sheaf::SearchHit) * alignof(sheaf::SearchHit);
static_assert(alignof(sheaf::SearchScratch) <= 8 && alignof(sheaf::SearchHit) <= 8,
              "sheaf_search's scratch is 8-byte aligned");

}  // namespace

extern "C" {

const char* sheaf_status_text(int s) {
  return s < 0 || s > static_cast<int>(sheaf::Errc::corrupt_patch)
             ? "unknown status"
             : sheaf::to_string(static_cast<sheaf::Errc>(s));
}

int sheaf_open(sheaf_bundle* b, const void* bytes, size_t size) {
  const sheaf::Result<sheaf::Bundle> opened =
      sheaf::Bundle::open(sheaf::ByteSpan(static_cast<const uint8_t*>(bytes), size));
  if (!opened.ok()) {
    return status(opened.error());
  }
  BundleState* s = new (b->opaque_) BundleState{};
  s->bundle = opened.value();
  const sheaf::Result<sheaf::Navigation> nav = s->bundle.navigation();
  s->navigation_status = nav.error();
  s->navigation = nav.value_or(sheaf::Navigation());
  const sheaf::Result<sheaf::Headlines> headlines = s->bundle.headlines();
  s->headlines_status = headlines.error();
  s->headlines = headlines.value_or(sheaf::Headlines());
  const sheaf::Result<sheaf::Charset> charset = s->bundle.charset();
  s->charset_status = charset.error();
  s->charset = charset.value_or(sheaf::Charset());
  const sheaf::Result<sheaf::SearchIndex> search = s->bundle.search();
  s->search_status = search.error();
  s->search = search.value_or(sheaf::SearchIndex());
  return SHEAF_OK;
}

uint32_t sheaf_count(const sheaf_bundle* b) {
  return state(b).bundle.size();
}

size_t sheaf_workspace_size(const sheaf_bundle* b) {
  return sheaf::Decoder::workspace_size(state(b).bundle);
}

size_t sheaf_small_workspace_size(const sheaf_bundle* b) {
  return sheaf::Decoder::small_workspace_size(state(b).bundle);
}

size_t sheaf_read_buffer_size(const sheaf_bundle* b) {
  return static_cast<size_t>(state(b).bundle.info().max_read_size);
}

int sheaf_decoder_init(sheaf_decoder* d, const sheaf_bundle* b, void* workspace, size_t size) {
  const sheaf::Result<sheaf::Decoder> init =
      sheaf::Decoder::init(state(b).bundle, span(workspace, size));
  if (!init.ok()) {
    return status(init.error());
  }
  new (d->opaque_) sheaf::Decoder(init.value());
  return SHEAF_OK;
}

int sheaf_read(sheaf_decoder* d, uint32_t index, void* buffer, size_t size, sheaf_article* out) {
  const sheaf::Result<sheaf::Record> r = decoder(d).read(index, span(buffer, size));
  if (!r.ok()) {
    return status(r.error());
  }
  to_article(r.value(), out);
  return SHEAF_OK;
}

int sheaf_find(sheaf_decoder* d, const char* id, size_t id_size, void* buffer, size_t size,
               uint32_t* index, sheaf_article* out) {
  const sheaf::Result<sheaf::Found> found = decoder(d).find(view(id, id_size), span(buffer, size));
  if (!found.ok()) {
    return status(found.error());
  }
  *index = found.value().index;
  if (out != nullptr) {
    to_article(found.value().record, out);
  }
  return SHEAF_OK;
}

int sheaf_article_category(const sheaf_article* a, uint32_t k, sheaf_str* out) {
  sheaf::Record r;
  r.header = view(a->header_.data, a->header_.size);
  const sheaf::Result<std::string_view> c = r.category(k);
  if (!c.ok()) {
    return status(c.error());
  }
  *out = str(c.value());
  return SHEAF_OK;
}

size_t sheaf_screen_buffer_size(const sheaf_bundle* b, size_t lines) {
  return sheaf::screen_buffer_size(state(b).headlines, lines);
}

size_t sheaf_headline_buffer_size(const sheaf_bundle* b) {
  return state(b).headlines.max_raw();
}

int sheaf_newest(const sheaf_bundle* b, sheaf_decoder* d, uint32_t first, sheaf_headline* out,
                 size_t capacity, void* text, size_t text_size, size_t* count) {
  const BundleState& s = state(b);
  if (screen_tables(s) != sheaf::Errc::ok) {
    return status(screen_tables(s));
  }
  return fill_headlines(
      [&](uint32_t from, sheaf::Headline* lines, size_t n, sheaf::MutableByteSpan rest) {
        return sheaf::newest_headlines(s.navigation, s.headlines, decoder(d), from, lines, n, rest);
      },
      first, out, capacity, span(text, text_size), count);
}

int sheaf_category_find(const sheaf_bundle* b, const char* path, size_t size, uint32_t* node) {
  const BundleState& s = state(b);
  if (s.navigation_status != sheaf::Errc::ok) {
    return status(s.navigation_status);
  }
  // "A > B" one part at a time: a binary search among the children at each level.
  std::string_view rest = view(path, size);
  uint32_t k = sheaf::Navigation::category_root();
  while (!rest.empty()) {
    const size_t sep = rest.find(" > ");
    const sheaf::Result<uint32_t> child = s.navigation.find_child(k, rest.substr(0, sep));
    if (!child.ok()) {
      return status(child.error());
    }
    k = child.value();
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 3);
  }
  *node = k;
  return SHEAF_OK;
}

sheaf_str sheaf_category_name(const sheaf_bundle* b, uint32_t node) {
  return str(state(b).navigation.name(node));
}

uint32_t sheaf_category_child_count(const sheaf_bundle* b, uint32_t node) {
  return state(b).navigation.child_count(node);
}

int sheaf_category_child(const sheaf_bundle* b, uint32_t node, uint32_t j, uint32_t* child) {
  const sheaf::Result<uint32_t> c = state(b).navigation.child(node, j);
  if (!c.ok()) {
    return status(c.error());
  }
  *child = c.value();
  return SHEAF_OK;
}

uint32_t sheaf_category_article_count(const sheaf_bundle* b, uint32_t node) {
  return state(b).navigation.count(node);
}

int sheaf_category_headlines(const sheaf_bundle* b, sheaf_decoder* d, uint32_t node, uint32_t first,
                             sheaf_headline* out, size_t capacity, void* text, size_t text_size,
                             size_t* count) {
  const BundleState& s = state(b);
  if (screen_tables(s) != sheaf::Errc::ok) {
    return status(screen_tables(s));
  }
  return fill_headlines(
      [&](uint32_t from, sheaf::Headline* lines, size_t n, sheaf::MutableByteSpan rest) {
        return sheaf::category_headlines(s.navigation, s.headlines, decoder(d), node, from, lines,
                                         n, rest);
      },
      first, out, capacity, span(text, text_size), count);
}

int sheaf_title_prefix(const sheaf_bundle* b, sheaf_decoder* d, const char* prefix, size_t size,
                       void* buffer, size_t buffer_size, uint32_t* begin, uint32_t* end) {
  const BundleState& s = state(b);
  if (screen_tables(s) != sheaf::Errc::ok) {
    return status(screen_tables(s));
  }
  const sheaf::Result<sheaf::Headlines::Range> r =
      s.headlines.with_prefix(decoder(d), view(prefix, size), span(buffer, buffer_size));
  if (!r.ok()) {
    return status(r.error());
  }
  *begin = r.value().begin;
  *end = r.value().end;
  return SHEAF_OK;
}

int sheaf_title_at(const sheaf_bundle* b, sheaf_decoder* d, uint32_t position, void* buffer,
                   size_t buffer_size, uint32_t* article, sheaf_str* title) {
  const BundleState& s = state(b);
  if (screen_tables(s) != sheaf::Errc::ok) {
    return status(screen_tables(s));
  }
  const sheaf::Result<uint32_t> slot = s.headlines.slot_at(position);
  if (!slot.ok()) {
    return status(slot.error());
  }
  const sheaf::Result<uint32_t> a = s.navigation.newest(slot.value());
  const sheaf::Result<std::string_view> t =
      s.headlines.title_at_slot(decoder(d), slot.value(), span(buffer, buffer_size));
  if (!a.ok() || !t.ok()) {
    return status(!a.ok() ? a.error() : t.error());
  }
  *article = a.value();
  *title = str(t.value());
  return SHEAF_OK;
}

size_t sheaf_date_text(uint32_t date_key, char out[10]) {
  char text[10];
  const size_t n = sheaf::date_text(date_key, text);
  for (size_t k = 0; k < n; ++k) {
    out[k] = text[k];
  }
  return n;
}

int sheaf_charset_contains(const sheaf_bundle* b, uint32_t cp, int* contains) {
  const BundleState& s = state(b);
  if (s.charset_status != sheaf::Errc::ok) {
    return status(s.charset_status);
  }
  *contains = s.charset.contains(cp) ? 1 : 0;
  return SHEAF_OK;
}

uint32_t sheaf_charset_size(const sheaf_bundle* b) {
  return state(b).charset.code_point_count();
}

int sheaf_charset_next(const sheaf_bundle* b, uint32_t from, uint32_t* cp) {
  const BundleState& s = state(b);
  if (s.charset_status != sheaf::Errc::ok) {
    return status(s.charset_status);
  }
  const sheaf::Result<uint32_t> next = s.charset.next(from);
  if (!next.ok()) {
    return status(next.error());
  }
  *cp = next.value();
  return SHEAF_OK;
}

size_t sheaf_search_scratch_size(size_t capacity) {
  if (capacity > (SIZE_MAX - kScratchHits) / sizeof(sheaf::SearchHit)) {
    return SIZE_MAX;
  }
  return kScratchHits + capacity * sizeof(sheaf::SearchHit);
}

int sheaf_search(const sheaf_bundle* b, const char* query, size_t size, void* scratch,
                 size_t scratch_size, sheaf_decoder* d, void* buffer, size_t buffer_size,
                 sheaf_search_hit* hits, size_t capacity, sheaf_search_counts* counts) {
  const BundleState& s = state(b);
  *counts = sheaf_search_counts{0, 0, 0};
  if (s.search_status != sheaf::Errc::ok) {
    return status(s.search_status);
  }
  if (capacity > UINT32_MAX) {
    return SHEAF_OUT_OF_RANGE;
  }
  if (scratch == nullptr || scratch_size < sheaf_search_scratch_size(capacity)) {
    return SHEAF_WORKSPACE_TOO_SMALL;
  }
  if (reinterpret_cast<uintptr_t>(scratch) % 8 != 0) {
    return SHEAF_MISALIGNED;
  }
  // Default-initialised: the search sets what it reads (no 13 KiB of zeroes).
  sheaf::SearchScratch* terms = new (scratch) sheaf::SearchScratch;
  uint8_t* const hit_bytes = static_cast<uint8_t*>(scratch) + kScratchHits;
  sheaf::SearchHit* found = nullptr;
  for (size_t k = 0; k < capacity; ++k) {
    sheaf::SearchHit* const hit = new (hit_bytes + k * sizeof(sheaf::SearchHit)) sheaf::SearchHit;
    found = k == 0 ? hit : found;
  }
  const sheaf::Result<sheaf::SearchStats> stats = sheaf::search(
      s.bundle, s.search, view(query, size), *terms, found, static_cast<uint32_t>(capacity),
      d == nullptr ? nullptr : &decoder(d), span(buffer, buffer_size));
  if (!stats.ok()) {
    return status(stats.error());
  }
  for (uint32_t k = 0; k < stats.value().hits; ++k) {
    hits[k] =
        sheaf_search_hit{found[k].article, found[k].title_terms, found[k].frequency, found[k].rank};
  }
  *counts = sheaf_search_counts{stats.value().matches, stats.value().hits, stats.value().decoded};
  return SHEAF_OK;
}

size_t sheaf_layout_screen(const char* text, size_t size, size_t from, uint32_t width,
                           sheaf_glyph_advance advance, void* context, sheaf_line* lines,
                           size_t max_lines, size_t* next) {
  // A few lines at a time through a small buffer: a screen continues where the last one ended.
  constexpr size_t kChunk = 8;
  sheaf::Line chunk[kChunk];
  size_t done = 0;
  size_t at = from;
  while (done < max_lines && at < size) {
    const size_t want = max_lines - done < kChunk ? max_lines - done : kChunk;
    const sheaf::Screen screen =
        sheaf::layout_screen(view(text, size), at, width, advance, context, chunk, want);
    for (size_t k = 0; k < screen.lines; ++k) {
      lines[done + k] = sheaf_line{chunk[k].begin, chunk[k].end, chunk[k].width, chunk[k].next};
    }
    done += screen.lines;
    at = screen.next;
    if (screen.lines < want) {
      break;
    }
  }
  *next = at;
  return done;
}

int sheaf_patch_workspace_size(const void* patch, size_t patch_size, size_t* workspace_size) {
  const sheaf::Result<sheaf::PatchHeader> h = sheaf::read_patch_header(bytes(patch, patch_size));
  *workspace_size = h.ok() ? sheaf::patch_workspace_size(h.value()) : 0;
  return status(h.error());
}

int sheaf_apply_patch(const void* base, size_t base_size, const void* patch, size_t patch_size,
                      void* workspace, size_t workspace_size, sheaf_patch_sink sink,
                      void* context) {
  CSink c{sink, context};
  return status(sheaf::apply_patch(bytes(base, base_size), bytes(patch, patch_size),
                                   span(workspace, workspace_size), forward_to_c_sink, &c));
}

}  // extern "C"
