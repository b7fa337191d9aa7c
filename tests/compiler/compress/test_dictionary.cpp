// Tests for compress/dictionary.hpp's choose_dictionary: none for tiny corpora or --dict-size 0,
// one for a repetitive corpus, and packing (the default) stores it smaller or not at all packed.
#include <string>
#include <vector>

#include "compress/dictionary.hpp"
#include "support/catch.hpp"

namespace {

// Many short records sharing long phrases: what a dictionary is for.
sheaf::RecordStore repetitive_records(size_t count) {
  std::vector<std::string> records;
  for (size_t i = 0; i < count; ++i) {
    records.push_back(
        "{\"site\":\"Daily Example News\",\"category\":\"World affairs and politics\","
        "\"byline\":\"By our correspondent in the capital city\",\"n\":" +
        std::to_string(i) + ",\"body\":\"Officials said on " + std::to_string(i % 28 + 1) +
        " March that the committee would meet again next week to discuss the "
        "budget, the new transport plan and the state of the public libraries.\"}");
  }
  return sheaf::RecordStore(records);
}

}  // namespace

TEST_CASE("choose_dictionary: none when disabled or when there is too little text",
          "[compiler][compress]") {
  sheaf::Progress progress(sheaf::ProgressMode::off);
  const sheaf::CompressOptions compress;
  const sheaf::RecordStore tiny{"a short record", "another one"};
  const sheaf::FramePlan tiny_plan = sheaf::plan_frames(tiny, 8192);
  const sheaf::DictionaryChoice none =
      sheaf::choose_dictionary(tiny_plan, tiny, sheaf::DictionaryOptions{}, compress, progress);
  CHECK(none.bytes.empty());
  CHECK(none.stored().empty());

  const sheaf::RecordStore many = repetitive_records(3000);
  const sheaf::FramePlan plan = sheaf::plan_frames(many, 1024);
  sheaf::DictionaryOptions off;
  off.max_size = 0;
  CHECK(sheaf::choose_dictionary(plan, many, off, compress, progress).bytes.empty());
}

TEST_CASE("choose_dictionary: small frames of repetitive records get one, packing shrinks it",
          "[compiler][compress]") {
  sheaf::Progress progress(sheaf::ProgressMode::off);
  sheaf::CompressOptions compress;
  compress.level = 3;
  const sheaf::RecordStore many = repetitive_records(3000);
  const sheaf::FramePlan plan = sheaf::plan_frames(many, 1024);
  sheaf::DictionaryOptions options;
  options.max_size = 16 * 1024;
  options.pack = false;  // --no-pack-dictionary
  const sheaf::DictionaryChoice plain =
      sheaf::choose_dictionary(plan, many, options, compress, progress);
  REQUIRE_FALSE(plain.bytes.empty());
  CHECK(plain.packed.empty());
  CHECK(&plain.stored() == &plain.bytes);
  CHECK(plain.note.empty());

  options.pack = true;
  const sheaf::DictionaryChoice packed =
      sheaf::choose_dictionary(plan, many, options, compress, progress);
  CHECK(packed.bytes == plain.bytes);  // training is deterministic
  if (!packed.packed.empty()) {
    CHECK(packed.packed.size() < packed.bytes.size());
    CHECK(&packed.stored() == &packed.packed);
  }
}
