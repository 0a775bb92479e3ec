#include "kiosk_run.h"

#include <spdlog/spdlog.h>

#include "kiosk/kiosk_config.h"
#include "service_heartbeat.h"

namespace ps::tools {

std::optional<Error> checkAttract(const kiosk::KioskConfig& config, const player::ShotPlayback& shot,
                                  const std::string& configName) {
  const double in = config.attract.inSeconds;
  if (in < shot.inSeconds || (shot.outSeconds && in >= *shot.outSeconds))
    return Error{configName + "#/attract/in", "lies outside the shot (" + std::to_string(shot.inSeconds) + " s to " +
                                                  (shot.outSeconds ? std::to_string(*shot.outSeconds) + " s" : "its end") + ")",
                 ""};
  if (config.attract.outSeconds && shot.outSeconds && *config.attract.outSeconds > *shot.outSeconds)
    return Error{configName + "#/attract/out", "lies past the shot's out (" + std::to_string(*shot.outSeconds) + " s)", ""};
  return std::nullopt;
}

void kioskLoopOptions(player::PlayerLoopOptions& o, const KioskArgs& args, const kiosk::KioskConfig& config,
                      std::span<const player::ControlBinding> controls, kiosk::KioskDirector& director,
                      KioskSession& session, KioskShow* show) {
  o.editor.reset();
  o.timeline.reset();
  // A lockstep simulated headset hands out display times faster than real time: waiting for each
  // frame keeps the picture on its display time, as offline rendering does.
  o.decodeWait = std::chrono::milliseconds(args.decodeWaitMs);
  o.keyBindings = {};
  o.controlBindings = controls;
  o.stick = kiosk::allowedStick(config);
  o.director = &director;
  if (show != nullptr)
    o.betweenFrames = [show](const media::PlayerState& state, const player::PlayerLoopStats& stats) {
      show->betweenFrames(state, stats);
    };
  attachServiceHeartbeat(session.notifier, o);
}

std::optional<std::string> setGain(player::ShotPlayback& p, float gain) {
  if (!p.audioOutput) return std::nullopt;
  if (auto s = p.audioOutput->setMasterGain(gain); !s) return s.error().message();
  return std::nullopt;
}

void limitVolume(player::ShotPlayback& p, float limit) {
  if (p.output() == nullptr) return;
  if (auto s = p.output()->setMasterGain(limit); !s)
    spdlog::warn("kiosk: volume limit not applied: {}", s.error().message());
}

Result<std::unique_ptr<kiosk::MemoryCurve>> openMemoryCurve(const KioskArgs& args, kiosk::KioskDirector& director) {
  std::unique_ptr<kiosk::MemoryCurve> curve;
  if (args.memoryLog.empty()) return curve;
  try {
    curve = std::make_unique<kiosk::MemoryCurve>(args.memoryLog);
  } catch (const std::exception& e) {
    return Error{args.memoryLog, e.what(), ""};
  }
  curve->sample(0);
  director.onVisitEnded = [c = curve.get(), every = args.memoryEvery](const kiosk::KioskCounts& counts) {
    if (counts.visitsEnded % every == 0) c->sample(counts.visitsEnded);
  };
  return curve;
}

}  // namespace ps::tools
