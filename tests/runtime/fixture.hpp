// tests/runtime: bundles to test against, built once per process by the real `sheaf` binary,
// and held in 8-byte aligned memory as firmware would hold them in flash.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <unistd.h>

#include <sheaf/sheaf.hpp>

#include "runtime/aligned_bytes.hpp"

namespace sheaf::test {

inline AlignedBytes load_aligned(const std::string& path) {
  AlignedBytes out;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return out;
  }
  std::vector<uint8_t> bytes;
  uint8_t chunk[65536];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) {
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  std::fclose(f);
  out.words.assign((bytes.size() + 7) / 8 + 1, 0);
  out.size = bytes.size();
  std::copy(bytes.begin(), bytes.end(), out.data());
  return out;
}

/// Writes `bytes` to the file at `path`. @return false when it could not be written whole.
inline bool save_aligned(const AlignedBytes& bytes, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return false;
  }
  const bool written = std::fwrite(bytes.words.data(), 1, bytes.size, f) == bytes.size;
  return std::fclose(f) == 0 && written;
}

inline std::string temp_path(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/sheaf-runtime-test-" +
         std::to_string(static_cast<long>(::getpid())) + "-" + name;
}

/// Runs `sheaf build -q ARGS -o OUT` and loads OUT. Empty bytes when the build failed.
inline AlignedBytes build_bundle(const std::string& args, const std::string& name) {
  const std::string out = temp_path(name);
  const std::string command =
      std::string(SHEAF_BINARY) + " build -q " + args + " -o " + out + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    return {};
  }
  AlignedBytes bytes = load_aligned(out);
  std::remove(out.c_str());
  return bytes;
}

/// A JSONL corpus of `count` synthetic articles: enough text for a trained dictionary, some
/// articles long enough to span several frames of a small --block-size.
inline std::string write_synthetic_corpus(size_t count) {
  // Sentences shared across articles but rarely repeated within one: what a dictionary is for.
  static const char* const kWords[] = {
      "earthquake", "drill",     "shelter",    "school",    "kiosk",      "province",
      "bulletin",   "magnitude", "aftershock", "volunteer", "evacuation", "hospital",
      "bridge",     "reservoir", "warning",    "radio",     "torch",      "water",
      "blanket",    "village",   "district",   "agency",    "report",     "survey"};
  const size_t n_words = sizeof(kWords) / sizeof(kWords[0]);
  const std::string path = temp_path("synthetic.jsonl");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  for (size_t i = 0; i < count; ++i) {
    std::string body;
    const size_t paragraphs = 2 + (i * 7) % 11 + (i % 37 == 0 ? 300 : 0);
    for (size_t p = 0; p < paragraphs; ++p) {
      const size_t a = (i * 5 + p * 3) % n_words;
      const size_t b = (i * 11 + p * 7 + 1) % n_words;
      const size_t c = (i + p * 13 + 2) % n_words;
      body += std::string("The provincial ") + kWords[a] + " office reminds every " + kWords[b] +
              " to check the " + kWords[c] + " plan before drill " +
              std::to_string((i * 31 + p * 17) % 1000) + "; the " + kWords[(a + b) % n_words] +
              " team reports to the " + kWords[(b + c) % n_words] + " desk.\\n";
    }
    std::fprintf(
        f,
        "{\"id\":\"syn-%05zu\",\"title\":\"Synthetic bulletin %zu\",\"date\":\"2024-05-%02zu\","
        "\"categories\":[\"News\",\"%s\"],\"body\":\"%s\"}\n",
        i, i, 1 + i % 28, kWords[i % n_words], body.c_str());
  }
  std::fclose(f);
  return path;
}

/// The bundles the runtime tests use, built on first use.
struct Bundles {
  AlignedBytes
      examples;         ///< examples/articles/ at default settings (no dictionary: too little text)
  AlignedBytes dict;    ///< synthetic corpus, 4 KiB frames, packed dictionary (the default)
  AlignedBytes small;   ///< synthetic corpus with --block-size 1024: many multi-frame records,
                        ///< the dictionary stored as is (--no-pack-dictionary)
  AlignedBytes packed;  ///< as `small`, with the dictionary packed (the default)

  static const Bundles& get() {
    static const Bundles b = [] {
      Bundles x;
      x.examples =
          build_bundle(std::string(SHEAF_SOURCE_DIR) + "/examples/articles", "examples.sheaf");
      const std::string corpus = write_synthetic_corpus(400);
      x.dict = build_bundle(corpus + " --block-size 4096", "dict.sheaf");
      x.small = build_bundle(corpus + " --block-size 1024 --no-pack-dictionary", "small.sheaf");
      x.packed = build_bundle(corpus + " --block-size 1024", "packed.sheaf");
      std::remove(corpus.c_str());
      return x;
    }();
    return b;
  }
};

/// A decoder workspace in 8-byte aligned storage.
struct Workspace {
  std::vector<uint64_t> words;

  explicit Workspace(size_t bytes) : words((bytes + 7) / 8) {}

  MutableByteSpan span() {
    return MutableByteSpan(reinterpret_cast<uint8_t*>(words.data()), words.size() * 8);
  }
};

/// Reads every record of `b` (fields and body, as stored) with a fresh fast-mode decoder: the
/// reference texts.
inline std::vector<std::string> read_all_records(const Bundle& b) {
  std::vector<uint64_t> ws((Decoder::workspace_size(b) + 7) / 8);
  Result<Decoder> d =
      Decoder::init(b, MutableByteSpan(reinterpret_cast<uint8_t*>(ws.data()), ws.size() * 8));
  std::vector<std::string> out;
  if (!d.ok()) {
    return out;
  }
  Decoder decoder = d.value();
  std::vector<uint8_t> buffer(b.info().max_read_size + 1);
  for (uint32_t i = 0; i < b.size(); ++i) {
    const Result<ArticleView> a = b.article(i);
    const Result<std::string_view> record =
        a.ok() ? decoder.read_bytes(a.value(), MutableByteSpan(buffer.data(), buffer.size()))
               : Result<std::string_view>(a.error());
    out.push_back(record.ok() ? std::string(record.value()) : std::string("<error>"));
  }
  return out;
}

}  // namespace sheaf::test
