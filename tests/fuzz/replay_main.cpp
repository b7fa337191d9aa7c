// tests/fuzz: the replay driver. Runs a fuzz target's entry point on every file given (folders
// are walked), with any compiler, so the seed corpus and every input that once crashed stay
// ordinary test cases (CTest fuzz_replay_*). Prints how many inputs ran.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

namespace {

int replay(const fs::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return 1;
  }
  std::vector<uint8_t> bytes;
  uint8_t chunk[65536];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) {
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  std::fclose(f);
  return LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path p(argv[i]);
    std::error_code error;
    if (fs::is_directory(p, error)) {
      for (fs::recursive_directory_iterator it(p, error), end; !error && it != end;
           it.increment(error)) {
        if (it->is_regular_file(error) && it->path().filename().string().rfind('.', 0) != 0) {
          files.push_back(it->path());
        }
      }
      if (error) {
        std::fprintf(stderr, "replay: %s: %s\n", argv[i], error.message().c_str());
        return 1;
      }
    } else if (fs::is_regular_file(p, error)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]);
      return 1;
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    if (replay(f) != 0) {
      std::fprintf(stderr, "replay: %s: the target returned non-zero\n", f.c_str());
      return 1;
    }
  }
  std::printf("replayed %zu inputs\n", files.size());
  return files.empty() ? 1 : 0;
}
