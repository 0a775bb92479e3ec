// bench sequence-render: what a playing mesh sequence costs one eye on this machine's Vulkan
// device (lavapipe in CI), offscreen: each frame replaces the set's meshes with the next decoded
// frame (as the player's set scene does when the sequence moves on) and draws the eye, timed
// from the replace to the frame's fence. Peers in the same run, through the same renderer into
// the same target: the eye cleared only, and the sequence's first frame as a static set (the
// same triangles, uploaded once). Frames are decoded before timing: decoding is bench
// sequence's to measure, not this one's.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench_commands.h"
#include "bench_common.h"
#include "engine/device.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/mesh_layer.h"
#include "engine/offscreen_target.h"
#include "media/mesh_sequence.h"
#include "media/mesh_sequence_files.h"
#include "report.h"

namespace ps::tools {

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string folder;
  std::uint32_t width = 1024, height = 1024;
  int frames = 60;
  std::size_t decoded = 16;  // distinct frames cycled through
};

// The sequences ps_make_set --draco writes stand 0.5 m around (0, 1, 0): seen from 1.5 m.
engine::EyeDraw eyeOn(const engine::OffscreenTarget& target) {
  engine::View view;
  view.position = {0.0f, 1.0f, 1.5f};
  view.fov = engine::symmetricFov(90, 90);
  return engine::EyeDraw{Eye::Left, engine::EyeCamera(view), target.target(), false};
}

// Median ms per eye; `before` runs ahead of each frame's recording (the sequence's replace).
template <typename Before>
double measure(const Args& args, engine::FrameContext& context, engine::FrameRenderer& renderer,
               const engine::OffscreenTarget& target, engine::Layer* layer, Before before) {
  const engine::EyeDraw eye = eyeOn(target);
  std::vector<engine::Layer*> layers;
  if (layer != nullptr) layers.push_back(layer);
  std::vector<double> ms;
  for (int i = 0; i < args.frames + 2; ++i) {  // the first two pay for the pipelines
    const auto start = Clock::now();
    before(i);
    engine::FrameRecording& frame = context.begin();
    renderer.record(frame, std::span(&eye, 1), layers);
    const std::uint64_t serial = frame.serial;
    context.submit();
    context.wait(serial);
    if (i >= 2) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return median(ms);
}

int runBench(const Args& args) {
  auto files = media::listMeshSequence(args.folder);
  if (!files) return reportError(files.error());
  media::MeshSequenceOptions o;
  o.fps = 30.0;
  o.budgetMiB = media::kMaxSequenceBudgetMiB;  // every frame decoded here is kept for the cycle
  o.prefetch = media::MeshSequenceOptions::Prefetch::Manual;
  auto seq = media::MeshSequence::open(std::move(*files), o);
  if (!seq) return reportError(seq.error());
  std::vector<std::shared_ptr<const scenes::MeshScene>> frames;
  for (std::size_t i = 0; i < std::min(args.decoded, (*seq)->frameCount()); ++i) {
    const double t = (static_cast<double>(i) + 0.5) / 30.0;
    (*seq)->show(t);
    (*seq)->pumpOne();
    const auto f = (*seq)->show(t);
    if (!f.scene || f.shown != f.wanted) return reportError(Error{args.folder, fmt::format("frame {} does not decode", i), ""});
    frames.push_back(f.scene);
  }

  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  engine::FrameContext context(*device, 2, "bench sequence-render");
  engine::FrameRenderer renderer(*device);
  engine::OffscreenTarget target(*device, args.width, args.height, "bench sequence-render eye");
  const std::size_t triangles = frames.front()->triangleCount();
  std::printf("bench sequence-render: %s, one eye %ux%u (90x90 degrees), median of %d frames, wall time from the\n"
              "frame's update to its fence; %zu triangles a frame, %zu decoded frames cycled\n",
              properties.deviceName, args.width, args.height, args.frames, triangles, frames.size());

  const double clear = measure(args, context, renderer, target, nullptr, [](int) {});
  double still = 0;
  {
    engine::MeshLayer layer(*device);
    layer.add(frames.front());
    still = measure(args, context, renderer, target, &layer, [](int) {});
    context.waitAll();
  }
  double playing = 0;
  {
    engine::MeshLayer layer(*device);
    const engine::MeshLayer::SetId id = layer.add(frames.front());
    playing = measure(args, context, renderer, target, &layer, [&](int i) {
      layer.replace(id, frames[static_cast<std::size_t>(i) % frames.size()]);
    });
    context.waitAll();
  }
  std::printf("  %-48s %8.3f ms\n", "peer: clear only", clear);
  std::printf("  %-48s %8.3f ms\n", "peer: the first frame as a static set", still);
  std::printf("  %-48s %8.3f ms  %.2fx the static set (+%.3f ms for the new frame)\n",
              "sequence: a new frame every frame", playing, still > 0 ? playing / still : 0.0, playing - still);
  return 0;
}

}  // namespace

void addBenchSequenceRender(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "sequence-render",
      "Offscreen cost per eye of a playing mesh sequence (a new frame's meshes every frame), against the\n"
      "eye cleared only and the sequence's first frame as a static set, in the same run.");
  cmd->add_option("folder", args->folder, "a sequence folder (ps_make_set --sequence N --draco --body-triangles T)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--width", args->width, "eye width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "eye height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--frames", args->frames, "frames measured per case")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->add_option("--decoded", args->decoded, "distinct frames cycled through")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
