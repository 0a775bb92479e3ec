// perfectshot bench mesh: the mesh layer's GPU time per eye at N triangles, against peers
// drawn through the same frame renderer into the same target in the same run: the eye with
// nothing drawn (the pass's clear alone) and the eye covered by one unlit full-screen quad
// (two triangles through the same layer: one full-screen fragment pass). Each mesh is a
// generated UV sphere of N triangles, textured (a 256x256 checker with mips), filling about
// half of the view, drawn once lit and once unlit (a photogrammetry set's material). GPU time is read from timestamps around the frame renderer's work
// for one eye (the layer's prepare and the eye's pass); where the queue has no timestamps, the
// wall time from submit to the fence is used instead (and said).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "bench_commands.h"
#include "bench_common.h"
#include "bench_gpu_timer.h"
#include "engine/device.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/mesh_layer.h"
#include "engine/offscreen_target.h"
#include "engine/vk_check.h"
#include "report.h"

namespace ps::tools {

namespace {

struct BenchMeshArgs {
  std::vector<std::size_t> triangles{10'000, 100'000, 1'000'000};
  std::uint32_t width = 1024, height = 1024;
  int frames = 20;
};


scenes::MeshImage checker(std::uint32_t size) {
  scenes::MeshImage image{"checker", size, size, {}};
  image.rgba.reserve(std::size_t{size} * size * 4);
  for (std::uint32_t y = 0; y < size; ++y)
    for (std::uint32_t x = 0; x < size; ++x) {
      const bool light = ((x / 16 + y / 16) & 1) != 0;
      image.rgba.insert(image.rgba.end(), {static_cast<std::uint8_t>(light ? 220 : 60),
                                           static_cast<std::uint8_t>(light ? 200 : 80), 120, 255});
    }
  return image;
}

// A UV sphere of rings x 2 rings quads (2 triangles each: 4 rings^2 triangles, the poles'
// degenerate ones included), radius `radius` at `centre`.
scenes::MeshScene sphere(std::size_t triangles, glm::vec3 centre, float radius, bool unlit) {
  const auto rings = static_cast<std::uint32_t>(std::max(2.0, std::round(std::sqrt(static_cast<double>(triangles) / 4))));
  const std::uint32_t segments = 2 * rings;
  scenes::MeshPrimitive p;
  for (std::uint32_t r = 0; r <= rings; ++r) {
    const float theta = std::numbers::pi_v<float> * static_cast<float>(r) / static_cast<float>(rings);
    for (std::uint32_t s = 0; s <= segments; ++s) {
      const float phi = 2 * std::numbers::pi_v<float> * static_cast<float>(s) / static_cast<float>(segments);
      const glm::vec3 n(std::sin(theta) * std::cos(phi), std::cos(theta), -std::sin(theta) * std::sin(phi));
      p.positions.push_back(centre + radius * n);
      p.normals.push_back(n);
      p.uvs.emplace_back(static_cast<float>(s) / static_cast<float>(segments) * 8,
                         static_cast<float>(r) / static_cast<float>(rings) * 4);
    }
  }
  for (std::uint32_t r = 0; r < rings; ++r)
    for (std::uint32_t s = 0; s < segments; ++s) {
      const std::uint32_t a = r * (segments + 1) + s, b = a + segments + 1;
      p.indices.insert(p.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
  p.boundsMin = centre - glm::vec3(radius);
  p.boundsMax = centre + glm::vec3(radius);
  p.material = 0;
  scenes::MeshScene scene;
  scene.images.push_back(checker(256));
  scenes::MeshMaterial material;
  material.name = "bench";
  material.metallicFactor = 0.0f;
  material.roughnessFactor = 0.6f;
  material.baseColor = scenes::TextureRef{0};
  material.unlit = unlit;
  scene.materials.push_back(material);
  scene.meshes.push_back(scenes::Mesh{"sphere", {std::move(p)}, {}});
  scene.nodes.push_back(scenes::MeshNode{"sphere", glm::mat4(1.0f), 0, -1, {}, std::nullopt, -1});
  scene.roots.push_back(0);
  return scene;
}

// Two unlit triangles over the whole view (90 degrees both ways) 1 m ahead.
scenes::MeshScene fullScreenQuad() {
  scenes::MeshPrimitive p;
  const float z = -1.0f, h = 1.01f;
  p.positions = {{-h, kEyeHeight + h, z}, {-h, kEyeHeight - h, z}, {h, kEyeHeight - h, z}, {h, kEyeHeight + h, z}};
  p.uvs = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
  p.indices = {0, 1, 2, 0, 2, 3};
  p.boundsMin = {-h, kEyeHeight - h, z};
  p.boundsMax = {h, kEyeHeight + h, z};
  p.material = 0;
  scenes::MeshScene scene;
  scenes::MeshMaterial material;
  material.unlit = true;
  material.baseColorFactor = {0.3f, 0.5f, 0.7f, 1.0f};
  scene.materials.push_back(material);
  scene.meshes.push_back(scenes::Mesh{"quad", {std::move(p)}, {}});
  scene.nodes.push_back(scenes::MeshNode{"quad", glm::mat4(1.0f), 0, -1, {}, std::nullopt, -1});
  scene.roots.push_back(0);
  return scene;
}

int runBenchMesh(const BenchMeshArgs& args) {
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  engine::FrameContext context(*device, 2, "bench mesh");
  engine::FrameRenderer renderer(*device);
  engine::OffscreenTarget target(*device, args.width, args.height, "bench mesh eye");
  const GpuTimer timer(*device);
  std::printf("bench mesh: %s, one eye %ux%u (90x90 degrees), median of %d frames; %s\n", properties.deviceName,
              args.width, args.height, args.frames,
              timer.available() ? "GPU time from timestamps around the eye's prepare and pass"
                                : "the queue has no timestamps: wall time from submit to fence");

  const Timing clear = measureEye(args.frames, context, renderer, target, timer, nullptr);
  engine::MeshLayer quadLayer(*device);
  quadLayer.add(fullScreenQuad());
  const Timing quad = measureEye(args.frames, context, renderer, target, timer, &quadLayer);
  std::printf("  %-38s GPU %8.3f ms  wall %8.3f ms\n", "peer: clear only", clear.gpuMs, clear.wallMs);
  std::printf("  %-38s GPU %8.3f ms  wall %8.3f ms\n", "peer: full-screen quad (2 triangles)", quad.gpuMs, quad.wallMs);
  for (const std::size_t n : args.triangles)
    for (const bool unlit : {false, true}) {
      engine::MeshLayer layer(*device);
      scenes::MeshScene scene = sphere(n, {0.0f, kEyeHeight, -2.5f}, 1.5f, unlit);
      const std::size_t drawn = scene.triangleCount();
      layer.add(std::move(scene));
      const Timing t = measureEye(args.frames, context, renderer, target, timer, &layer);
      const std::string name = std::string(unlit ? "unlit" : "lit") + " sphere, " + std::to_string(drawn) + " triangles";
      std::printf("  %-38s GPU %8.3f ms  wall %8.3f ms  %6.2fx the full-screen quad, %.1f Mtri/s\n", name.c_str(),
                  t.gpuMs, t.wallMs, quad.gpuMs > 0 ? t.gpuMs / quad.gpuMs : 0.0,
                  t.gpuMs > 0 ? static_cast<double>(drawn) / (t.gpuMs * 1e3) : 0.0);
      context.waitAll();  // the layer's buffers go with it
    }
  context.waitAll();
  return 0;
}

}  // namespace

void addBenchMesh(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchMeshArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "mesh",
      "GPU time per eye of the mesh layer drawing a generated, textured sphere of N triangles (lit, then\n"
      "unlit), against the same eye cleared only and covered by one full-screen quad, in the same run.");
  cmd->add_option("--triangles", args->triangles, "triangle counts, comma-separated")
      ->delimiter(',')
      ->check(CLI::Range(std::size_t{16}, std::size_t{50'000'000}))
      ->capture_default_str();
  cmd->add_option("--width", args->width, "eye width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "eye height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--frames", args->frames, "frames measured per case")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchMesh(*args); });
}

}  // namespace ps::tools
