#include "progress_bar.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ps::tools {

std::string formatDuration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), terminal_(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() { endLine(); }

void ProgressBar::update(double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    if (now - lastDraw_ < std::chrono::milliseconds(100)) return;
  } else {
    const int decile = static_cast<int>(fraction * 10);
    if (decile == lastDecile_) return;
    lastDecile_ = decile;
  }
  lastDraw_ = now;
  draw(fraction);
}

void ProgressBar::finish() {
  if (!terminal_ && lastDecile_ == 10) return;  // the 100% line is out already
  lastDecile_ = 10;
  draw(1.0);
  endLine();
}

void ProgressBar::draw(double fraction) {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Linear in time: what is left takes as long per percent as what is done took.
  const std::string left = fraction > 0.01 ? formatDuration(elapsed * (1 - fraction) / fraction) + " left" : "";
  const std::string line = fmt::format("{} [{}{}] {:3}%  {}", label_, std::string(static_cast<std::size_t>(filled), '#'),
                                       std::string(static_cast<std::size_t>(kWidth - filled), '.'),
                                       static_cast<int>(fraction * 100), left);
  if (terminal_) {
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());  // erase what a longer line left behind
    drawn_ = true;
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

void ProgressBar::endLine() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace ps::tools
