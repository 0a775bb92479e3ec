// perfectshot bench splats: the splat layer's GPU radix sort against std::sort of the same keys
// on the CPU in the same run, and its GPU time per eye at N splats.
//   sort:   the layer's prepare() alone (cull + keys + the four radix passes) for one eye,
//           timed by GPU timestamps, per million keys; std::sort of the same 32-bit keys (the
//           flipped depths the GPU sorts), median of three, and their ratio;
//   render: one eye drawn through the frame renderer (prepare and the eye's passes: the
//           splats blended, the depth resolve), against the eye cleared only.
// Each cloud is generated: N splats of 5 to 20 mm in a 4 x 3 x 4 m box 1 to 5 m ahead of the
// eye, all in view (every key sorted is drawn), SH degree 0, fixed seed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "bench_commands.h"
#include "bench_common.h"
#include "bench_gpu_timer.h"
#include "engine/device.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/splat_layer.h"
#include "report.h"
#include "scenes/splat_cloud.h"

namespace ps::tools {

namespace {

struct BenchSplatsArgs {
  std::vector<std::size_t> splats{100'000, 1'000'000};
  std::uint32_t width = 512, height = 512;
  int frames = 5;
};

std::shared_ptr<scenes::SplatCloud> generated(std::size_t count) {
  std::mt19937 random(42);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    const float z = -1.0f - 4.0f * unit(random);
    // Within the 90-degree view at that depth.
    const float half = std::min(2.0f, -z * 0.9f);
    cloud->positions[i] = {(2.0f * unit(random) - 1.0f) * half, kEyeHeight + (2.0f * unit(random) - 1.0f) * std::min(1.5f, half), z};
    const float size = 0.005f + 0.015f * unit(random);
    cloud->scales[i] = {size, size * (0.3f + 0.7f * unit(random)), size * 0.3f};
    cloud->rotations[i] = glm::normalize(glm::quat(unit(random) - 0.5f, unit(random) - 0.5f, unit(random) - 0.5f, 0.5f));
    cloud->opacities[i] = 0.2f + 0.75f * unit(random);
    cloud->baseColors[i] = {unit(random), unit(random), unit(random)};
  }
  return cloud;
}

// The keys the GPU sorts: each depth along -Z from the eye, flipped to order as unsigned.
std::vector<std::uint32_t> cpuKeys(const scenes::SplatCloud& cloud) {
  std::vector<std::uint32_t> keys(cloud.size());
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const float depth = -cloud.positions[i].z;
    std::uint32_t u = 0;
    std::memcpy(&u, &depth, sizeof u);
    keys[i] = ~((u & 0x80000000u) != 0 ? ~u : (u | 0x80000000u));
  }
  return keys;
}

double stdSortMs(const std::vector<std::uint32_t>& keys) {
  std::vector<double> runs;
  for (int r = 0; r < 3; ++r) {
    std::vector<std::uint32_t> copy = keys;
    const auto start = std::chrono::steady_clock::now();
    std::sort(copy.begin(), copy.end());
    runs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return median(runs);
}

// GPU time of the layer's prepare() alone (the cull and the sort) for the renderer's last passes.
double sortMs(int frames, engine::FrameContext& context, const engine::FrameRenderer& renderer,
              const GpuTimer& timer, engine::SplatLayer& layer) {
  const std::vector<engine::EyePass> passes(renderer.lastPasses().begin(), renderer.lastPasses().end());
  std::vector<double> gpu;
  for (int i = 0; i < frames; ++i) {
    engine::FrameRecording& frame = context.begin();
    timer.begin(frame.commands);
    layer.prepare(frame, passes);
    timer.end(frame.commands);
    const std::uint64_t serial = frame.serial;
    const auto start = std::chrono::steady_clock::now();
    context.submit();
    context.wait(serial);
    gpu.push_back(timer.available()
                      ? timer.milliseconds()
                      : std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return median(gpu);
}

int runBenchSplats(const BenchSplatsArgs& args) {
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  engine::FrameContext context(*device, 2, "bench splats");
  engine::FrameRenderer renderer(*device);
  engine::OffscreenTarget target(*device, args.width, args.height, "bench splats eye");
  const GpuTimer timer(*device);
  std::printf("bench splats: %s, one eye %ux%u (90x90 degrees), median of %d frames; %s\n", properties.deviceName,
              args.width, args.height, args.frames,
              timer.available() ? "GPU time from timestamps" : "the queue has no timestamps: wall time from submit to fence");
  const Timing clear = measureEye(args.frames, context, renderer, target, timer, nullptr);
  std::printf("  %-26s GPU %9.3f ms\n", "peer: clear only", clear.gpuMs);
  for (const std::size_t n : args.splats) {
    const auto cloud = generated(n);
    engine::SplatLayer layer(*device);
    layer.add(cloud);
    const Timing eye = measureEye(args.frames, context, renderer, target, timer, &layer);
    const double sort = sortMs(args.frames, context, renderer, timer, layer);
    const double cpu = stdSortMs(cpuKeys(*cloud));
    const double millions = static_cast<double>(n) / 1e6;
    std::printf("  %zu splats:\n", n);
    std::printf("    %-24s GPU %9.3f ms  (%8.3f ms per million keys)\n", "cull + radix sort", sort, sort / millions);
    std::printf("    %-24s CPU %9.3f ms  (%8.3f ms per million keys)  GPU/CPU %.2fx\n", "std::sort of the keys", cpu,
                cpu / millions, cpu > 0 ? sort / cpu : 0.0);
    std::printf("    %-24s GPU %9.3f ms  (wall %.3f ms; draw and resolve %.3f ms)\n", "eye (sort + draw)", eye.gpuMs,
                eye.wallMs, eye.gpuMs - sort);
    context.waitAll();  // the layer's buffers go with it
  }
  context.waitAll();
  return 0;
}

}  // namespace

void addBenchSplats(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchSplatsArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "splats",
      "The splat layer's GPU radix sort against std::sort of the same keys on the CPU, and its GPU time\n"
      "per eye drawing N generated splats, against the same eye cleared only, in the same run.");
  cmd->add_option("--splats", args->splats, "splat counts, comma-separated")
      ->delimiter(',')
      ->check(CLI::Range(std::size_t{1}, std::size_t{50'000'000}))
      ->capture_default_str();
  cmd->add_option("--width", args->width, "eye width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "eye height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--frames", args->frames, "frames measured per case")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchSplats(*args); });
}

}  // namespace ps::tools
