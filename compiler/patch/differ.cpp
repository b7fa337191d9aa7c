// compiler, patches: the differ. See differ.hpp and docs/DESIGN.md ("Patches").
#include "patch/differ.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include <sheaf/sheaf.hpp>

namespace sheaf {
namespace {

constexpr uint32_t kDefaultMaxChunk = 16u << 10;
constexpr uint32_t kLargestDefaultChunk = 1u << 20;  // a device's buffer, whatever --block-size
constexpr size_t kSeed = 8;                          // bytes hashed to find a match
constexpr size_t kMinMatch = 16;                     // a new match starts at this length
constexpr size_t kDiagonalMatch = 4;   // a run continues over a mismatch with this much after it
constexpr uint64_t kMaxGap = 32;       // mismatched bytes a run spans (they become ADD deltas)
constexpr size_t kMinCopy = 32;        // exact stretches of a run shorter than this stay in an ADD
constexpr int kChainDepth = 16;        // candidates tried per position
constexpr size_t kProbeCap = 1 << 16;  // how far a candidate is compared before choosing

/// [begin, end) of the file.
struct Span {
  uint64_t begin = 0;
  uint64_t end = 0;
};

/// The zstd frames of a bundle (DATA and SOURCES), in file order.
std::vector<Span> frames_of(const Bundle& b) {
  std::vector<Span> frames;
  const uint8_t* file = b.file().data();
  const uint64_t data = static_cast<uint64_t>(b.data().data() - file);
  for (uint32_t j = 0; j < b.frame_count(); ++j) {
    const Result<FrameView> f = b.frame(j);
    if (f.ok()) {
      frames.push_back(
          {data + f.value().offset, data + f.value().offset + f.value().compressed_size});
    }
  }
  for (uint32_t k = 0; k < b.source_count(); ++k) {
    const Result<SourceView> s = b.source(k);
    if (s.ok() && s.value().frame.size() > 0) {
      const auto at = static_cast<uint64_t>(s.value().frame.data() - file);
      frames.push_back({at, at + s.value().frame.size()});
    }
  }
  std::sort(frames.begin(), frames.end(),
            [](const Span& a, const Span& c) { return a.begin < c.begin; });
  return frames;
}

uint64_t common_length(const uint8_t* a, const uint8_t* b, uint64_t limit) {
  uint64_t n = 0;
  while (n < limit && a[n] == b[n]) {
    ++n;
  }
  return n;
}

/// A hash table of the 8-byte seeds at every position of the old bundle's non-frame bytes,
/// chained newest first.
class SeedIndex {
 public:
  SeedIndex(ByteSpan old, const std::vector<Span>& frames) : old_(old) {
    std::vector<Span> gaps;
    uint64_t at = 0;
    for (const Span& f : frames) {
      if (f.begin > at) {
        gaps.push_back({at, f.begin});
      }
      at = std::max(at, f.end);
    }
    gaps.push_back({at, old.size()});
    uint64_t count = 0;
    for (const Span& g : gaps) {
      count += g.end - g.begin >= kSeed ? g.end - g.begin - kSeed + 1 : 0;
    }
    bits_ = 10;
    while (bits_ < 24 && (uint64_t{1} << bits_) < count) {
      ++bits_;
    }
    head_.assign(size_t{1} << bits_, kNone);
    position_.reserve(count);
    next_.reserve(count);
    for (const Span& g : gaps) {
      for (uint64_t p = g.begin; p + kSeed <= g.end; ++p) {
        const uint32_t h = hash(old.data() + p);
        position_.push_back(p);
        next_.push_back(head_[h]);
        head_[h] = static_cast<uint32_t>(position_.size() - 1);
      }
    }
  }

  /// The longest match of new[0, limit) in the old bundle, at least kSeed bytes: its old
  /// position and length (0 when none).
  std::pair<uint64_t, uint64_t> find(const uint8_t* p, uint64_t limit) const {
    uint64_t best_at = 0;
    uint64_t best_length = 0;
    if (limit < kSeed) {
      return {0, 0};
    }
    const uint64_t seed = detail::load_le64(p);
    uint32_t k = head_[hash(p)];
    for (int depth = 0; k != kNone && depth < kChainDepth; ++depth, k = next_[k]) {
      const uint64_t at = position_[k];
      if (detail::load_le64(old_.data() + at) != seed) {
        continue;
      }
      const uint64_t n = common_length(p, old_.data() + at,
                                       std::min({limit, old_.size() - at, uint64_t{kProbeCap}}));
      if (n > best_length) {
        best_length = n;
        best_at = at;
      }
    }
    if (best_length == kProbeCap) {
      best_length = common_length(p, old_.data() + best_at, std::min(limit, old_.size() - best_at));
    }
    return {best_at, best_length};
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;

  uint32_t hash(const uint8_t* p) const {
    return static_cast<uint32_t>((detail::load_le64(p) * 0x9E3779B185EBCA87ULL) >> (64 - bits_));
  }

  ByteSpan old_;
  unsigned bits_ = 10;
  std::vector<uint32_t> head_;
  std::vector<uint64_t> position_;
  std::vector<uint32_t> next_;
};

/// The old bundle's frames by (size, XXH64): their offsets.
using FrameMap = std::map<std::pair<uint64_t, uint64_t>, uint64_t>;

/// New bytes [dst, dst + length) made from old bytes at src: equal but for a few bytes.
struct Run {
  uint64_t dst = 0;
  uint64_t src = 0;
  uint64_t length = 0;
};

class Differ {
 public:
  Differ(ByteSpan old, ByteSpan neu, const std::vector<Span>& old_frames, uint32_t max_chunk)
      : old_(old), new_(neu), index_(old, old_frames), writer_(max_chunk) {}

  PatchWriter& writer() { return writer_; }

  /// Matches new[begin, end) against the old bundle's bytes.
  void match(uint64_t begin, uint64_t end) {
    emitted_ = begin;
    run_ = Run{};
    uint64_t pos = begin;
    while (pos < end) {
      const uint64_t diagonal = diagonal_length(pos, end);
      if (diagonal >= kSeed) {
        run_.length = pos + diagonal - run_.dst;
        pos += diagonal;
        continue;
      }
      const auto [at, length] = index_.find(new_.data() + pos, end - pos);
      if (length >= kMinMatch && length > diagonal) {
        close_run();
        run_ = Run{pos, at, length};
        pos += length;
      } else if (diagonal >= kDiagonalMatch) {
        run_.length = pos + diagonal - run_.dst;
        pos += diagonal;
      } else {
        ++pos;
      }
    }
    close_run();
    literal(end);
  }

  /// A frame of the new bundle, new[begin, end), and the alignment padding after it up to
  /// `padded`: a copy of an equal old frame (and of the padding after it, when equal), else
  /// stored as is.
  void frame(uint64_t begin, uint64_t end, uint64_t padded, const FrameMap& old_frames) {
    const uint64_t size = end - begin;
    const uint8_t* p = new_.data() + begin;
    const auto it = old_frames.find({size, detail::xxh64(p, static_cast<size_t>(size))});
    if (it == old_frames.end() || !std::equal(p, p + size, old_.data() + it->second)) {
      writer_.insert(p, static_cast<size_t>(padded - begin), false);
      return;
    }
    const uint64_t old_end = it->second + size;
    const uint64_t pad = common_length(new_.data() + end, old_.data() + old_end,
                                       std::min(padded - end, old_.size() - old_end));
    writer_.copy(it->second, size + pad);
    writer_.insert(new_.data() + end + pad, static_cast<size_t>(padded - end - pad), false);
  }

 private:
  // How far new[pos, end) continues the current run's diagonal, within kMaxGap of its end.
  uint64_t diagonal_length(uint64_t pos, uint64_t end) const {
    if (run_.length == 0 || pos - (run_.dst + run_.length) > kMaxGap) {
      return 0;
    }
    const uint64_t src = run_.src + (pos - run_.dst);
    if (src >= old_.size()) {
      return 0;
    }
    return common_length(new_.data() + pos, old_.data() + src,
                         std::min(end - pos, old_.size() - src));
  }

  void literal(uint64_t until) {
    if (until > emitted_) {
      writer_.insert(new_.data() + emitted_, static_cast<size_t>(until - emitted_), true);
      emitted_ = until;
    }
  }

  // Emits the literal before the run, then the run: exact stretches of kMinCopy bytes or more
  // as COPY, the rest as ADD.
  void close_run() {
    if (run_.length == 0) {
      return;
    }
    literal(run_.dst);
    const uint8_t* n = new_.data() + run_.dst;
    const uint8_t* o = old_.data() + run_.src;
    uint64_t add_from = 0;  // start of the pending ADD stretch (relative to the run)
    uint64_t i = 0;
    while (i < run_.length) {
      const uint64_t same = common_length(n + i, o + i, run_.length - i);
      if (same >= kMinCopy || (same == run_.length - i && add_from == i)) {
        flush_add(add_from, i);
        writer_.copy(run_.src + i, same);
        i += same;
        add_from = i;
      } else {
        i += same + 1;  // a mismatch (or the run's end), kept in the ADD
        i = std::min(i, run_.length);
      }
    }
    flush_add(add_from, run_.length);
    emitted_ = run_.dst + run_.length;
    run_ = Run{};
  }

  void flush_add(uint64_t from, uint64_t to) {
    if (to <= from) {
      return;
    }
    delta_.resize(static_cast<size_t>(to - from));
    for (uint64_t k = from; k < to; ++k) {
      delta_[static_cast<size_t>(k - from)] =
          static_cast<uint8_t>(new_.data()[run_.dst + k] - old_.data()[run_.src + k]);
    }
    writer_.add(run_.src + from, delta_.data(), delta_.size());
  }

  ByteSpan old_;
  ByteSpan new_;
  SeedIndex index_;
  PatchWriter writer_;
  Run run_;
  uint64_t emitted_ = 0;
  std::vector<uint8_t> delta_;
};

}  // namespace

DiffResult diff_bundles(ByteSpan old_bundle, ByteSpan new_bundle, uint32_t max_chunk) {
  std::vector<Span> old_frames;
  std::vector<Span> new_frames;
  const Result<Bundle> old_opened = Bundle::open(old_bundle);
  const Result<Bundle> new_opened = Bundle::open(new_bundle);
  if (old_opened.ok()) {
    old_frames = frames_of(old_opened.value());
  }
  if (new_opened.ok()) {
    new_frames = frames_of(new_opened.value());
    if (max_chunk == 0) {
      max_chunk =
          std::clamp(new_opened.value().info().block_size, kDefaultMaxChunk, kLargestDefaultChunk);
    }
  }
  if (max_chunk == 0) {
    max_chunk = kDefaultMaxChunk;
  }
  max_chunk = std::clamp(max_chunk, kMinMaxChunk, kMaxMaxChunk);
  FrameMap old_by_content;
  for (const Span& f : old_frames) {
    const uint64_t size = f.end - f.begin;
    old_by_content.emplace(
        std::make_pair(size, detail::xxh64(old_bundle.data() + f.begin, static_cast<size_t>(size))),
        f.begin);
  }
  Differ differ(old_bundle, new_bundle, old_frames, max_chunk);
  uint64_t at = 0;
  for (size_t k = 0; k < new_frames.size(); ++k) {
    const Span& f = new_frames[k];
    if (f.begin < at) {
      continue;  // overlapping frames (not in a valid bundle): the bytes are already out
    }
    // Alignment padding (under 8 bytes) goes with the frame before it.
    uint64_t padded = f.end;
    if (k + 1 < new_frames.size() && new_frames[k + 1].begin >= f.end &&
        new_frames[k + 1].begin - f.end < format::kAlignment) {
      padded = new_frames[k + 1].begin;
    }
    differ.match(at, f.begin);
    differ.frame(f.begin, f.end, padded, old_by_content);
    at = padded;
  }
  differ.match(at, new_bundle.size());
  DiffResult result;
  result.patch = differ.writer().finish(old_bundle, new_bundle);
  result.stats = differ.writer().stats();
  result.chunk_limit = max_chunk;
  return result;
}

}  // namespace sheaf
