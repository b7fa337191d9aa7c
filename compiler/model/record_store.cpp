// compiler: records back to back (see record_store.hpp).
#include "model/record_store.hpp"

namespace sheaf {

RecordStore::RecordStore(std::initializer_list<std::string_view> records) {
  uint64_t total = 0;
  for (std::string_view r : records) {
    total += r.size();
  }
  reserve(records.size(), total);
  for (std::string_view r : records) {
    append(r);
  }
}

RecordStore::RecordStore(const std::vector<std::string>& records) {
  uint64_t total = 0;
  for (const std::string& r : records) {
    total += r.size();
  }
  reserve(records.size(), total);
  for (const std::string& r : records) {
    append(r);
  }
}

void RecordStore::reserve(size_t count, uint64_t bytes) {
  ends_.reserve(count);
  bytes_.reserve(bytes);
}

size_t RecordStore::append(std::string_view record) {
  bytes_.append(record);
  ends_.push_back(bytes_.size());
  return ends_.size() - 1;
}

size_t RecordStore::append(std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts) {
    bytes_.append(part);
  }
  ends_.push_back(bytes_.size());
  return ends_.size() - 1;
}

void RecordStore::clear() {
  std::string().swap(bytes_);
  std::vector<uint64_t>().swap(ends_);
}

}  // namespace sheaf
