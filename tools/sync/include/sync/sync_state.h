#pragma once
// What one headset tells the others so that several play the same moment of a shot: the plain
// data of the leader's timeline, stamped with the leader's wall clock. Each machine's wall clock
// (CLOCK_REALTIME) is kept in step by what the OS already runs (chrony/NTP, linuxptp); what is
// left of the difference each follower measures by round trip (clock_offset.h).
#include <cstdint>
#include <optional>
#include <string>

#include <glm/vec3.hpp>

namespace ps::sync {

// The leader's pointer ray in stage space, so the crew sees what the director points at.
struct SyncPointer {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit
};

struct LeaderState {
  std::string group;  // headsets of one group follow one leader; others are refused
  std::string shot;   // the shot's id (its package name): a follower of another shot refuses
  std::uint64_t sequence = 0;  // increases with every state the leader sends
  // Shot time `shotSeconds` was shown at the leader's wall clock `clockSeconds`; while playing,
  // it moves at `rate` shot seconds per second from there.
  double clockSeconds = 0;
  double shotSeconds = 0;
  bool playing = false;
  double rate = 1.0;
  bool loop = false;
  double inSeconds = 0;   // the timeline's range, [in, out)
  double outSeconds = 0;
  double fps = 30;        // the shot's frame rate: what "the same frame" means
  std::string selectedMarker;  // empty: none
  std::optional<SyncPointer> pointer;
};

// The shot time the leader shows at its wall clock `leaderClockSeconds`: moved on from the
// state's stamp while playing, wrapped into [in, out) when looping, held at the range's ends
// otherwise.
double leaderShotSecondsAt(const LeaderState& state, double leaderClockSeconds);

}  // namespace ps::sync
