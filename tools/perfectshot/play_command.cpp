// perfectshot play: plays a shot on a display (xr/display_factory.h): the headset when an
// OpenXR runtime is active, else a window, else offscreen. Offscreen renders every video
// frame (display frames stepped at the video's rate), the head turning once around over the
// shot, with a still of each eye every --stills-every seconds into --out. In the headset, a
// desktop window mirrors one eye (--mirror) when there is a desktop.
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "cli_numbers.h"
#include "commands.h"
#include "play_episode.h"
#include "png_writer.h"
#include "quit_signals.h"
#include "report.h"
#include "sequence_budget_option.h"
#include "service_heartbeat.h"
#include "media/live_input.h"
#include "live_buffer.h"
#include "player/plate_decode.h"
#include "player/live_playback.h"
#include "player/play_setup.h"
#include "player/shot_playback.h"
#include "player/ui_claims.h"
#include "player/director_chain.h"
#include "player/venue_aligner.h"
#include "play_show.h"
#include "play_walkthrough.h"
#include "play_sync.h"
#include "sync/wall_clock.h"
#include "show_options.h"
#include "window_options.h"
#include "xr/display_factory.h"

namespace ps::tools {

namespace {

// A take is a few minutes: what a director scrubs back over between takes.
constexpr double kLiveBufferMinutes = 5.0;

struct PlayArgs {
  std::string input;
  std::string mediaId;
  std::string display = "auto";
  std::string outDir = "demo-stills";
  std::uint32_t width = 960, height = 540;
  float hfov = 100, vfov = 62;
  double stillsEvery = 1.0;
  std::vector<std::string> controllers;
  std::uint64_t frames = 0;
  bool noAudio = false;
  bool equirectLayer = false;
  std::string hwdec = "auto";
  CLI::Option* hwdecOption = nullptr;
  bool noTimeline = false;
  bool noOverlay = false;
  bool noFilmFrame = false;
  bool edit = false;
  std::string voiceInput;
  std::size_t sequenceBudgetMiB = 0;
  std::uint64_t splatBudget = 0;
  const CLI::Option* splatBudgetOption = nullptr;
  double splatMs = 0;
  const CLI::Option* splatMsOption = nullptr;
  std::string atEnd;  // a playlist's
  WindowArgs window;
  ShowArgs show;
  SyncArgs sync;
  std::string frameLog;
  std::string venue;
  bool align = false;
  bool floor = false;
  bool measure = false;
  bool keepMeasurements = false;
  bool alignPlayArea = false;
  bool placeMarks = false;
  std::string recordPath;  // an actor's name
  bool listen = false;     // a live RTSP or RTMP feed: be the server its sender pushes to
  std::optional<double> liveBufferMinutes;  // a live feed's timeline: the span kept; 0: none
  std::string liveBufferDir;
  WalkthroughArgs walkthrough;
};

std::string eyeName(std::size_t eye, std::size_t eyes) { return eyes == 1 ? "mono" : (eye == 0 ? "left" : "right"); }

// A playlist: its episode end to end; what applies to one shot alone is refused.
int runPlayEpisode(const PlayArgs& args) {
  const std::string& in = args.input;
  if (!args.mediaId.empty()) return reportError(Error{"--media", "picks a medium of one shot; " + in + " is a playlist", ""});
  if (args.edit) return reportError(Error{"--edit", "edits one shot; " + in + " is a playlist", ""});
  if (args.splatBudgetOption->count() > 0)
    return reportError(Error{"--splat-budget", "applies to one shot; an episode's items draw the display's budget", ""});
  if (args.splatMsOption->count() > 0)
    return reportError(Error{"--splat-ms", "applies to one shot; an episode's items hold the display's time", ""});
  if (args.equirectLayer)
    return reportError(Error{"--equirect-layer", "applies to one mono 360 shot; " + in + " is a playlist", ""});
  if (args.hwdecOption->count() > 0)
    return reportError(Error{"--hwdec", "applies to one shot's plate; an episode's shots decode in software", ""});
  if (!args.sync.mode.empty())
    return reportError(Error{"--sync", "keeps one shot in step across headsets; " + in + " is a playlist", ""});
  if (!args.frameLog.empty()) return reportError(Error{"--frame-log", "logs one shot's frames; " + in + " is a playlist", ""});
  if (!args.venue.empty()) return reportError(Error{"--venue", "aligns one shot's stage; " + in + " is a playlist", ""});
  if (auto flag = args.walkthrough.flag())
    return reportError(Error{*flag, "records or tours one shot's walkthrough; " + in + " is a playlist", ""});
  PlayEpisodeArgs e;
  e.playlist = in;
  e.kind = *xr::parseDisplayKind(args.display);
  e.outDir = args.outDir;
  e.tour = {args.width, args.height, args.hfov, args.vfov, args.stillsEvery};
  e.controllers = args.controllers;
  e.choices.timeline = !args.noTimeline;
  e.choices.overlay = !args.noOverlay;
  e.choices.filmFrame = !args.noFilmFrame;
  e.choices.scripted = !args.window.inputScript.empty();
  e.choices.maxFrames = args.frames;
  e.noAudio = args.noAudio;
  e.sequenceBudgetMiB = args.sequenceBudgetMiB;
  if (!args.atEnd.empty()) e.atEnd = scenes::parseEpisodeEnd(args.atEnd);
  e.window = args.window;
  return playEpisode(e);
}

Error liveOffscreen(const std::string& in) {
  return Error{in, "a live feed plays in a headset or a window, on the display's own clock; offscreen stills step a recording",
               "use --display xr or --display window"};
}

// What applies only to a recorded shot, refused for a live feed.
std::optional<Error> refusedForLive(const PlayArgs& args, xr::DisplayKind kind) {
  const std::string& in = args.input;
  if (kind == xr::DisplayKind::Offscreen) return liveOffscreen(in);
  if (!args.mediaId.empty()) return Error{"--media", "picks a medium of a shot; " + in + " is a live feed", ""};
  if (args.edit) return Error{"--edit", "edits a shot's markers; " + in + " is a live feed", ""};
  if (!args.sync.mode.empty()) return Error{"--sync", "keeps a shot in step across headsets; " + in + " is a live feed", ""};
  if (!args.venue.empty()) return Error{"--venue", "aligns a shot's stage; " + in + " is a live feed", ""};
  if (args.keepMeasurements) return Error{"--keep-measurements", "keeps measurements in a shot; " + in + " is a live feed", ""};
  if (args.placeMarks || !args.recordPath.empty())
    return Error{args.placeMarks ? "--place-marks" : "--record-path", "writes blocking into a shot; " + in + " is a live feed", ""};
  if (auto flag = args.walkthrough.flag())
    return Error{*flag, "records or tours a shot's walkthrough; " + in + " is a live feed", ""};
  if (args.hwdecOption->count() > 0)
    return Error{"--hwdec", "applies to a recorded plate; a live feed decodes in software, for the least latency", ""};
  return std::nullopt;
}

int runPlay(const PlayArgs& args) {
  if (isPlaylistFile(args.input)) return runPlayEpisode(args);
  if (!args.atEnd.empty())
    return reportError(Error{"--at-end", "says how an episode ends; " + args.input + " is not a playlist", ""});
  // Before any thread exists, so every thread inherits the blocked mask.
  QuitSignals signals;
  const xr::DisplayKind kind = *xr::parseDisplayKind(args.display);
  const bool live = media::isLiveArgument(args.input);
  if (live) {
    // An auto display without a headset or a desktop would be offscreen: say so before waiting.
    if (auto refused = refusedForLive(args, kind)) return reportError(*refused);
  }
  if (args.listen && !live)
    return reportError(Error{"--listen", "waits for a live RTSP or RTMP sender; " + args.input + " is not a live feed", ""});
  if (!live && (args.liveBufferMinutes || !args.liveBufferDir.empty()))
    return reportError(Error{args.liveBufferMinutes ? "--live-buffer" : "--live-buffer-dir",
                             "keeps a live feed to scrub back over; " + args.input + " is not a live feed", ""});
  const double keepMinutes = args.liveBufferMinutes.value_or(kLiveBufferMinutes);
  if (keepMinutes == 0 && !args.liveBufferDir.empty())
    return reportError(Error{"--live-buffer-dir", "names where the live feed is kept; --live-buffer 0 keeps none", ""});
  media::LiveOptions liveOptions;
  liveOptions.listen = args.listen;
  std::optional<LiveBuffer> liveBuffer;  // outlives the playback, whose feed writes into it
  if (live && keepMinutes > 0) {
    Result<LiveBuffer> made = LiveBuffer::make(keepMinutes, args.liveBufferDir);
    if (!made) return reportError(made.error());
    liveBuffer.emplace(std::move(made).value());
    liveOptions.ring = liveBuffer->ring();
  }
  player::PlateDecode decode;
  if (!live) {
    // The compositor's equirect layer is filled from the CPU's copy of the picture.
    if (args.equirectLayer && args.hwdec == "vaapi")
      return reportError(Error{"--hwdec vaapi", "the compositor's equirect layer takes the picture from the CPU", "use --hwdec off or auto"});
    auto chosen = player::plateDecode(args.equirectLayer ? media::HardwareDecode::Off : *media::parseHardwareDecode(args.hwdec));
    if (!chosen) return reportError(chosen.error());
    decode = std::move(chosen).value();
  }
  auto shot = live ? player::openLivePlayback(args.input, liveOptions, [&signals] { return !signals.received(); },
                                                     !args.noAudio)
                   : player::openShotPlayback(args.input, args.mediaId,
                                              !args.noAudio && kind != xr::DisplayKind::Offscreen, args.sequenceBudgetMiB,
                                              nullptr, decode);
  if (!shot) {
    if (live && signals.received()) return 0;  // quit while waiting for the feed
    return reportError(shot.error());
  }
  player::ShotPlayback& playback = **shot;
  // Before the display: a port that cannot be had fails fast.
  std::unique_ptr<show::ShowControl> showControl;
  if (const show::ControlOptions control = controlOptions(args.show); show::anyEnabled(control)) {
    auto started = show::ShowControl::start(control);
    if (!started) return reportError(started.error());
    showControl = std::move(*started);
  } else if (auto v = show::validate(control); !v) {
    return reportError(v.error());
  }
  std::unique_ptr<PlaySync> sync;
  if (!args.sync.mode.empty()) {
    auto started = PlaySync::start(args.sync, playback, shotIdOf(args.input));
    if (!started) return reportError(started.error());
    sync = std::move(*started);
  }
  PlayWalkthrough walkthrough;  // before the frame log, which reads a tour's time
  std::ofstream frameLog;
  if (!args.frameLog.empty()) {
    frameLog.open(args.frameLog, std::ios::trunc);
    if (!frameLog) return reportError(Error{args.frameLog, "cannot write the frame log", ""});
    frameLog << "display_wall_seconds,shot_seconds,frame,view_qx,view_qy,view_qz,view_qw,tour_seconds\n";
  }

  xr::DisplayRequest request;
  request.kind = kind;
  request.openxr.interactionProfiles = args.controllers;
  if (args.equirectLayer) {
    // The compositor's equirect layer takes one picture for both eyes: mono 360 only.
    if (playback.player->hasPlate() && !playback.rgbd && playback.layout.stereo == StereoLayout::Mono &&
        playback.layout.projection == Projection::Equirect360) {
      const media::StreamInfo& info = playback.player->info();
      request.openxr.equirectLayer = VkExtent2D{static_cast<std::uint32_t>(info.width), static_cast<std::uint32_t>(info.height)};
    } else {
      spdlog::warn("play: --equirect-layer needs a mono 360 video without depth; drawing the projection layer");
    }
  }
  const double in = playback.inSeconds;
  request.offscreen = player::offscreenTour(playback, {args.width, args.height, args.hfov, args.vfov, args.stillsEvery});

  auto window = windowDisplayOptions(args.window);
  if (!window) return reportError(window.error());
  if (kind == xr::DisplayKind::OpenXr || kind == xr::DisplayKind::Auto)
    request.openxr.mirror = mirrorOptions(args.window, *window, kind == xr::DisplayKind::OpenXr);
  // The loop's panels take presses and keys from the window's look control.
  const auto uiClaims = std::make_shared<player::UiClaims>();
  window->claims = player::windowClaims(uiClaims);
  request.window = std::move(window).value();
  auto display = xr::createDisplay(request);
  if (!display) return reportError(display.error());
  xr::OffscreenDisplay* offscreen = display->offscreen;
  if (offscreen != nullptr) {
    std::error_code ec;
    std::filesystem::create_directories(args.outDir, ec);
    if (ec) return reportError(Error{args.outDir, "cannot create the stills folder: " + ec.message(), ""});
  }

  if (live && offscreen != nullptr)
    return reportError(liveOffscreen(args.input));  // auto found neither a headset nor a desktop
  if (args.edit && playback.shotFile.empty())
    return reportError(Error{args.input, "--edit needs a shot (a package folder or a shot.json), not a video", ""});
  if (!args.voiceInput.empty() && !args.edit && !args.walkthrough.mic)
    return reportError(Error{"--voice-input", "stands in for the microphone of --edit or --walkthrough-mic; neither is given", ""});
  player::PlayChoices choices;
  choices.timeline = !args.noTimeline;
  choices.overlay = !args.noOverlay;
  choices.filmFrame = !args.noFilmFrame;
  choices.edit = args.edit;
  if (!args.voiceInput.empty()) choices.voiceInput = args.voiceInput;
  choices.scripted = !args.window.inputScript.empty();
  choices.maxFrames = args.frames;
  player::PlayerLoopOptions options =
      player::playOptions(playback, display->display->capabilities(), offscreen != nullptr, choices);
  options.uiClaims = uiClaims;
  options.quitRequested = [&signals] { return signals.received(); };
  if (live) {
    // The badge (live and its latency, a stall, or how far back the timeline is) is drawn by the
    // overlay. The timeline scrubs what the ring keeps; without one there is nothing to scrub.
    if (!liveOptions.ring) options.timeline.reset();
    options.loop = false;
    if (!options.overlay) options.overlay.emplace();
  }
  std::optional<PlayShow> show;
  if (showControl) {
    show.emplace(*showControl, playback, *display->display, args.input);
    if (sync) show->setSync([&sync] { return sync->status(); });
  }
  if (show || sync)
    options.betweenFrames = [&show, &sync](const media::PlayerState& state, const player::PlayerLoopStats& stats) {
      if (show) show->betweenFrames(state, stats);
      if (sync) sync->betweenFrames(state, stats);
    };
  int stills = 0;
  std::optional<Error> stillError;
  if (offscreen != nullptr) {
    options.afterFrame = [&](const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
      // Without a plate every frame is a still of the sets; with one, only frames with a picture.
      const bool plateless = !playback.player->hasPlate();
      if (stillError || offscreen->pixelsIndex() != frame.index || (shown.frame == nullptr && !plateless)) return;
      const double shotSeconds = plateless ? shown.state.positionSeconds
                                           : playback.player->plateTiming().shotSeconds(shown.frame->seconds);
      const auto& eyes = offscreen->pixels();
      for (std::size_t i = 0; i < eyes.size(); ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "still_%04d_t%07.3f_%s.png", stills,
                      shotSeconds - in,
                      eyeName(i, eyes.size()).c_str());
        if (auto s = writePng(std::filesystem::path(args.outDir) / name, eyes[i]); !s) stillError = s.error();
      }
      ++stills;
    };
  }

  if (frameLog.is_open()) {
    options.afterFrame = [&frameLog, &playback, &walkthrough, stills = std::move(options.afterFrame)](
                             const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
      if (stills) stills(frame, shown);
      const double wall = sync::wallClockSeconds() + (frame.predictedDisplayTime - playback.clock.now());
      frameLog << fmt::format("{:.6f},{:.6f},{}", wall, shown.state.positionSeconds, shown.state.frameIndex);
      // The view as drawn (the first eye's orientation, stage space), and a tour's recording time.
      if (!frame.eyes.empty()) {
        const glm::quat& q = frame.eyes.front().view.orientation;
        frameLog << fmt::format(",{:.7f},{:.7f},{:.7f},{:.7f}", q.x, q.y, q.z, q.w);
      } else {
        frameLog << ",,,,";
      }
      frameLog << (walkthrough.tour() ? fmt::format(",{:.6f}\n", walkthrough.tour()->recordingSeconds()) : std::string(",\n"));
    };
  }

  // Under systemd (Type=notify): ready at the first frame, watchdog pings while frames flow.
  ServiceNotifier service = ServiceNotifier::fromEnvironment();
  service.setStatus("playing " + args.input);
  attachServiceHeartbeat(service, options);
  if (args.splatBudgetOption->count() > 0) options.splatBudget = args.splatBudget;
  if (args.splatMsOption->count() > 0) options.splatFrameMs = args.splatMs;
  if (options.splats.empty())
    for (const CLI::Option* o : {args.splatBudgetOption, args.splatMsOption})
      if (o->count() > 0) spdlog::warn("{}: {} has no splat captures; nothing to apply it to", o->get_name(), args.input);
  std::unique_ptr<player::VenueAligner> venue;
  if (!args.venue.empty()) {
    if (args.align) {
      venue = player::VenueAligner::align(*display->display, args.venue, "");
    } else if (args.alignPlayArea) {
      venue = player::VenueAligner::alignToPlayArea(*display->display, args.venue, "");
    } else {
      auto read = player::VenueAligner::apply(*display->display, args.venue);
      if (!read) return reportError(read.error());
      venue = std::move(*read);
    }
  }
  // A follower draws the leader's pointer in its overlay: it needs one even without markers.
  if (sync && args.sync.mode == "follow" && !options.overlay) options.overlay.emplace();
  if (args.measure) {
    if (args.keepMeasurements && playback.shotFile.empty())
      return reportError(Error{"--keep-measurements", "keeps measurements in a shot; " + args.input + " is a video", ""});
    if (args.keepMeasurements && args.edit)
      return reportError(Error{"--keep-measurements", "writes the shot as the editor does: not both at once", ""});
    // A shot is opened for the grip's keep unless another writer has it (the editor).
    std::optional<std::filesystem::path> keepIn;
    if (!playback.shotFile.empty() && !args.edit) keepIn = playback.shotFile;
    auto tape = player::MeasuringTape::open(
        keepIn, args.keepMeasurements ? player::MeasuringTape::Keep::Every : player::MeasuringTape::Keep::Asked);
    if (!tape) return reportError(tape.error());
    options.tape = std::make_shared<player::MeasuringTape>(std::move(*tape));
    if (!options.overlay) options.overlay.emplace();
  }
  if (args.placeMarks || !args.recordPath.empty()) {
    const char* flag = args.placeMarks ? "--place-marks" : "--record-path";
    if (playback.shotFile.empty())
      return reportError(Error{flag, "writes blocking into a shot; " + args.input + " is a video", ""});
    if (args.placeMarks && !args.recordPath.empty())
      return reportError(Error{flag, "the trigger places marks or records a path: one at a time", ""});
    if (args.measure) return reportError(Error{flag, "the trigger measures with --measure: one at a time", ""});
    if (args.edit) return reportError(Error{flag, "writes the shot as the editor does: not both at once", ""});
    player::BlockingPen::Mode mode;
    if (!args.recordPath.empty()) mode.actor = args.recordPath;
    auto pen = player::BlockingPen::open(playback.shotFile, mode);
    if (!pen) return reportError(pen.error());
    options.pen = std::make_shared<player::BlockingPen>(std::move(*pen));
    if (!options.overlay) options.overlay.emplace();
  }
  if (args.floor) {
    if (!options.overlay) options.overlay.emplace();
    options.overlay->floorGrid = true;
    options.playArea = true;
  }
  if (auto opened = walkthrough.open(args.walkthrough, args.voiceInput, playback, *display->display, offscreen != nullptr, !args.noOverlay, options);
      !opened)
    return reportError(opened.error());
  // The venue first: the recorder records the stage as the venue put it.
  player::DirectorChain directors({venue.get(), walkthrough.director()});
  options.director = directors.get();
  player::PlayerLoop loop(*display->display, *playback.player, options);
  if (sync)
    sync->showLeaderWith([&loop](std::optional<engine::Ray> pointer, const std::optional<std::string>& marker) {
      loop.showLeader(pointer, marker);
    });
  player::PlayerLoopStats stats;
  try {
    stats = loop.run();
  } catch (const player::PictureRefused& e) {
    return reportError(e.error());
  }
  service.stopping();
  if (auto saved = walkthrough.finish(); !saved) return reportError(saved.error());
  if (stillError) return reportError(*stillError);
  spdlog::info("play: {} display frames ({} drawn, {} uploads, {} submits) in {:.2f} s on {}; app CPU p50 {:.3f} ms, p99 {:.3f} ms; "
               "{} late, {} missed{}",
               stats.frames, stats.drawn, stats.uploads, stats.submits, stats.wallSeconds, display->display->name(),
               1e3 * stats.cpuSeconds.percentile(0.5), 1e3 * stats.cpuSeconds.percentile(0.99), stats.late,
               stats.missed, offscreen != nullptr ? fmt::format(", {} stills in {}", stills, args.outDir) : "");
  // Frames the loop did not submit that the display still had to present: with the loop's, at most one per frame.
  spdlog::info("play: {} submits of the display's own", display->display->ownSubmits());
  if (options.rgbd)
    spdlog::info("play: {} RGB-D depth pictures measured on the loop thread (the rest ahead)", stats.depthMeasuredOnLoop);
  if (stats.devicesReplaced > 0) spdlog::info("play: survived {} runtime losses", stats.devicesReplaced);
  if (live) {
    const media::LiveStatus feed = playback.player->live()->status();
    const player::FrameTimeHistogram& latency = stats.liveLatencySeconds;
    spdlog::info("play: live: {} pictures shown of {} decoded ({} damaged); latency from arrival to display p50 {:.1f} ms, "
                 "p95 {:.1f} ms, p99 {:.1f} ms; {} stalls, {} reconnects",
                 latency.count(), feed.framesDecoded, feed.framesDamaged, 1e3 * latency.percentile(0.5),
                 1e3 * latency.percentile(0.95), 1e3 * latency.percentile(0.99), stats.liveStalls, feed.reconnects);
    if (const media::LiveSound* sound = playback.player->liveSound()) {
      const media::LiveSoundStatus s = sound->status();
      spdlog::info("play: live sound: started in step with the picture {} times ({} found off and resynced, {} ran "
                   "dry){}; drift correction at the end {:+.2f} %",
                   s.starts, s.resyncs, s.underruns,
                   s.lateSeconds > 0
                       ? fmt::format(", {:.0f} ms behind the picture (it comes late or unevenly)", 1e3 * s.lateSeconds)
                       : "",
                   100.0 * (s.pitch - 1.0));
    }
  }
  if (sync) spdlog::info("play: {}", sync->summary());
  if (venue && venue->saveError()) return reportError(*venue->saveError());
  if (venue && args.align && !venue->venue()) spdlog::warn("play: --align: the two floor touches never came; nothing saved");
  if (venue && args.alignPlayArea && !venue->venue())
    spdlog::warn("play: --align-play-area: no alignment was made (no trigger, or no play area); nothing saved");
  if (stats.splatTargetMs > 0)
    spdlog::info("play: splats held near {:.2f} ms a frame: {}", stats.splatTargetMs,
                 stats.splatBudgetChanges == 0
                     ? std::string("their budget never had to move")
                     : fmt::format("their budget moved {} times, down to {} splats at the lowest",
                                   stats.splatBudgetChanges, stats.splatBudgetLowest));
  if (options.overlay && !options.overlay->markers.empty())
    spdlog::info("play: markers: at most {} of {} looked at to find those active at a frame's time",
                 stats.mostMarkersVisited, options.markers.size());
  return 0;
}

}  // namespace

void addPlayCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<PlayArgs>();
  CLI::App* cmd = app.add_subcommand(
      "play",
      "Play a shot: in a headset when an OpenXR runtime is active (XR_RUNTIME_JSON or the system's\n"
      "active runtime), else in a window when there is a desktop, else offscreen. Offscreen renders\n"
      "every frame with the head turning once around over the shot and writes a still of each eye\n"
      "every --stills-every seconds into --out. SIGINT/SIGTERM end playback cleanly (exit 0), or\n"
      "within a second with exit 130/143 when it is stuck in a call that does not return.");
  cmd->add_option("input", args->input,
                  "a shot package folder, a shot.json, a video file, a glTF set (.glb, .gltf) to play alone,\n"
                  "or a playlist (an episode: its shots and title cards in order; shift+N / P or the right /\n"
                  "left squeeze go to the next / previous item)")
      ->required();
  cmd->add_option("--display", args->display, "auto, xr (OpenXR headset), window, or offscreen")
      ->check(CLI::IsMember({"auto", "xr", "window", "offscreen"}))
      ->capture_default_str();
  cmd->add_option("--out", args->outDir, "offscreen: folder for the stills")->capture_default_str();
  cmd->add_option("--width", args->width, "offscreen: still width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "offscreen: still height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--hfov", args->hfov, "offscreen: horizontal field of view, degrees")->check(finiteIn(1, 179));
  cmd->add_option("--vfov", args->vfov, "offscreen: vertical field of view, degrees")->check(finiteIn(1, 179));
  cmd->add_option("--stills-every", args->stillsEvery, "offscreen: seconds of shot time between stills")
      ->check(finitePositive(86400))
      ->capture_default_str();
  cmd->add_option("--controllers", args->controllers,
                  "xr: interaction profiles to suggest bindings for (default: all of khr/simple_controller,\n"
                  "oculus/touch_controller, valve/index_controller, htc/vive_controller)")
      ->delimiter(',');
  // A range, because CLI11 reads "-1" into an unsigned number as 2^64 - 1.
  cmd->add_option("--frames", args->frames, "end after this many display frames (0: at the end, or never when looping)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000'000}));
  cmd->add_flag("--no-audio", args->noAudio, "play without the soundtrack");
  args->hwdecOption =
      cmd->add_option("--hwdec", args->hwdec,
                      "decode the plate on the GPU: auto (VAAPI where a device decodes it and the renderer imports "
                      "its pictures, else software, said in one line), vaapi (or fail), off")
          ->check(CLI::IsMember({"auto", "vaapi", "off"}))
          ->capture_default_str();
  cmd->add_option("--live-buffer", args->liveBufferMinutes,
                  fmt::format("a live feed: minutes of it kept on disk to scrub back over (default {}; 0: none, and no "
                              "timeline)",
                              kLiveBufferMinutes))
      ->check(CLI::Range(0.0, 24.0 * 60.0));
  cmd->add_option("--live-buffer-dir", args->liveBufferDir,
                  "a live feed: the folder it is kept in (created where missing; it must be empty: what is kept there\n"
                  "is deleted as the span moves on and when the player ends). Default: a temporary folder of its own");
  cmd->add_flag("--listen", args->listen,
                "a live rtsp:// or rtmp:// feed: listen at that address for the camera or encoder to push to it");
  cmd->add_flag("--equirect-layer", args->equirectLayer,
                "xr: hand a mono 360 video to the compositor as an equirect layer (XR_KHR_composition_layer_equirect2)\n"
                "where the runtime offers it, instead of drawing each eye (the default)");
  cmd->add_flag("--no-timeline", args->noTimeline,
                "hide the timeline scrubber (headset: a panel below the view; window: along the bottom)");
  cmd->add_flag("--no-overlay", args->noOverlay,
                "draw nothing over the picture: no narration markers, no film frame");
  cmd->add_flag("--no-film-frame", args->noFilmFrame,
                "start with the film camera's frame hidden (window: C, headset: the menu button toggles it)");
  cmd->add_flag("--edit", args->edit,
                "start in the marker editor: window: click places a marker at the playhead, drag moves it,\n"
                "the panel edits it, Ctrl+Z/Ctrl+Shift+Z undo/redo, Ctrl+S saves (E toggles the editor);\n"
                "headset: point and pull the trigger to place one at the current time, or on a marker to\n"
                "select it; its menu then has the thumbstick: up/down choose a title, type one (the ray on a\n"
                "keyboard), record a voice note as its narration, delete or undo, the grip\n"
                "(or the trigger on its row) does it, left/right move the marker a frame (held: repeated;\n"
                "every change saved at once)");
  cmd->add_option("--voice-input", args->voiceInput,
                  "with --edit or --walkthrough-mic: a sound file the headset menu's \"Record voice\" (or the\n"
                  "walkthrough) hears instead of the microphone (from its start when recording starts, at the\n"
                  "display's pace, silence after its end): a voice recorded elsewhere, or a room without a microphone")
      ->check(CLI::ExistingFile);
  addWindowOptions(*cmd, args->window);
  cmd->add_option("--media", args->mediaId, "with a shot: the id of the medium to play (default: the plate)");
  addSequenceBudgetOption(*cmd, args->sequenceBudgetMiB);
  args->splatBudgetOption =
      cmd->add_option("--splat-budget", args->splatBudget,
                      "the most Gaussian splats sorted and drawn per frame over the shot's splat captures, each\n"
                      "keeping its most important ones (0: no limit; default: 1000000 in a headset, no limit\n"
                      "in a window or offscreen)")
          ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1} << 32));
  args->splatMsOption =
      cmd->add_option("--splat-ms", args->splatMs,
                      "the splats' GPU time per frame to hold: their budget falls (least important splats\n"
                      "first, to 100000 at the fewest) where a dense capture fills the view, and rises again\n"
                      "(0: no governor; default: half the frame period in a headset, none elsewhere)")
          ->check(CLI::Range(0.0, 1000.0));
  cmd->add_option("--at-end", args->atEnd,
                  "a playlist: after its last item stop, loop, or attract (a kiosk's attract loop; play alone\n"
                  "stops); default: the playlist's at_end, else stop")
      ->check(CLI::IsMember({"stop", "loop", "attract"}));
  addShowOptions(*cmd, args->show);
  addSyncOptions(*cmd, args->sync);
  CLI::Option* venue = cmd->add_option("--venue", args->venue,
                                       "a venue file (outside the shot package): where the shot's stage lies in this room;\n"
                                       "the headset's stage is aligned to it and recentring no longer moves it");
  cmd->add_flag("--align", args->align,
                "record the venue: touch the floor with the right controller and pull the trigger where the\n"
                "shot's origin goes, then again at a point ahead of it; saved to --venue and applied")
      ->needs(venue);
  cmd->add_flag("--align-play-area", args->alignPlayArea,
                "record the venue from the runtime's play area (its STAGE bounds, drawn around the stage): pull\n"
                "the right trigger and the shot's origin goes to its centre, facing its -Z; saved to --venue\n"
                "with the area's size and applied")
      ->needs(venue)
      ->excludes("--align");
  CLI::Option* measure = cmd->add_flag("--measure", args->measure,
                                       "a measuring tape: the trigger picks two points (where its ray meets the scene\n"
                                       "or the floor) and the distance between them shows; the grip keeps it in the\n"
                                       "shot's blocking (saved at once)");
  cmd->add_flag("--keep-measurements", args->keepMeasurements,
                "with --measure: each measurement is also kept in the shot's blocking (saved at once)")
      ->needs(measure);
  cmd->add_flag("--place-marks", args->placeMarks,
                "the trigger places a floor mark where its ray meets the floor, saved in the shot at once");
  cmd->add_option("--record-path", args->recordPath,
                  "ACTOR: the trigger adds a key to ACTOR's path where its ray meets the floor, at the shot time\n"
                  "shown (play or step to each time), saved in the shot at once");
  cmd->add_flag("--floor", args->floor,
                "a grid on the stage's floor and, in a headset, the runtime's play area outlined (where the\n"
                "crew may walk)");
  cmd->add_option("--frame-log", args->frameLog,
                  "a CSV of every frame shown: its display time on this machine's wall clock, the shot time\n"
                  "and the plate's frame (to compare headsets in step), the view's orientation (the first eye's\n"
                  "quaternion in stage space) and, in a tour, the recording's time");
  addWalkthroughOptions(*cmd, args->walkthrough);
  cmd->callback([args, &outcome] { outcome.exitCode = runPlay(*args); });
}

}  // namespace ps::tools
