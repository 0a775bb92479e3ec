#include "player/measuring_tape.h"

#include "player/document_save.h"

#include <spdlog/spdlog.h>

#include <glm/geometric.hpp>

namespace ps::player {

std::optional<glm::vec3> pointedAt(const engine::Ray& ray, const MeasuringTape::SceneHit& hit) {
  const glm::vec3 direction = glm::normalize(ray.direction);
  std::optional<float> distance = hit ? hit(engine::Ray{ray.origin, direction}) : std::nullopt;
  if (direction.y < -1e-4f) {
    const float toFloor = -ray.origin.y / direction.y;
    if (toFloor > 0 && (!distance || toFloor < *distance)) distance = toFloor;
  }
  if (!distance) return std::nullopt;
  return ray.origin + *distance * direction;
}

Result<MeasuringTape> MeasuringTape::open(std::optional<std::filesystem::path> keepIn, Keep keep) {
  MeasuringTape tape;
  tape.keep_ = keep;
  if (keepIn) {
    auto doc = scenes::ShotDocument::open(*keepIn);
    if (!doc) return doc.error();
    tape.document_.emplace(std::move(*doc));
  }
  std::string kept;
  if (keepIn)
    kept = keep == Keep::Every ? "; each measurement is kept in " + keepIn->string()
                               : "; the grip keeps the one shown in " + keepIn->string();
  spdlog::info("tape: pull the trigger at two points to measure between them{}", kept);
  return tape;
}

bool MeasuringTape::keepShown() {
  if (!shown_) {
    spdlog::info("tape: nothing measured yet to keep");
  } else if (!document_) {
    spdlog::warn("tape: not kept: playing a video, not a shot, there is no blocking to keep it in");
  } else if (shownKept_) {
    spdlog::info("tape: the measurement shown ({:.3f} m) is kept already", shown_->distanceM());
  } else {
    keep(*shown_);
  }
  return true;
}

bool MeasuringTape::apply(const Commands& in, const SceneHit& hit) {
  if (in.keep && !in.select) return keepShown();
  if (!in.select || !in.aim) return false;
  const engine::Ray ray{in.aim->position, in.aim->orientation * glm::vec3(0.0f, 0.0f, -1.0f)};
  const std::optional<glm::vec3> p = pointedAt(ray, hit);
  if (!p) {
    spdlog::info("tape: the ray meets nothing to measure from");
    return true;
  }
  const scenes::Vec3 point{p->x, p->y, p->z};
  if (!first_) {
    first_ = point;
    return true;
  }
  scenes::Measurement m;
  m.id = "tape-" + std::to_string(++made_);
  m.a = *first_;
  m.b = point;
  first_.reset();
  spdlog::info("tape: {:.3f} m from ({:.3f}, {:.3f}, {:.3f}) to ({:.3f}, {:.3f}, {:.3f})", m.distanceM(), m.a.x, m.a.y,
               m.a.z, m.b.x, m.b.y, m.b.z);
  shown_ = std::move(m);
  shownKept_ = false;
  if (document_ && keep_ == Keep::Every) keep(*shown_);
  ++revision_;
  return true;
}

void MeasuringTape::keep(const scenes::Measurement& m) {
  auto id = document_->addMeasurement(m.a, m.b, "");
  if (!id) {
    spdlog::warn("tape: not kept: {}", id.error().message());
    return;
  }
  if (saveEdit(*document_, "tape: kept as '" + *id + "':")) {
    ++kept_;
    shownKept_ = true;
  }
}

}  // namespace ps::player
