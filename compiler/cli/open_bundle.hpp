// compiler, CLI: open a bundle file for the read commands, with messages that name the file.
#pragma once

#include <string>
#include <vector>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

namespace sheaf::cli {

/// A mapped bundle with a decoder and a frame buffer sized from its header.
///
/// Memory is bounded by what the file really holds, never by a size the index claims: the
/// frame buffer is `max_frame_size` bytes (at most 64 MiB, SPEC rules I11 and F4), a record that
/// spans frames is gathered from their decoded pieces (bytes that decoded, not a claimed
/// size), and `max_read_size` is reserved only by verify and by a lookup whose candidates'
/// fields run past their first frame (record_buffer(): address space, untouched until decoded
/// bytes land in it).
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

  /// Initializes the decoder (fast mode); prints and returns false on failure. A bundle
  /// opened with Access::random gets its dictionary prefetched (prefetch_dictionary()).
  bool init_decoder();

  /// Reads article `i` of a walk in article order (ls, unpack): checks that the records use
  /// the frames in order (SPEC rule V9, FrameOrder), so that with the one-frame cache every
  /// frame is decoded once and a walk costs time linear in the file. On failure prints a
  /// message naming the file and article. The record's views live until the next read.
  /// Reading article 0 starts a new walk.
  Result<Record> read(uint32_t i);

  /// Reads article `i` in any order (ls --newest, --category): no frame-order check, so a walk
  /// may decode a frame more than once. On failure prints a message naming the file and article.
  Result<Record> read_any(uint32_t i);

  /// Reads the article with this id (frame-sized buffer for the candidates, then the record
  /// as read() gathers it); on failure prints a message naming the file and id.
  Result<Found> find(const std::string& id);

  /// The publisher facts a record names; on failure prints a message.
  Result<SiteView> site(const Record& r);

  Decoder& decoder() { return decoder_; }

  /// `max_frame_size` bytes: any one frame (SPEC rule F4).
  MutableByteSpan frame_buffer() { return MutableByteSpan(buffer_.data(), buffer_.size()); }

  /// `max_read_size` bytes for verify_bodies(): address space reserved with mmap, so only the
  /// pages that decoded bytes reach take memory. Empty (and an error printed) when it cannot
  /// be reserved.
  MutableByteSpan record_buffer();

  /// The name messages use: the path as given, or "standard input".
  const std::string& path() const { return path_; }

  /// The size of the file or input read, which may exceed the bundle's own (trailing bytes).
  size_t file_size() const { return file_.bytes().size(); }

 private:
  bool map_stdin(Access access);                            // prints why it failed
  bool map_stream(const std::string& path, Access access);  // a pipe or device; prints why not
  Result<std::string_view> gather(const ArticleView& a, const RecordPlan& p);
  Result<Record> read_at(uint32_t i, bool in_order, bool& out_of_order);

  std::string path_;
  Access access_ = Access::sequential;
  MappedFile file_;
  Bundle bundle_;
  Decoder decoder_;
  std::vector<uint64_t> workspace_;     // uint64_t: 8-byte alignment for zstd
  std::vector<uint8_t> buffer_;         // max_frame_size bytes
  uint32_t cached_frame_ = UINT32_MAX;  // frame whose content is in buffer_
  std::string record_;                  // a record spanning frames, gathered piece by piece
  FrameOrder order_;                    // read(): SPEC rule V9 as the walk goes

  struct Reserved {
    void* address = nullptr;
    size_t size = 0;
    Reserved() = default;
    Reserved(const Reserved&) = delete;
    Reserved& operator=(const Reserved&) = delete;
    ~Reserved();
  } reserved_;  // record_buffer()
};

/// Prints "sheaf: error: PATH: what: reason" to stderr, with " (SPEC rule X)" after the reason
/// when the last check that failed since the operation began (OpenBundle watches them) was
/// rule X giving this error.
void print_error(const std::string& path, const std::string& what, Errc e);

}  // namespace sheaf::cli
