// tests/compiler/compress: what `build --base` takes from the old bundle, and the drift rule
// that keeps its dictionary or has a new one trained (docs/DESIGN.md, "Stable builds").
#include "compress/base_bundle.hpp"
#include "support/catch.hpp"

using sheaf::Drift;
using sheaf::judge_drift;

TEST_CASE("drift rule keeps the dictionary for a small change that compresses alike",
          "[compiler][compress]") {
  // 1,000,000 bytes copied at 0.30 per byte; 20,000 new at 0.315 (1.05x).
  const Drift d = judge_drift(1000000, 300000, 20000, 6300);
  CHECK(d.changed_factor == Approx(1.05));
  CHECK(d.new_share == Approx(20000.0 / 1020000));
  CHECK_FALSE(d.retrain);
}

TEST_CASE("drift rule retrains when the changed text compresses worse", "[compiler][compress]") {
  const Drift d = judge_drift(1000000, 300000, 50000, 19500);  // 1.3x, 4.8% new
  CHECK(d.changed_factor == Approx(1.3));
  CHECK(d.retrain);
  // A day of news with record frames reads about 1.11x: kept (docs/DESIGN.md, "Stable builds").
  CHECK_FALSE(judge_drift(1000000, 300000, 50000, 16650).retrain);
}

TEST_CASE("drift rule ignores the factor of a change below 1 percent", "[compiler][compress]") {
  const Drift d = judge_drift(1000000, 300000, 5000, 3000);  // 2x, but 0.5% new
  CHECK(d.changed_factor == Approx(2.0));
  CHECK_FALSE(d.retrain);
}

TEST_CASE("drift rule retrains when much of the text is new", "[compiler][compress]") {
  CHECK(judge_drift(700000, 210000, 300000, 90000).retrain);  // alike, but 30% new
  CHECK(judge_drift(0, 0, 1000, 300).retrain);                // nothing copied
  const Drift none = judge_drift(1000, 300, 0, 0);            // nothing changed
  CHECK(none.new_share == 0);
  CHECK_FALSE(none.retrain);
}

TEST_CASE("reading a base that does not exist or is not a bundle fails and says why",
          "[compiler][compress]") {
  sheaf::Progress progress(sheaf::ProgressMode::off);
  sheaf::BaseBundle base;
  const sheaf::Status missing =
      sheaf::read_base_bundle(SHEAF_SOURCE_DIR "/no-such-base.sheaf", base, progress);
  CHECK_FALSE(missing.ok());
  CHECK(missing.message().find("--base: cannot read it") != std::string::npos);
  const sheaf::Status text = sheaf::read_base_bundle(SHEAF_SOURCE_DIR "/README.md", base, progress);
  CHECK_FALSE(text.ok());
  CHECK(text.message().find("not a readable bundle") != std::string::npos);
  CHECK(base.frames.empty());
}
