// compiler, extract stage: a small Markdown reader, enough for articles (CommonMark's block
// structure for paragraphs, headings, lists, quotes and fences; inline markup to plain text).
#include "extract/parse/markdown.hpp"

#include <cctype>
#include <vector>

#include "extract/text/clean.hpp"

namespace sheaf::parse {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back(text.substr(start, end - start));
    if (nl == std::string_view::npos) {
      break;
    }
    start = nl + 1;
  }
  return lines;
}

// The YAML between "---" fences at the very top (closed by "---" or "..."), to
// meta.front_matter. Returns the first body line: 0 when there is no closed block.
size_t read_front_matter(const std::vector<std::string_view>& lines, PageMeta& meta) {
  if (lines.empty() || text::trim_line_blanks(lines[0]) != "---") {
    return 0;
  }
  std::string yaml;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = text::trim_line_blanks(lines[i]);
    if (line == "---" || line == "...") {
      meta.front_matter = parse_front_matter(yaml, 2);
      return i + 1;
    }
    std::string_view raw = lines[i];
    if (!raw.empty() && raw.back() == '\r') {
      raw.remove_suffix(1);
    }
    yaml.append(raw).push_back('\n');
  }
  return 0;  // no closing fence: not front matter after all
}

// The next occurrence of `what` at or after a position that never moves back. Each search starts
// where the previous one ended, and once nothing is found nothing will be, so all the searches
// of one text cost O(size) together, however many '[' there are.
class ForwardFind {
 public:
  ForwardFind(std::string_view s, std::string_view what) : s_(s), what_(what) {}

  size_t from(size_t pos) {
    if (!searched_ || (at_ != std::string_view::npos && at_ < pos)) {
      at_ = s_.find(what_, pos);
      searched_ = true;
    }
    return at_;
  }

 private:
  std::string_view s_;
  std::string_view what_;
  size_t at_ = std::string_view::npos;
  bool searched_ = false;
};

// Inline markup to text: images dropped, links to their text, emphasis and code marks removed.
// Linear in s.size(): the link searches only move forward (ForwardFind), and a link's text,
// handed to the recursive call, holds no "](" and is passed over once.
std::string inline_text(std::string_view s) {
  std::string out;
  ForwardFind next_close(s, "](");
  ForwardFind next_paren(s, ")");
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if ((c == '!' && i + 1 < s.size() && s[i + 1] == '[') || c == '[') {
      const size_t open = c == '!' ? i + 1 : i;
      const size_t close = next_close.from(open);
      const size_t end = close == std::string_view::npos ? close : next_paren.from(close);
      if (end != std::string_view::npos) {
        if (c == '[') {
          out += inline_text(s.substr(open + 1, close - open - 1));
        }
        i = end;
        continue;
      }
    }
    if (c == '*' || c == '_' || c == '`') {
      // Emphasis and code marks; an underscore inside a word (snake_case) is kept.
      const bool inside_word = c == '_' && i > 0 && i + 1 < s.size() &&
                               std::isalnum(static_cast<unsigned char>(s[i - 1])) != 0 &&
                               std::isalnum(static_cast<unsigned char>(s[i + 1])) != 0;
      if (!inside_word) {
        continue;
      }
    }
    out += c;
  }
  return out;
}

struct Builder {
  Page& page;
  std::string pending;  // paragraph lines joined so far
  uint32_t pending_line = 0;

  void add(std::string_view text, BlockKind kind, uint8_t level, uint32_t line) {
    std::string cleaned = text::clean_line(inline_text(text));
    if (cleaned.empty()) {
      return;
    }
    Block b;
    b.text = std::move(cleaned);
    b.kind = kind;
    b.level = level;
    b.source_line = line;
    page.blocks.push_back(std::move(b));
  }

  void flush() {
    if (!pending.empty()) {
      add(pending, BlockKind::paragraph, 0, pending_line);
      pending.clear();
    }
  }
};

// A list item marker ("- ", "* ", "+ ", "12. ", "3) "): its length, or 0.
size_t list_marker(std::string_view line) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
    return 2;
  }
  size_t digits = 0;
  while (digits < line.size() && digits < 9 &&
         std::isdigit(static_cast<unsigned char>(line[digits]))) {
    ++digits;
  }
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      line[digits + 1] == ' ') {
    return digits + 2;
  }
  return 0;
}

}  // namespace

Page parse_markdown(std::string_view text, std::string origin) {
  Page page;
  page.origin = std::move(origin);
  const std::vector<std::string_view> lines = split_lines(text);
  Builder b{page, {}, 0};
  bool in_fence = false;
  std::string fence_text;
  uint32_t fence_line = 0;
  for (size_t i = read_front_matter(lines, page.meta); i < lines.size(); ++i) {
    const std::string_view line = text::trim_line_blanks(lines[i]);
    const auto number = static_cast<uint32_t>(i + 1);
    if (line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~") {
      b.flush();
      if (in_fence) {
        b.add(fence_text, BlockKind::preformatted, 0, fence_line);
        fence_text.clear();
      }
      in_fence = !in_fence;
      fence_line = number + 1;
      continue;
    }
    if (in_fence) {
      fence_text += (fence_text.empty() ? "" : " ") + std::string(line);
      continue;
    }
    if (line.empty() || line.substr(0, 4) == "<!--") {
      b.flush();
      continue;
    }
    size_t level = 0;
    while (level < line.size() && level < 7 && line[level] == '#') {
      ++level;
    }
    if (level >= 1 && level <= 6 && level < line.size() && line[level] == ' ') {
      b.flush();
      b.add(line.substr(level + 1), BlockKind::heading, static_cast<uint8_t>(level), number);
    } else if (const size_t marker = list_marker(line); marker > 0) {
      b.flush();
      b.add(line.substr(marker), BlockKind::list_item, 0, number);
    } else if (line.front() == '>') {
      b.flush();
      b.add(text::trim_line_blanks(line.substr(1)), BlockKind::paragraph, 0, number);
    } else {
      if (b.pending.empty()) {
        b.pending_line = number;
      } else {
        b.pending += ' ';
      }
      b.pending += line;
    }
  }
  b.flush();
  if (in_fence && !fence_text.empty()) {
    b.add(fence_text, BlockKind::preformatted, 0, fence_line);  // unclosed fence: keep the text
  }
  for (Block& block : page.blocks) {
    for (const char c : block.text) {
      block.chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;  // code points
    }
  }
  return page;
}

}  // namespace sheaf::parse
