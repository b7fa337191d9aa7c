// tests/compiler/compress: frame packing rules (SPEC: "Frame packing").
#include "compress/frame_plan.hpp"
#include "support/catch.hpp"

using sheaf::plan_frames;

TEST_CASE("small bodies share a frame until it is full", "[compiler][compress]") {
  const sheaf::RecordStore bodies = {std::string(40, 'a'), std::string(70, 'b'),
                                     std::string(30, 'c'), std::string(80, 'd')};
  const auto plan = plan_frames(bodies, 100);
  REQUIRE(plan.frames.size() == 3);  // [a], [b c], [d]: b does not fit after a, c fits after b
  CHECK(plan.locations[0].first_frame == 0);
  CHECK(plan.locations[1].first_frame == 1);
  CHECK(plan.locations[2].first_frame == 1);
  CHECK(plan.locations[2].offset == 70);
  CHECK(plan.locations[3].first_frame == 2);
  CHECK(plan.frames[1].raw_size == 100);
  CHECK(plan.max_frame_size == 100);
  CHECK(plan.max_read_size == 100);
  CHECK(sheaf::frame_bytes(plan, 1, bodies) == std::string(70, 'b') + std::string(30, 'c'));
}

TEST_CASE("a long body starts a frame and owns the frames it fills", "[compiler][compress]") {
  const sheaf::RecordStore bodies = {"x", std::string(250, 'L'), "y"};
  const auto plan = plan_frames(bodies, 100);
  REQUIRE(plan.frames.size() == 5);  // [x], [L*100], [L*100], [L*50], [y]
  CHECK(plan.locations[1].first_frame == 1);
  CHECK(plan.locations[1].offset == 0);
  CHECK(plan.frames[3].raw_size == 50);
  CHECK(plan.locations[2].first_frame == 4);  // never appended after a long body's tail
  CHECK(plan.max_frame_size == 100);
  CHECK(plan.max_read_size == 250);
  CHECK(sheaf::frame_bytes(plan, 3, bodies) == std::string(50, 'L'));
  CHECK(sheaf::frame_bytes(plan, 4, bodies) == "y");
}

TEST_CASE("empty bodies take no frame and carry the empty checksum", "[compiler][compress]") {
  const auto plan = plan_frames({"", "abc", ""}, 64);
  CHECK(plan.frames.size() == 1);
  CHECK(plan.locations[0].size == 0);
  CHECK(plan.locations[0].checksum == plan.locations[2].checksum);
  CHECK(plan.locations[1].checksum != plan.locations[0].checksum);
}
