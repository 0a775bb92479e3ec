// perfectshot bench xr: the player loop against the active OpenXR runtime (xr/sim in CI) for N
// frames; the app's CPU time per frame (p50, p99), late and missed frames. The GPU (lavapipe on
// a machine without one) is timed apart: the same eyes drawn offscreen, from submit to the
// fence's signal, so its time never hides in the app's.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_commands.h"
#include "engine/offscreen_target.h"
#include "report.h"
#include "player/shot_playback.h"
#include "xr/openxr_display.h"

namespace ps::tools {

namespace {

struct BenchXrArgs {
  std::string input;
  std::uint64_t frames = 600;
};

struct GpuTimes {
  std::vector<double> withUpload;  // seconds per frame: upload + both eyes
  std::vector<double> reuse;       // seconds per frame: both eyes of the picture already uploaded
};

// Submit -> fence signalled (seen by the waiting thread) for frames of two `eye`-sized views on
// `device`, uploads and reuses alternating as a 90 Hz display over a slower video does.
GpuTimes gpuFrameTimes(const engine::Device& device, player::ShotPlayback& playback, VkExtent2D eye, int frames) {
  engine::EquirectRenderer renderer(device);
  std::vector<engine::OffscreenTarget> targets;
  targets.emplace_back(device, eye.width, eye.height, "bench left");
  targets.emplace_back(device, eye.width, eye.height, "bench right");
  playback.player->pause();
  const media::PlayerFrame shown = playback.player->update(0, std::chrono::seconds(10));
  GpuTimes times;
  if (shown.frame == nullptr) return times;
  for (int i = 0; i < frames; ++i) {
    const bool upload = i % 2 == 0;
    const auto ticket = upload ? renderer.beginFrame(shown.frame->view(), playback.layout, playback.yawOffsetDeg)
                               : renderer.reuseLastFrame();
    for (std::size_t e = 0; e < targets.size(); ++e)
      renderer.drawView(engine::viewFromV360({0, 0, 0, 90, 90}), e == 0 ? Eye::Left : Eye::Right, targets[e].target());
    const auto submitted = std::chrono::steady_clock::now();
    renderer.submit();
    renderer.wait(ticket);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - submitted).count();
    (upload ? times.withUpload : times.reuse).push_back(seconds);
  }
  return times;
}

std::string msP50P99(const std::vector<double>& seconds) {
  return fmt::format("p50 {:.3f} ms, p99 {:.3f} ms", 1e3 * player::percentile(seconds, 0.5), 1e3 * player::percentile(seconds, 0.99));
}
std::string msP50P99(const player::FrameTimeHistogram& seconds) {
  return fmt::format("p50 {:.3f} ms, p99 {:.3f} ms", 1e3 * seconds.percentile(0.5), 1e3 * seconds.percentile(0.99));
}

int runBenchXr(const BenchXrArgs& args) {
  auto shot = player::openShotPlayback(args.input, "", /*withAudio=*/false);
  if (!shot) return reportError(shot.error());
  auto display = xr::OpenXrDisplay::create();
  if (!display) return reportError(display.error());
  player::PlayerLoopOptions options = (*shot)->loopOptions();
  options.maxFrames = args.frames;
  VkExtent2D eye{512, 512};  // replaced by the runtime's swapchain size once a frame is drawn
  options.afterFrame = [&eye](const xr::DisplayFrame& frame, const media::PlayerFrame&) {
    if (!frame.eyes.empty()) eye = frame.eyes.front().target.extent;
  };
  player::PlayerLoop loop(**display, *(*shot)->player, options);
  const player::PlayerLoopStats stats = loop.run();
  std::printf("bench xr: %llu frames (%llu drawn, %llu uploads) in %.2f s\n",
              static_cast<unsigned long long>(stats.frames), static_cast<unsigned long long>(stats.drawn),
              static_cast<unsigned long long>(stats.uploads), stats.wallSeconds);
  std::printf("  uploads copied off the loop thread: %llu ahead of their display frame, %llu alongside it\n",
              static_cast<unsigned long long>(stats.uploadsAhead),
              static_cast<unsigned long long>(stats.uploadsAlongside));
  const double p99 = stats.cpuSeconds.percentile(0.99);
  std::printf("app CPU per frame (loop thread CPU time, xrWaitFrame return to xrEndFrame): %s (target p99 < 1 ms: %s)\n",
              msP50P99(stats.cpuSeconds).c_str(), p99 < 1e-3 ? "met" : "not met");
  std::printf("  of which in vkQueueSubmit (the driver's share on the loop thread): %s\n",
              msP50P99(stats.submitCpuSeconds).c_str());
  std::printf("  without vkQueueSubmit: %s\n", msP50P99(stats.cpuWithoutSubmitSeconds).c_str());
  std::printf("same span, wall time (fence and lock waits included): %s\n", msP50P99(stats.spanSeconds).c_str());
  std::printf("late frames (app work ended after the predicted display time): %llu; missed display slots: %llu\n",
              static_cast<unsigned long long>(stats.late), static_cast<unsigned long long>(stats.missed));
  const GpuTimes gpu = gpuFrameTimes((*display)->device(), **shot, eye, 120);
  std::printf("GPU per frame, submit to fence (2 eyes of %ux%u; lavapipe without a GPU): upload + draw %s; draw only %s\n",
              eye.width, eye.height, msP50P99(gpu.withUpload).c_str(), msP50P99(gpu.reuse).c_str());
  return 0;
}

}  // namespace

void addBenchXr(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchXrArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "xr", "The player loop on the active OpenXR runtime (e.g. XR_RUNTIME_JSON=<build>/xr/sim/perfectshot_sim.json):\n"
            "app CPU time per frame (p50, p99), late and missed frames; GPU time apart.");
  cmd->add_option("input", args->input, "a shot package folder, a shot.json, or a video file")->required();
  cmd->add_option("--frames", args->frames, "display frames to run")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchXr(*args); });
}

}  // namespace ps::tools
