#pragma once
// A one-line progress bar with the time left, redrawn in place on stderr:
//   prep [#########.............]  42%  0:12 left
// The estimate is linear in elapsed wall time. On a terminal it redraws at most ten
// times a second; when stderr is not a terminal (a log, a test) it prints a line per 10%.
#include <chrono>
#include <string>

namespace ps::tools {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();  // ends the line if one is drawn

  // fraction of the work done, 0..1 (clamped).
  void update(double fraction);
  // Draws 100% and ends the line.
  void finish();

 private:
  void draw(double fraction);
  void endLine();

  std::string label_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point lastDraw_{};
  bool terminal_ = false;
  bool drawn_ = false;
  int lastDecile_ = -1;
};

// "1:05" / "1:02:03": whole seconds, for the time left.
std::string formatDuration(double seconds);

}  // namespace ps::tools
