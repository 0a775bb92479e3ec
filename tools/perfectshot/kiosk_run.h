#pragma once
// `perfectshot kiosk`'s arguments and what its two forms (a shot, kiosk_command.cpp; an
// episode, kiosk_episode.cpp) share.
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <optional>
#include <string>

#include "kiosk/kiosk_config.h"
#include "kiosk/kiosk_director.h"
#include "kiosk/process_figures.h"
#include "player/player_loop.h"
#include "player/shot_playback.h"
#include "quit_signals.h"
#include "scenes/result.h"
#include "window_options.h"

namespace ps::tools {

struct KioskArgs {
  std::string input;
  std::string config;
  std::string display = "auto";
  bool noAudio = false;
  std::uint64_t visits = 0;        // end after this many visits have ended; 0: never
  std::string memoryLog;           // the memory curve: a sample every memoryEvery visits ended
  std::uint64_t memoryEvery = 10;
  int decodeWaitMs = 0;            // > 0: wait for each video frame (a lockstep simulated headset)
  WindowArgs window;
};

// The attract segment inside the shot's in..out: an Error naming the config field otherwise.
std::optional<Error> checkAttract(const kiosk::KioskConfig& config, const player::ShotPlayback& shot,
                                  const std::string& configName);

// What every loop of the kiosk takes from its config, whatever it plays: no editor, no scrubber,
// no keys, the allowed buttons (`controls` must outlive the loop), the director.
void kioskLoopOptions(player::PlayerLoopOptions& o, const KioskArgs& args, const kiosk::KioskConfig& config,
                      std::span<const player::ControlBinding> controls, kiosk::KioskDirector& director);
// The config's volume limit on the shot's output (soundtrack and narration); a warning if it cannot.
void limitVolume(player::ShotPlayback& p, float limit);
// The memory curve --memory-log asks for (null without it), its first sample taken, and the
// director's hook that samples it every --memory-every visits ended.
Result<std::unique_ptr<kiosk::MemoryCurve>> openMemoryCurve(const KioskArgs& args, kiosk::KioskDirector& director);

// An episode (a playlist) as the kiosk's programme; the exit code, errors reported.
int runKioskEpisode(const KioskArgs& args, const kiosk::KioskConfig& config, QuitSignals& signals);

}  // namespace ps::tools
