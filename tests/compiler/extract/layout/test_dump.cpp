// Tests for extract/layout/dump.hpp: the headline and body region of a text dump, read from
// the shape of its lines. Every line is made up for the test.
#include <string>
#include <vector>

#include "extract/layout/dump.hpp"
#include "extract/text/shape.hpp"
#include "support/catch.hpp"

namespace layout = sheaf::layout;
using sheaf::parse::Block;
using sheaf::parse::Page;

namespace {

Block line(const std::string& text) {
  Block b;
  b.text = text;
  b.chars = sheaf::text::code_points(text);
  return b;
}

Page dump(const std::vector<std::string>& lines) {
  Page page;
  page.origin = "a.txt";
  for (const std::string& l : lines) {
    page.blocks.push_back(line(l));
  }
  return page;
}

const std::string kProse = "会议指出，要进一步加强安全生产管理，确保各项工作落到实处。";

}  // namespace

TEST_CASE("layout dump: prose lines by punctuation and length", "[compiler][extract]") {
  CHECK(layout::is_prose_line(line(kProse)));
  CHECK(layout::is_prose_line(line("今天天气很好。")));  // a short sentence that ends
  CHECK_FALSE(layout::is_prose_line(line("首页 新闻 通知")));
  CHECK_FALSE(layout::is_prose_line(line("某市召开全体会议")));
}

TEST_CASE("layout dump: the headline shown again under the title line", "[compiler][extract]") {
  const Page page = dump({"某市召开全体会议", "首页 新闻", "某市召开全体会议", kProse, kProse});
  uint32_t repeat = 0;
  const layout::TitleSpan span = layout::dump_headline(page, repeat);
  CHECK(span.text == "某市召开全体会议");
  CHECK(span.first == 0);
  CHECK(repeat == 2);

  uint32_t none = 0;
  const layout::TitleSpan empty = layout::dump_headline(Page(), none);
  CHECK(empty.text.empty());
  CHECK(empty.first == layout::kNone);
  CHECK(none == layout::kNone);
}

TEST_CASE("layout dump: the body region is the run of prose lines", "[compiler][extract]") {
  const Page page =
      dump({"某市召开全体会议", "首页 新闻", kProse, kProse, kProse, "版权所有 某局"});
  const layout::DumpRegion region = layout::dump_region(page, 1, 6);
  CHECK(region.begin == 2);
  CHECK(region.end == 5);

  const Page no_prose = dump({"首页", "新闻", "通知"});
  const layout::DumpRegion whole = layout::dump_region(no_prose, 0, 3);
  CHECK(whole.begin == 0);
  CHECK(whole.end == 3);
}
