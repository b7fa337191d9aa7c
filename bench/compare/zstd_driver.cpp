// bench/compare: the per-article zstd reader (zart_format.hpp). Open = map the file, check the
// header, create a decompression context and (when there is a dictionary) a DDict that refers
// to the dictionary in the mapping, and allocate one output buffer of max_text bytes.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_createDDict_byReference
#include <zstd.h>

#include "common.hpp"
#include "driver.hpp"
#include "zart_format.hpp"

namespace bench {
namespace {

class ZstdDriver final : public Driver {
 public:
  ~ZstdDriver() override { close(); }

  bool open(const std::string& path, std::string& error) override {
    if (!file_.open(path)) {
      error = path + ": cannot map";
      return false;
    }
    const uint8_t* p = file_.data();
    if (file_.size() < zart::kHeaderSize || std::memcmp(p, zart::kMagic, 8) != 0) {
      error = path + ": not a per-article zstd store";
      return false;
    }
    count_ = load_u32(p + 8);
    max_text_ = load_u32(p + 12);
    const uint64_t dict_offset = load_u64(p + 16);
    const uint64_t dict_size = load_u64(p + 24);
    const uint64_t ids = load_u64(p + 32);
    const uint64_t titles = load_u64(p + 40);
    const uint64_t frames = load_u64(p + 48);
    data_ = p + load_u64(p + 56);
    id_end_ = p + ids;
    id_pool_ = reinterpret_cast<const char*>(p + ids + 4ull * count_);
    titles_ = p + titles;
    frame_end_ = p + frames;
    dctx_ = ZSTD_createDCtx();
    if (dict_size > 0) {
      ddict_ = ZSTD_createDDict_byReference(p + dict_offset, dict_size);
    }
    buffer_.reset(new char[max_text_ > 0 ? max_text_ : 1]);
    if (dctx_ == nullptr || (dict_size > 0 && ddict_ == nullptr)) {
      error = path + ": cannot create the zstd decoder";
      return false;
    }
    return true;
  }

  void close() override {
    ZSTD_freeDCtx(dctx_);
    ZSTD_freeDDict(ddict_);
    dctx_ = nullptr;
    ddict_ = nullptr;
    buffer_.reset();
    file_.reset();
  }

  Status by_id(const std::string& id, Got& got) override {
    uint32_t lo = 0;
    uint32_t hi = count_;
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (id_at(mid) < id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == count_ || id_at(lo) != id) {
      return Status::not_found;
    }
    return read(lo, got);
  }

  Status by_title(const std::string& title, Got& got) override {
    const uint32_t h = title_hash(title);
    uint32_t lo = 0;
    uint32_t hi = count_;
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (load_u32(titles_ + 8ull * mid) < h) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // Hash collisions: the text starts with its title and a newline, so read to confirm.
    for (; lo < count_ && load_u32(titles_ + 8ull * lo) == h; ++lo) {
      const Status s = read(load_u32(titles_ + 8ull * lo + 4), got);
      if (s != Status::ok) {
        return s;
      }
      const std::string_view text = got.part[0];
      if (text.size() > title.size() && text.compare(0, title.size(), title) == 0 &&
          text[title.size()] == '\n') {
        return Status::ok;
      }
      got = Got();
    }
    return Status::not_found;
  }

 private:
  std::string_view id_at(uint32_t k) const {
    const uint32_t begin = k == 0 ? 0 : load_u32(id_end_ + 4ull * (k - 1));
    return std::string_view(id_pool_ + begin, load_u32(id_end_ + 4ull * k) - begin);
  }

  Status read(uint32_t k, Got& got) {
    const uint32_t begin = k == 0 ? 0 : load_u32(frame_end_ + 4ull * (k - 1));
    const uint32_t end = load_u32(frame_end_ + 4ull * k);
    const size_t n =
        ddict_ != nullptr
            ? ZSTD_decompress_usingDDict(dctx_, buffer_.get(), max_text_, data_ + begin,
                                         end - begin, ddict_)
            : ZSTD_decompressDCtx(dctx_, buffer_.get(), max_text_, data_ + begin, end - begin);
    if (ZSTD_isError(n)) {
      return Status::error;
    }
    got.add(std::string_view(buffer_.get(), n));
    return Status::ok;
  }

  Mapping file_;
  uint32_t count_ = 0;
  uint32_t max_text_ = 0;
  const uint8_t* data_ = nullptr;
  const uint8_t* id_end_ = nullptr;
  const char* id_pool_ = nullptr;
  const uint8_t* titles_ = nullptr;
  const uint8_t* frame_end_ = nullptr;
  ZSTD_DCtx* dctx_ = nullptr;
  ZSTD_DDict* ddict_ = nullptr;
  std::unique_ptr<char[]> buffer_;
};

}  // namespace

std::unique_ptr<Driver> make_zstd_driver() {
  return std::make_unique<ZstdDriver>();
}

}  // namespace bench
