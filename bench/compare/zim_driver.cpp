// bench/compare: the ZIM reader, libzim as Debian ships it (Archive with its default caches:
// 16 clusters, 512 dirents). Open = construct zim::Archive. Lookups are getEntryByPath (the id
// is the path) and getEntryByTitle; the payload is the HTML page zimwriterfs stored.
#include <memory>
#include <string>

#include <zim/archive.h>
#include <zim/entry.h>
#include <zim/error.h>
#include <zim/item.h>

#include "driver.hpp"

namespace bench {
namespace {

class ZimDriver final : public Driver {
 public:
  Payload payload() const override { return Payload::html; }

  bool open(const std::string& path, std::string& error) override {
    try {
      archive_ = std::make_unique<zim::Archive>(path);
    } catch (const std::exception& e) {
      error = path + ": " + e.what();
      return false;
    }
    return true;
  }

  void close() override {
    blob_ = zim::Blob();
    archive_.reset();
  }

  Status by_id(const std::string& id, Got& got) override {
    try {
      return read(archive_->getEntryByPath(id), got);
    } catch (const zim::EntryNotFound&) {
      return Status::not_found;
    } catch (const std::exception& e) {
      error_ = e.what();
      return Status::error;
    }
  }

  Status by_title(const std::string& title, Got& got) override {
    try {
      return read(archive_->getEntryByTitle(title), got);
    } catch (const zim::EntryNotFound&) {
      return Status::not_found;
    } catch (const std::exception& e) {
      error_ = e.what();
      return Status::error;
    }
  }

  std::string last_error() const override { return error_; }

 private:
  Status read(const zim::Entry& entry, Got& got) {
    blob_ = entry.getItem(true).getData();
    got.add(std::string_view(blob_.data(), blob_.size()));
    return Status::ok;
  }

  std::unique_ptr<zim::Archive> archive_;
  zim::Blob blob_;
  std::string error_;
};

}  // namespace

std::unique_ptr<Driver> make_zim_driver() {
  return std::make_unique<ZimDriver>();
}

}  // namespace bench
