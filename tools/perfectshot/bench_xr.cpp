// perfectshot bench xr: the player loop against the active OpenXR runtime (xr/sim in CI) for N
// frames; the app's CPU time per frame (p50, p99), late and missed frames. The GPU (lavapipe on
// a machine without one) is timed apart: the same eyes drawn and waited for, offscreen.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "bench_commands.h"
#include "engine/offscreen_target.h"
#include "report.h"
#include "shot_playback.h"
#include "xr/openxr_display.h"

namespace ps::tools {

namespace {

struct BenchXrArgs {
  std::string input;
  std::uint64_t frames = 600;
};

// Mean seconds the GPU takes for one frame of two eyes (upload included) on `device`.
double gpuFrameSeconds(const engine::Device& device, ShotPlayback& playback, VkExtent2D eye, int frames) {
  engine::EquirectRenderer renderer(device);
  std::vector<engine::OffscreenTarget> targets;
  targets.emplace_back(device, eye.width, eye.height, "bench left");
  targets.emplace_back(device, eye.width, eye.height, "bench right");
  playback.player->pause();
  const media::PlayerFrame shown = playback.player->update(0, std::chrono::seconds(10));
  if (shown.frame == nullptr) return 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < frames; ++i) {
    const auto ticket = renderer.beginFrame(shown.frame->view(), playback.layout, playback.yawOffsetDeg);
    for (std::size_t e = 0; e < targets.size(); ++e)
      renderer.drawView(engine::viewFromV360({0, 0, 0, 90, 90}), e == 0 ? Eye::Left : Eye::Right, targets[e].target());
    renderer.submit();
    renderer.wait(ticket);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / frames;
}

int runBenchXr(const BenchXrArgs& args) {
  auto shot = openShotPlayback(args.input, "", /*withAudio=*/false);
  if (!shot) return reportError(shot.error());
  auto display = xr::OpenXrDisplay::create();
  if (!display) return reportError(display.error());
  PlayerLoopOptions options = (*shot)->loopOptions();
  options.maxFrames = args.frames;
  PlayerLoop loop(**display, *(*shot)->player, options);
  const PlayerLoopStats stats = loop.run();
  std::printf("bench xr: %llu frames (%llu drawn, %llu uploads) in %.2f s\n",
              static_cast<unsigned long long>(stats.frames), static_cast<unsigned long long>(stats.drawn),
              static_cast<unsigned long long>(stats.uploads), stats.wallSeconds);
  const double p99 = percentile(stats.cpuSeconds, 0.99);
  std::printf("app CPU per frame: p50 %.3f ms, p99 %.3f ms (target p99 < 2 ms: %s)\n",
              1e3 * percentile(stats.cpuSeconds, 0.5), 1e3 * p99, p99 < 2e-3 ? "met" : "not met");
  std::printf("late frames (CPU work past the predicted display time): %llu; missed display slots: %llu\n",
              static_cast<unsigned long long>(stats.late), static_cast<unsigned long long>(stats.missed));
  const double gpu = gpuFrameSeconds((*display)->device(), **shot, {512, 512}, 60);
  std::printf("GPU per frame (2 eyes of 512x512 + upload, waited; lavapipe without a GPU): %.3f ms\n", 1e3 * gpu);
  return 0;
}

}  // namespace

void addBenchXr(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchXrArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "xr", "The player loop on the active OpenXR runtime (e.g. XR_RUNTIME_JSON=<build>/xr/sim/perfectshot_sim.json):\n"
            "app CPU time per frame (p50, p99), late and missed frames; GPU time apart.");
  cmd->add_option("input", args->input, "a shot package folder, a shot.json, or a video file")->required();
  cmd->add_option("--frames", args->frames, "display frames to run")->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchXr(*args); });
}

}  // namespace ps::tools
