#pragma once
// Per-session frame counts, printed when the session ends and optionally appended
// to the JSON file named by PERFECTSHOT_SIM_STATS so tests can read them.
#include <cstdint>
#include <string>

namespace ps::sim {

struct SessionStats {
  std::uint64_t framesWaited = 0;
  std::uint64_t framesBegun = 0;
  std::uint64_t framesEnded = 0;
  std::uint64_t framesDiscarded = 0;  // xrBeginFrame over a frame never ended
  std::uint64_t lateFrames = 0;       // xrEndFrame after the frame's predicted display time
  std::uint64_t layersSubmitted = 0;
  std::uint64_t imagesCaptured = 0;
  std::string lastState;
};

void reportStats(std::uint64_t sessionId, const SessionStats& stats);

}  // namespace ps::sim
