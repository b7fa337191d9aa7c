/* sheaf runtime, C interface (C99). Reads a sheaf bundle in place from any byte span, like the
 * C++ runtime it wraps: no heap, every error a status code, all memory the caller's.
 *
 * Build: compile runtime/src/sheaf_c.cpp (C++17; -fno-exceptions -fno-rtti are fine) with the
 * include paths of the C++ runtime (runtime/include, zstd's lib/ and FlatBuffers' headers), link
 * it with your C code and a zstd decoder. Your C code includes only this header.
 *
 * Typical use on a device:
 *
 *   static sheaf_bundle bundle;
 *   static sheaf_decoder decoder;
 *   if (sheaf_open(&bundle, bundle_bytes, bundle_size) != SHEAF_OK) ...
 *   static uint64_t workspace[...];   (sheaf_small_workspace_size(&bundle) bytes, 8-aligned)
 *   sheaf_decoder_init(&decoder, &bundle, workspace, sizeof workspace);
 *   sheaf_headline lines[10]; size_t n;
 *   static char text[...];            (sheaf_screen_buffer_size(&bundle, 10) bytes)
 *   sheaf_newest(&bundle, &decoder, 0, lines, 10, text, sizeof text, &n);
 *                                     home screen: one or two small headline frames decoded
 *   sheaf_read(&decoder, lines[0].article, buffer, buffer_size, &article);
 *   static uint64_t scratch[...];     (sheaf_search_scratch_size(10) bytes, 8-aligned)
 *   sheaf_search_hit hits[10]; sheaf_search_counts counts;
 *   sheaf_search(&bundle, "地震 预警", 13, scratch, sizeof scratch, &decoder, buffer,
 *                buffer_size, hits, 10, &counts);                   search box: best 10 hits
 *
 * Strings are sheaf_str views (not NUL-terminated) into the bundle or into the caller's read
 * buffer; they stay valid as long as that memory does. The numbering of articles is the
 * bundle's (id order), as in the C++ runtime. Status codes are SHEAF_OK (0) or one of the
 * errors below, the values of the C++ runtime's sheaf::Errc. */
#ifndef SHEAF_SHEAF_H
#define SHEAF_SHEAF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes: the values of sheaf::Errc (runtime/include/sheaf/error.hpp). */
enum {
  SHEAF_OK = 0,
  SHEAF_TRUNCATED = 1,
  SHEAF_BAD_MAGIC = 2,
  SHEAF_UNSUPPORTED_VERSION = 3,
  SHEAF_UNSUPPORTED_FEATURE = 4,
  SHEAF_MISALIGNED = 5,
  SHEAF_CORRUPT_HEADER = 6,
  SHEAF_CORRUPT_INDEX = 7,
  SHEAF_OUT_OF_RANGE = 8,
  SHEAF_NOT_FOUND = 9, /* no such article, or the bundle has no such optional section */
  SHEAF_WORKSPACE_TOO_SMALL = 10,
  SHEAF_OUTPUT_TOO_SMALL = 11,
  SHEAF_CORRUPT_BODY = 12,
  SHEAF_CHECKSUM_MISMATCH = 13,
  SHEAF_TOO_LARGE = 14,
  SHEAF_IO_ERROR = 15,
  SHEAF_WRONG_BASE = 16, /* sheaf_apply_patch: the patch is for another bundle */
  SHEAF_CORRUPT_PATCH = 17
};

/* A short English description of a status code ("corrupt index"), never NULL. */
const char* sheaf_status_text(int status);

/* Bytes that are not NUL-terminated: a view into the bundle or into a read buffer. */
typedef struct sheaf_str {
  const char* data;
  size_t size;
} sheaf_str;

/* An opened bundle, and its optional tables opened once. Opaque; sized for 32- and 64-bit
 * targets (the implementation checks it at compile time). */
typedef struct sheaf_bundle {
  uint64_t opaque_[80];
} sheaf_bundle;

/* A decoder (a zstd context in the caller's workspace). Opaque. */
typedef struct sheaf_decoder {
  uint64_t opaque_[48];
} sheaf_decoder;

/* One article's record, read into the caller's buffer. */
typedef struct sheaf_article {
  sheaf_str id, title, subtitle, date, source, author, location, url;
  sheaf_str body;          /* UTF-8 paragraphs joined by '\n' */
  uint32_t category_count; /* breadcrumb depth: sheaf_article_category() gives each */
  sheaf_str header_;       /* private: the record's field bytes */
} sheaf_article;

/* One line of a list screen: the article, its date key and title (a view into the caller's
 * text buffer). */
typedef struct sheaf_headline {
  uint32_t article;
  uint32_t date_key; /* sheaf_date_text() gives "YYYY-MM-DD", "--MM-DD" or "" */
  sheaf_str title;
} sheaf_headline;

/* ---- Opening, counts, memory -------------------------------------------------------------- */

/* Opens the bundle at `bytes` (8-byte aligned, `size` bytes; it must outlive `b`) and its
 * optional tables. O(1) plus the NAVIGATION tree's check. */
int sheaf_open(sheaf_bundle* b, const void* bytes, size_t size);

/* Number of articles. */
uint32_t sheaf_count(const sheaf_bundle* b);

/* Decoder workspace bytes: fast mode (dictionary parsed once) and small mode (less RAM). */
size_t sheaf_workspace_size(const sheaf_bundle* b);
size_t sheaf_small_workspace_size(const sheaf_bundle* b);

/* Read buffer bytes that hold any article (max_read_size). */
size_t sheaf_read_buffer_size(const sheaf_bundle* b);

/* Builds a decoder in `workspace` (8-byte aligned; fast mode when it holds
 * sheaf_workspace_size() bytes, else small mode). `b` must outlive `d`. */
int sheaf_decoder_init(sheaf_decoder* d, const sheaf_bundle* b, void* workspace, size_t size);

/* ---- Articles -------------------------------------------------------------------------------- */

/* Article `index` (0 to count - 1) decoded into `buffer` and parsed into `out`. */
int sheaf_read(sheaf_decoder* d, uint32_t index, void* buffer, size_t size, sheaf_article* out);

/* The article with this id: its index and (when `out` is not NULL) its record in `buffer`. */
int sheaf_find(sheaf_decoder* d, const char* id, size_t id_size, void* buffer, size_t size,
               uint32_t* index, sheaf_article* out);

/* Breadcrumb category `k` of an article read by sheaf_read or sheaf_find (0 = outermost). */
int sheaf_article_category(const sheaf_article* a, uint32_t k, sheaf_str* out);

/* ---- List screens (NAVIGATION and HEADLINES sections; no record decoded) --------------------- */

/* Text buffer bytes for a newest-first screen of `lines` headlines (the titles, copied out of
 * one or two decoded headline frames, and the frame being decoded), and the buffer bytes
 * sheaf_title_prefix and sheaf_title_at need (one headline frame). 0 without HEADLINES. */
size_t sheaf_screen_buffer_size(const sheaf_bundle* b, size_t lines);
size_t sheaf_headline_buffer_size(const sheaf_bundle* b);

/* Up to `capacity` headlines of the newest-first order from slot `first`, their titles copied
 * into `text` (`text_size` bytes, at least sheaf_headline_buffer_size(); a buffer smaller than
 * sheaf_screen_buffer_size() may give fewer lines); `*count` is how many (0 past the end).
 * `d` is a decoder of the same bundle. SHEAF_NOT_FOUND when the bundle has no NAVIGATION or
 * HEADLINES section. */
int sheaf_newest(const sheaf_bundle* b, sheaf_decoder* d, uint32_t first, sheaf_headline* out,
                 size_t capacity, void* text, size_t text_size, size_t* count);

/* The category node of `path` ("A > B", as `sheaf cat` prints a breadcrumb; "" is the root). */
int sheaf_category_find(const sheaf_bundle* b, const char* path, size_t size, uint32_t* node);

/* A category node's name, its number of children, child `j`, and its article count (those filed
 * in it and below). Past the last node: an empty name and zero counts; sheaf_category_child
 * gives SHEAF_OUT_OF_RANGE. */
sheaf_str sheaf_category_name(const sheaf_bundle* b, uint32_t node);
uint32_t sheaf_category_child_count(const sheaf_bundle* b, uint32_t node);
int sheaf_category_child(const sheaf_bundle* b, uint32_t node, uint32_t j, uint32_t* child);
uint32_t sheaf_category_article_count(const sheaf_bundle* b, uint32_t node);

/* Up to `capacity` headlines of the articles filed exactly in `node`, newest first, from its
 * `first`-th. */
int sheaf_category_headlines(const sheaf_bundle* b, sheaf_decoder* d, uint32_t node, uint32_t first,
                             sheaf_headline* out, size_t capacity, void* text, size_t text_size,
                             size_t* count);

/* The titles starting with `prefix`: positions [*begin, *end) of the title order, each read by
 * sheaf_title_at (its article, and its title as a view into `buffer`). `buffer` holds
 * sheaf_headline_buffer_size() bytes; a lookup decodes O(log n) small headline frames. */
int sheaf_title_prefix(const sheaf_bundle* b, sheaf_decoder* d, const char* prefix, size_t size,
                       void* buffer, size_t buffer_size, uint32_t* begin, uint32_t* end);
int sheaf_title_at(const sheaf_bundle* b, sheaf_decoder* d, uint32_t position, void* buffer,
                   size_t buffer_size, uint32_t* article, sheaf_str* title);

/* The date a date key stands for, written to `out` (not terminated): 10, 7 or 0 bytes. */
size_t sheaf_date_text(uint32_t date_key, char out[10]);

/* ---- Font subset (CHARSET section) ----------------------------------------------------------- */

/* Sets `*contains` to 1 when the bundle's text uses code point `cp`, else 0. SHEAF_NOT_FOUND
 * when the bundle has no CHARSET section. */
int sheaf_charset_contains(const sheaf_bundle* b, uint32_t cp, int* contains);

/* The number of code points, and the first one at or after `from` (SHEAF_NOT_FOUND past the
 * last). Walk them all: for (cp = 0; sheaf_charset_next(b, cp, &cp) == SHEAF_OK; ++cp). */
uint32_t sheaf_charset_size(const sheaf_bundle* b);
int sheaf_charset_next(const sheaf_bundle* b, uint32_t from, uint32_t* cp);

/* ---- Full-text search (SEARCH section, `sheaf build --search`) ---------------------------- */

/* One article found, with its score: hits rank by title_terms descending, then frequency
 * descending, then rank ascending (SPEC: "Search section", "Score"). */
typedef struct sheaf_search_hit {
  uint32_t article;     /* the article's index, for sheaf_read */
  uint32_t title_terms; /* query terms found in its title */
  uint32_t frequency;   /* occurrences of all the terms in its normalised text */
  uint32_t rank;        /* its newest-first slot (NAVIGATION), or its index without one */
} sheaf_search_hit;

/* What a search found: `matches` articles in all, the best `hits` of them written. `decoded`
 * records were decoded to confirm terms of three code points or more. */
typedef struct sheaf_search_counts {
  uint32_t matches;
  uint32_t hits;
  uint32_t decoded;
} sheaf_search_counts;

/* Scratch bytes (8-byte aligned) a search with `capacity` hits needs: the folded terms, their
 * posting cursors and the hits being ranked. About 13 KiB on a 32-bit MCU for 10 hits. */
size_t sheaf_search_scratch_size(size_t capacity);

/* Runs `query` (UTF-8, terms separated by white space; an article matches when its normalised
 * title, subtitle or body holds every term) and writes the best `capacity` hits to `hits` in
 * rank order, and the counts to `*counts`. Terms of one or two code points are answered from the
 * index alone; longer ones are confirmed by decoding each candidate with `d` into `buffer`
 * (sheaf_read_buffer_size() bytes): `d` may be NULL, and `buffer` NULL, when no term is that
 * long. Statuses: SHEAF_NOT_FOUND when the bundle has no SEARCH section;
 * SHEAF_WORKSPACE_TOO_SMALL when `scratch` holds fewer than sheaf_search_scratch_size(capacity)
 * bytes, SHEAF_MISALIGNED when it is not 8-byte aligned; SHEAF_OUT_OF_RANGE for a query of more
 * than 8 terms or a term longer than 32 code points once normalised, or a long term without a
 * decoder; a read error of `d` (SHEAF_OUTPUT_TOO_SMALL: `buffer` is too small). A query with no
 * term, or a term in no article, finds nothing (SHEAF_OK, zero counts). */
int sheaf_search(const sheaf_bundle* b, const char* query, size_t size, void* scratch,
                 size_t scratch_size, sheaf_decoder* d, void* buffer, size_t buffer_size,
                 sheaf_search_hit* hits, size_t capacity, sheaf_search_counts* counts);

/* ---- Text layout for small displays ---------------------------------------------------------- */

/* The advance width in pixels of code point `cp` in the display's font. */
typedef uint32_t (*sheaf_glyph_advance)(uint32_t cp, void* context);

/* One line: bytes [begin, end) of the text, its width, and where the next line starts. */
typedef struct sheaf_line {
  size_t begin, end;
  uint32_t width;
  size_t next;
} sheaf_line;

/* Breaks `text` from byte `from` into at most `max_lines` lines of at most `width` pixels (CJK
 * line-breaking rules, Latin words kept whole; runtime/include/sheaf/layout.hpp), into `lines`.
 * Returns how many; `*next` is where the following screen starts (the text's size at its
 * end). */
size_t sheaf_layout_screen(const char* text, size_t size, size_t from, uint32_t width,
                           sheaf_glyph_advance advance, void* context, sheaf_line* lines,
                           size_t max_lines, size_t* next);

/* ---- Patches (schema/SPEC.md "Patches"; `sheaf diff` makes them) --------------------------- */

/* Checks the patch's header and sets `*workspace_size` to the bytes (8-byte aligned)
 * sheaf_apply_patch needs for it: a zstd context plus its largest block, or 0. */
int sheaf_patch_workspace_size(const void* patch, size_t patch_size, size_t* workspace_size);

/* Receives the new bundle front to back, in pieces; returns nonzero when it wrote them. */
typedef int (*sheaf_patch_sink)(void* context, const uint8_t* data, size_t size);

/* Applies `patch` to the bundle `base` in one forward pass, writing the new bundle to `sink`
 * (a second flash slot). Checks first that `base` is the patch's base (SHEAF_WRONG_BASE) and
 * the patch's checksums (SHEAF_CORRUPT_PATCH), at the end the new bundle's size and checksum
 * (SHEAF_CHECKSUM_MISMATCH); SHEAF_IO_ERROR when the sink refused. On any error, discard what
 * the sink received. */
int sheaf_apply_patch(const void* base, size_t base_size, const void* patch, size_t patch_size,
                      void* workspace, size_t workspace_size, sheaf_patch_sink sink, void* context);

#ifdef __cplusplus
}
#endif

#endif /* SHEAF_SHEAF_H */
