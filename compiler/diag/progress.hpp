// compiler, diag: progress of the long build stages (reading, extraction, dictionary training,
// compression, verification) on stderr. One reporter, three ways to show it: a line rewritten in
// place on a terminal, throttled plain lines for CI logs, or only each stage's end line (-v).
// Not thread-safe: the stages call it from the thread that runs the pipeline.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace sheaf {

enum class ProgressMode {
  off,       ///< nothing at all
  stages,    ///< one line at each stage's end, with its count and duration (build -v)
  log,       ///< CI logs: at most one plain '\n'-terminated line a second, plus each stage's end
  terminal,  ///< one line rewritten with '\r' (stage, done/total, ETA); each stage's end stays
};

class Progress {
 public:
  /// Seconds since any fixed point; never decreasing. Tests inject a fake one.
  using Clock = std::function<double()>;

  /// Live lines at most this often in log mode, and in terminal mode.
  static constexpr double kLogInterval = 1.0;
  static constexpr double kTerminalInterval = 0.1;

  /// `out` receives every line (stderr in the CLI); `clock` defaults to std::steady_clock.
  explicit Progress(ProgressMode mode, std::FILE* out = stderr, Clock clock = {});

  /// On a terminal, erases a live line left by a stage that never ended (a failed build).
  ~Progress();

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Starts `stage` ("reading", "compression"...) of `total` things called `unit` ("files",
  /// "frames"); `total` 0 means unknown (dictionary training: zstd reports nothing while it works).
  void begin(const std::string& stage, uint64_t total, const std::string& unit);

  /// `done` of the stage's total are finished; shown when the mode's interval allows.
  void update(uint64_t done);

  /// Ends the stage: its end line ("sheaf: compression: 120 frames in 3.1 s", plus `detail`),
  /// printed in every mode but off.
  void end(const std::string& detail = "");

  /// A line of its own (build -v's per-file notes), in every mode but off; on a terminal the
  /// live line is cleared first and redrawn by the next update.
  void note(const std::string& line);

  ProgressMode mode() const { return mode_; }

 private:
  std::string live_line(double now) const;
  void emit(const std::string& text, bool live, double now);

  ProgressMode mode_;
  std::FILE* out_;
  Clock clock_;
  std::string stage_;
  std::string unit_;
  uint64_t total_ = 0;
  uint64_t done_ = 0;
  double stage_start_ = 0;
  double last_line_ = -1e300;  // when a line was last printed (live or end)
  bool live_shown_ = false;    // terminal: a live line is on screen, without its '\n'
};

/// "1:05" or "2:03:09" (negative as 0:00).
std::string format_duration(double seconds);

}  // namespace sheaf
