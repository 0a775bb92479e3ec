// perfectshot bench markers: what a shot's markers cost the player loop. The loop runs on the
// offscreen display (display times stepped, every video frame decoded before its frame) twice
// in one run, over the same frames and head turn: with N generated markers (t_in spread over
// the shot, each --marker-seconds long, directions all round) and with none (the plate's draw
// alone: the peer). App CPU per frame is the loop thread's CPU time (player_loop.h).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "bench_commands.h"
#include "report.h"
#include "player/shot_playback.h"
#include "xr/display_factory.h"

namespace ps::tools {

namespace {

struct BenchMarkersArgs {
  std::string input;
  std::size_t markers = 5000;
  double markerSeconds = 2.0;
  std::uint64_t frames = 300;
  std::uint32_t width = 960, height = 540;
};

std::vector<scenes::Marker> generate(std::size_t n, double in, double out, double seconds) {
  std::mt19937 random(17);
  std::uniform_real_distribution<double> start(in, std::max(in, out - seconds)), yaw(-180, 180), pitch(-60, 60);
  std::vector<scenes::Marker> markers;
  markers.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    scenes::Marker m;
    m.id = "m" + std::to_string(i);
    m.tIn = start(random);
    m.tOut = m.tIn + seconds;
    m.placement = scenes::DirectionPlacement{yaw(random), pitch(random), 3.0};
    m.title = "Marker " + std::to_string(i);
    m.text = "Generated for the benchmark: a line of text as a card carries.";
    markers.push_back(std::move(m));
  }
  return markers;
}


Result<player::PlayerLoopStats> runWith(const BenchMarkersArgs& args, const std::vector<scenes::Marker>& markers) {
  auto shot = player::openShotPlayback(args.input, "", /*withAudio=*/false);
  if (!shot) return shot.error();
  player::ShotPlayback& playback = **shot;
  xr::DisplayRequest request;
  request.kind = xr::DisplayKind::Offscreen;
  request.offscreen.width = args.width;
  request.offscreen.height = args.height;
  request.offscreen.step = playback.frameSeconds;
  request.offscreen.view = [](std::uint64_t index, double) {
    return engine::viewFromV360({static_cast<float>(index % 360) - 180.0f, 0, 0, 100, 62});
  };
  auto display = xr::createDisplay(request);
  if (!display) return display.error();
  player::PlayerLoopOptions options = playback.loopOptions();
  options.loop = true;
  options.decodeWait = std::chrono::seconds(10);
  options.maxFrames = args.frames;
  options.markers = markers;
  options.overlay.emplace();
  options.overlay->markers = markers;
  options.overlay->filmFrame.reset();  // the markers' cost alone
  player::PlayerLoop loop(*display->display, *playback.player, options);
  return loop.run();
}

int runBenchMarkers(const BenchMarkersArgs& args) {
  auto probe = player::openShotPlayback(args.input, "", /*withAudio=*/false);
  if (!probe) return reportError(probe.error());
  const double in = (*probe)->inSeconds;
  const double out = (*probe)->outSeconds.value_or((*probe)->player->info().durationSeconds);
  probe->reset();
  const std::vector<scenes::Marker> markers = generate(args.markers, in, out, args.markerSeconds);
  const double meanActive = static_cast<double>(args.markers) * args.markerSeconds / std::max(out - in, args.markerSeconds);
  std::printf("bench markers: %s, %llu frames offscreen %ux%u, the head turning 1 degree a frame; %zu markers of "
              "%.2f s over %.1f s of shot (about %.0f active at a time, directions all round)\n",
              args.input.c_str(), static_cast<unsigned long long>(args.frames), args.width, args.height, args.markers,
              args.markerSeconds, out - in, meanActive);
  auto none = runWith(args, {});
  if (!none) return reportError(none.error());
  auto many = runWith(args, markers);
  if (!many) return reportError(many.error());
  const auto line = [](const char* name, const player::PlayerLoopStats& s) {
    std::printf("  %-28s app CPU per frame p50 %.3f ms, p99 %.3f ms, mean %.3f ms (without vkQueueSubmit: p50 %.3f ms)\n",
                name, 1e3 * s.cpuSeconds.percentile(0.5), 1e3 * s.cpuSeconds.percentile(0.99), 1e3 * s.cpuSeconds.mean(),
                1e3 * s.cpuWithoutSubmitSeconds.percentile(0.5));
  };
  line("peer: no markers", *none);
  line((std::to_string(args.markers) + " markers").c_str(), *many);
  const double cost = many->cpuSeconds.mean() - none->cpuSeconds.mean();
  std::printf("  the markers' cost: %.3f ms per frame (mean), %.2fx the frame without them (target < 1 ms: %s)\n",
              1e3 * cost, none->cpuSeconds.mean() > 0 ? many->cpuSeconds.mean() / none->cpuSeconds.mean() : 0.0,
              cost < 1e-3 ? "met" : "NOT met");
  return 0;
}

}  // namespace

void addBenchMarkers(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchMarkersArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "markers",
      "App CPU per frame of the player loop (offscreen) with N generated markers against none, in\n"
      "the same run: what the markers cost a frame.");
  cmd->add_option("input", args->input, "a shot package folder, a shot.json, or a video file")->required();
  cmd->add_option("--markers", args->markers, "markers to generate")->check(CLI::Range(1, 1000000))->capture_default_str();
  cmd->add_option("--marker-seconds", args->markerSeconds, "how long each is active")
      ->check(CLI::Range(0.01, 3600.0))
      ->capture_default_str();
  cmd->add_option("--frames", args->frames, "display frames per run")->check(CLI::Range(10, 1000000))->capture_default_str();
  cmd->add_option("--width", args->width, "view width in pixels")->check(CLI::Range(16, 4096))->capture_default_str();
  cmd->add_option("--height", args->height, "view height in pixels")->check(CLI::Range(16, 4096))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchMarkers(*args); });
}

}  // namespace ps::tools
