#include "service_heartbeat.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>

namespace ps::tools {

namespace {

std::optional<std::uint64_t> freezeAfterFrames() {
  const char* text = std::getenv("PERFECTSHOT_TEST_FREEZE_AFTER_FRAMES");
  if (text == nullptr || *text == '\0') return std::nullopt;
  std::uint64_t n = 0;
  const char* end = text + std::strlen(text);
  if (auto [at, ec] = std::from_chars(text, end, n); ec != std::errc() || at != end) {
    spdlog::warn("PERFECTSHOT_TEST_FREEZE_AFTER_FRAMES='{}' is not a frame count; ignored", text);
    return std::nullopt;
  }
  spdlog::warn("test hook: the render loop will hang after {} frames (PERFECTSHOT_TEST_FREEZE_AFTER_FRAMES)", n);
  return n;
}

}  // namespace

void attachServiceHeartbeat(ServiceNotifier& notifier, player::PlayerLoopOptions& options) {
  const std::optional<std::uint64_t> freezeAfter = freezeAfterFrames();
  if (!notifier.active() && !freezeAfter) return;
  auto before = std::move(options.afterFrame);
  options.afterFrame = [&notifier, before = std::move(before), freezeAfter, frames = std::uint64_t{0}](
                           const xr::DisplayFrame& frame, const media::PlayerFrame& shown) mutable {
    if (before) before(frame, shown);
    if (freezeAfter && ++frames > *freezeAfter) {
      spdlog::warn("test hook: the render loop hangs now, after {} frames", *freezeAfter);
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    }
    notifier.frameShown(ServiceNotifier::Clock::now());
  };
  if (!notifier.active()) return;
  auto between = std::move(options.betweenFrames);
  options.betweenFrames = [&notifier, between = std::move(between), framesBefore = std::uint64_t{0}](
                              const media::PlayerState& state, const player::PlayerLoopStats& stats) mutable {
    if (between) between(state, stats);
    // No frame begun since the last pass: the display offered none to draw.
    if (stats.frames == framesBefore) notifier.loopAlive(ServiceNotifier::Clock::now());
    framesBefore = stats.frames;
  };
}

}  // namespace ps::tools
