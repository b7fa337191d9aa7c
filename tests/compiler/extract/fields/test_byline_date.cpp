// Tests for the English date rules of extract/fields/line_fields.hpp: byline_date,
// english_dateline_date and is_time_line. Every snippet is made up for the test.
#include <string>

#include "extract/fields/line_fields.hpp"
#include "support/catch.hpp"

namespace fields = sheaf::fields;

TEST_CASE("fields: byline_date reads the byline forms of English pages", "[compiler][extract]") {
  CHECK(fields::byline_date("March 9, 2017", false) == "2017-03-09");
  CHECK(fields::byline_date("By Jane Roe March 9, 2017 | 6:00 PM", false) == "2017-03-09");
  CHECK(fields::byline_date("Dan Poe - Oct 18, 2019 8:02 pm UTC", false) == "2019-10-18");
  CHECK(fields::byline_date("Dec. 6, 2024", false) == "2024-12-06");
  CHECK(fields::byline_date("SEPT. 5, 2012", false) == "2012-09-05");
  CHECK(fields::byline_date("Friday 25 December 2015", false) == "2015-12-25");
  CHECK(fields::byline_date("Sunday, Feb 1, 2015 11:57 AM UTC", false) == "2015-02-01");
  CHECK(fields::byline_date("Posted 6/13/2018 7:11 AM PDT", false) == "2018-06-13");
  CHECK(fields::byline_date("April 28, 2019 at 6:01 am Updated April 29, 2019", false) ==
        "2019-04-28");
}

TEST_CASE("fields: byline_date reads spans glued without a space", "[compiler][extract]") {
  CHECK(fields::byline_date("Daily GazetteOctober 13, 2016", false) == "2016-10-13");
  // A comment count glued to the year leaves the year unread, not wrong.
  CHECK(fields::byline_date("by Sam Poe22 Dec 2016651", false) == "--12-22");
}

TEST_CASE("fields: byline_date numeric order and two-digit years", "[compiler][extract]") {
  CHECK(fields::byline_date("6/7/2018", false) == "2018-06-07");        // US English: month first
  CHECK(fields::byline_date("6/7/2018", true) == "2018-07-06");         // day first
  CHECK(fields::byline_date("13/6/2018", false) == "2018-06-13");       // a day over 12 settles it
  CHECK(fields::byline_date("11.03.17 in Games", false) == "--11-03");  // the year is not stated
  CHECK(fields::byline_date("version 1.2.3.4", false).empty());
}

TEST_CASE("fields: byline_date leaves prose alone", "[compiler][extract]") {
  CHECK(fields::byline_date("The bridge opened on March 9, 2017, after four years of work by "
                            "two hundred people from the valley and its towns.",
                            false)
            .empty());
  CHECK(fields::byline_date("Share this story", false).empty());
  CHECK(fields::byline_date("The ponds filled up on March 9, 2017.", false).empty());
  CHECK(fields::byline_date("the ponds were full again by March 9, 2017 in the valley", false)
            .empty());
  // Chinese running text: its dates are the story's ("8月25日，我们…").
  CHECK(fields::byline_date("8月25日，湖畔小镇举办了春季长跑比赛。", false).empty());
  CHECK(fields::byline_date("2018年8月22日，培训会在湖畔小镇举行", false).empty());
}

TEST_CASE("fields: english_dateline_date reads a date that opens the story with a dash",
          "[compiler][extract]") {
  CHECK(fields::english_dateline_date("Feb. 23, 2015 -- A new study of farm ponds finds...") ==
        "2015-02-23");
  CHECK(fields::english_dateline_date("April 17, 2015 \xE2\x80\x94 Officials said...") ==
        "2015-04-17");
  CHECK(fields::english_dateline_date("March 9, 2017 was a cold day in the valley.").empty());
  CHECK(fields::english_dateline_date("2015-02-23 -- numeric dates are no dateline").empty());
}

TEST_CASE("fields: is_time_line is a clock alone", "[compiler][extract]") {
  CHECK(fields::is_time_line("1:39 PM ET"));
  CHECK(fields::is_time_line("13:39"));
  CHECK(fields::is_time_line("9:05 a.m. EDT"));
  CHECK_FALSE(fields::is_time_line("1:39 PM the bridge opened"));
  CHECK_FALSE(fields::is_time_line("Score 3:1"));
}

TEST_CASE("fields: date_digits and join_date_parts read a date split over elements",
          "[compiler][extract]") {
  CHECK(fields::date_digits("2019年") == "2019");
  CHECK(fields::date_digits("9月7日") == "9-7");
  CHECK(fields::date_digits("2019.09") == "2019-09");
  CHECK(fields::date_digits("第3版").empty());
  CHECK(fields::join_date_parts({"2019", "09", "07"}) == "2019-09-07");
  CHECK(fields::join_date_parts({"07", "2019-09"}) == "2019-09-07");
  CHECK(fields::join_date_parts({"2019", "9-7"}) == "2019-09-07");
  CHECK(fields::join_date_parts({"09-07", "2019"}) == "2019-09-07");
  CHECK(fields::join_date_parts({"12", "34"}).empty());
  CHECK(fields::join_date_parts({"2019", "13", "40"}).empty());
}
