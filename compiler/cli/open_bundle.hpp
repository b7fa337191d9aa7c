// compiler, CLI: open a bundle file for the read commands, with messages that name the file.
#pragma once

#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace sheaf::cli {

/// A mapped bundle with a decoder and read buffer sized from its header.
class OpenBundle {
 public:
  /// Maps and opens `path` (`access`: the readahead hint); on failure prints
  /// "sheaf: error: PATH: reason" and returns false.
  ///
  /// "-" is standard input, named "standard input" in messages. When it is a regular file
  /// (`< bundle`) it is mapped in place; anything else (a pipe) is first copied into an unlinked
  /// temporary file in $TMPDIR (else /tmp), so memory stays that of a mapped file and the disk
  /// used is the size of the input itself, with no cap. A terminal is refused. A named path
  /// that is not a regular file (a pipe such as `<(cat b.sheaf)`, /dev/stdin on a pipe, a
  /// FIFO or a character device) is copied the same way.
  bool open(const std::string& path, Access access = Access::sequential);

  const Bundle& bundle() const { return bundle_; }

  /// Initializes the decoder (fast mode); prints and returns false on failure.
  bool init_decoder();

  /// Reads article `i` (reusing the frame in the buffer when the previous read left the same
  /// one there); on failure prints a message naming the file and article.
  Result<Record> read(uint32_t i);

  /// Reads the article with this id; on failure prints a message naming the file and id.
  Result<Found> find(const std::string& id);

  /// The publisher facts a record names; on failure prints a message.
  Result<SiteView> site(const Record& r);

  Decoder& decoder() { return decoder_; }

  MutableByteSpan frame_buffer() { return MutableByteSpan(buffer_.data(), buffer_.size()); }

  /// The name messages use: the path as given, or "standard input".
  const std::string& path() const { return path_; }

  /// The size of the file or input read, which may exceed the bundle's own (trailing bytes).
  size_t file_size() const { return file_.bytes().size(); }

 private:
  bool map_stdin(Access access);                            // prints why it failed
  bool map_stream(const std::string& path, Access access);  // a pipe or device; prints why not

  std::string path_;
  MappedFile file_;
  Bundle bundle_;
  Decoder decoder_;
  std::vector<uint64_t> workspace_;  // uint64_t: 8-byte alignment for zstd
  std::vector<uint8_t> buffer_;
  uint32_t cached_frame_ = UINT32_MAX;  // frame whose content is in buffer_
};

/// Prints "sheaf: error: PATH: what: reason" to stderr.
void print_error(const std::string& path, const std::string& what, Errc e);

}  // namespace sheaf::cli
