/* tests/c_api: the C interface (<sheaf/sheaf.h>) exercised from C99, on the host and on the
 * MCU alike: every article read and found by id, the home screen, the category tree, a title
 * prefix, the charset and the layout of the longest body. It prints lines that
 * tests/c_api/compare.py checks against the `sheaf` CLI's answers for the same bundle:
 *
 *   count N
 *   A <index>\t<id>\t<date>\t<title>\t<categories joined by " > ">\t<body bytes>\t<FNV-1a 32>
 *   H <date>\t<title>                          the 10 newest headlines
 *   C <depth spaces><name> (<count>)           the category tree, as `sheaf categories`
 *   P <prefix bytes> <matches>                 titles starting with article 0's first 3 bytes
 *   S <code points> covers <yes|no>            the charset, and whether it covers every title
 *   L <article> <lines> <screens> <widths ok>  the longest body laid out 240 px wide
 *   Q <query>\t<matches>\t<hits>              a search (best 5 hits), as `sheaf search`
 *   R <id>\t<title terms>\t<frequency>         each hit, best first, as `sheaf search --json`
 *   E <status text>                            an error, which fails the check
 *
 * Memory: all static (sizes set by SHEAF_C_WORKSPACE_BYTES, SHEAF_C_BUFFER_BYTES and
 * SHEAF_C_SEARCH_BYTES); no heap. The bundle must be built with --search. */
#include "c_api_check.h"

#include <string.h>

#include <sheaf/sheaf.h>

static sheaf_bundle bundle;
static sheaf_decoder decoder;
#ifndef SHEAF_C_WORKSPACE_BYTES
#define SHEAF_C_WORKSPACE_BYTES (192 * 1024) /* fast mode for the examples' dictionary */
#endif
#ifndef SHEAF_C_BUFFER_BYTES
#define SHEAF_C_BUFFER_BYTES (160 * 1024) /* max_read_size of the examples */
#endif
#ifndef SHEAF_C_SEARCH_BYTES
#define SHEAF_C_SEARCH_BYTES (16 * 1024) /* >= sheaf_search_scratch_size(kSearchHits) */
#endif
static uint64_t workspace[SHEAF_C_WORKSPACE_BYTES / 8];
static uint64_t search_scratch[SHEAF_C_SEARCH_BYTES / 8];
static uint8_t buffer[SHEAF_C_BUFFER_BYTES];
static char line[512];
static size_t line_size;
static void (*emit)(const char* text);

static void put(const char* s, size_t n) {
  size_t k;
  for (k = 0; k < n; ++k) {
    if (line_size + 2 >= sizeof line) {
      line[line_size] = '\0';
      emit(line);
      line_size = 0;
    }
    line[line_size++] = s[k];
  }
}

static void put_text(const char* s) {
  put(s, strlen(s));
}

static void put_str(sheaf_str s) {
  put(s.data, s.size);
}

static void put_number(uint32_t v) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) {
    put(&digits[--n], 1);
  }
}

static void end_line(void) {
  line[line_size++] = '\n';
  line[line_size] = '\0';
  emit(line);
  line_size = 0;
}

static int fail(int status) {
  put_text("E ");
  put_text(sheaf_status_text(status));
  end_line();
  return 1;
}

static uint32_t fnv1a(sheaf_str s) {
  uint32_t h = 2166136261u;
  size_t k;
  for (k = 0; k < s.size; ++k) {
    h = (h ^ (uint8_t)s.data[k]) * 16777619u;
  }
  return h;
}

/* The next code point of UTF-8 text at *at (advanced), or 0xFFFD for a bad byte. */
static uint32_t next_cp(sheaf_str s, size_t* at) {
  const uint8_t b = (uint8_t)s.data[(*at)++];
  uint32_t cp;
  int more;
  if (b < 0x80) {
    return b;
  }
  if (b >= 0xF0) {
    cp = b & 0x07u;
    more = 3;
  } else if (b >= 0xE0) {
    cp = b & 0x0Fu;
    more = 2;
  } else {
    cp = b & 0x1Fu;
    more = 1;
  }
  while (more-- > 0 && *at < s.size) {
    cp = (cp << 6) | ((uint8_t)s.data[(*at)++] & 0x3Fu);
  }
  return cp;
}

static uint32_t advance(uint32_t cp, void* context) {
  (void)context;
  return cp >= 0x2E80 ? 16 : 8; /* a 16 px CJK font with half-width Latin */
}

static int list_articles(uint32_t* longest) {
  uint32_t i, k, longest_size = 0;
  for (i = 0; i < sheaf_count(&bundle); ++i) {
    sheaf_article a;
    uint32_t found = 0;
    int s = sheaf_read(&decoder, i, buffer, sizeof buffer, &a);
    if (s != SHEAF_OK) {
      return fail(s);
    }
    put_text("A ");
    put_number(i);
    put_text("\t");
    put_str(a.id);
    put_text("\t");
    put_str(a.date);
    put_text("\t");
    put_str(a.title);
    put_text("\t");
    for (k = 0; k < a.category_count; ++k) {
      sheaf_str c;
      s = sheaf_article_category(&a, k, &c);
      if (s != SHEAF_OK) {
        return fail(s);
      }
      put_text(k > 0 ? " > " : "");
      put_str(c);
    }
    put_text("\t");
    put_number((uint32_t)a.body.size);
    put_text("\t");
    put_number(fnv1a(a.body));
    end_line();
    if (a.body.size > longest_size) {
      longest_size = (uint32_t)a.body.size;
      *longest = i;
    }
    /* By id, from a copy: the record in `buffer` is overwritten by the lookup. */
    {
      char id[256];
      const size_t n = a.id.size < sizeof id ? a.id.size : sizeof id;
      memcpy(id, a.id.data, n);
      s = sheaf_find(&decoder, id, n, buffer, sizeof buffer, &found, NULL);
      if (s != SHEAF_OK || found != i) {
        return fail(s != SHEAF_OK ? s : SHEAF_CORRUPT_INDEX);
      }
    }
  }
  return 0;
}

static int home_screen(void) {
  sheaf_headline lines[10];
  size_t n = 0, k;
  int s;
  /* The screen's titles are copied into a text buffer (one or two headline frames decoded). */
  if (sheaf_screen_buffer_size(&bundle, 10) > sizeof buffer) {
    return fail(SHEAF_OUTPUT_TOO_SMALL);
  }
  s = sheaf_newest(&bundle, &decoder, 0, lines, 10, buffer, sizeof buffer, &n);
  if (s != SHEAF_OK) {
    return fail(s);
  }
  for (k = 0; k < n; ++k) {
    char date[10];
    const size_t size = sheaf_date_text(lines[k].date_key, date);
    put_text("H ");
    put(date, size);
    put_text("\t");
    put_str(lines[k].title);
    end_line();
  }
  return 0;
}

static int category_tree(uint32_t node, uint32_t depth) {
  uint32_t j, d;
  for (j = 0; j < sheaf_category_child_count(&bundle, node); ++j) {
    uint32_t child = 0;
    const int s = sheaf_category_child(&bundle, node, j, &child);
    if (s != SHEAF_OK) {
      return fail(s);
    }
    put_text("C ");
    for (d = 0; d < depth; ++d) {
      put_text("  ");
    }
    put_str(sheaf_category_name(&bundle, child));
    put_text(" (");
    put_number(sheaf_category_article_count(&bundle, child));
    put_text(")");
    end_line();
    if (category_tree(child, depth + 1) != 0) {
      return 1;
    }
  }
  return 0;
}

static int title_prefix(void) {
  sheaf_article a;
  uint32_t begin = 0, end = 0, pos;
  char prefix[3];
  size_t n;
  int s = sheaf_read(&decoder, 0, buffer, sizeof buffer, &a);
  if (s != SHEAF_OK) {
    return fail(s);
  }
  n = a.title.size < 3 ? a.title.size : 3;
  memcpy(prefix, a.title.data, n);
  s = sheaf_title_prefix(&bundle, &decoder, prefix, n, buffer, sizeof buffer, &begin, &end);
  if (s != SHEAF_OK) {
    return fail(s);
  }
  for (pos = begin; pos < end; ++pos) {
    uint32_t article = 0;
    sheaf_str title;
    s = sheaf_title_at(&bundle, &decoder, pos, buffer, sizeof buffer, &article, &title);
    if (s != SHEAF_OK || title.size < n || memcmp(title.data, prefix, n) != 0) {
      return fail(s != SHEAF_OK ? s : SHEAF_CORRUPT_INDEX);
    }
  }
  put_text("P ");
  put(prefix, n);
  put_text(" ");
  put_number(end - begin);
  end_line();
  return 0;
}

static int charset(void) {
  uint32_t i, cp = 0, walked = 0;
  int covers = 1;
  while (sheaf_charset_next(&bundle, cp, &cp) == SHEAF_OK) {
    ++walked;
    ++cp;
  }
  for (i = 0; i < sheaf_count(&bundle); ++i) {
    sheaf_article a;
    size_t at = 0;
    const int s = sheaf_read(&decoder, i, buffer, sizeof buffer, &a);
    if (s != SHEAF_OK) {
      return fail(s);
    }
    while (at < a.title.size) {
      int in = 0;
      if (sheaf_charset_contains(&bundle, next_cp(a.title, &at), &in) != SHEAF_OK || !in) {
        covers = 0;
      }
    }
  }
  put_text("S ");
  put_number(sheaf_charset_size(&bundle));
  put_text(walked == sheaf_charset_size(&bundle) && covers ? " covers yes" : " covers no");
  end_line();
  return 0;
}

static int layout(uint32_t article) {
  static sheaf_line lines[12];
  sheaf_article a;
  size_t at = 0, total = 0, k;
  uint32_t screens = 0;
  int widths_ok = 1;
  const int s = sheaf_read(&decoder, article, buffer, sizeof buffer, &a);
  if (s != SHEAF_OK) {
    return fail(s);
  }
  while (at < a.body.size) {
    size_t next = at;
    const size_t n =
        sheaf_layout_screen(a.body.data, a.body.size, at, 240, advance, NULL, lines, 12, &next);
    for (k = 0; k < n; ++k) {
      widths_ok = widths_ok && lines[k].width <= 240 && lines[k].end <= a.body.size;
    }
    if (n == 0 || next <= at) {
      return fail(SHEAF_CORRUPT_BODY);
    }
    total += n;
    ++screens;
    at = next;
  }
  put_text("L ");
  put_number(article);
  put_text(" ");
  put_number((uint32_t)total);
  put_text(" ");
  put_number(screens);
  put_text(widths_ok ? " yes" : " no");
  end_line();
  return 0;
}

/* The searches: single characters, bigrams, two terms, long terms confirmed by decoding (CJK,
 * Latin, full-width digits folded), and a term in no article. */
static const char* const queries[] = {"震",       "地震",         "地震 预警", "应急 响应",
                                      "避难场所", "earthquake",   "２０２４",  "Kiosk 维护",
                                      "Shelter",  "qqqzzzunfound"};

enum { kSearchHits = 5 };

static int search(void) {
  size_t q;
  for (q = 0; q < sizeof queries / sizeof queries[0]; ++q) {
    sheaf_search_hit hits[kSearchHits];
    sheaf_search_counts counts;
    uint32_t k;
    int s =
        sheaf_search(&bundle, queries[q], strlen(queries[q]), search_scratch, sizeof search_scratch,
                     &decoder, buffer, sizeof buffer, hits, kSearchHits, &counts);
    if (s != SHEAF_OK) {
      return fail(s);
    }
    put_text("Q ");
    put_text(queries[q]);
    put_text("\t");
    put_number(counts.matches);
    put_text("\t");
    put_number(counts.hits);
    end_line();
    /* Each hit's id: read after the search, which used `buffer` to confirm long terms. */
    for (k = 0; k < counts.hits; ++k) {
      sheaf_article a;
      s = sheaf_read(&decoder, hits[k].article, buffer, sizeof buffer, &a);
      if (s != SHEAF_OK) {
        return fail(s);
      }
      put_text("R ");
      put_str(a.id);
      put_text("\t");
      put_number(hits[k].title_terms);
      put_text("\t");
      put_number(hits[k].frequency);
      end_line();
    }
  }
  /* Errors as codes: a scratch too small, a long term without a decoder. */
  {
    sheaf_search_hit hits[1];
    sheaf_search_counts counts;
    if (sheaf_search(&bundle, "地震", 6, search_scratch, 64, &decoder, buffer, sizeof buffer, hits,
                     1, &counts) != SHEAF_WORKSPACE_TOO_SMALL ||
        sheaf_search(&bundle, "避难场所", 12, search_scratch, sizeof search_scratch, NULL, NULL, 0,
                     hits, 1, &counts) != SHEAF_OUT_OF_RANGE) {
      return fail(SHEAF_CORRUPT_INDEX);
    }
  }
  return 0;
}

int sheaf_c_check(const void* bytes, size_t size, void (*print)(const char* text)) {
  uint32_t longest = 0;
  int s;
  emit = print;
  s = sheaf_open(&bundle, bytes, size);
  if (s != SHEAF_OK) {
    return fail(s);
  }
  s = sheaf_decoder_init(&decoder, &bundle, workspace, sizeof workspace);
  if (s != SHEAF_OK) {
    return fail(s);
  }
  if (sheaf_read_buffer_size(&bundle) > sizeof buffer) {
    return fail(SHEAF_OUTPUT_TOO_SMALL);
  }
  put_text("count ");
  put_number(sheaf_count(&bundle));
  end_line();
  if (list_articles(&longest) != 0 || home_screen() != 0 || category_tree(0, 0) != 0 ||
      title_prefix() != 0 || charset() != 0 || layout(longest) != 0 || search() != 0) {
    return 1;
  }
  return 0;
}
