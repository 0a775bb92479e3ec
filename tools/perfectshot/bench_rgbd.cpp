// perfectshot bench rgbd: the RGB-D layer's cost against the plain equirect layer drawing the
// same colour picture into the same targets in the same run: per eye (one 90x90-degree eye) and
// per frame (two eyes of a stereo frame, 64 mm apart, one submit). The picture is generated: a
// textured 360 colour picture and an inverse-coded 16-bit depth picture of a room (a wall at
// 5 m, a box at 1.5 m ahead), so every grid cell is displaced and the box's edges drop
// triangles. GPU time is read from timestamps where the queue has them (lavapipe has), else the
// wall time from submit to the fence.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numbers>
#include <span>
#include <vector>

#include "bench_commands.h"
#include "bench_common.h"
#include "bench_gpu_timer.h"
#include "engine/device.h"
#include "engine/equirect_layer.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/rgbd_layer.h"
#include "report.h"
#include "scenes/rgbd_depth.h"

namespace ps::tools {

namespace {

struct BenchRgbdArgs {
  std::uint32_t width = 512, height = 512;
  std::uint32_t pictureWidth = 2048;  // its height is half: a 360 picture
  int frames = 20;
};

// A picture's planes and the bytes behind them.
struct Picture {
  std::vector<std::byte> bytes;
  FrameView view;
};

Picture makePicture(PixelFormat format, std::uint32_t width, std::uint32_t height) {
  Picture p;
  p.view.format = format;
  p.view.width = width;
  p.view.height = height;
  p.view.range = ColorRange::Full;
  std::vector<std::size_t> offsets;
  std::size_t total = 0;
  for (int i = 0; i < planeCount(format); ++i) {
    const std::size_t stride = std::size_t{planeWidth(format, i, width)} * bytesPerSample(format);
    p.view.planes[i].stride = stride;
    offsets.push_back(total);
    total += stride * planeHeight(format, i, height);
  }
  p.bytes.assign(total, std::byte{128});
  for (int i = 0; i < planeCount(format); ++i) p.view.planes[i].data = p.bytes.data() + offsets[i];
  return p;
}

// Metres from the capture point through picture coordinates (u, v): a box face 1.5 m ahead
// (0.6 m square), else a wall at 5 m.
double roomDepth(double u, double v) {
  const double longitude = (u - 0.5) * 2 * std::numbers::pi, latitude = (0.5 - v) * std::numbers::pi;
  const double x = std::cos(latitude) * std::sin(longitude), y = std::sin(latitude);
  const double z = -std::cos(latitude) * std::cos(longitude);
  if (z < 0) {
    const double t = 1.5 / -z;
    if (std::abs(x * t) <= 0.3 && std::abs(y * t) <= 0.3) return t;
  }
  return 5.0;
}

int runBenchRgbd(BenchRgbdArgs args) {
  const std::uint32_t pictureHeight = args.pictureWidth / 2;
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  const GpuTimer timer(*device);
  std::printf("bench rgbd: %s, eyes %ux%u (90x90 degrees), picture %ux%u 4:2:0 + 16-bit inverse depth, median of "
              "%d frames; %s\n",
              properties.deviceName, args.width, args.height, args.pictureWidth, pictureHeight, args.frames,
              timer.available() ? "GPU time from timestamps around the frame renderer's work"
                                : "the queue has no timestamps: wall time from submit to fence");

  Picture colour = makePicture(PixelFormat::Yuv420P, args.pictureWidth, pictureHeight);
  for (std::uint32_t y = 0; y < pictureHeight; ++y)
    for (std::uint32_t x = 0; x < args.pictureWidth; ++x)
      colour.bytes[std::size_t{y} * args.pictureWidth + x] = static_cast<std::byte>(16 + (x * 3 + y * 7) % 220);
  Picture depth = makePicture(PixelFormat::Gray16, args.pictureWidth, pictureHeight);
  const DepthCoding coding{DepthEncoding::Inverse, 0.3, 50.0};
  for (std::uint32_t y = 0; y < pictureHeight; ++y)
    for (std::uint32_t x = 0; x < args.pictureWidth; ++x) {
      const double metres = roomDepth((x + 0.5) / args.pictureWidth, (y + 0.5) / pictureHeight);
      const auto code = static_cast<std::uint16_t>(std::lround(depthCode(coding, metres) * 65535.0));
      std::memcpy(depth.bytes.data() + (std::size_t{y} * args.pictureWidth + x) * 2, &code, 2);  // little-endian host
    }

  engine::FrameContext context(*device, 2, "bench rgbd");
  engine::FrameRenderer renderer(*device);
  engine::OffscreenTarget left(*device, args.width, args.height, "bench rgbd left");
  engine::OffscreenTarget right(*device, args.width, args.height, "bench rgbd right");
  engine::EquirectLayer plain(context);
  plain.setPicture(colour.view, FrameLayout{});
  engine::RgbdLayer rgbd(context);
  // What a new picture costs the CPU: its planes copied and its depth measured (the patches).
  const auto setStart = std::chrono::steady_clock::now();
  rgbd.setPicture(colour.view, FrameLayout{}, depth.view, coding);
  const double setMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - setStart).count();

  const Timing plainEye = measureEye(args.frames, context, renderer, left, timer, &plain);
  const Timing rgbdEye = measureEye(args.frames, context, renderer, left, timer, &rgbd);
  const std::uint64_t eyeTriangles = rgbd.triangles(0);
  engine::View view;
  view.fov = engine::symmetricFov(90, 90);
  view.position = {-0.032f, kEyeHeight, 0.0f};
  const engine::EyeCamera leftCamera(view);
  view.position.x = 0.032f;
  const engine::EyeCamera rightCamera(view);
  const std::vector<engine::EyeDraw> eyes{{Eye::Left, leftCamera, left.target(), false},
                                          {Eye::Right, rightCamera, right.target(), false}};
  const Timing plainFrame = measureEyes(args.frames, context, renderer, eyes, timer, &plain);
  const Timing rgbdFrame = measureEyes(args.frames, context, renderer, eyes, timer, &rgbd);
  const std::uint64_t leftTriangles = rgbd.triangles(0), rightTriangles = rgbd.triangles(1);
  context.waitAll();

  auto line = [](const char* name, const Timing& t) {
    std::printf("  %-34s GPU %8.3f ms  wall %8.3f ms\n", name, t.gpuMs, t.wallMs);
  };
  line("peer: equirect layer, one eye", plainEye);
  line("rgbd layer, one eye", rgbdEye);
  line("peer: equirect layer, frame (2 eyes)", plainFrame);
  line("rgbd layer, frame (2 eyes)", rgbdFrame);
  std::printf("  ratio rgbd / equirect: one eye %.2fx, frame %.2fx (GPU time)\n",
              plainEye.gpuMs > 0 ? rgbdEye.gpuMs / plainEye.gpuMs : 0.0,
              plainFrame.gpuMs > 0 ? rgbdFrame.gpuMs / plainFrame.gpuMs : 0.0);
  std::printf("  rgbd triangles drawn: one eye %llu; frame %llu + %llu (far fill included)\n",
              static_cast<unsigned long long>(eyeTriangles), static_cast<unsigned long long>(leftTriangles),
              static_cast<unsigned long long>(rightTriangles));
  std::printf("  rgbd setPicture (CPU: planes copied, depth measured into patches) %.1f ms\n", setMs);
  return 0;
}

}  // namespace

void addBenchRgbd(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchRgbdArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "rgbd",
      "GPU time of the RGB-D layer (a generated 360 room with depth, drawn with parallax) per eye and per\n"
      "stereo frame, against the plain equirect layer drawing the same colour in the same run.");
  cmd->add_option("--width", args->width, "eye width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "eye height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--picture-width", args->pictureWidth, "the 360 picture's width (height: half)")
      ->check(CLI::Range(64, 16384))
      ->capture_default_str();
  cmd->add_option("--frames", args->frames, "frames measured per case")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchRgbd(*args); });
}

}  // namespace ps::tools
