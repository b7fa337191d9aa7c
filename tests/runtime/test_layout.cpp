// tests/runtime: line breaking and paging (sheaf/layout.hpp) against an independent reference:
// a brute-force breaker that, for each line, tries every end from the longest to the shortest
// and keeps the first that fits and that its own copy of the rules allows.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sheaf/layout.hpp>

#include "support/catch.hpp"

namespace {

// ---- The reference: code points first, then a search over every line end. ----

struct Cp {
  uint32_t cp;
  size_t begin;  // byte offset in the text
  size_t end;
};

// Valid UTF-8 in, code points out; anything else is one U+FFFD per byte (as the rule says).
std::vector<Cp> code_points(const std::string& s) {
  std::vector<Cp> out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= min[n] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!ok) {
      out.push_back({0xFFFD, i, i + 1});
      ++i;
    } else {
      out.push_back({cp, i, i + n});
      i += n;
    }
  }
  return out;
}

bool in(uint32_t cp, const std::u32string& set) {
  return set.find(cp) != std::u32string::npos;
}

const std::u32string kNoStart =
    U"!),.:;?]}\u00BB\u2019\u201D\u2022\u2025\u2026\u203A、。々〉》」』】〕〗〙〛〞〟〻"
    U"ぁぃぅぇぉっゃゅょゎゕゖゝゞァィゥェォッャュョヮヵヶ・ーヽヾ"
    U"\uFE50\uFE51\uFE52\uFE54\uFE55\uFE56\uFE57\uFE5A\uFE5C\uFE5E！），．：；？］｝｠｡｣､･";
const std::u32string kNoEnd =
    U"([{\u00AB\u2018\u201C\u2039〈《「『【〔〖〘〚〝\uFE59\uFE5B\uFE5D（［｛｟｢";

bool space(uint32_t cp) {
  return cp == ' ' || cp == '\t';
}

bool cjk(uint32_t cp) {
  const uint32_t ranges[][2] = {{0x1100, 0x11FF}, {0x2E80, 0x303F},  {0x3040, 0x9FFF},
                                {0xAC00, 0xD7AF}, {0xF900, 0xFAFF},  {0xFE30, 0xFE4F},
                                {0xFF00, 0xFFEF}, {0x20000, 0x3FFFF}};
  for (const auto& r : ranges) {
    if (cp >= r[0] && cp <= r[1]) {
      return true;
    }
  }
  return false;
}

// May a line end between cps[k - 1] and cps[k]?
bool allowed(const std::vector<Cp>& cps, size_t k) {
  const uint32_t a = cps[k - 1].cp;
  const uint32_t b = cps[k].cp;
  if (space(b) || in(b, kNoStart) || in(a, kNoEnd)) {
    return false;
  }
  return space(a) || cjk(a) || cjk(b);
}

uint32_t test_advance(uint32_t cp, void* /*context*/) {
  if (cp == 'i' || cp == 'l' || cp == '.' || cp == ',') {
    return 3;
  }
  if (cp == 'm' || cp == 'w' || cp == 'M' || cp == 'W') {
    return 11;
  }
  if (cp < 0x80) {
    return 7;
  }
  return cjk(cp) ? 16 : 9;
}

struct RefLine {
  size_t begin, end, next;
  uint32_t width;
};

// The width of cps[from, to) without its trailing spaces, and where that trimmed run ends.
std::pair<uint32_t, size_t> trimmed(const std::vector<Cp>& cps, size_t from, size_t to) {
  while (to > from && space(cps[to - 1].cp)) {
    --to;
  }
  uint32_t w = 0;
  for (size_t k = from; k < to; ++k) {
    w += test_advance(cps[k].cp, nullptr);
  }
  return {w, to};
}

// Does cps[from, to) fit on one line? Its first character always does, whatever its width.
bool fits(const std::vector<Cp>& cps, size_t from, size_t to, uint32_t width) {
  const auto [w, end] = trimmed(cps, from, to);
  return end <= from + 1 || w <= width;
}

std::vector<RefLine> reference_lines(const std::string& text, uint32_t width) {
  const std::vector<Cp> cps = code_points(text);
  std::vector<RefLine> lines;
  auto byte_at = [&](size_t k) { return k < cps.size() ? cps[k].begin : text.size(); };
  for (size_t i = 0; i < cps.size();) {
    size_t stop = i;  // the paragraph ends at the first '\n'
    while (stop < cps.size() && cps[stop].cp != '\n') {
      ++stop;
    }
    size_t cut = stop;  // the line ends before cps[cut]
    size_t next = stop < cps.size() ? stop + 1 : stop;
    if (!fits(cps, i, stop, width)) {
      // The longest end that is allowed and fits; else the longest end that fits.
      cut = 0;
      for (size_t e = stop - 1; e > i && cut == 0; --e) {
        if (allowed(cps, e) && fits(cps, i, e, width)) {
          cut = e;
        }
      }
      for (size_t e = stop - 1; e > i && cut == 0; --e) {
        if (fits(cps, i, e, width)) {
          cut = e;
        }
      }
      next = cut;
    }
    const auto [w, e] = trimmed(cps, i, cut);
    lines.push_back({byte_at(i), byte_at(e), byte_at(next), w});
    i = next;
  }
  return lines;
}

std::vector<sheaf::Line> runtime_lines(const std::string& text, uint32_t width) {
  std::vector<sheaf::Line> lines;
  sheaf::Line buffer[7];
  size_t at = 0;
  while (at < text.size()) {
    const sheaf::Screen s = sheaf::layout_screen(text, at, width, test_advance, nullptr, buffer, 7);
    REQUIRE(s.lines > 0);
    REQUIRE(s.next > at);
    lines.insert(lines.end(), buffer, buffer + s.lines);
    at = s.next;
  }
  return lines;
}

std::string show(const std::string& text, const std::vector<sheaf::Line>& lines) {
  std::string out;
  for (const sheaf::Line& l : lines) {
    out += "[" + text.substr(l.begin, l.end - l.begin) + "] ";
  }
  return out;
}

void check_same(const std::string& text, uint32_t width) {
  const std::vector<RefLine> want = reference_lines(text, width);
  const std::vector<sheaf::Line> got = runtime_lines(text, width);
  INFO("width " << width << ": " << text.substr(0, 300) << "\n got: " << show(text, got));
  REQUIRE(got.size() == want.size());
  for (size_t k = 0; k < got.size(); ++k) {
    INFO("line " << k);
    CHECK(got[k].begin == want[k].begin);
    CHECK(got[k].end == want[k].end);
    CHECK(got[k].next == want[k].next);
    CHECK(got[k].width == want[k].width);
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    out.push_back(line);
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string layout_of(const std::string& text, uint32_t width) {
  std::string out;
  for (const sheaf::Line& l : runtime_lines(text, width)) {
    out += text.substr(l.begin, l.end - l.begin) + "|";
  }
  return out;
}

}  // namespace

TEST_CASE("layout: CJK punctuation never starts a line and opening marks never end one",
          "[runtime][layout]") {
  // 16 px per ideograph: five fit in 80 px. The comma would start line 2: 第 moves down with it.
  CHECK(layout_of("一二三四第，五六七", 80) == "一二三四|第，五六七|");
  CHECK(layout_of("一二三四「五六」七", 80) == "一二三四|「五六」七|");
  CHECK(layout_of("一二三四五。", 80) == "一二三四|五。|");
}

TEST_CASE("layout: Latin words move whole and are cut only when longer than a line",
          "[runtime][layout]") {
  CHECK(layout_of("abc defg hij", 50) == "abc|defg|hij|");    // 7 px each, spaces hang
  CHECK(layout_of("abcdefghijkl", 35) == "abcde|fghij|kl|");  // cut: longer than a line
  CHECK(layout_of("中文abc中文", 48) == "中文|abc中|文|");    // a break between scripts
  CHECK(layout_of("one\n\ntwo", 200) == "one||two|");         // '\n' ends each paragraph
  CHECK(layout_of("\xE3\x80\x80\xE3\x80\x80段落", 200) == "\xE3\x80\x80\xE3\x80\x80段落|");
}

TEST_CASE("layout: a glyph wider than the display still makes progress", "[runtime][layout]") {
  CHECK(layout_of("中文字", 10) == "中|文|字|");
  CHECK(layout_of("ab", 0) == "a|b|");
  CHECK(layout_of("\xFF\xFE", 100) == "\xFF\xFE|");  // not UTF-8: one U+FFFD per byte
}

TEST_CASE("layout: written paragraphs break as the reference does", "[runtime][layout]") {
  const char* paragraphs[] = {
      "The bureau's notice (issued on Monday) says: stay away from damaged buildings, and "
      "listen to the radio for the \"all clear\".",
      "震后应急：请远离受损建筑物（特别是老旧房屋），听从“现场指挥”的安排；不要乘坐电梯。",
      "2024年5月12日，四川省地震局发布《防震减灾知识手册》，共计128页、3.5万字。",
      "Mixed 中英文 text with a URL https://example.invalid/very/long/path/that/does/not/fit "
      "and ……省略号，以及「引号」『书名』【括号】。",
      "tab\tseparated\twords  and   runs of    spaces   ",
      "première édition — naïve café, Ελληνικά και Кириллица.",
  };
  for (const char* p : paragraphs) {
    for (uint32_t width = 0; width <= 400; width += 13) {
      check_same(p, width);
    }
  }
}

TEST_CASE("layout: corpus paragraphs break as the reference does", "[runtime][layout]") {
  const std::string corpus = SHEAF_CORPUS_DIR;
  std::vector<std::string> files = {corpus + "/text-zh/seed.txt"};
  for (const char* dir : {"sogouca-2012", "sogoucs-2012", "ccweb-cc2022-21", "html2text-zh"}) {
    for (int k = 0; k < 40; ++k) {
      char name[16];
      std::snprintf(name, sizeof name, "%04d.txt", k);
      files.push_back(corpus + "/text/" + dir + "/" + name);
    }
  }
  size_t paragraphs = 0;
  for (const std::string& file : files) {
    const std::string text = read_file(file);
    for (const std::string& p : lines_of(text)) {
      if (p.empty()) {
        continue;
      }
      ++paragraphs;
      for (uint32_t width : {48u, 121u, 240u, 320u}) {
        check_same(p, width);
      }
    }
    // The whole file as one text: its '\n's end paragraphs.
    check_same(text, 200);
  }
  if (paragraphs == 0) {
    WARN("corpus paragraphs skipped: no corpus at " << corpus);
  }
  INFO(paragraphs << " paragraphs");
  CHECK((paragraphs == 0 || paragraphs > 500));
}
