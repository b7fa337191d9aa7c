// bench/compare: the sheaf reader, through the public runtime API only (<sheaf/sheaf.hpp>,
// <sheaf/posix_file.hpp>). Open = map the file, Bundle::open, allocate the decoder workspace
// (fast mode) and the read buffer the bundle asks for, Decoder::init. A read is
// Decoder::find(id) or Decoder::find_title(title): lookup and record decoded into the buffer.
#include <cstdint>
#include <memory>
#include <string>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "driver.hpp"

namespace bench {
namespace {

class SheafDriver final : public Driver {
 public:
  bool open(const std::string& path, std::string& error) override {
    // Random access: no readahead, so a cold read fetches the pages it touches.
    if (file_.open(path.c_str(), sheaf::Access::random) != sheaf::Errc::ok) {
      error = path + ": cannot map";
      return false;
    }
    const sheaf::Result<sheaf::Bundle> bundle = sheaf::Bundle::open(file_.bytes());
    if (!bundle.ok()) {
      error = path + ": " + sheaf::to_string(bundle.error());
      return false;
    }
    bundle_ = bundle.value();
    // Uninitialised on purpose: the runtime needs no zeroed memory, and zeroing would both
    // cost time at open and touch pages a reader may never use.
    const size_t workspace_words = (sheaf::Decoder::workspace_size(bundle_) + 7) / 8;
    workspace_.reset(new uint64_t[workspace_words]);
    buffer_size_ = bundle_.info().max_read_size;
    buffer_.reset(new uint8_t[buffer_size_ > 0 ? buffer_size_ : 1]);
    const sheaf::Result<sheaf::Decoder> decoder = sheaf::Decoder::init(
        bundle_, sheaf::MutableByteSpan(reinterpret_cast<uint8_t*>(workspace_.get()),
                                        workspace_words * sizeof(uint64_t)));
    if (!decoder.ok()) {
      error = path + ": decoder: " + sheaf::to_string(decoder.error());
      return false;
    }
    decoder_ = decoder.value();
    return true;
  }

  void close() override {
    decoder_ = sheaf::Decoder();
    bundle_ = sheaf::Bundle();
    workspace_.reset();
    buffer_.reset();
    file_ = sheaf::MappedFile();
  }

  Status by_id(const std::string& id, Got& got) override {
    return take(decoder_.find(id, buffer()), got);
  }

  Status by_title(const std::string& title, Got& got) override {
    return take(decoder_.find_title(title, buffer()), got);
  }

  std::string last_error() const override { return error_; }

 private:
  sheaf::MutableByteSpan buffer() { return sheaf::MutableByteSpan(buffer_.get(), buffer_size_); }

  Status take(const sheaf::Result<sheaf::Found>& found, Got& got) {
    if (!found.ok()) {
      error_ = sheaf::to_string(found.error());
      return found.error() == sheaf::Errc::not_found ? Status::not_found : Status::error;
    }
    const sheaf::Record& r = found.value().record;  // views into buffer_
    got.add(r.title);
    got.add("\n");
    got.add(r.body);
    return Status::ok;
  }

  sheaf::MappedFile file_;
  sheaf::Bundle bundle_;
  sheaf::Decoder decoder_;
  std::unique_ptr<uint64_t[]> workspace_;
  std::unique_ptr<uint8_t[]> buffer_;
  size_t buffer_size_ = 0;
  std::string error_;
};

}  // namespace

std::unique_ptr<Driver> make_sheaf_driver() {
  return std::make_unique<SheafDriver>();
}

}  // namespace bench
