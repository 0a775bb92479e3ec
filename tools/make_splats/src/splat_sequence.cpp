#include "make_splats/splat_sequence.h"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <stdexcept>
#include <string>
#include <system_error>

#include "media/splat_files.h"
#include "random_stream.h"
#include "surfels.h"

namespace ps::make_splats {
namespace {

constexpr double kOrbitRadius = 0.88, kOrbitHeight = 0.1, kOrbitSphereRadius = 0.08;
constexpr float kCodeOne = 0.95f, kCodeZero = 0.05f;

void orbitSphere(scenes::SplatCloud& cloud, const glm::dvec3& centre, std::uint64_t seed) {
  // Its own stream from the seed alone: the sphere's splats are the same in every frame, moved.
  RandomStream rng(seed * 0x100000001B3ull + 5);
  const ShRest none{};
  const double golden = std::numbers::pi * (3.0 - std::sqrt(5.0));
  const double spacing = std::sqrt(4.0 * std::numbers::pi * kOrbitSphereRadius * kOrbitSphereRadius / kOrbitSplats);
  for (std::size_t i = 0; i < kOrbitSplats; ++i) {
    const double y = 1.0 - 2.0 * (static_cast<double>(i) + 0.5) / kOrbitSplats;
    const double ring = std::sqrt(1.0 - y * y);
    const double phi = static_cast<double>(i) * golden;
    Surfel s;
    s.normal = {ring * std::cos(phi), y, ring * std::sin(phi)};
    s.position = centre + kOrbitSphereRadius * s.normal;
    s.sigmaU = s.sigmaV = 0.6 * spacing;
    s.turn = rng.range(0.0, std::numbers::pi);
    s.color = {0.95, 0.85, 0.15};
    s.opacity = 0.95;
    appendSurfel(cloud, s, none);
  }
}

void frameCode(scenes::SplatCloud& cloud, std::size_t frame) {
  const ShRest none{};
  for (int b = 0; b < kFrameCodeBits; ++b) {
    Surfel s;
    s.position = glm::dvec3(frameCodePosition(b));
    s.normal = {0.0, 0.0, 1.0};
    s.sigmaU = s.sigmaV = 0.03;
    s.color = glm::dvec3(((frame >> b) & 1u) ? kCodeOne : kCodeZero);
    s.opacity = 0.99;
    appendSurfel(cloud, s, none);
  }
  // Isotropic: its third axis as wide as the others, so the bit looks the same from any side.
  for (std::size_t i = cloud.size() - kFrameCodeBits; i < cloud.size(); ++i) cloud.scales[i] = glm::vec3(0.03f);
}

}  // namespace

glm::dvec3 orbitCentre(std::size_t frame, double fps) {
  const double angle = 2.0 * std::numbers::pi * static_cast<double>(frame) / (kOrbitSeconds * fps);
  return {kOrbitRadius * std::cos(angle), kOrbitHeight, -kOrbitRadius * std::sin(angle)};
}

glm::vec3 frameCodePosition(int bit) { return {-0.75f + 0.1f * static_cast<float>(bit), 0.85f, -0.6f}; }

scenes::SplatCloud sequenceFrameSplats(std::size_t frame, double fps, const ObjectSetSpec& spec) {
  if (frame >= kMaxSequenceFrames)
    throw std::invalid_argument("sequenceFrameSplats: frame " + std::to_string(frame) + " is past the frame code's " +
                                std::to_string(kMaxSequenceFrames) + " frames");
  if (!(fps > 0.0) || !std::isfinite(fps)) throw std::invalid_argument("sequenceFrameSplats: fps must be positive");
  scenes::SplatCloud cloud = objectSetSplats(spec);
  orbitSphere(cloud, orbitCentre(frame, fps), spec.seed);
  frameCode(cloud, frame);
  return cloud;
}

std::optional<std::uint32_t> decodeFrameCode(const scenes::SplatCloud& cloud) {
  if (cloud.size() < static_cast<std::size_t>(kFrameCodeBits)) return std::nullopt;
  const std::size_t first = cloud.size() - kFrameCodeBits;
  std::uint32_t frame = 0;
  for (int b = 0; b < kFrameCodeBits; ++b) {
    const std::size_t i = first + static_cast<std::size_t>(b);
    if (glm::length(cloud.positions[i] - frameCodePosition(b)) > 1e-4f) return std::nullopt;
    const glm::vec3 c = cloud.baseColors[i];
    const float mean = (c.r + c.g + c.b) / 3.0f;
    if (std::abs(mean - kCodeOne) < 0.02f)
      frame |= 1u << b;
    else if (std::abs(mean - kCodeZero) >= 0.02f)
      return std::nullopt;
  }
  return frame;
}

std::uint32_t decodeFrameCode(const std::function<double(int bit)>& brightness) {
  std::uint32_t frame = 0;
  for (int b = 0; b < kFrameCodeBits; ++b)
    if (brightness(b) > 0.5) frame |= 1u << b;
  return frame;
}

Status writeSplatSequence(const std::filesystem::path& folder, std::size_t frames, double fps, const ObjectSetSpec& spec) {
  const std::string where = folder.string();
  if (frames == 0 || frames > kMaxSequenceFrames)
    return Error{where, std::to_string(frames) + " frames asked for; the frame code holds 1 to " + std::to_string(kMaxSequenceFrames), ""};
  if (!(fps > 0.0) || !std::isfinite(fps)) return Error{where, "the frame rate must be a positive number", ""};
  std::error_code ec;
  if (std::filesystem::exists(folder, ec)) {
    if (!std::filesystem::is_directory(folder, ec)) return Error{where, "is not a folder", ""};
    if (!std::filesystem::is_empty(folder, ec))
      return Error{where, "already holds files", "give a new or empty folder, so that no old frame stays beside the new ones"};
  }
  std::filesystem::create_directories(folder, ec);
  if (ec) return Error{where, "cannot be created: " + ec.message(), ""};
  for (std::size_t i = 0; i < frames; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%06zu.ply", i);
    if (auto s = media::writeSplatPly(sequenceFrameSplats(i, fps, spec), folder / name); !s) return s;
  }
  return ok();
}

}  // namespace ps::make_splats
