// tests/runtime: SPEC's validation rules as code. The Rule enum matches SPEC's rule tables (ids
// and Errc, both ways); one crafted bundle per rule reaches exactly that rule (seen through the
// SHEAF_TRACE_RULES hook) and its Errc; rules no crafted bundle can reach on this host are
// listed with the reason; the verifier covers every field of schema/sheaf.fbs.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <sheaf/sheaf.hpp>

#include "runtime/crafted.hpp"
#include "support/catch.hpp"

#ifndef SHEAF_TRACE_RULES
#error "the rule tests need SHEAF_TRACE_RULES (tests/CMakeLists.txt sets it)"
#endif

using sheaf::Errc;
using sheaf::Rule;
using sheaf::test::AlignedBytes;
using sheaf::test::Bytes;
using sheaf::test::Draft;
using namespace std::string_literals;

namespace {

std::string read_text(const std::string& path) {
  std::string text;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return text;
  }
  char chunk[4096];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
    text.append(chunk, n);
  }
  std::fclose(f);
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

std::string trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t`");
  const size_t last = s.find_last_not_of(" \t`");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

/// SPEC "Validation" table rows: rule id -> the `Errc` column ("(retired)" for retired ids).
std::map<std::string, std::string> spec_rules() {
  std::map<std::string, std::string> rules;
  bool in_validation = false;
  for (const std::string& line : lines_of(read_text(SHEAF_SOURCE_DIR "/schema/SPEC.md"))) {
    if (line.rfind("## ", 0) == 0) {
      in_validation = line == "## Validation";
    }
    if (!in_validation || line.size() < 4 || line[0] != '|') {
      continue;
    }
    const size_t bar1 = line.find('|', 1);
    const size_t bar2 = bar1 == std::string::npos ? bar1 : line.find('|', bar1 + 1);
    const std::string id = trim(line.substr(1, bar1 - 1));
    if (bar2 == std::string::npos || id.size() < 2 ||
        std::string("HSIFBRDCNTLQV").find(id[0]) == std::string::npos ||
        id.find_first_not_of("0123456789", 1) != std::string::npos) {
      continue;
    }
    rules[id] = trim(line.substr(bar1 + 1, bar2 - bar1 - 1));
  }
  return rules;
}

std::string errc_name(Errc e) {
  static const std::map<Errc, std::string> names = {
      {Errc::truncated, "truncated"},
      {Errc::bad_magic, "bad_magic"},
      {Errc::unsupported_version, "unsupported_version"},
      {Errc::unsupported_feature, "unsupported_feature"},
      {Errc::misaligned, "misaligned"},
      {Errc::corrupt_header, "corrupt_header"},
      {Errc::corrupt_index, "corrupt_index"},
      {Errc::corrupt_body, "corrupt_body"},
      {Errc::checksum_mismatch, "checksum_mismatch"},
      {Errc::too_large, "too_large"}};
  const auto it = names.find(e);
  return it == names.end() ? "not a rule's Errc: " + std::string(sheaf::to_string(e)) : it->second;
}

// The rules of this reader, by id.
std::map<std::string, Rule> enum_rules() {
  std::map<std::string, Rule> rules;
  for (size_t k = 0; k < sheaf::kRuleCount; ++k) {
    const auto rule = static_cast<Rule>(k);
    rules[sheaf::rule_id(rule)] = rule;
  }
  return rules;
}

}  // namespace

TEST_CASE("the Rule enum is SPEC's list of rules, each with SPEC's Errc") {
  const std::map<std::string, std::string> spec = spec_rules();
  const std::map<std::string, Rule> code = enum_rules();
  REQUIRE(spec.size() > 50);
  for (const auto& [id, errc] : spec) {
    if (errc == "(retired)") {
      CHECK_FALSE(code.count(id));
      continue;
    }
    INFO("SPEC rule " << id);
    REQUIRE(code.count(id));
    CHECK(errc_name(sheaf::errc_of(code.at(id))) == errc);
  }
  for (const auto& [id, rule] : code) {
    INFO("Rule::" << id);
    CHECK(spec.count(id));
  }
  CHECK(sheaf::errc_of(Rule::I3) == Errc::corrupt_index);
  CHECK(sheaf::errc_of(Rule::V2) == Errc::checksum_mismatch);
}

namespace {

enum class Action {
  open,
  verify_all,
  init,
  read,
  find,
  find_title,
  bodies,
  site,
  site_of,
  source,
  plan,
  read_part,
  charset,
  navigation,
  headlines,
  verify_headlines,
  search
};

/// One crafted bundle: a valid draft, changed in one place.
struct Case {
  std::string rule;
  Action action = Action::open;
  Errc errc = Errc::ok;
  std::function<void(Draft&)> edit_parts;        // before assembly; checksums follow
  std::function<void(Bytes&)> edit_index;        // on the index bytes; checksums follow
  std::function<void(AlignedBytes&)> edit_file;  // after assembly
  bool seal = true;                              // recompute the header checksum after edit_file
  bool shift = false;                            // open the bytes one byte past an aligned address
};

Case parts(std::string rule, Action action, Errc errc, std::function<void(Draft&)> edit) {
  Case c;
  c.rule = std::move(rule);
  c.action = action;
  c.errc = errc;
  c.edit_parts = std::move(edit);
  return c;
}

Case index(std::string rule, Action action, Errc errc, std::function<void(Bytes&)> edit) {
  Case c = parts(std::move(rule), action, errc, nullptr);
  c.edit_index = std::move(edit);
  return c;
}

Case file(std::string rule, Errc errc, std::function<void(AlignedBytes&)> edit, bool seal = true) {
  Case c = parts(std::move(rule), Action::open, errc, nullptr);
  c.edit_file = std::move(edit);
  c.seal = seal;
  return c;
}

uint8_t* header(AlignedBytes& b, size_t offset) {
  return b.data() + offset;
}

uint8_t* section_entry(AlignedBytes& b, uint32_t k, size_t field) {
  return b.data() + sheaf::format::kHeaderSize + k * sheaf::format::kSectionEntrySize + field;
}

/// Points the offset of the Site table named `name` far outside the index.
void break_site(Bytes& idx, const std::string& name) {
  const auto at = std::search(idx.begin(), idx.end(), name.begin(), name.end());
  REQUIRE(at != idx.end());
  sheaf::test::set_le(&*at - 4, 0x7FFFFFF0, 4);
}

sheaf::test::DraftSection section(sheaf::format::SectionKind kind, Bytes bytes) {
  return {static_cast<uint32_t>(kind), 0, std::move(bytes), 0};
}

const Bytes kDictionaryBytes = {0x37, 0xA4, 0x30, 0xEC, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

std::vector<Case> header_cases() {
  using F = sheaf::format::SectionKind;
  namespace fmt = sheaf::format;
  using sheaf::test::set_le;
  std::vector<Case> cases = {
      file("H1", Errc::truncated, [](AlignedBytes& b) { b.size = fmt::kHeaderSize - 1; }),
      [] {
        Case c = file("H2", Errc::misaligned, nullptr);
        c.shift = true;
        return c;
      }(),
      file("H3", Errc::bad_magic, [](AlignedBytes& b) { b.data()[1] ^= 1; }),
      file("H4", Errc::unsupported_version,
           [](AlignedBytes& b) { set_le(header(b, fmt::kOffVersionMajor), 2, 2); }),
      file("H5", Errc::corrupt_header,
           [](AlignedBytes& b) { set_le(header(b, fmt::kOffSectionCount), 0, 4); }),
      file("H6", Errc::truncated, [](AlignedBytes& b) { b.size = fmt::header_end(2) - 1; }),
      file(
          "H7", Errc::corrupt_header,
          [](AlignedBytes& b) { b.data()[fmt::kOffHeaderChecksum] ^= 1; }, false),
      file("H8", Errc::unsupported_feature,
           [](AlignedBytes& b) { set_le(header(b, fmt::kOffFlags), 1, 4); }),
      file("H9", Errc::corrupt_header,
           [](AlignedBytes& b) { set_le(header(b, fmt::kOffReserved), 1, 4); }),
      file("H10", Errc::corrupt_header,
           [](AlignedBytes& b) { set_le(header(b, fmt::kOffFileSize), fmt::kHeaderSize, 8); }),
      file("H12", Errc::truncated, [](AlignedBytes& b) { b.size -= 8; }),
      file("S1", Errc::corrupt_header,
           [](AlignedBytes& b) { set_le(section_entry(b, 0, fmt::kOffSectionFlags), 2, 4); }),
      parts("S2", Action::open, Errc::unsupported_feature,
            [](Draft& d) {
              d.extra_sections.push_back({99, fmt::kSectionRequired, Bytes(8), 0});
            }),
      file("S3", Errc::corrupt_header,
           [](AlignedBytes& b) {
             uint8_t* p = section_entry(b, 0, fmt::kOffSectionOffset);
             set_le(p, sheaf::detail::load_le64(p) + 4, 8);
           }),
      file("S4", Errc::corrupt_header,
           [](AlignedBytes& b) { set_le(section_entry(b, 1, fmt::kOffSectionSize), b.size, 8); }),
      parts("S5", Action::open, Errc::corrupt_header,
            [](Draft& d) { d.extra_sections.push_back(section(F::data, Bytes(8))); }),
      parts("S6", Action::open, Errc::corrupt_header, [](Draft& d) { d.omit_data_section = true; }),
      parts("S7", Action::open, Errc::corrupt_header,
            [](Draft& d) {
              d.extra_sections.push_back(section(F::dictionary, kDictionaryBytes));
              d.extra_sections.push_back(section(F::packed_dictionary, Bytes(8)));
            }),
  };
  if (sizeof(size_t) < sizeof(uint64_t)) {  // a 32-bit reader: a file_size past 4 GiB
    cases.push_back(file("H11", Errc::too_large, [](AlignedBytes& b) {
      set_le(header(b, fmt::kOffFileSize), (uint64_t{1} << 32) + fmt::kHeaderSize, 8);
    }));
  }
  return cases;
}

/// I6's second clause: a Site table that fails verification (its name's length runs past the
/// index), read by Bundle::site.
Case broken_site_table() {
  Case c =
      parts("I6", Action::site, Errc::corrupt_index, [](Draft& d) { d.sites = {"Example Site"}; });
  c.edit_index = [](Bytes& idx) { break_site(idx, "Example Site"); };
  return c;
}

/// V4: an index whose root verifies but one of its tables (a Site) does not.
Case broken_index_table() {
  Case c = parts("V4", Action::verify_all, Errc::corrupt_index,
                 [](Draft& d) { d.sites = {"Example Site"}; });
  c.edit_index = [](Bytes& idx) { break_site(idx, "Example Site"); };
  return c;
}

std::vector<Case> index_cases() {
  using sheaf::test::set_le;
  return {
      index("I1", Action::open, Errc::corrupt_index, [](Bytes& idx) { idx[4] = 'X'; }),
      index("I2", Action::open, Errc::corrupt_index, [](Bytes& idx) { set_le(idx.data(), 0, 4); }),
      index("I3", Action::open, Errc::corrupt_index,
            [](Bytes& idx) {
              set_le(idx.data() + sheaf::detail::load_le32(idx.data()), 0x7FFFFFF0, 4);
            }),
      parts("I4", Action::open, Errc::corrupt_index, [](Draft& d) { d.omit_frame_ends = true; }),
      parts("I6", Action::site_of, Errc::corrupt_index, [](Draft& d) { d.sites.clear(); }),
      broken_site_table(),
      parts("I7", Action::source, Errc::corrupt_index,
            [](Draft& d) {
              d.sources = {{3, 8}};  // not 8-aligned
              d.extra_sections.push_back(section(sheaf::format::SectionKind::sources, Bytes(16)));
            }),
      parts("I9", Action::find, Errc::corrupt_index, [](Draft& d) { d.id_keys.pop_back(); }),
      parts("I9", Action::find, Errc::corrupt_index,
            [](Draft& d) {  // the key of "b-2" names an article past the end
              for (sheaf::fb::TitleKey& k : d.id_keys) {
                if (k.hash() == sheaf::detail::title_hash("b-2")) {
                  k = sheaf::fb::TitleKey(k.hash(), 99);
                }
              }
            }),
      parts("I11", Action::open, Errc::corrupt_index,
            [](Draft& d) { d.block_size = sheaf::format::kMaxFrameSize + 1; }),
      parts("I11", Action::open, Errc::corrupt_index,
            [](Draft& d) { d.max_frame_size = sheaf::format::kMaxFrameSize + 1; }),
      // A wrap in a bundle whose DATA is far under 4 GiB. (The order and range checks behind
      // it need 4 GiB of DATA: bench/scale's big bundle reads across the mark.)
      parts("I13", Action::open, Errc::corrupt_index, [](Draft& d) { d.frame_wraps = {1}; }),
      parts("I12", Action::find, Errc::corrupt_index,
            [](Draft& d) {  // two keys of the hash of "b-2"; the first reads frame 2 ("c-3"),
                            // the second frame 0
              const uint32_t h = sheaf::detail::title_hash("b-2");
              d.id_keys = {sheaf::fb::TitleKey(h, 0), sheaf::fb::TitleKey(h, 1),
                           sheaf::fb::TitleKey(sheaf::detail::title_hash("c-3"), 2)};
              Draft::sort_keys(d.id_keys);
              const sheaf::fb::Article first = d.articles[0];
              d.articles[0] = d.articles[2];
              d.articles[1] = first;
            }),
      parts("I12", Action::find_title, Errc::corrupt_index,
            [](Draft& d) {  // two keys of the hash of "Alpha"; their articles swap frames
              const uint32_t h = sheaf::detail::title_hash("Alpha");
              d.keys = {sheaf::fb::TitleKey(h, 0), sheaf::fb::TitleKey(h, 1)};
              std::swap(d.articles[0], d.articles[1]);
            }),
      parts("I10", Action::find_title, Errc::corrupt_index,
            [](Draft& d) {
              for (sheaf::fb::TitleKey& k : d.keys) {
                if (k.hash() == sheaf::detail::title_hash("Alpha")) {
                  k = sheaf::fb::TitleKey(k.hash(), 99);
                }
              }
            }),
  };
}

/// B4's bundle: 66 frames whose headers claim 64 MiB raw each (the most I11 and F4 allow; a
/// plan reads the headers only), and a record of 4 GiB - 1 that starts 16 bytes before the end
/// of the first: its frames hold 65 * 64 MiB > 4 GiB.
void record_past_4gib(Draft& d) {
  const uint32_t raw = sheaf::format::kMaxFrameSize;
  const Bytes frame = sheaf::test::claiming_frame(raw);
  d.data.clear();
  d.frame_ends.clear();
  for (int k = 0; k < 66; ++k) {
    d.data.insert(d.data.end(), frame.begin(), frame.end());
    d.frame_ends.push_back(static_cast<uint32_t>(d.data.size()));
  }
  d.data.resize(static_cast<size_t>(sheaf::format::align_up(d.data.size())), 0);
  d.block_size = d.max_frame_size = raw;
  d.articles[0] = sheaf::fb::Article(0, raw - 16, 0xFFFFFFFFu, d.articles[0].checksum());
}

std::vector<Case> read_cases() {
  const auto article = [](const std::function<void(sheaf::fb::Article&)>& edit) {
    return [edit](Draft& d) { edit(d.articles[0]); };
  };
  const auto first_record = [](const std::string& bytes) {
    return [bytes](Draft& d) {
      d.records[0] = bytes;
      d.derive();
    };
  };
  using A = sheaf::fb::Article;
  std::vector<Case> cases = {
      parts("F1", Action::read, Errc::corrupt_index, [](Draft& d) { d.frame_ends[0] = 0; }),
      parts("F1", Action::read, Errc::corrupt_index,
            [](Draft& d) {  // the last frame ends past DATA
              d.frame_ends[2] = static_cast<uint32_t>(d.data.size() + 1);
              d.articles[0] = d.articles[2];
            }),
      parts("F2", Action::read, Errc::corrupt_body, [](Draft& d) { d.data[0] ^= 0xFF; }),
      parts("F2", Action::read, Errc::corrupt_body,
            [](Draft& d) { d.data[4] = 0x04; }),  // a window descriptor, no Frame_Content_Size
      parts("F3", Action::read, Errc::corrupt_body,
            [](Draft& d) { d.data[5] -= 1; }),  // content size one short of what the block holds
      parts("F3", Action::read_part, Errc::corrupt_body,
            [](Draft& d) { d.data[d.frame_ends[0] - 1] ^= 1; }),  // its content checksum
      parts("F4", Action::read, Errc::corrupt_index, [](Draft& d) { d.max_frame_size -= 1; }),
      parts("B1", Action::read, Errc::corrupt_index,
            article([](A& a) { a = A(99, a.offset(), a.size(), a.checksum()); })),
      parts("B2", Action::read, Errc::corrupt_index,
            article([](A& a) { a = A(a.first_frame(), a.size(), a.size(), a.checksum()); })),
      parts("B3", Action::read, Errc::corrupt_body,
            article([](A& a) { a = A(a.first_frame(), a.offset(), a.size(), a.checksum() ^ 1); })),
      parts("B5", Action::read, Errc::corrupt_index,
            article([](A& a) { a = A(a.first_frame(), a.offset(), 0, a.checksum()); })),
      parts("R1", Action::read, Errc::corrupt_body,
            first_record("\x01\x01"
                         "a")),
      parts("R2", Action::read, Errc::corrupt_body, first_record("\x01\x80\x80\x80\x80\x80\x00"s)),
      parts("R3", Action::read, Errc::corrupt_body,
            first_record("\x01\x10"
                         "ab\x00"s)),
      parts("R4", Action::read, Errc::corrupt_body,
            first_record("\x01\x01"
                         "a\x01\x01"
                         "b\x00"s)),
      parts("R5", Action::read, Errc::corrupt_body,
            first_record(sheaf::test::record("a-1", "Alpha", "\x0a\x00"s))),
      parts("R6", Action::read, Errc::corrupt_body,
            first_record("\x02\x01T\x00"
                         "body"s)),
  };
  if (sizeof(size_t) < sizeof(uint64_t)) {  // a 32-bit reader: pieces past 4 GiB in all
    cases.push_back(parts("B4", Action::plan, Errc::too_large, record_past_4gib));
  }
  return cases;
}

std::vector<Case> dictionary_cases() {
  return {
      parts("D1", Action::verify_all, Errc::checksum_mismatch,
            [](Draft& d) {
              d.extra_sections.push_back(
                  section(sheaf::format::SectionKind::dictionary, kDictionaryBytes));
              d.extra_sections.back().checksum_xor = 1;
            }),
      parts("D2", Action::init, Errc::corrupt_body,
            [](Draft& d) {
              d.extra_sections.push_back(
                  section(sheaf::format::SectionKind::dictionary, Bytes(16, 'x')));
            }),
      parts("D3", Action::init, Errc::corrupt_body,
            [](Draft& d) {
              d.extra_sections.push_back(
                  section(sheaf::format::SectionKind::packed_dictionary, Bytes(16, 'x')));
            }),
      // A packed dictionary whose frame header claims 1 GiB (more than build's 16 MiB cap):
      // refused before any workspace is sized from the claim.
      parts("D3", Action::init, Errc::corrupt_body,
            [](Draft& d) {
              Bytes frame = {0x28, 0xB5, 0x2F, 0xFD, 0xA4};  // single segment, 4-byte size
              sheaf::test::put_le(frame, uint64_t{1} << 30, 4);
              sheaf::test::put_le(frame, 1u | (8u << 3), 3);  // last raw block of 8 bytes
              frame.insert(frame.end(), kDictionaryBytes.begin(), kDictionaryBytes.begin() + 8);
              d.extra_sections.push_back(
                  section(sheaf::format::SectionKind::packed_dictionary, frame));
            }),
      parts("D4", Action::init, Errc::corrupt_body,
            [](Draft& d) {
              Bytes dictionary(sheaf::format::kMaxDictionarySize + 8, 0);
              std::copy(kDictionaryBytes.begin(), kDictionaryBytes.end(), dictionary.begin());
              d.extra_sections.push_back(
                  section(sheaf::format::SectionKind::dictionary, std::move(dictionary)));
            }),
  };
}

/// A CHARSET section: `count` and `total` as stated, then the blocks, each with a bitmap whose
/// first byte is `first_byte` (the rest zero).
Bytes charset_section(uint32_t count, uint32_t total, const std::vector<uint32_t>& blocks,
                      uint8_t first_byte = 1) {
  Bytes b(8 + 36 * blocks.size(), 0);
  sheaf::test::set_le(b.data(), count, 4);
  sheaf::test::set_le(b.data() + 4, total, 4);
  for (size_t k = 0; k < blocks.size(); ++k) {
    sheaf::test::set_le(b.data() + 8 + 4 * k, blocks[k], 4);
    b[8 + 4 * blocks.size() + 32 * k] = first_byte;
  }
  return b;
}

Case with_charset(std::string rule, Action action, const Bytes& bytes) {
  return parts(std::move(rule), action, Errc::corrupt_index, [bytes](Draft& d) {
    d.extra_sections.push_back(section(sheaf::format::SectionKind::charset, bytes));
  });
}

std::vector<Case> charset_cases() {
  return {
      with_charset("C1", Action::charset, Bytes(4)),
      with_charset("C1", Action::charset, charset_section(2, 1, {0})),  // a block missing
      with_charset("C2", Action::charset, charset_section(2, 2, {1, 1})),
      with_charset("C2", Action::charset, charset_section(1, 1, {0x1100})),  // past U+10FFFF
      with_charset("C2", Action::charset, charset_section(1, 0, {0}, 0)),    // an empty bitmap
      with_charset("C3", Action::charset, charset_section(1, 5, {0})),
      // Only U+0000 to U+0007: a site's name (verify_all) and the records' text (bodies) hold
      // more.
      [] {
        Case c = with_charset("C4", Action::verify_all, charset_section(1, 8, {0}, 0xFF));
        c.edit_parts = [edit = c.edit_parts](Draft& d) {
          edit(d);
          d.sites = {"Example Site"};
        };
        return c;
      }(),
      with_charset("C4", Action::bodies, charset_section(1, 8, {0}, 0xFF)),
  };
}

/// A NAVIGATION section for the draft's three articles: a root with children "A" and "B";
/// article 0 filed in A, 1 in B, 2 in the root; all undated. Each case changes one value.
struct NavDraft {
  uint32_t n = 3;
  std::vector<uint32_t> newest = {0, 1, 2}, dates = {0, 0, 0}, ranks = {0, 1, 2},
                        node_of = {1, 2, 0}, filed = {2, 0, 1};
  // parent, first_child, child_count, name_offset, name_size, count, filed_offset, filed_count
  std::vector<std::vector<uint32_t>> nodes = {
      {0xFFFFFFFF, 1, 2, 0, 0, 3, 0, 1}, {0, 3, 0, 0, 1, 1, 1, 1}, {0, 3, 0, 1, 1, 1, 2, 1}};
  std::string names = "AB";
  size_t extra = 0;  // bytes past the names

  Bytes bytes() const {
    std::vector<uint32_t> words = {n, static_cast<uint32_t>(nodes.size()),
                                   static_cast<uint32_t>(names.size())};
    for (const auto* t : {&newest, &dates, &ranks, &node_of, &filed}) {
      words.insert(words.end(), t->begin(), t->end());
    }
    for (const auto& node : nodes) {
      words.insert(words.end(), node.begin(), node.end());
    }
    Bytes b(4 * words.size());
    for (size_t k = 0; k < words.size(); ++k) {
      sheaf::test::set_le(b.data() + 4 * k, words[k], 4);
    }
    b.insert(b.end(), names.begin(), names.end());
    b.resize(b.size() + extra, 0);
    return b;
  }
};

Case with_navigation(std::string rule, Action action, const std::function<void(NavDraft&)>& edit) {
  NavDraft nav;
  edit(nav);
  const Bytes bytes = nav.bytes();
  return parts(std::move(rule), action, Errc::corrupt_index, [bytes](Draft& d) {
    d.extra_sections.push_back(section(sheaf::format::SectionKind::navigation, bytes));
  });
}

std::vector<Case> navigation_cases() {
  const Action open = Action::navigation;
  return {
      parts("N1", open, Errc::corrupt_index,
            [](Draft& d) {
              d.extra_sections.push_back(section(sheaf::format::SectionKind::navigation, Bytes(4)));
            }),
      with_navigation("N1", open, [](NavDraft& v) { v.extra = 1; }),  // a byte too many
      with_navigation("N1", open,
                      [](NavDraft& v) {  // two articles, the bundle has three
                        v.n = 2;
                        v.newest = v.dates = v.ranks = v.node_of = v.filed = {0, 1};
                      }),
      with_navigation("N2", open, [](NavDraft& v) { v.nodes[0][0] = 0; }),
      with_navigation("N3", open, [](NavDraft& v) { v.nodes[1][1] = 4; }),
      with_navigation("N3", open, [](NavDraft& v) { v.nodes[2][0] = 1; }),
      with_navigation("N4", open, [](NavDraft& v) { v.names = "BA"; }),     // siblings out of order
      with_navigation("N4", open, [](NavDraft& v) { v.nodes[2][3] = 2; }),  // name past the end
      with_navigation("N5", open, [](NavDraft& v) { v.nodes[0][6] = 1; }),
      with_navigation("N6", open, [](NavDraft& v) { v.nodes[1][5] = 2; }),
      with_navigation("N7", Action::verify_all,
                      [](NavDraft& v) {
                        v.newest = {0, 0, 2};
                      }),
      with_navigation("N7", Action::verify_all,
                      [](NavDraft& v) {
                        v.newest = {0, 1, 3};
                      }),
      with_navigation("N8", Action::verify_all,
                      [](NavDraft& v) {
                        v.dates = {0, 5, 0};
                      }),
      with_navigation("N8", Action::verify_all,
                      [](NavDraft& v) {  // a tie out of article order
                        v.newest = {1, 0, 2};
                        v.ranks = {1, 0, 2};
                        v.filed = {2, 1, 0};
                      }),
      with_navigation("N9", Action::verify_all,
                      [](NavDraft& v) {
                        v.node_of = {2, 1, 0};
                      }),
      with_navigation("N9", Action::verify_all,
                      [](NavDraft& v) {
                        v.filed = {2, 3, 1};
                      }),
      // Order and tree are sound, but the records are undated: their date key is 0, not 5.
      with_navigation("N10", Action::bodies,
                      [](NavDraft& v) {
                        v.dates = {5, 5, 5};
                      }),
  };
}

/// The HEADLINES section of the draft's records (Alpha, Beta, Gamma; with NavDraft's order,
/// slot s holds article s, so `sorted` is 0 1 2), frame 0 holding slot 0 and frame 1 slots 1
/// and 2 (at least min_group = 2). Each case changes one value.
struct HeadlineDraft {
  uint32_t n = 3;
  uint32_t min_group = 2;
  uint32_t frame_count = 2;
  uint32_t max_raw = 11;  // "\x04Beta\x05Gamma"
  std::vector<uint32_t> sorted = {0, 1, 2};
  std::vector<uint32_t> firsts = {0, 1};
  std::vector<std::string> contents = {
      "\x05"
      "Alpha",
      "\x04"
      "Beta\x05"
      "Gamma"};
  std::function<void(std::vector<Bytes>&)> edit_frames;  // on the frames, before the ends
  std::function<void(std::vector<uint32_t>&)> edit_ends;
  size_t extra = 0;  // bytes past the blob
  bool with_navigation = true;

  Bytes bytes() const {
    std::vector<Bytes> frames;
    for (const std::string& c : contents) {
      frames.push_back(sheaf::test::raw_zstd_frame(c));
    }
    if (edit_frames) {
      edit_frames(frames);
    }
    Bytes blob;
    std::vector<uint32_t> ends;
    for (const Bytes& f : frames) {
      blob.insert(blob.end(), f.begin(), f.end());
      ends.push_back(static_cast<uint32_t>(blob.size()));
    }
    if (edit_ends) {
      edit_ends(ends);
    }
    std::vector<uint32_t> words = {n, min_group, frame_count, static_cast<uint32_t>(blob.size()),
                                   max_raw};
    words.insert(words.end(), sorted.begin(), sorted.end());
    words.insert(words.end(), firsts.begin(), firsts.end());
    words.insert(words.end(), ends.begin(), ends.end());
    Bytes b(4 * words.size());
    for (size_t k = 0; k < words.size(); ++k) {
      sheaf::test::set_le(b.data() + 4 * k, words[k], 4);
    }
    b.insert(b.end(), blob.begin(), blob.end());
    b.resize(b.size() + extra, 0);
    return b;
  }
};

Case with_headlines(std::string rule, Action action, Errc errc,
                    const std::function<void(HeadlineDraft&)>& edit) {
  HeadlineDraft h;
  edit(h);
  const Bytes bytes = h.bytes();
  const Bytes nav = NavDraft().bytes();
  const bool with_nav = h.with_navigation;
  return parts(std::move(rule), action, errc, [bytes, nav, with_nav](Draft& d) {
    if (with_nav) {
      d.extra_sections.push_back(section(sheaf::format::SectionKind::navigation, nav));
    }
    d.extra_sections.push_back(section(sheaf::format::SectionKind::headlines, bytes));
  });
}

std::vector<Case> headlines_cases() {
  const Action read = Action::headlines;
  const Action verify = Action::verify_headlines;
  const Errc bad = Errc::corrupt_index;
  return {
      parts("L1", read, bad,
            [](Draft& d) {
              d.extra_sections.push_back(
                  section(sheaf::format::SectionKind::navigation, NavDraft().bytes()));
              d.extra_sections.push_back(section(sheaf::format::SectionKind::headlines, Bytes(4)));
            }),
      with_headlines("L1", read, bad, [](HeadlineDraft& h) { h.extra = 1; }),  // a byte too many
      with_headlines("L1", read, bad, [](HeadlineDraft& h) { h.min_group = 0; }),
      with_headlines("L1", read, bad, [](HeadlineDraft& h) { h.frame_count = 3; }),
      with_headlines("L1", read, bad,
                     [](HeadlineDraft& h) {
                       h.firsts = {1, 2};
                     }),
      with_headlines("L1", read, bad,
                     [](HeadlineDraft& h) {  // more frames than titles
                       h.frame_count = 4;
                       h.firsts = {0, 1, 2, 3};
                       h.contents = {
                           "\x05"
                           "Alpha",
                           "\x04"
                           "Beta",
                           "\x05"
                           "Gamma",
                           ""};
                     }),
      with_headlines("L1", read, bad,
                     [](HeadlineDraft& h) { h.max_raw = sheaf::format::kMaxFrameSize + 1; }),
      with_headlines("L1", read, bad,
                     [](HeadlineDraft& h) {  // the frames end before the blob does
                       h.edit_ends = [](std::vector<uint32_t>& ends) { ends[1] -= 1; };
                     }),
      with_headlines("L1", read, bad, [](HeadlineDraft& h) { h.with_navigation = false; }),
      with_headlines("L2", read, bad,
                     [](HeadlineDraft& h) {
                       h.sorted = {0, 3, 2};
                     }),
      with_headlines("L2", Action::verify_all, bad,
                     [](HeadlineDraft& h) {  // frame 0 empty
                       h.edit_ends = [](std::vector<uint32_t>& ends) { ends[0] = 0; };
                     }),
      with_headlines("L2", Action::verify_all, bad,
                     [](HeadlineDraft& h) {  // frame 0 holds no slot
                       h.firsts = {0, 0};
                     }),
      with_headlines("L2", verify, bad,
                     [](HeadlineDraft& h) {
                       h.firsts = {0, 0};
                     }),
      with_headlines("L3", read, Errc::corrupt_body,
                     [](HeadlineDraft& h) {  // its content checksum
                       h.edit_frames = [](std::vector<Bytes>& f) { f[0].back() ^= 1; };
                     }),
      with_headlines("L3", read, Errc::corrupt_body, [](HeadlineDraft& h) { h.max_raw = 10; }),
      with_headlines("L4", read, bad,
                     [](HeadlineDraft& h) {
                       h.contents[0] =
                           "\x06"
                           "Alpha";
                     }),
      with_headlines("L4", verify, bad,
                     [](HeadlineDraft& h) {  // a byte after the last entry
                       h.contents[0] =
                           "\x05"
                           "Alpha!";
                     }),
      with_headlines("L5", verify, bad, [](HeadlineDraft& h) { h.max_raw = 12; }),
      with_headlines("L5", verify, bad, [](HeadlineDraft& h) { h.min_group = 3; }),
      with_headlines("L5", verify, bad,
                     [](HeadlineDraft& h) {
                       h.sorted = {1, 0, 2};
                     }),
      with_headlines("L5", verify, bad,
                     [](HeadlineDraft& h) {
                       h.sorted = {0, 0, 2};
                     }),
      // In order and well formed, but not the records' titles.
      with_headlines("L6", verify, bad,
                     [](HeadlineDraft& h) {
                       h.contents[1] =
                           "\x04"
                           "Beta\x05"
                           "Gamme";
                     }),
  };
}

/// A SEARCH section for the draft's three articles: 'A' folds to "a"; keys "a" (article 0) and
/// "ab" (article 1). Each case changes one value.
struct SearchDraft {
  uint32_t n = 3;
  std::vector<std::vector<uint32_t>> folds = {{'A', 0, 1}};          // code point, offset, size
  std::vector<std::vector<uint32_t>> heads = {{'a', 0}};             // code point, first key
  std::vector<std::vector<uint32_t>> keys = {{0, 0}, {'b' + 1, 2}};  // second, postings offset
  std::string fold_blob = "a";
  Bytes postings = {1, 0x00, 1, 0x04};  // one article each: 0, then 1
  size_t extra = 0;                     // bytes past the postings

  Bytes bytes() const {
    std::vector<uint32_t> words = {n,
                                   static_cast<uint32_t>(folds.size()),
                                   static_cast<uint32_t>(fold_blob.size()),
                                   static_cast<uint32_t>(heads.size()),
                                   static_cast<uint32_t>(keys.size()),
                                   static_cast<uint32_t>(postings.size())};
    for (const auto* table : {&folds, &heads, &keys}) {
      for (const auto& row : *table) {
        words.insert(words.end(), row.begin(), row.end());
      }
    }
    Bytes b(4 * words.size());
    for (size_t k = 0; k < words.size(); ++k) {
      sheaf::test::set_le(b.data() + 4 * k, words[k], 4);
    }
    b.insert(b.end(), fold_blob.begin(), fold_blob.end());
    b.insert(b.end(), postings.begin(), postings.end());
    b.resize(b.size() + extra, 0);
    return b;
  }
};

Case with_search(std::string rule, Action action, const std::function<void(SearchDraft&)>& edit) {
  SearchDraft draft;
  edit(draft);
  const Bytes bytes = draft.bytes();
  return parts(std::move(rule), action, Errc::corrupt_index, [bytes](Draft& d) {
    d.extra_sections.push_back(section(sheaf::format::SectionKind::search, bytes));
  });
}

std::vector<Case> search_cases() {
  const Action open = Action::search;
  return {
      parts("Q1", open, Errc::corrupt_index,
            [](Draft& d) {
              d.extra_sections.push_back(section(sheaf::format::SectionKind::search, Bytes(4)));
            }),
      with_search("Q1", open, [](SearchDraft& s) { s.extra = 1; }),  // a byte too many
      with_search("Q1", open, [](SearchDraft& s) { s.n = 2; }),      // the bundle has three
      with_search("Q2", open,
                  [](SearchDraft& s) {
                    s.folds.push_back({'A', 0, 1});
                  }),
      with_search("Q2", open, [](SearchDraft& s) { s.folds[0][2] = 2; }),  // past the blob
      with_search("Q3", open, [](SearchDraft& s) { s.heads[0][1] = 1; }),
      with_search("Q3", open,
                  [](SearchDraft& s) {
                    s.heads.push_back({'a', 1});
                  }),
      with_search("Q4", Action::verify_all, [](SearchDraft& s) { s.keys[1][0] = 0; }),
      with_search("Q4", Action::verify_all, [](SearchDraft& s) { s.keys[1][1] = 0; }),
      with_search("Q5", Action::verify_all, [](SearchDraft& s) { s.postings[2] = 0; }),
      with_search("Q5", Action::verify_all, [](SearchDraft& s) { s.postings[3] = 0x0C; }),
      // A sound index of no keys at all: the records' titles have keys it lacks.
      with_search("Q6", Action::bodies,
                  [](SearchDraft& s) {
                    s.heads.clear();
                    s.keys.clear();
                    s.postings.clear();
                  }),
  };
}

std::vector<Case> verify_cases() {
  using sheaf::fb::TitleKey;
  return {
      parts("V1", Action::verify_all, Errc::corrupt_header,
            [](Draft& d) { d.gap_before_first = 8; }),
      parts("V2", Action::verify_all, Errc::checksum_mismatch,
            [](Draft& d) {
              d.extra_sections.push_back({99, 0, Bytes(8), 1});  // an optional unknown kind
            }),
      parts("V3", Action::verify_all, Errc::corrupt_header, [](Draft& d) { d.trailing = 8; }),
      broken_index_table(),
      parts("V7", Action::bodies, Errc::corrupt_index,
            [](Draft& d) {
              std::swap(d.records[0], d.records[1]);
              d.derive();
            }),
      parts("V8", Action::verify_all, Errc::corrupt_index, [](Draft& d) { d.max_read_size -= 1; }),
      parts("V9", Action::bodies, Errc::corrupt_index,
            [](Draft& d) { std::swap(d.articles[0], d.articles[1]); }),
      parts("V9", Action::verify_all, Errc::corrupt_index,  // from the record plans alone
            [](Draft& d) { std::swap(d.articles[0], d.articles[1]); }),
      parts("V10", Action::verify_all, Errc::corrupt_index,
            [](Draft& d) { d.data.resize(d.data.size() + 8, 0); }),
      parts("V11", Action::verify_all, Errc::corrupt_index,
            [](Draft& d) { d.block_size = d.max_frame_size - 1; }),
      parts("V12", Action::verify_all, Errc::corrupt_index, [](Draft& d) { d.keys.pop_back(); }),
      parts("V12", Action::verify_all, Errc::corrupt_index, [](Draft& d) { d.id_keys.pop_back(); }),
      parts("V13", Action::verify_all, Errc::corrupt_index,
            [](Draft& d) { std::swap(d.id_keys[0], d.id_keys[1]); }),
      parts("V13", Action::verify_all, Errc::corrupt_index,
            [](Draft& d) {
              d.id_keys[2] = sheaf::fb::TitleKey(d.id_keys[2].hash(), 3);  // past the end
            }),
      parts("V14", Action::verify_all, Errc::corrupt_index,
            [](Draft& d) { std::swap(d.keys[0], d.keys[1]); }),
      parts("V15", Action::bodies, Errc::corrupt_index,
            [](Draft& d) {
              d.id_keys[0] = TitleKey(d.id_keys[0].hash() ^ 1, d.id_keys[0].article());
              Draft::sort_keys(d.id_keys);
            }),
      parts("V16", Action::bodies, Errc::corrupt_index,
            [](Draft& d) { d.keys[0] = TitleKey(d.keys[0].hash() ^ 1, d.keys[0].article()); }),
      parts("V17", Action::bodies, Errc::corrupt_index,
            [](Draft& d) {
              d.records[0] = sheaf::test::record("a-1", "Alpha", "\x0a\x01\x03"s);  // site 3 of 0
              d.derive();
            }),
  };
}

/// Rules that no crafted bundle reaches on this host, with the reason. A 32-bit reader has a
/// case for each (header_cases: H11, read_cases: B4).
const std::map<std::string, std::string> kUnreachable =
    sizeof(size_t) == 8
        ? std::map<std::string, std::string>{{"H11",
                                              "only a reader whose size_t is 32 bits can fail it "
                                              "(file_size > SIZE_MAX)"},
                                             {"B4",
                                              "only a reader whose size_t is 32 bits can fail it "
                                              "(buffer_size > SIZE_MAX)"}}
        : std::map<std::string, std::string>{};

AlignedBytes craft(const Case& c) {
  Draft d = sheaf::test::valid_draft();
  if (c.edit_parts) {
    c.edit_parts(d);
  }
  Bytes idx = d.index();
  if (c.edit_index) {
    c.edit_index(idx);
  }
  AlignedBytes bytes = d.assemble(idx);
  if (c.edit_file) {
    c.edit_file(bytes);
    if (c.seal) {
      Draft::seal_header(bytes);
    }
  }
  return bytes;
}

// The decoder-side actions, on an opened bundle.
// Opens the HEADLINES section and reads every entry through its accessors (rules L1 to L4).
Errc headlines_read(const sheaf::Bundle& b, sheaf::Decoder& decoder) {
  const sheaf::Result<sheaf::Headlines> h = b.headlines();
  if (!h.ok()) {
    return h.error();
  }
  std::vector<uint8_t> buffer(h.value().max_raw());
  const sheaf::MutableByteSpan out(buffer.data(), buffer.size());
  for (uint32_t k = 0; k < h.value().count(); ++k) {
    for (const Errc e :
         {h.value().slot_at(k).error(), h.value().title_at_slot(decoder, k, out).error()}) {
      if (e != Errc::ok) {
        return e;
      }
    }
  }
  return Errc::ok;
}

Errc run_read(Action action, const sheaf::Bundle& b) {
  std::vector<uint64_t> ws((sheaf::Decoder::workspace_size(b) + 7) / 8);
  const auto d = sheaf::Decoder::init(
      b, sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(ws.data()), ws.size() * 8));
  if (!d.ok() || action == Action::init) {
    return d.ok() ? Errc::ok : d.error();
  }
  sheaf::Decoder decoder = d.value();
  std::vector<uint8_t> buffer(1 << 16);
  const sheaf::MutableByteSpan out(buffer.data(), buffer.size());
  switch (action) {
    case Action::read:
      return decoder.read(0, out).error();
    case Action::find:
      return decoder.find("b-2", out).error();
    case Action::find_title:
      return decoder.find_title("Alpha", out).error();
    case Action::read_part:
      return decoder.read_part(b.article(0).value(), 0, out).error();
    case Action::headlines:
      return headlines_read(b, decoder);
    case Action::verify_headlines: {
      std::vector<uint8_t> check(sheaf::headlines_verify_size(b) + 1);
      return sheaf::verify_headlines(b, decoder,
                                     sheaf::MutableByteSpan(check.data(), check.size()));
    }
    default:
      return sheaf::verify_bodies(b, decoder, out);
  }
}

Errc run(Action action, const AlignedBytes& bytes, bool shift) {
  const sheaf::ByteSpan span =
      shift ? sheaf::ByteSpan(bytes.span().data() + 1, bytes.size - 1) : bytes.span();
  const auto b = sheaf::Bundle::open(span);
  if (!b.ok() || action == Action::open) {
    return b.ok() ? Errc::ok : b.error();
  }
  sheaf::Record r;
  switch (action) {
    case Action::verify_all:
      return sheaf::verify_all(b.value());
    case Action::site_of:
      r.site = 5;
      return b.value().site_of(r).error();
    case Action::site:
      return b.value().site(0).error();
    case Action::source:
      return b.value().source(0).error();
    case Action::plan:
      return b.value().record_plan(b.value().article(0).value()).error();
    case Action::charset:
      return b.value().charset().error();
    case Action::navigation:
      return b.value().navigation().error();
    case Action::search:
      return b.value().search().error();
    default:
      return run_read(action, b.value());
  }
}

std::vector<Rule> g_failed;  // rules failed since the last clear (the test is single-threaded)

void record_rule(Rule rule) {
  g_failed.push_back(rule);
}

}  // namespace

TEST_CASE("the crafted base bundle passes every check") {
  const AlignedBytes bytes = sheaf::test::valid_draft().assemble();
  for (Action a : {Action::open, Action::verify_all, Action::init, Action::read, Action::find,
                   Action::find_title, Action::bodies, Action::read_part}) {
    CHECK(run(a, bytes, false) == Errc::ok);
  }
}

TEST_CASE("a retired TITLES section (kind 8) is skipped like an unknown optional kind") {
  Draft d = sheaf::test::valid_draft();
  const auto titles = static_cast<uint32_t>(sheaf::format::SectionKind::retired_titles);
  d.extra_sections.push_back({titles, 0, Bytes(8, 0xFF), 0});
  d.extra_sections.push_back({titles, 0, Bytes(8), 0});  // twice: not a known kind (S5)
  const AlignedBytes bytes = d.assemble();
  const auto b = sheaf::Bundle::open(bytes.span());
  REQUIRE(b.ok());
  CHECK(sheaf::verify_all(b.value()) == Errc::ok);
  CHECK(b.value().headlines().error() == Errc::not_found);
}

TEST_CASE("B4's crafted record needs a buffer past 4 GiB, on any host") {
  Draft d = sheaf::test::valid_draft();
  record_past_4gib(d);
  const AlignedBytes bytes = d.assemble();
  const auto b = sheaf::Bundle::open(bytes.span());
  REQUIRE(b.ok());
  const auto plan = b.value().record_plan(b.value().article(0).value());
  if (sizeof(size_t) < sizeof(uint64_t)) {
    CHECK(plan.error() == Errc::too_large);
  } else {
    REQUIRE(plan.ok());
    CHECK(plan.value().frame_count == 65);
    CHECK(plan.value().buffer_size > size_t{UINT32_MAX});
  }
}

TEST_CASE("one crafted bundle per SPEC rule reaches exactly that rule and its Errc") {
  std::vector<Case> cases = header_cases();
  for (auto more : {index_cases(), read_cases(), dictionary_cases(), charset_cases(),
                    navigation_cases(), headlines_cases(), search_cases(), verify_cases()}) {
    cases.insert(cases.end(), more.begin(), more.end());
  }
  const std::map<std::string, Rule> rules = enum_rules();
  std::set<std::string> covered;
  const sheaf::RuleHook previous = sheaf::set_rule_hook(record_rule);
  for (const Case& c : cases) {
    INFO("rule " << c.rule);
    REQUIRE(rules.count(c.rule));
    covered.insert(c.rule);  // a rule with several clauses may have a case for each
    CHECK(c.errc == sheaf::errc_of(rules.at(c.rule)));
    g_failed.clear();
    CHECK(errc_name(run(c.action, craft(c), c.shift)) == errc_name(c.errc));
    REQUIRE_FALSE(g_failed.empty());
    CHECK(sheaf::rule_id(g_failed.back()) == c.rule);
  }
  sheaf::set_rule_hook(previous);
  for (const auto& [id, reason] : kUnreachable) {
    INFO("unreachable rule " << id << ": " << reason);
    CHECK(rules.count(id));
    CHECK_FALSE(covered.count(id));
  }
  for (const auto& [id, rule] : rules) {
    INFO("rule " << id << " has no crafted bundle and is not listed as unreachable");
    CHECK((covered.count(id) + kUnreachable.count(id)) == 1);
  }
  std::printf("rules: %zu; crafted cases: %zu for %zu rules; unreachable here: %zu\n", rules.size(),
              cases.size(), covered.size(), kUnreachable.size());
}

namespace {

/// Tables and structs of schema/sheaf.fbs: name -> field names, in order.
std::map<std::string, std::vector<std::string>> fbs_types(bool tables) {
  std::map<std::string, std::vector<std::string>> types;
  std::string current;
  const std::string keyword = tables ? "table " : "struct ";
  for (const std::string& line : lines_of(read_text(SHEAF_SOURCE_DIR "/schema/sheaf.fbs"))) {
    const std::string t = trim(line);
    if (t.rfind(keyword, 0) == 0) {
      current = trim(t.substr(keyword.size(), t.find('{') - keyword.size()));
      types[current];
    } else if (t.rfind('}', 0) == 0) {
      current.clear();
    } else if (!current.empty() && t.rfind("//", 0) != 0 && t.find(':') != std::string::npos &&
               t.find("(deprecated)") == std::string::npos) {  // never read, nothing to verify
      types[current].push_back(trim(t.substr(0, t.find(':'))));
    }
  }
  return types;
}

}  // namespace

TEST_CASE("the index verifier covers every field of schema/sheaf.fbs") {
  const auto tables = fbs_types(true);
  const auto structs = fbs_types(false);
  REQUIRE(tables.count("Bundle"));
  std::vector<std::string> verified;
  for (const sheaf::detail::RootField& f : sheaf::detail::kRootFields) {
    verified.push_back(f.name);
  }
  // Bundle: open() verifies each field in kRootFields; accessors can read no other.
  CHECK(verified == tables.at("Bundle"));
  // Tables reached through a vector of offsets: the generated Verify() checks all their fields
  // when an accessor reads one (SPEC: rules I6, I7).
  std::set<std::string> other_tables;
  for (const auto& [name, fields] : tables) {
    if (name != "Bundle") {
      other_tables.insert(name);
    }
  }
  CHECK(other_tables == std::set<std::string>{"Site", "SourceFile"});
  // Structs: fixed size, inside vectors whose byte range open() verified; read bytewise.
  std::set<std::string> struct_names;
  for (const auto& [name, fields] : structs) {
    struct_names.insert(name);
  }
  CHECK(struct_names == std::set<std::string>{"Article", "Frame", "TitleKey"});
}

TEST_CASE("the navigation draft the N cases change is valid, and reads as drawn") {
  const Bytes bytes = NavDraft().bytes();
  const sheaf::Result<sheaf::Navigation> nav =
      sheaf::Navigation::open(sheaf::ByteSpan(bytes.data(), bytes.size()), 3);
  REQUIRE(nav.ok());
  const sheaf::Navigation& v = nav.value();
  CHECK(v.verify() == Errc::ok);
  const std::string_view b[] = {"B"};
  CHECK(v.find_category(b, 1).value() == 2);
  const std::string_view c[] = {"C"};
  CHECK(v.find_category(c, 1).error() == Errc::not_found);
  CHECK(v.name(1) == "A");
  CHECK(v.count(0) == 3);
  CHECK(v.articles_in(0, 0).value() == 2);
  CHECK(v.articles_in(1, 0).value() == 0);
  CHECK(v.articles_in(1, 1).error() == Errc::out_of_range);
  CHECK(v.newest(2).value() == 2);
  CHECK(v.newest(3).error() == Errc::out_of_range);
  CHECK(v.node_of(1).value() == 2);
}

TEST_CASE("navigation accessors past the last node give zeros, not a read past the section") {
  const Bytes bytes = NavDraft().bytes();
  const sheaf::Navigation v =
      sheaf::Navigation::open(sheaf::ByteSpan(bytes.data(), bytes.size()), 3).value();
  CHECK(v.name(3).empty());
  CHECK(v.count(3) == 0);
  CHECK(v.child_count(99) == 0);
  CHECK(v.child(3, 0).error() == Errc::out_of_range);
  CHECK(v.find_child(3, "A").error() == Errc::out_of_range);
  CHECK(v.articles_in(3, 0).error() == Errc::out_of_range);
}
