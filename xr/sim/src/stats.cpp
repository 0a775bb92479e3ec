#include "stats.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "log.h"

namespace ps::sim {

void reportStats(std::uint64_t sessionId, const SessionStats& s) {
  log().info(
      "session {:#x} summary: frames_waited={} frames_begun={} frames_ended={} frames_discarded={} late_frames={} "
      "layers={} captured_images={} last_state={}",
      sessionId, s.framesWaited, s.framesBegun, s.framesEnded, s.framesDiscarded, s.lateFrames, s.layersSubmitted,
      s.imagesCaptured, s.lastState);
  const char* path = std::getenv("PERFECTSHOT_SIM_STATS");
  if (path == nullptr || *path == '\0') return;
  // One JSON object per line, so several sessions (or processes) can append.
  const nlohmann::json j{{"session", sessionId},           {"frames_waited", s.framesWaited},
                         {"frames_begun", s.framesBegun},   {"frames_ended", s.framesEnded},
                         {"frames_discarded", s.framesDiscarded}, {"late_frames", s.lateFrames},
                         {"layers", s.layersSubmitted},     {"captured_images", s.imagesCaptured},
                         {"last_state", s.lastState}};
  std::ofstream out(path, std::ios::app);
  out << j.dump() << '\n';
  if (!out) log().error("PERFECTSHOT_SIM_STATS: cannot append to {}", path);
}

}  // namespace ps::sim
