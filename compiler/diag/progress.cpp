// compiler, diag: the progress reporter (see progress.hpp).
#include "diag/progress.hpp"

#include <chrono>
#include <cmath>

namespace sheaf {
namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string format_duration(double seconds) {
  const uint64_t s = seconds > 0 ? static_cast<uint64_t>(std::llround(seconds)) : 0;
  char text[32];
  if (s >= 3600) {
    std::snprintf(
        text, sizeof text, "%llu:%02llu:%02llu", static_cast<unsigned long long>(s / 3600),
        static_cast<unsigned long long>(s / 60 % 60), static_cast<unsigned long long>(s % 60));
  } else {
    std::snprintf(text, sizeof text, "%llu:%02llu", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  }
  return text;
}

Progress::Progress(ProgressMode mode, std::FILE* out, Clock clock)
    : mode_(mode), out_(out), clock_(clock ? std::move(clock) : Clock(steady_seconds)) {}

Progress::~Progress() {
  if (live_shown_) {
    std::fputs("\r\x1b[K", out_);  // a stage cut short: leave the line to what follows
    std::fflush(out_);
  }
}

void Progress::begin(const std::string& stage, uint64_t total, const std::string& unit) {
  if (mode_ == ProgressMode::off) {
    return;
  }
  stage_ = stage;
  unit_ = unit;
  total_ = total;
  done_ = 0;
  stage_start_ = clock_();
  if (mode_ == ProgressMode::terminal) {
    emit(live_line(stage_start_), true, stage_start_);  // rewritten in place: never too often
  } else {
    update(0);
  }
}

void Progress::update(uint64_t done) {
  if (mode_ != ProgressMode::log && mode_ != ProgressMode::terminal) {
    return;
  }
  done_ = done;
  const double now = clock_();
  const double interval = mode_ == ProgressMode::log ? kLogInterval : kTerminalInterval;
  if (now - last_line_ < interval) {
    return;
  }
  emit(live_line(now), true, now);
}

void Progress::end(const std::string& detail) {
  if (mode_ == ProgressMode::off) {
    return;
  }
  const double now = clock_();
  std::string text = "sheaf: " + stage_ + ": ";
  if (total_ > 0) {
    text += std::to_string(total_) + " " + unit_ + " ";
  } else {
    text += "done ";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "in %.2f s", now - stage_start_);
  text += seconds;
  if (!detail.empty()) {
    text += " (" + detail + ")";
  }
  emit(text, false, now);
}

void Progress::note(const std::string& line) {
  if (mode_ == ProgressMode::off) {
    return;
  }
  // A note is not throttled and does not count as a live line: the next update may follow it.
  const double last = last_line_;
  emit(line, false, clock_());
  last_line_ = last;
}

std::string Progress::live_line(double now) const {
  std::string text = "sheaf: " + stage_;
  if (total_ == 0) {
    return text + "...";
  }
  const double fraction = static_cast<double>(done_) / static_cast<double>(total_);
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, ": %llu/%llu %s (%.0f%%)",
                static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
                unit_.c_str(), 100.0 * fraction);
  text += numbers;
  const double elapsed = now - stage_start_;
  // The rate of the first second says little about the rest.
  if (done_ > 0 && done_ < total_ && elapsed >= 1.0) {
    text += ", ETA " + format_duration(elapsed * (1.0 - fraction) / fraction);
  }
  return text;
}

void Progress::emit(const std::string& text, bool live, double now) {
  if (mode_ == ProgressMode::terminal) {
    // "\x1b[K" erases what a longer previous line left to the right.
    std::fprintf(out_, "\r%s\x1b[K", text.c_str());
    live_shown_ = live;
    if (!live) {
      std::fputc('\n', out_);
    }
  } else {
    std::fprintf(out_, "%s\n", text.c_str());
  }
  std::fflush(out_);
  last_line_ = now;
}

}  // namespace sheaf
