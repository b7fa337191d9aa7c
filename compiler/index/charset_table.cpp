// compiler, index stage: the CHARSET section, from the records as stored.
#include "index/charset_table.hpp"

#include <sheaf/format.hpp>
#include <sheaf/record.hpp>
#include <sheaf/utf8.hpp>

#include "index/le_words.hpp"

namespace sheaf {
namespace {

constexpr uint32_t kCodePoints = 0x110000;

}  // namespace

CodePointSet::CodePointSet() : bits_(kCodePoints, false) {}

void CodePointSet::add_text(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    const detail::Decoded c = detail::decode_utf8(text, at);
    if (c.cp != '\n') {
      bits_[c.cp] = true;
    }
    at += c.size;
  }
}

void CodePointSet::add_record(const Record& r) {
  detail::FieldWalk walk(r.header);
  detail::FieldView f;
  while (walk.next(f)) {
    if (f.tag >= static_cast<uint8_t>(format::Field::title) &&
        f.tag <= static_cast<uint8_t>(format::Field::category)) {
      add_text(f.bytes);
    }
  }
  add_text(r.body);
}

void CodePointSet::add_site(const SiteView& s) {
  for (const std::string_view field : {s.name, s.copyright, s.icp, s.public_security_record,
                                       s.email, s.address, s.phone, s.organizer, s.tech_support}) {
    add_text(field);
  }
}

std::vector<std::pair<uint32_t, uint32_t>> CodePointSet::ranges() const {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (uint32_t cp = 0; cp < kCodePoints; ++cp) {
    if (!bits_[cp]) {
      continue;
    }
    if (!out.empty() && out.back().second + 1 == cp) {
      out.back().second = cp;
    } else {
      out.emplace_back(cp, cp);
    }
  }
  return out;
}

CodePointSet collect_code_points(const RecordStore& records, const std::vector<SiteInfo>& sites) {
  CodePointSet set;
  for (size_t i = 0; i < records.size(); ++i) {
    const Result<Record> r = parse_record(records[i]);
    if (!r.ok()) {
      continue;  // never: the index stage encoded it; a read-back would reject the bundle
    }
    set.add_record(r.value());
  }
  for (const SiteInfo& site : sites) {
    for (const auto& [key, value] : site.fields()) {
      set.add_text(*value);
    }
  }
  return set;
}

std::string encode_charset(const CodePointSet& set) {
  constexpr uint32_t kBlock = Charset::kBlockBits;
  std::vector<uint32_t> blocks;
  std::string bitmaps;
  uint32_t total = 0;
  for (uint32_t b = 0; b <= Charset::kLastBlock; ++b) {
    std::string bitmap(kBlock / 8, '\0');
    for (uint32_t i = 0; i < kBlock; ++i) {
      if (set.contains(b * kBlock + i)) {
        bitmap[i / 8] = static_cast<char>(bitmap[i / 8] | (1 << (i % 8)));
        ++total;
      }
    }
    if (bitmap.find_first_not_of('\0') != std::string::npos) {
      blocks.push_back(b);
      bitmaps += bitmap;
    }
  }
  std::string out;
  out.reserve(8 + 4 * blocks.size() + bitmaps.size());
  put_le32(out, static_cast<uint32_t>(blocks.size()));
  put_le32(out, total);
  for (const uint32_t b : blocks) {
    put_le32(out, b);
  }
  return out + bitmaps;
}

}  // namespace sheaf
