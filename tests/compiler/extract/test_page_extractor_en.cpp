// Tests for extract/page_extractor.hpp on English pages: the date precedence (a visible byline
// date, then metadata that agrees), and the rule each choice names in --explain. Every page is
// written for its test.
#include <algorithm>
#include <string>
#include <vector>

#include "extract/page_extractor.hpp"
#include "extract/parse/html_page.hpp"
#include "support/catch.hpp"

using sheaf::Article;

namespace {

Article extract_html(const std::string& html, sheaf::Explain* explain = nullptr) {
  sheaf::Diagnostics diags;
  return sheaf::extract_page(sheaf::parse::parse_html(html, "p.html"), "p", {}, diags, explain);
}

/// An English article page: `head`, a headline, `header` under it, then three paragraphs.
std::string page(const std::string& head, const std::string& header,
                 const std::string& lang = "en") {
  return "<html lang=\"" + lang + "\"><head><title>Ponds Return to the Valley - Daily Gazette" +
         "</title>" + head +
         "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
         "<article><h1>Ponds Return to the Valley</h1>" +
         header +
         "<div class=\"article-body\"><p>The farm ponds that dried up a decade ago are full again, "
         "and the frogs have come back with them, the county says.</p>"
         "<p>Farmers credit a wet spring and a new rule on wells, which limits how much water "
         "each farm may pump in a dry year.</p>"
         "<p>The county will count the ponds again next summer, and it expects more of them.</p>"
         "</div></article></body></html>";
}

bool explained(const sheaf::Explain& e, const std::string& action, const std::string& rule) {
  return std::any_of(e.entries().begin(), e.entries().end(), [&](const sheaf::ExplainEntry& x) {
    return x.action == action && x.rule == rule;
  });
}

}  // namespace

TEST_CASE("extract en: a visible byline date with commas", "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_html(
      page("",
           "<div class=\"byline\">By Jane Roe</div><div class=\"date\">March 9, 2017 | "
           "6:00 PM</div>"),
      &explain);
  CHECK(a.date == "2017-03-09");
  CHECK(explained(explain, "date", "byline-date"));
  CHECK(a.paragraphs.size() == 3);
}

TEST_CASE("extract en: US numeric order on an English page, day first elsewhere",
          "[compiler][extract]") {
  CHECK(extract_html(page("", "<div class=\"date\">6/7/2018 7:11 AM</div>")).date == "2018-06-07");
  CHECK(extract_html(page("", "<div class=\"date\">6/7/2018 7:11</div>", "en-GB")).date ==
        "2018-07-06");
}

TEST_CASE("extract en: month and day shown, the year from metadata that agrees",
          "[compiler][extract]") {
  const std::string head =
      "<meta property=\"article:published_time\" content=\"2015-03-18T15:57:00-04:00\">";
  sheaf::Explain explain;
  const Article a =
      extract_html(page(head, "<div class=\"date\">March 18 at 3:57 PM</div>"), &explain);
  CHECK(a.date == "2015-03-18");
  CHECK(explained(explain, "date", "metadata-year"));
  // Metadata that disagrees gives no year.
  CHECK(extract_html(page(head, "<div class=\"date\">March 19 at 3:57 PM</div>")).date ==
        "--03-19");
  // Metadata alone is no visible date.
  CHECK(extract_html(page(head, "")).date.empty());
}

TEST_CASE("extract en: a relative date takes the <time datetime> it shows", "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_html(
      page("<script type=\"application/ld+json\">{\"datePublished\": \"2016-11-10\"}</script>",
           "<div class=\"byline\">Sam Poe <time datetime=\"2016-11-15T07:00:00.000Z\">1 day "
           "ago</time></div>"),
      &explain);
  CHECK(a.date == "2016-11-15");
  CHECK(explained(explain, "date", "relative-date"));
}

TEST_CASE("extract en: a time of day alone resolves like a relative date", "[compiler][extract]") {
  const Article a =
      extract_html(page("<meta itemprop=\"datePublished\" content=\"2019-04-30T13:39:00-04:00\">",
                        "<div class=\"date\">1:39 PM ET</div>"));
  CHECK(a.date == "2019-04-30");
}

TEST_CASE("extract en: a date line hidden from screen readers is still shown",
          "[compiler][extract]") {
  const Article a = extract_html(
      page("",
           "<p class=\"dateline\" aria-hidden=\"true\"><time datetime=\"2019-01-03\">Thu 3 "
           "Jan 2019 <span>02.00 EST</span></time></p>"));
  CHECK(a.date == "2019-01-03");
  CHECK(a.paragraphs.size() == 3);  // shown, but never body
}

TEST_CASE("extract en: an English dateline opening the story", "[compiler][extract]") {
  const std::string html =
      "<html lang=\"en\"><head><title>Ponds Return</title></head><body><h1>Ponds Return</h1>"
      "<div class=\"article-body\"><p>Feb. 23, 2015 -- The farm ponds that dried up a decade ago "
      "are full again, the county says.</p><p>Farmers credit a wet spring and a new rule on "
      "wells, which limits pumping.</p></div></body></html>";
  sheaf::Explain explain;
  const Article a = extract_html(html, &explain);
  CHECK(a.date == "2015-02-23");
  CHECK(explained(explain, "date", "english-dateline-date"));
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs[0].rfind("Feb. 23, 2015 --", 0) == 0);  // the dateline stays
}

TEST_CASE("extract en: a date in the article's own text is no publication date",
          "[compiler][extract]") {
  const std::string html =
      "<html lang=\"en\"><head><title>The Flood of 1907</title></head><body><h1>The Flood of "
      "1907</h1><div class=\"article-body\"><p>The river rose on March 9, 1907, and it did not "
      "fall for three weeks, the old records say.</p><p>Farmers moved their herds to the hills "
      "and waited, and many lost their barns.</p></div></body></html>";
  CHECK(extract_html(html).date.empty());
}

namespace {

/// The article of page(), followed inside its container by `after`.
std::string with_tail(const std::string& after) {
  return "<html lang=\"en\"><head><title>Ponds Return</title></head><body><article>"
         "<h1>Ponds Return</h1><div class=\"article-body\"><p>The farm ponds that dried up a "
         "decade ago are full again, and the frogs have come back with them, the county says.</p>"
         "<p>Farmers credit a wet spring and a new rule on wells, which limits how much water "
         "each farm may pump in a dry year.</p>" +
         after + "</div></article></body></html>";
}

std::string card(const std::string& headline, const std::string& summary) {
  return "<p><a href=\"/s\">" + headline + "</a></p><p>Morning Show</p><p>" + summary + "</p>";
}

}  // namespace

TEST_CASE("extract en: a teaser feed's summaries go with its headlines", "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_html(with_tail(card("Bakery Opens on Main Street",
                                                "The new bakery sells rye bread, and it opens "
                                                "at six in the morning on weekdays.") +
                                           card("School Board Picks a Principal",
                                                "The board chose a teacher from the "
                                                "district, who starts in the autumn.") +
                                           card("Bridge Repairs Finish Early",
                                                "Crews finished the bridge two weeks early, "
                                                "and it reopened to traffic on Monday.")),
                                 &explain);
  CHECK(a.paragraphs.size() == 2);
  CHECK(explained(explain, "drop", "teaser-feed"));
  CHECK(explained(explain, "drop", "repeated-block"));
}

TEST_CASE("extract en: a listicle's linked subheads keep their paragraphs", "[compiler][extract]") {
  const Article a = extract_html(with_tail(
      "<p><a href=\"/a\">Rye Bread (six dollars)</a></p><p>A dark loaf with a thick crust, "
      "which keeps for a week.</p><p><a href=\"/b\">Apple Pie (ten dollars)</a></p><p>Baked "
      "every morning, with apples from the valley.</p><p><a href=\"/c\">Oat Cookies (two "
      "dollars)</a></p><p>Sweet, soft and sold by the bag at the counter.</p>"));
  CHECK(a.paragraphs.size() == 5);  // two article paragraphs and the three descriptions
}

TEST_CASE("extract: a run of blocks shown twice is a feed, but one line shown twice is not",
          "[compiler][extract]") {
  const std::string feed =
      "<p>Bakery opens on Main Street with rye bread.</p><p>Bridge repairs finish two weeks "
      "early.</p>";
  sheaf::Explain explain;
  const Article twice = extract_html(with_tail(feed + "<p>Note:</p>" + feed), &explain);
  CHECK(twice.paragraphs.size() == 3);  // the article's two and "Note:"
  CHECK(explained(explain, "drop", "repeated-block"));
  const Article once = extract_html(
      with_tail("<p>Comment:</p><p>The county did well here, says a farmer.</p><p>Comment:</p>"
                "<p>The rule on wells came late, says another.</p>"));
  CHECK(once.paragraphs.size() == 6);
}

TEST_CASE("extract en: table rows whose cells hold links stay in the body", "[compiler][extract]") {
  const Article a = extract_html(with_tail(
      "<table><tr><th>Release</th><th>Date</th></tr><tr><td><a href=\"/r/41\">Release 4.1</a>"
      "</td><td><a href=\"/d/2014-04\">April 2014</a></td></tr></table>"));
  CHECK(a.paragraphs.size() == 4);
  CHECK(a.paragraphs.back() == "Release 4.1 April 2014");
}

namespace {

/// A documentation page: a long table of contents inside <main>, then three sections.
std::string doc_page() {
  std::string toc = "<nav class=\"doc-toc\"><ul>";
  for (int i = 0; i < 30; ++i) {
    toc += "<li><a href=\"/c" + std::to_string(i) + "\">Chapter number " + std::to_string(i) +
           " of the guide</a></li>";
  }
  return "<html lang=\"en\"><head><title>Install guide</title></head><body><main>"
         "<h1>Install guide</h1>" +
         toc +
         "</ul></nav><section><h2>Requirements</h2><p>Pondtool needs Python 3.9 or newer, and "
         "about 50 MB of disk space for its cache.</p></section><section><h2>Installing on "
         "Linux</h2><p>Use your package manager, or download the archive and unpack it into "
         "your home folder.</p><p>Then add the folder to your PATH and open a new "
         "shell.</p></section><section><h2>Installing on Windows</h2><p>Run the installer "
         "and follow its steps; it adds Pondtool to the Start menu.</p></section></main>"
         "</body></html>";
}

}  // namespace

TEST_CASE("extract en: a multi-section page keeps every section and its headings",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_html(doc_page(), &explain);
  CHECK(explained(explain, "content", "sections"));
  CHECK(a.subtitle.empty());  // the first section heading is no sub-headline
  const std::string linux_steps =
      "Use your package manager, or download the archive and unpack it into your home folder.";
  CHECK(a.paragraphs ==
        std::vector<std::string>{
            "Requirements",
            "Pondtool needs Python 3.9 or newer, and about 50 MB of disk space for its cache.",
            "Installing on Linux", linux_steps,
            "Then add the folder to your PATH and open a new shell.", "Installing on Windows",
            "Run the installer and follow its steps; it adds Pondtool to the Start menu."});
}

TEST_CASE("extract en: a long reader reply does not win over a short article",
          "[compiler][extract]") {
  sheaf::Explain explain;
  const Article a = extract_html(
      "<html lang=\"en\"><head><title>Ponds Return</title></head><body><article><h1>Ponds "
      "Return</h1><p>The farm ponds that dried up a decade ago are full again, the county "
      "says.</p></article><div class=\"replies\"><p>I grew up by those ponds, and I remember "
      "the frogs every spring, loud enough to keep us awake at night. My father said the wells "
      "took the water, and he was right, as we now know. Thank you for writing this, it brought "
      "back a lot of memories of the farm, the mill and the long summers.</p></div>"
      "</body></html>",
      &explain);
  CHECK(explained(explain, "content", "outside-furniture"));
  CHECK(a.paragraphs == std::vector<std::string>{
                            "The farm ponds that dried up a decade ago are full again, the county "
                            "says."});
}

TEST_CASE("extract en: an in-pictures gallery inside the article goes as captions",
          "[compiler][extract]") {
  std::string gallery = "<div class=\"slides\">";
  for (int i = 1; i <= 6; ++i) {
    gallery += "<div><img src=\"/p" + std::to_string(i) + ".jpg\"><p>Slide " + std::to_string(i) +
               ": frogs at the pond on a warm evening, seen from the old mill.</p></div>";
  }
  sheaf::Explain explain;
  const Article a = extract_html(with_tail(gallery + "</div>"), &explain);
  CHECK(a.paragraphs.size() == 2);
  CHECK(explained(explain, "drop", "gallery-slide"));
  // One photo with a caption-like line under it is left to the caption rules.
  const Article one = extract_html(
      with_tail("<img src=\"/p.jpg\"><p>The county will count the ponds again next summer, and it "
                "expects more of them.</p>"));
  CHECK(one.paragraphs.size() == 3);
}

TEST_CASE("extract en: a box named breadcrumb gives categories from its few links",
          "[compiler][extract]") {
  const std::string one = page("", "");
  const std::string crumb1 = "<div class=\"breadcrumb\"><a href=\"/farm\">Farm Life</a></div>";
  const std::string at = "<article><h1>";
  std::string html = one;
  html.insert(html.find(at), crumb1);
  CHECK(extract_html(html).categories == std::vector<std::string>{"Farm Life"});
  // The home link named after the site, and the headline repeated at the end, are left out.
  std::string html2 = page("<meta property=\"og:site_name\" content=\"Daily Gazette\">", "");
  html2.insert(html2.find(at),
               "<ul class=\"breadcrumb\"><li><a href=\"/\">Daily Gazette</a></li><li><a "
               "href=\"/county\">County News</a></li><li>Ponds Return to the Valley</li></ul>");
  CHECK(extract_html(html2).categories == std::vector<std::string>{"County News"});
  std::string html4 = page("<meta property=\"og:site_name\" content=\"The Gazette\">", "");
  html4.insert(html4.find(at),
               "<ul class=\"breadcrumbs\"><li><a href=\"/\">Gazette</a></li><li><a "
               "href=\"/news\">News</a></li></ul>");
  CHECK(extract_html(html4).categories == std::vector<std::string>{"News"});
  // A logo link inside some box near the header is no breadcrumb.
  std::string html3 = one;
  html3.insert(html3.find(at), "<div class=\"site-logo\"><a href=\"/\">Gazette</a></div>");
  CHECK(extract_html(html3).categories.empty());
}

TEST_CASE("extract en: the headline as shown, with its curly quotes, names the <title>",
          "[compiler][extract]") {
  const Article a = extract_html(
      "<html lang=\"en\"><head><title>Farmer Says Ponds \"Came Back Overnight\" - Daily Gazette"
      "</title></head><body><div class=\"byline\">Daily Gazette Reporter</div><h1>Farmer Says "
      "Ponds \xE2\x80\x9C"
      "Came Back Overnight\xE2\x80\x9D</h1><div class=\"article-body\"><p>The "
      "farm ponds that dried up a decade ago are full again, and the frogs have come back with "
      "them, the county says.</p></div></body></html>");
  CHECK(a.title ==
        "Farmer Says Ponds \xE2\x80\x9C"
        "Came Back Overnight\xE2\x80\x9D");
}
