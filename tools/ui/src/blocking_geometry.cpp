#include "ui/blocking_geometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <vector>

#include <glm/geometric.hpp>

namespace ps::ui {

namespace {

constexpr float kLabelPx = 16.0f;
constexpr float kFloorLineM = 0.03f;
constexpr float kTrailWidthM = 0.05f;
constexpr float kLift = 0.002f;  // over the floor, so a set's floor at y = 0 does not hide it

glm::vec4 colourOf(const scenes::Colour& c, float alpha = 1.0f) {
  const auto byte = [](double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); };
  return engine::linearColour(byte(c.r), byte(c.g), byte(c.b), alpha);
}

glm::vec3 onFloor(const scenes::FloorPoint& p) {
  return {static_cast<float>(p.x), kLift, static_cast<float>(p.z)};
}

// A name on a dark plate, centred over the anchor's pixel.
void label(const engine::FontAtlas& atlas, engine::OverlayGeometry& out, const glm::vec3& anchor, const std::string& text,
           const glm::vec4& colour) {
  if (text.empty()) return;
  engine::OverlayGeometry measure;
  const float width = measure.text(atlas, anchor, {0, 0}, text, kLabelPx, colour);
  const glm::vec2 topLeft(-0.5f * width, -kLabelPx - 6.0f);
  out.rect(anchor, topLeft - glm::vec2(4, 2), topLeft + glm::vec2(width + 4, kLabelPx + 2),
           engine::linearColour(10, 10, 14, 0.7f));
  out.text(atlas, anchor, topLeft, text, kLabelPx, colour);
}

void floorMark(const scenes::FloorMark& m, const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const glm::vec3 centre = onFloor(m.position);
  const glm::vec4 colour = colourOf(m.colour);
  std::array<glm::vec3, 32> ring;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const float a = 2.0f * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(ring.size());
    ring[i] = centre + kFloorMarkRadiusM * glm::vec3(std::cos(a), 0.0f, std::sin(a));
  }
  out.polyline(ring, colour, kFloorLineM, engine::WidthUnit::Metres, true);
  if (m.facingYawDeg) {
    // v360's yaw: 0 faces -Z, 90 faces +X.
    const float yaw = static_cast<float>(*m.facingYawDeg) * std::numbers::pi_v<float> / 180.0f;
    const glm::vec3 facing(std::sin(yaw), 0.0f, -std::cos(yaw));
    out.segment(centre, centre + 1.6f * kFloorMarkRadiusM * facing, colour, kFloorLineM, engine::WidthUnit::Metres);
  }
  label(atlas, out, centre, m.name.empty() ? m.id : m.name, colour);
}

void actor(const scenes::ActorPath& path, double t, const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const glm::vec3 foot = onFloor(scenes::actorPositionAt(path, t));
  const float height = static_cast<float>(path.figureHeightM);
  const glm::vec4 colour = colourOf(path.colour);
  // The trail, each stretch as faint as it is old.
  const std::vector<scenes::ActorKey> trail = scenes::actorTrail(path, t);
  const double span = std::max(path.trailSeconds, 1e-6);
  for (std::size_t i = 1; i < trail.size(); ++i) {
    const double age = t - 0.5 * (trail[i - 1].t + trail[i].t);
    const float alpha = static_cast<float>(std::clamp(1.0 - age / span, 0.0, 1.0));
    if (alpha <= 0.0f) continue;
    out.segment(onFloor(trail[i - 1].position), onFloor(trail[i].position), colourOf(path.colour, 0.8f * alpha),
                kTrailWidthM, engine::WidthUnit::Metres);
  }
  const float headRadius = 0.11f * height / 1.75f;
  const glm::vec3 neck = foot + glm::vec3(0.0f, height - 2.0f * headRadius, 0.0f);
  out.segment(foot, neck, colour, kActorColumnWidthM, engine::WidthUnit::Metres);
  out.segment(neck + glm::vec3(0, 0.3f * headRadius, 0), neck + glm::vec3(0, 2.0f * headRadius, 0), colour,
              2.0f * headRadius, engine::WidthUnit::Metres);
  label(atlas, out, foot + glm::vec3(0.0f, height + 0.05f, 0.0f), path.actor, colour);
}

void dolly(const scenes::DollyTrack& track, const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const glm::vec4 colour = engine::linearColour(210, 210, 220, 0.9f);
  for (const float side : {-0.5f, 0.5f}) {
    std::vector<glm::vec3> rail;
    for (std::size_t i = 0; i < track.points.size(); ++i) {
      // Across the track: the mean of the neighbouring stretches' normals.
      const glm::vec3 p = onFloor(track.points[i]);
      const glm::vec3 prev = onFloor(track.points[i == 0 ? 0 : i - 1]);
      const glm::vec3 next = onFloor(track.points[std::min(i + 1, track.points.size() - 1)]);
      glm::vec3 along = next - prev;
      if (glm::dot(along, along) < 1e-12f) along = glm::vec3(1, 0, 0);
      const glm::vec3 across = glm::normalize(glm::vec3(-along.z, 0.0f, along.x));
      rail.push_back(p + side * kDollyGaugeM * across);
    }
    out.polyline(rail, colour, kFloorLineM, engine::WidthUnit::Metres);
  }
  if (!track.name.empty()) label(atlas, out, onFloor(track.points.front()), track.name, colour);
}

}  // namespace

void buildMeasurementGeometry(const scenes::Measurement& m, const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const glm::vec3 a(m.a.x, m.a.y, m.a.z), b(m.b.x, m.b.y, m.b.z);
  const glm::vec4 colour = engine::linearColour(255, 230, 80);
  out.segment(a, b, colour, 3.0f);
  for (const glm::vec3& end : {a, b}) out.disc(end, {0, 0}, 5.0f, colour, 12);
  char length[32];
  std::snprintf(length, sizeof length, "%.2f m", m.distanceM());
  label(atlas, out, 0.5f * (a + b), m.name.empty() ? std::string(length) : m.name + ": " + length, colour);
}

void buildBlockingGeometry(const scenes::Blocking& blocking, double shotSeconds, const engine::FontAtlas& atlas,
                           engine::OverlayGeometry& out) {
  if (blocking.dolly && blocking.dolly->points.size() >= 2) dolly(*blocking.dolly, atlas, out);
  for (const scenes::FloorMark& m : blocking.marks) floorMark(m, atlas, out);
  for (const scenes::ActorPath& p : blocking.actors)
    if (!p.keys.empty()) actor(p, shotSeconds, atlas, out);
  for (const scenes::Measurement& m : blocking.measurements) buildMeasurementGeometry(m, atlas, out);
}

bool blockingMovesBetween(const scenes::Blocking& blocking, double a, double b) {
  if (a == b) return false;
  const double lo = std::min(a, b), hi = std::max(a, b);
  for (const scenes::ActorPath& p : blocking.actors) {
    if (p.keys.empty()) continue;
    // Still before the first key and after the last key plus the trail (which fades out then).
    const double start = p.keys.front().t, end = p.keys.back().t + p.trailSeconds;
    if (hi > start && lo < end) return true;
  }
  return false;
}

}  // namespace ps::ui
