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
#include "kiosk_show.h"
#include "quit_signals.h"
#include "scenes/result.h"
#include "service_notifier.h"
#include "show/show_control.h"
#include "show_options.h"
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
  ShowArgs show;
};

// What lasts across the kiosk's runs (a show control's load starts another on the new input):
// the show control's sockets, the service manager's notifier, the load asked for.
struct KioskSession {
  show::ShowControl* control = nullptr;  // null: no show control
  ServiceNotifier notifier;
  std::optional<std::string> load;        // set by a run that ends for a load
};

// The attract segment inside the shot's in..out: an Error naming the config field otherwise.
std::optional<Error> checkAttract(const kiosk::KioskConfig& config, const player::ShotPlayback& shot,
                                  const std::string& configName);

// What every loop of the kiosk takes from its config, whatever it plays: no editor, no scrubber,
// no keys, the allowed buttons (`controls` must outlive the loop), the director; the show
// control between frames (show: null for none) and the service manager's heartbeat.
void kioskLoopOptions(player::PlayerLoopOptions& o, const KioskArgs& args, const kiosk::KioskConfig& config,
                      std::span<const player::ControlBinding> controls, kiosk::KioskDirector& director,
                      KioskSession& session, KioskShow* show);
// The config's volume limit on the shot's output (soundtrack and narration); a warning if it cannot.
void limitVolume(player::ShotPlayback& p, float limit);
// The memory curve --memory-log asks for (null without it), its first sample taken, and the
// director's hook that samples it every --memory-every visits ended.
Result<std::unique_ptr<kiosk::MemoryCurve>> openMemoryCurve(const KioskArgs& args, kiosk::KioskDirector& director);

// The show control's volume on a shot's output (its master gain); a refusal says why.
std::optional<std::string> setGain(player::ShotPlayback& p, float gain);

// An episode (a playlist) as the kiosk's programme; the exit code, errors reported. A show
// control's load ends it with session.load set.
int runKioskEpisode(const KioskArgs& args, const kiosk::KioskConfig& config, QuitSignals& signals,
                    KioskSession& session);

}  // namespace ps::tools
