// perfectshot kiosk: a shot played for visitors, unattended (tools/kiosk): the attract loop
// while nobody wears the headset, the programme from the beginning for each new visitor, the
// visit over once the headset has been off for the timeout. No editor, no timeline, no keys;
// only the controller buttons the config allows. The operator's status goes to the mirror
// window. A venue's show control (OSC, HTTP status) steers it; under systemd it notifies the
// service manager and pings its watchdog.
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <optional>

#include "commands.h"
#include "kiosk_run.h"
#include "kiosk_show.h"
#include "show_options.h"
#include "play_episode.h"
#include "quit_signals.h"
#include "report.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/kiosk_director.h"
#include "kiosk/process_figures.h"
#include "kiosk/programme.h"
#include "player/play_setup.h"
#include "player/shot_playback.h"
#include "window_options.h"
#include "xr/display_factory.h"

namespace ps::tools {

namespace {

int runKioskShot(const KioskArgs& args, const kiosk::KioskConfig& config, QuitSignals& signals, KioskSession& session) {
  const xr::DisplayKind kind = *xr::parseDisplayKind(args.display);
  auto shot = player::openShotPlayback(args.input, "", !args.noAudio && kind != xr::DisplayKind::Offscreen);
  if (!shot) return reportError(shot.error());
  player::ShotPlayback& playback = **shot;
  if (auto bad = checkAttract(config, playback, args.config.empty() ? "kiosk config" : args.config))
    return reportError(*bad);
  if (config.headLockedCaptions && !playback.narration)
    spdlog::info("kiosk: the shot has no narration: no head-locked captions to show");
  limitVolume(playback, config.volumeLimit);
  if (playback.audioOutput && config.volumeLimit < 1.0f)
    spdlog::info("kiosk: volume limited to {:.2f} (soundtrack and narration)", config.volumeLimit);

  xr::DisplayRequest request;
  request.kind = kind;
  request.offscreen = player::offscreenTour(playback, {});
  auto window = windowDisplayOptions(args.window);
  if (!window) return reportError(window.error());
  if (kind == xr::DisplayKind::OpenXr || kind == xr::DisplayKind::Auto)
    request.openxr.mirror = mirrorOptions(args.window, *window, kind == xr::DisplayKind::OpenXr);
  request.window = std::move(window).value();
  auto display = xr::createDisplay(request);
  if (!display) return reportError(display.error());

  player::PlayChoices choices;
  choices.timeline = false;  // no menus and no scrubber for a visitor
  player::PlayerLoopOptions options =
      player::playOptions(playback, display->display->capabilities(), false, choices);
  options.loop = true;  // the kiosk never ends at a shot's end; its programmes set their own regions
  options.autoplay = false;
  const std::vector<player::ControlBinding> controls = kiosk::allowedControls(config);

  const std::string name = playback.shotFile.empty() ? args.input : playback.shotFile.filename().string();
  kiosk::ShotSegment attract(*playback.player, "attract", config.attract.inSeconds, config.attract.outSeconds, true);
  kiosk::ShotSegment programme(*playback.player, name, playback.inSeconds, playback.outSeconds, false);
  kiosk::KioskDirector director(*display->display, config, attract, programme);
  std::optional<KioskShow> show;
  if (session.control != nullptr) {
    show.emplace(*session.control, director, attract, programme, std::nullopt);
    show->volumeLimit = config.volumeLimit;
    if (playback.audioOutput) show->setVolume = [&playback](float gain) { return setGain(playback, gain); };
  }
  kioskLoopOptions(options, args, config, controls, director, session, show ? &*show : nullptr);
  if (config.headLockedCaptions && playback.narration)
    director.caption = [narration = playback.narration.get()] { return narration->caption(); };

  auto curve = openMemoryCurve(args, director);
  if (!curve) return reportError(curve.error());
  options.quitRequested = [&] {
    return signals.received() || (args.visits > 0 && director.counts().visitsEnded >= args.visits) ||
           (show && show->loadRequested());
  };

  player::PlayerLoop loop(*display->display, *playback.player, options);
  player::PlayerLoopStats stats;
  try {
    stats = loop.run();
  } catch (const player::PictureRefused& e) {
    return reportError(e.error());
  }
  if (show) session.load = show->loadRequested();
  const kiosk::KioskCounts& c = director.counts();
  spdlog::info("kiosk: {} visits ({} ended), programme started {} times, of which {} not at its beginning; "
               "attract {} times, {} fades; {} display frames ({} drawn) in {:.1f} s, {} late",
               c.visits, c.visitsEnded, c.programmeStarts, c.startsNotAtBeginning, c.attractStarts, c.fades,
               stats.frames, stats.drawn,
               stats.wallSeconds, stats.late);
  return 0;
}

int runKiosk(const KioskArgs& first) {
  QuitSignals signals;
  kiosk::KioskConfig config;
  if (!first.config.empty()) {
    auto loaded = kiosk::loadKioskConfig(first.config);
    if (!loaded) return reportError(loaded.error());
    config = *loaded;
  }
  // Before the display: a port that cannot be had fails fast. Kept across loads.
  std::unique_ptr<show::ShowControl> control;
  if (const show::ControlOptions options = controlOptions(first.show); show::anyEnabled(options)) {
    auto started = show::ShowControl::start(options);
    if (!started) return reportError(started.error());
    control = std::move(*started);
  } else if (auto v = show::validate(options); !v) {
    return reportError(v.error());
  }
  KioskSession session;
  session.control = control.get();
  // Under systemd (Type=notify): ready at the first frame, watchdog pings while the loop runs.
  session.notifier = ServiceNotifier::fromEnvironment();
  KioskArgs args = first;
  std::string before = first.input;  // what played before a load
  for (;;) {
    session.notifier.setStatus("kiosk " + args.input);
    session.load.reset();
    const int code = isPlaylistFile(args.input) ? runKioskEpisode(args, config, signals, session)
                                                : runKioskShot(args, config, signals, session);
    if (session.load && !signals.received()) {
      spdlog::info("kiosk: loading {} (show control)", *session.load);
      before = args.input;
      args.input = *session.load;
      continue;
    }
    // What the venue loaded does not play: back to what played before, the error reported.
    if (code != 0 && args.input != before && !signals.received()) {
      spdlog::error("kiosk: {} does not play; back to {}", args.input, before);
      if (control) control->status().noteError("load " + args.input + ": it does not play (the log says why)");
      args.input = before;
      continue;
    }
    session.notifier.stopping();
    return code;
  }
}

}  // namespace

void addKioskCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<KioskArgs>();
  CLI::App* cmd = app.add_subcommand(
      "kiosk",
      "Play an episode or a shot unattended for visitors: an attract loop while nobody wears the headset; a new\n"
      "visitor gets the programme from the beginning, faded in from black and turned to where they\n"
      "face; a headset off for longer than the timeout ends the visit. No keys, no menus; only the\n"
      "controller buttons the config allows. README.md, \"Kiosk mode\", describes the config.");
  cmd->add_option("input", args->input, "an episode (a playlist), a shot package folder, a shot.json or a video")->required();
  cmd->add_option("--config", args->config, "the kiosk's config file (JSON); default: every field's default");
  cmd->add_option("--display", args->display, "auto, xr (OpenXR headset), window, or offscreen")
      ->check(CLI::IsMember({"auto", "xr", "window", "offscreen"}))
      ->capture_default_str();
  cmd->add_flag("--no-audio", args->noAudio, "play without the soundtrack");
  cmd->add_option("--visits", args->visits, "end once this many visits have ended (tests, benchmarks); 0: never")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000'000}));
  cmd->add_option("--memory-log", args->memoryLog,
                  "write the process's memory curve to this file: visits, resident KiB, open files, threads");
  cmd->add_option("--memory-every", args->memoryEvery, "visits between memory samples")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000}))
      ->capture_default_str();
  cmd->add_option("--decode-wait", args->decodeWaitMs,
                  "wait up to this many milliseconds for each video frame (tests and benchmarks on a lockstep\n"
                  "simulated headset, whose display times run ahead of the clock); 0: never wait (a headset)")
      ->check(CLI::Range(0, 60'000))
      ->capture_default_str();
  addWindowOptions(*cmd, args->window);
  addShowOptions(*cmd, args->show);
  cmd->callback([args, &outcome] { outcome.exitCode = runKiosk(*args); });
}

}  // namespace ps::tools
