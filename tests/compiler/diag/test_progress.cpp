// Tests for diag/progress.hpp: what each mode prints, and the log mode's once-a-second throttle,
// driven by a fake clock.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "diag/progress.hpp"
#include "support/catch.hpp"

using sheaf::Progress;
using sheaf::ProgressMode;

namespace {

/// A Progress writing into memory, on a clock the test moves.
struct Harness {
  explicit Harness(ProgressMode mode) {
    file = open_memstream(&buffer, &size);
    REQUIRE(file != nullptr);
    progress = std::make_unique<Progress>(mode, file, [this] { return now; });
  }

  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  ~Harness() {
    progress.reset();
    std::fclose(file);
    std::free(buffer);
  }

  std::string text() {
    std::fflush(file);
    return std::string(buffer, size);
  }

  double now = 100.0;
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* file = nullptr;
  std::unique_ptr<Progress> progress;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (start < text.size()) {
    out.push_back(text.substr(start));  // an unterminated rest: the caller checks for it
  }
  return out;
}

}  // namespace

TEST_CASE("progress: log mode prints at most one live line a second", "[compiler][progress]") {
  Harness h(ProgressMode::log);
  std::vector<double> printed_at;  // when each live line appeared
  h.progress->begin("compression", 1000, "frames");
  printed_at.push_back(h.now);
  for (int step = 1; step <= 1000; ++step) {
    h.now = 100.0 + step * 0.007;  // 7 s in all, 143 updates a second
    const size_t before = h.text().size();
    h.progress->update(static_cast<uint64_t>(step));
    if (h.text().size() != before) {
      printed_at.push_back(h.now);
    }
  }
  h.progress->end();
  const std::string out = h.text();
  REQUIRE(!out.empty());
  CHECK(out.back() == '\n');
  CHECK(out.find('\r') == std::string::npos);
  REQUIRE(printed_at.size() >= 7);
  REQUIRE(printed_at.size() <= 8);
  for (size_t k = 1; k < printed_at.size(); ++k) {
    CAPTURE(k);
    CHECK(printed_at[k] - printed_at[k - 1] >= Progress::kLogInterval - 1e-9);
  }
  const std::vector<std::string> all = lines(out);
  CHECK(all.size() == printed_at.size() + 1);  // plus the end line, unthrottled
  CHECK(all.front() == "sheaf: compression: 0/1000 frames (0%)");
  CHECK(all[1].rfind("sheaf: compression: 143/1000 frames (14%), ETA 0:06", 0) == 0);
  CHECK(all.back() == "sheaf: compression: 1000 frames in 7.00 s");
}

TEST_CASE("progress: log mode, the end line is free but the next stage waits",
          "[compiler][progress]") {
  Harness h(ProgressMode::log);
  h.progress->begin("reading", 3, "files");
  h.progress->update(3);
  h.now += 0.2;
  h.progress->end();
  h.now += 0.1;
  h.progress->begin("extraction", 3, "documents");  // 0.1 s after the last line: held back
  h.now += 0.5;
  h.progress->update(1);  // 0.6 s: still held back
  h.now += 0.6;
  h.progress->update(2);  // 1.2 s: shown
  h.progress->end("2 articles");
  CHECK(lines(h.text()) == std::vector<std::string>{
                               "sheaf: reading: 0/3 files (0%)",
                               "sheaf: reading: 3 files in 0.20 s",
                               "sheaf: extraction: 2/3 documents (67%), ETA 0:01",
                               "sheaf: extraction: 3 documents in 1.10 s (2 articles)",
                           });
}

TEST_CASE("progress: a stage of unknown length reports its start and its duration",
          "[compiler][progress]") {
  Harness h(ProgressMode::log);
  h.progress->begin("dictionary training", 0, "");
  h.now += 42.5;
  h.progress->end("768 KiB");
  CHECK(h.text() ==
        "sheaf: dictionary training...\nsheaf: dictionary training: done in 42.50 s (768 KiB)\n");
}

TEST_CASE("progress: terminal mode rewrites one line and keeps each stage's end",
          "[compiler][progress]") {
  Harness h(ProgressMode::terminal);
  h.progress->begin("verification", 200, "articles");
  h.now += 0.05;
  h.progress->update(10);  // within 0.1 s of the last drawing: skipped
  h.now += 2.0;
  h.progress->update(100);
  h.progress->note("sheaf: a note");
  h.now += 0.5;
  h.progress->update(150);
  h.progress->end();
  CHECK(h.text() ==
        "\rsheaf: verification: 0/200 articles (0%)\x1b[K"
        "\rsheaf: verification: 100/200 articles (50%), ETA 0:02\x1b[K"
        "\rsheaf: a note\x1b[K\n"
        "\rsheaf: verification: 150/200 articles (75%), ETA 0:01\x1b[K"
        "\rsheaf: verification: 200 articles in 2.55 s\x1b[K\n");
}

TEST_CASE("progress: a terminal line cut short is erased", "[compiler][progress]") {
  Harness h(ProgressMode::terminal);
  h.progress->begin("reading", 5, "files");
  h.progress.reset();
  CHECK(h.text() == "\rsheaf: reading: 0/5 files (0%)\x1b[K\r\x1b[K");
}

TEST_CASE("progress: stages mode prints end lines only, off prints nothing",
          "[compiler][progress]") {
  for (const ProgressMode mode : {ProgressMode::stages, ProgressMode::off}) {
    Harness h(mode);
    h.progress->begin("reading", 2, "files");
    h.now += 3;
    h.progress->update(1);
    h.progress->note("sheaf: a.txt: 1 article");
    h.progress->end();
    CHECK(h.text() == (mode == ProgressMode::off ? ""
                                                 : "sheaf: a.txt: 1 article\n"
                                                   "sheaf: reading: 2 files in 3.00 s\n"));
  }
}

TEST_CASE("progress: durations", "[compiler][progress]") {
  CHECK(sheaf::format_duration(-3) == "0:00");
  CHECK(sheaf::format_duration(0.4) == "0:00");
  CHECK(sheaf::format_duration(65) == "1:05");
  CHECK(sheaf::format_duration(7389) == "2:03:09");
}
