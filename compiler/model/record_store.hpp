// compiler: the records of a build (SPEC: "Records"), held back to back in one buffer.
//
// A build holds every record at once between the index and compress stages, so they live in one
// allocation of exactly their total size: no per-string overhead or slack capacity, and the
// bytes of consecutive records, and so of any planned frame, are contiguous. Dictionary
// training reads its samples in place from the same buffer.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sheaf {

class RecordStore {
 public:
  RecordStore() = default;
  /// For tests and small callers: the given records, in order.
  RecordStore(std::initializer_list<std::string_view> records);
  explicit RecordStore(const std::vector<std::string>& records);

  /// Sets the capacity to exactly `bytes` in all (the sum of the records to come), so that
  /// appending never reallocates.
  void reserve(size_t count, uint64_t bytes);
  /// Appends one record and returns its index.
  size_t append(std::string_view record);
  /// Appends one record made of `parts`, in order, and returns its index.
  size_t append(std::initializer_list<std::string_view> parts);

  size_t size() const { return ends_.size(); }

  bool empty() const { return ends_.empty(); }

  uint64_t begin_of(size_t i) const { return i == 0 ? 0 : ends_[i - 1]; }

  uint64_t size_of(size_t i) const { return ends_[i] - begin_of(i); }

  std::string_view operator[](size_t i) const {
    return std::string_view(bytes_).substr(begin_of(i), size_of(i));
  }

  /// Every record, back to back.
  std::string_view bytes() const { return bytes_; }

  /// Frees the records.
  void clear();

 private:
  std::string bytes_;
  std::vector<uint64_t> ends_;  ///< ends_[i]: offset just past record i
};

}  // namespace sheaf
