// perfectshot bench deform: the mesh layer's GPU time per eye for skinned and morphed meshes
// (joint matrices and morph weights applied by the vertex shader), each against the same mesh
// in the same pose drawn unskinned and unmorphed (deformed on the CPU beforehand, its joints,
// weights and targets stripped: the plain pipeline, the same pixels covered) in the same run,
// as a ratio. Cases: a generated tube of N triangles bent by two joints, the
// same tube swollen and sheared by two morph targets, and Debian's assimp-testmodels samples
// simple_skin and AnimatedMorphCube posed half way through their first animation. Every mesh
// is scaled to fill about half of a 90x90-degree view, 2.5 m ahead.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "bench_commands.h"
#include "bench_common.h"
#include "bench_gpu_timer.h"
#include "engine/device.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/mesh_layer.h"
#include "engine/offscreen_target.h"
#include "media/gltf_loader.h"
#include "report.h"
#include "scenes/deform.h"
#include "scenes/pose.h"

namespace ps::tools {

namespace {

struct BenchDeformArgs {
  std::size_t triangles = 100'000;
  std::string samples = "/usr/share/assimp/models/glTF2";
  std::uint32_t width = 1024, height = 1024;
  int frames = 20;
};

enum class TubeKind { Skinned, Morphed };

// A closed-sided tube of about `triangles` triangles, radius 0.5, from y = -1 to 1. Skinned:
// joint 0 at the bottom, joint 1 at the middle, weights blending over the middle half. Morphed:
// target 0 swells the middle, target 1 shears along x.
scenes::MeshScene tube(std::size_t triangles, TubeKind kind) {
  const auto segments = static_cast<std::uint32_t>(std::max(8.0, std::round(std::sqrt(static_cast<double>(triangles) / 2))));
  const auto rings = static_cast<std::uint32_t>(std::max<std::size_t>(1, triangles / (2 * segments)));
  scenes::MeshPrimitive p;
  scenes::MorphTarget swell, shear;
  for (std::uint32_t r = 0; r <= rings; ++r) {
    const float y = -1.0f + 2.0f * static_cast<float>(r) / static_cast<float>(rings);
    const float w1 = std::clamp((y + 0.5f), 0.0f, 1.0f);
    for (std::uint32_t s = 0; s <= segments; ++s) {
      const float phi = 2 * std::numbers::pi_v<float> * static_cast<float>(s) / static_cast<float>(segments);
      const glm::vec3 n(std::cos(phi), 0.0f, -std::sin(phi));
      p.positions.push_back(glm::vec3(0.0f, y, 0.0f) + 0.5f * n);
      p.normals.push_back(n);
      if (kind == TubeKind::Skinned) {
        p.joints.emplace_back(0, 1, 0, 0);
        p.weights.emplace_back(1.0f - w1, w1, 0.0f, 0.0f);
      } else {
        swell.positions.push_back(0.2f * (1.0f - y * y) * n);
        swell.normals.emplace_back(0.0f);
        shear.positions.emplace_back(0.3f * y, 0.0f, 0.0f);
      }
    }
  }
  for (std::uint32_t r = 0; r < rings; ++r)
    for (std::uint32_t s = 0; s < segments; ++s) {
      const std::uint32_t a = r * (segments + 1) + s, b = a + segments + 1;
      p.indices.insert(p.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
    }
  p.boundsMin = {-0.5f, -1.0f, -0.5f};
  p.boundsMax = {0.5f, 1.0f, 0.5f};
  p.material = 0;
  scenes::MeshScene scene;
  scenes::MeshMaterial material;
  material.baseColorFactor = {0.8f, 0.6f, 0.4f, 1.0f};
  material.metallicFactor = 0.0f;
  material.roughnessFactor = 0.6f;
  scene.materials.push_back(material);
  scenes::Mesh mesh{"tube", {}, {}};
  if (kind == TubeKind::Morphed) {
    p.targets = {std::move(swell), std::move(shear)};
    mesh.weights = {0.0f, 0.0f};
  }
  mesh.primitives.push_back(std::move(p));
  scene.meshes.push_back(std::move(mesh));
  scene.nodes.push_back(scenes::MeshNode{"tube", glm::mat4(1.0f), 0, -1, {}, std::nullopt, -1});
  scene.roots.push_back(0);
  if (kind == TubeKind::Skinned) {
    scene.nodes[0].skin = 0;
    scene.nodes.push_back(scenes::MeshNode{"hip", glm::translate(glm::mat4(1.0f), {0, -1, 0}), -1, -1, {2}, std::nullopt, -1});
    scene.nodes.push_back(scenes::MeshNode{"knee", glm::translate(glm::mat4(1.0f), {0, 1, 0}), -1, 1, {}, std::nullopt, -1});
    scene.roots.push_back(1);
    scene.skins.push_back(scenes::Skin{"legs", {1, 2}, {glm::translate(glm::mat4(1.0f), {0, 1, 0}), glm::mat4(1.0f)}, 1});
  }
  return scene;
}

// The same meshes in the same pose without joints, weights or targets: the positions deformed
// on the CPU (scenes/deform.h), drawn by the plain pipeline, covering the same pixels. (Each
// mesh of these cases is drawn once.)
scenes::MeshScene posedPlain(scenes::MeshScene scene, const scenes::Pose& pose, const std::vector<glm::mat4>& world) {
  for (const scenes::MeshInstance& i : scene.instances()) {
    const int skin = scene.nodes[static_cast<std::size_t>(i.node)].skin;
    for (scenes::MeshPrimitive& p : scene.meshes[static_cast<std::size_t>(i.mesh)].primitives) {
      std::vector<glm::vec3> v = scenes::morphedPositions(p, pose.weights[static_cast<std::size_t>(i.node)]);
      if (skin >= 0)
        v = scenes::skinnedPositions(p, v, scenes::jointMatrices(scene, scene.skins[static_cast<std::size_t>(skin)], world, i.node));
      p.positions = std::move(v);
    }
  }
  for (scenes::Mesh& mesh : scene.meshes) {
    mesh.weights.clear();
    for (scenes::MeshPrimitive& p : mesh.primitives) {
      p.joints.clear();
      p.weights.clear();
      p.targets.clear();
    }
  }
  for (scenes::MeshNode& node : scene.nodes) node.skin = -1;
  scene.skins.clear();
  return scene;
}

// Set space to stage space putting the scene's rest bounds, scaled to a radius of 1.5 m, 2.5 m
// ahead of the eye.
glm::mat4 framing(const scenes::MeshScene& scene) {
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (const scenes::MeshInstance& i : scene.instances())
    for (const scenes::MeshPrimitive& p : scene.meshes[static_cast<std::size_t>(i.mesh)].primitives)
      for (const glm::vec3& v : p.positions) {
        const glm::vec3 x(i.world * glm::vec4(v, 1.0f));
        lo = glm::min(lo, x);
        hi = glm::max(hi, x);
      }
  const float radius = std::max(glm::length(hi - lo) / 2, 1e-6f);
  glm::mat4 m = glm::translate(glm::mat4(1.0f), {0.0f, kEyeHeight, -2.5f});
  m = glm::scale(m, glm::vec3(1.5f / radius));
  return glm::translate(m, -0.5f * (lo + hi));
}

struct Case {
  std::string name;
  scenes::MeshScene scene;
  scenes::Pose pose;
  std::vector<glm::mat4> world;
};

int runBenchDeform(const BenchDeformArgs& args) {
  std::vector<Case> cases;
  for (const TubeKind kind : {TubeKind::Skinned, TubeKind::Morphed}) {
    Case c;
    c.scene = tube(args.triangles, kind);
    c.pose = scenes::restPose(c.scene);
    if (kind == TubeKind::Skinned)
      c.pose.local[2] = glm::rotate(c.pose.local[2], glm::radians(40.0f), glm::vec3(0, 0, 1));
    else
      c.pose.weights[0] = {0.7f, 0.5f};
    c.world = scenes::worldMatrices(c.scene, c.pose);
    c.name = std::string(kind == TubeKind::Skinned ? "skinned" : "morphed") + " tube, " +
             std::to_string(c.scene.triangleCount()) + " triangles";
    cases.push_back(std::move(c));
  }
  const std::filesystem::path samples(args.samples);
  for (const char* file : {"simple_skin/simple_skin.gltf", "glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf"}) {
    auto loaded = media::loadGltf(samples / file, (samples / file).parent_path());
    if (!loaded) {
      spdlog::warn("bench deform: {}; left out", loaded.error().message());
      continue;
    }
    Case c;
    c.scene = std::move(loaded->scene);
    scenes::PoseBuffers posed;
    const scenes::Animation* animation = c.scene.animations.empty() ? nullptr : &c.scene.animations[0];
    posed.compute(c.scene, animation, animation != nullptr ? animation->duration() / 2 : 0.0f);
    c.pose = posed.pose();
    c.world = posed.world();
    c.name = std::filesystem::path(file).stem().string() + ", " + std::to_string(c.scene.triangleCount()) + " triangles";
    cases.push_back(std::move(c));
  }

  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  engine::FrameContext context(*device, 2, "bench deform");
  engine::FrameRenderer renderer(*device);
  engine::OffscreenTarget target(*device, args.width, args.height, "bench deform eye");
  const GpuTimer timer(*device);
  std::printf("bench deform: %s, one eye %ux%u (90x90 degrees), %d rounds of 4 frames a side; %s\n",
              properties.deviceName, args.width, args.height, std::max(3, args.frames / 4),
              timer.available() ? "GPU time from timestamps around the eye's prepare and pass"
                                : "the queue has no timestamps: wall time from submit to fence");
  // The two sides alternate in rounds of a few frames, so that load from elsewhere falls on
  // both alike; the ratio is the median of the rounds' ratios.
  const int rounds = std::max(3, args.frames / 4);
  for (const Case& c : cases) {
    const glm::mat4 toStage = framing(c.scene);
    engine::MeshLayer deformed(*device), plain(*device);
    deformed.setPose(deformed.add(c.scene, toStage), c.pose, c.world);
    plain.setPose(plain.add(posedPlain(c.scene, c.pose, c.world), toStage), c.pose, c.world);
    std::vector<double> deformedMs, plainMs, ratios;
    for (int r = 0; r < rounds; ++r) {
      const Timing a = measureEye(4, context, renderer, target, timer, &deformed);
      const Timing b = measureEye(4, context, renderer, target, timer, &plain);
      deformedMs.push_back(a.gpuMs);
      plainMs.push_back(b.gpuMs);
      if (b.gpuMs > 0) ratios.push_back(a.gpuMs / b.gpuMs);
    }
    std::printf("  %-40s GPU %8.3f ms  peer unskinned/unmorphed %8.3f ms  ratio %.2f\n", c.name.c_str(),
                median(deformedMs), median(plainMs), ratios.empty() ? 0.0 : median(ratios));
    context.waitAll();  // the layers' buffers go with them
  }
  context.waitAll();
  return 0;
}

}  // namespace

void addBenchDeform(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchDeformArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "deform",
      "GPU time per eye of skinned and morphed meshes (a generated tube of N triangles, and the\n"
      "assimp-testmodels samples simple_skin and AnimatedMorphCube) against the same meshes drawn\n"
      "unskinned and unmorphed in the same run, as a ratio.");
  cmd->add_option("--triangles", args->triangles, "the generated tubes' triangle count")
      ->check(CLI::Range(std::size_t{64}, std::size_t{50'000'000}))
      ->capture_default_str();
  cmd->add_option("--samples", args->samples, "assimp-testmodels' glTF2 folder (samples missing there are left out)")
      ->capture_default_str();
  cmd->add_option("--width", args->width, "eye width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "eye height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--frames", args->frames, "frames measured per side of a case (in rounds of 4)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchDeform(*args); });
}

}  // namespace ps::tools
