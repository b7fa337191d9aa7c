// bench/compare: the "per-article zstd" store, the smallest random-access layout we could think
// of for one zstd frame per article. Written by build_stores, read by zstd_driver.
//
//   header (64 bytes, little-endian):
//     0  char[8] magic "SHBZART1"
//     8  u32 count            articles, sorted by id bytes
//    12  u32 max_text         largest text (the reader's output buffer)
//    16  u64 dict_offset      trained zstd dictionary (dict_size 0: frames use no dictionary)
//    24  u64 dict_size
//    32  u64 ids_offset       u32 id_end[count] (end of id k in the pool), then the id pool
//    40  u64 titles_offset    {u32 title_hash, u32 article}[count], sorted by (hash, article)
//    48  u64 frames_offset    u32 frame_end[count] (end of frame k, from data_offset)
//    56  u64 data_offset      one zstd frame per article (text = title "\n" paragraphs)
//
// Lookup by id: binary search over the id pool. Lookup by title: binary search over the title
// hashes, then the text (which starts with title + "\n") confirms the candidate.
#pragma once

#include <cstdint>

namespace bench::zart {

constexpr char kMagic[8] = {'S', 'H', 'B', 'Z', 'A', 'R', 'T', '1'};
constexpr uint64_t kHeaderSize = 64;

struct Header {
  uint32_t count = 0;
  uint32_t max_text = 0;
  uint64_t dict_offset = 0;
  uint64_t dict_size = 0;
  uint64_t ids_offset = 0;
  uint64_t titles_offset = 0;
  uint64_t frames_offset = 0;
  uint64_t data_offset = 0;
};

}  // namespace bench::zart
