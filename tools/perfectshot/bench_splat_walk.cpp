// perfectshot bench splat-walk: the splat layer's GPU time per eye as the viewer walks into a
// dense capture, with the budget fixed (every splat drawn) and with a SplatGovernor holding the
// time the far view took, in the same run.
// The capture: N splats of 1 to 3 cm in a 1.2 m cube (fixed seed, SH degree 0), put in order
// of importance as the player loads a capture. The eye (90x90 degrees) stands at each distance
// from the cube's centre in turn, the last inside it. Ungoverned: median of F frames at each
// distance. Governed: one governor over the whole walk, as in the player, given `settle`
// frames at each distance before F frames are measured; it reads the layer's own timestamps
// of finished frames, as the player does.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "bench_commands.h"
#include "bench_common.h"
#include "bench_gpu_timer.h"
#include "engine/device.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/splat_governor.h"
#include "engine/splat_layer.h"
#include "report.h"
#include "scenes/splat_cloud.h"

namespace ps::tools {

namespace {

constexpr float kCubeM = 1.2f;

struct BenchSplatWalkArgs {
  std::size_t splats = 100'000;
  std::uint32_t width = 256, height = 256;
  int frames = 3;
  int settle = 10;
  std::vector<double> distances{6.0, 3.0, 1.5, 0.8, 0.3};
  double floorShare = 0.05;
};

std::shared_ptr<scenes::SplatCloud> denseCube(std::size_t count) {
  std::mt19937 random(7);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  scenes::SplatCloud cloud;
  cloud.resize(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    cloud.positions[i] = glm::vec3(unit(random) - 0.5f, unit(random) - 0.5f, unit(random) - 0.5f) * kCubeM +
                         glm::vec3(0.0f, kEyeHeight, 0.0f);
    const float size = 0.01f + 0.02f * unit(random);
    cloud.scales[i] = {size, size * (0.3f + 0.7f * unit(random)), size * 0.2f};
    cloud.rotations[i] = glm::normalize(glm::quat(unit(random) - 0.5f, unit(random) - 0.5f, unit(random) - 0.5f, 0.5f));
    cloud.opacities[i] = 0.3f + 0.6f * unit(random);
    cloud.baseColors[i] = {unit(random), unit(random), unit(random)};
  }
  scenes::sortByImportance(cloud);
  return std::make_shared<scenes::SplatCloud>(std::move(cloud));
}

struct Walk {
  engine::FrameContext& context;
  engine::FrameRenderer& renderer;
  const engine::EyeDraw& eye;
  const GpuTimer& timer;
  engine::SplatLayer& layer;

  // One frame drawn and waited for: its GPU time (wall time where there are no timestamps).
  double frame() {
    std::vector<engine::Layer*> layers{&layer};
    engine::FrameRecording& recording = context.begin();
    timer.begin(recording.commands);
    renderer.record(recording, std::span(&eye, 1), layers);
    timer.end(recording.commands);
    const std::uint64_t serial = recording.serial;
    const auto start = std::chrono::steady_clock::now();
    context.submit();
    context.wait(serial);
    const double wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return timer.available() ? timer.milliseconds() : wall;
  }
  void steer(engine::SplatGovernor& governor) {
    if (const auto t = layer.stats().timing) layer.setBudget(governor.update(*t, context.lastSubmitted() + 1));
  }
};

int runBenchSplatWalk(const BenchSplatWalkArgs& args) {
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  engine::FrameContext context(*device, 2, "bench splat walk");
  engine::FrameRenderer renderer(*device);
  engine::OffscreenTarget target(*device, args.width, args.height, "bench splat walk eye");
  const GpuTimer timer(*device);
  engine::View view;
  view.position = {0.0f, kEyeHeight, 0.0f};
  view.fov = engine::symmetricFov(90, 90);
  const engine::EyeDraw eye{Eye::Left, engine::EyeCamera(view), target.target(), false};

  const auto cloud = denseCube(args.splats);
  engine::SplatLayer layer(*device);
  const auto id = layer.add(cloud);
  if (!layer.timesItsWork()) {
    std::printf("bench splat-walk: %s has no timestamps on its queue: the governor has nothing to steer by\n",
                properties.deviceName);
    return 1;
  }
  Walk walk{context, renderer, eye, timer, layer};
  const auto placeAt = [&](double distance) {
    layer.setTransform(id, glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, -static_cast<float>(distance))));
  };
  std::printf("bench splat-walk: %s, one eye %ux%u (90x90 degrees), %zu splats in a %.1f m cube in order of "
              "importance, median of %d frames; %s\n",
              properties.deviceName, args.width, args.height, args.splats, kCubeM, args.frames,
              timer.available() ? "GPU time from timestamps" : "wall time from submit to fence");

  std::vector<double> free;
  layer.setBudget(0);
  placeAt(args.distances.front());
  walk.frame();  // the upload and the pipelines
  walk.frame();
  for (const double d : args.distances) {
    placeAt(d);
    std::vector<double> times;
    for (int f = 0; f < args.frames; ++f) times.push_back(walk.frame());
    free.push_back(median(times));
  }

  // The splat layer's own time of the far view (the sort and the eye's passes) is the target.
  placeAt(args.distances.front());
  walk.frame();
  walk.frame();
  const auto farTiming = layer.stats().timing;
  if (!farTiming) return reportError(Error{"bench splat-walk", "the layer measured none of its frames", ""});
  const double targetMs = farTiming->gpuMs;
  const auto floor = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(args.floorShare * static_cast<double>(args.splats)));
  engine::SplatGovernor governor({.targetMs = targetMs, .floor = floor, .ceiling = args.splats});
  std::printf("  target: the far view's splat time, %.3f ms (GPU, the layer's own timestamps); floor %llu splats\n",
              targetMs, static_cast<unsigned long long>(floor));
  std::printf("  %-10s %18s %18s %12s %18s\n", "distance", "every splat", "governed", "budget", "governed/target");
  for (std::size_t i = 0; i < args.distances.size(); ++i) {
    placeAt(args.distances[i]);
    for (int f = 0; f < args.settle; ++f) {
      walk.steer(governor);
      walk.frame();
    }
    std::vector<double> eyeTimes;
    for (int f = 0; f < args.frames; ++f) {
      walk.steer(governor);
      eyeTimes.push_back(walk.frame());
    }
    // The layer reads a frame's timestamps at the next frame's prepare(): one more frame, with
    // the same budget, brings the last measured frame's.
    walk.frame();
    const auto last = layer.stats().timing;
    const double splatMs = last ? last->gpuMs : 0.0;
    std::printf("  %6.2f m   %15.3f ms %15.3f ms %12llu %17.2fx\n", args.distances[i], free[i], median(eyeTimes),
                static_cast<unsigned long long>(governor.budget()), splatMs / targetMs);
  }
  std::printf("  (every splat / governed: the eye's GPU time, clear and resolve included; governed/target: the "
              "layer's own time at the end of each stop)\n");
  context.waitAll();
  return 0;
}

}  // namespace

void addBenchSplatWalk(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchSplatWalkArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "splat-walk",
      "The splat layer's GPU time per eye as the eye walks into a dense capture: every splat drawn, against\n"
      "a governor (engine::SplatGovernor) holding the time of the far view by moving the budget.");
  cmd->add_option("--splats", args->splats, "splats in the capture")
      ->check(CLI::Range(std::size_t{1000}, std::size_t{20'000'000}))
      ->capture_default_str();
  cmd->add_option("--distances", args->distances, "the eye's distances from the capture's centre (m), far first")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  cmd->add_option("--width", args->width, "eye width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "eye height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--frames", args->frames, "frames measured per stop")->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_option("--settle", args->settle, "frames the governor is given at each stop before measuring")
      ->check(CLI::Range(0, 10000))
      ->capture_default_str();
  cmd->add_option("--floor", args->floorShare, "the governor's floor, as a share of the splats")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchSplatWalk(*args); });
}

}  // namespace ps::tools
