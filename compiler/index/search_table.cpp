// compiler, index stage: the SEARCH section, from the records' title, subtitle and body.
#include "index/search_table.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <sheaf/record.hpp>
#include <sheaf/search.hpp>
#include <sheaf/utf8.hpp>

#include "ingest/utf8.hpp"

namespace sheaf {
namespace {

void put_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
}

void put_leb(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// lower(NFKC(cp)) by ICU; the code point itself if ICU fails (it does not on valid input).
std::u32string icu_fold(uint32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  UChar in[2];
  int32_t in_size = 0;
  U16_APPEND_UNSAFE(in, in_size, static_cast<UChar32>(cp));
  UChar normal[64];
  const int32_t normal_size = unorm2_normalize(nfkc, in, in_size, normal, 64, &status);
  UChar lower[128];
  const int32_t lower_size = u_strToLower(lower, 128, normal, normal_size, "", &status);
  if (U_FAILURE(status)) {
    return std::u32string(1, static_cast<char32_t>(cp));
  }
  std::u32string out;
  for (int32_t k = 0; k < lower_size;) {
    UChar32 c = 0;
    U16_NEXT_UNSAFE(lower, k, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

// A key as one number, in the dictionary's order: first code point, then second (+1; 0 alone).
uint64_t key_of(uint32_t first, uint32_t second) {
  return (uint64_t{first} << 21) | second;
}

// One article's keys: occurrences and whether one is in the title.
struct KeyCount {
  uint32_t frequency = 0;
  bool in_title = false;
};

// A postings list while it is built, articles appended in ascending order.
struct ListBuilder {
  uint32_t count = 0;
  uint32_t next_article = 0;
  std::string bytes;
};

void append_posting(ListBuilder& list, const PostingEntry& e) {
  const uint32_t flags = (e.frequency > 1 ? 2u : 0u) | (e.in_title ? 1u : 0u);
  put_leb(list.bytes, ((e.article - list.next_article) << 2) | flags);
  if (e.frequency > 1) {
    put_leb(list.bytes, e.frequency - 2);
  }
  list.next_article = e.article + 1;
  ++list.count;
}

// Counts the keys of one field's folded text into `keys`.
void count_keys(const std::u32string& text, bool title,
                std::unordered_map<uint64_t, KeyCount>& keys) {
  uint32_t previous = ' ';
  for (const char32_t c : text) {
    const auto cp = static_cast<uint32_t>(c);
    if (detail::is_search_space(cp)) {
      previous = ' ';
      continue;
    }
    KeyCount& one = keys[key_of(cp, 0)];
    ++one.frequency;
    one.in_title = one.in_title || title;
    if (previous != ' ') {
      KeyCount& two = keys[key_of(previous, cp + 1)];
      ++two.frequency;
      two.in_title = two.in_title || title;
    }
    previous = cp;
  }
}

// The fold table: every code point of the text whose fold is not itself; UTF-8 folds.
void encode_folds(SearchFolder& folder, const std::vector<bool>& seen, std::string& table,
                  std::string& blob, uint32_t& count) {
  for (uint32_t cp = 0; cp < seen.size(); ++cp) {
    if (!seen[cp]) {
      continue;
    }
    const std::u32string& f = folder.fold(cp);
    if (f.size() == 1 && static_cast<uint32_t>(f[0]) == cp) {
      continue;
    }
    const size_t at = blob.size();
    for (const char32_t c : f) {
      append_utf8(blob, static_cast<uint32_t>(c));
    }
    put_le32(table, cp);
    put_le32(table, static_cast<uint32_t>(at));
    put_le32(table, static_cast<uint32_t>(blob.size() - at));
    ++count;
  }
}

}  // namespace

SearchFolder::SearchFolder() : slot_(0x110000, -1) {}

const std::u32string& SearchFolder::fold(uint32_t cp) {
  if (cp >= slot_.size()) {
    cp = 0xFFFD;
  }
  if (slot_[cp] < 0) {
    slot_[cp] = static_cast<int32_t>(folds_.size());
    folds_.push_back(icu_fold(cp));
  }
  return folds_[static_cast<size_t>(slot_[cp])];
}

std::u32string SearchFolder::fold_text(std::string_view text) {
  std::u32string out;
  for (size_t at = 0; at < text.size();) {
    const detail::Decoded c = detail::decode_utf8(text, at);
    at += c.size;
    out += fold(c.cp);
  }
  return out;
}

std::string encode_postings(const std::vector<PostingEntry>& entries) {
  ListBuilder list;
  for (const PostingEntry& e : entries) {
    append_posting(list, e);
  }
  std::string out;
  put_leb(out, list.count);
  return out + list.bytes;
}

namespace {

// Every key's postings list, in article order; `seen` marks the code points of the text.
std::unordered_map<uint64_t, ListBuilder> build_lists(const RecordStore& records,
                                                      SearchFolder& folder,
                                                      std::vector<bool>& seen) {
  std::unordered_map<uint64_t, ListBuilder> lists;
  std::unordered_map<uint64_t, KeyCount> keys;
  for (size_t i = 0; i < records.size(); ++i) {
    const Result<Record> r = parse_record(records[i]);
    if (!r.ok()) {
      continue;  // never: the index stage encoded it; a read-back would reject the bundle
    }
    keys.clear();
    const std::string_view fields[3] = {r.value().title, r.value().subtitle, r.value().body};
    for (int f = 0; f < 3; ++f) {
      for (size_t at = 0; at < fields[f].size();) {
        const detail::Decoded c = detail::decode_utf8(fields[f], at);
        at += c.size;
        seen[c.cp] = true;
      }
      count_keys(folder.fold_text(fields[f]), f == 0, keys);
    }
    for (const auto& [key, count] : keys) {
      append_posting(lists[key], {static_cast<uint32_t>(i), count.frequency, count.in_title});
    }
  }
  return lists;
}

}  // namespace

std::string encode_search(const RecordStore& records) {
  SearchFolder folder;
  std::vector<bool> seen(0x110000, false);
  std::unordered_map<uint64_t, ListBuilder> lists = build_lists(records, folder, seen);
  std::vector<uint64_t> sorted;
  sorted.reserve(lists.size());
  for (const auto& entry : lists) {
    sorted.push_back(entry.first);
  }
  std::sort(sorted.begin(), sorted.end());

  std::string heads;
  std::string key_table;
  std::string postings;
  uint32_t head_count = 0;
  for (size_t k = 0; k < sorted.size(); ++k) {
    const auto first = static_cast<uint32_t>(sorted[k] >> 21);
    if (k == 0 || first != static_cast<uint32_t>(sorted[k - 1] >> 21)) {
      put_le32(heads, first);
      put_le32(heads, static_cast<uint32_t>(k));
      ++head_count;
    }
    ListBuilder& list = lists[sorted[k]];
    put_le32(key_table, static_cast<uint32_t>(sorted[k] & 0x1FFFFF));
    put_le32(key_table, static_cast<uint32_t>(postings.size()));
    put_leb(postings, list.count);
    postings += list.bytes;
    std::string().swap(list.bytes);
  }
  std::string fold_table;
  std::string fold_blob;
  uint32_t fold_count = 0;
  encode_folds(folder, seen, fold_table, fold_blob, fold_count);

  std::string out;
  put_le32(out, static_cast<uint32_t>(records.size()));
  put_le32(out, fold_count);
  put_le32(out, static_cast<uint32_t>(fold_blob.size()));
  put_le32(out, head_count);
  put_le32(out, static_cast<uint32_t>(sorted.size()));
  put_le32(out, static_cast<uint32_t>(postings.size()));
  out.reserve(out.size() + fold_table.size() + heads.size() + key_table.size() + fold_blob.size() +
              postings.size());
  return out + fold_table + heads + key_table + fold_blob + postings;
}

}  // namespace sheaf
