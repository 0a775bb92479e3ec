#include "player/blocking_pen.h"

#include <spdlog/spdlog.h>

#include "player/document_save.h"

namespace ps::player {

Result<BlockingPen> BlockingPen::open(const std::filesystem::path& shotFile, Mode mode) {
  auto doc = scenes::ShotDocument::open(shotFile);
  if (!doc) return doc.error();
  BlockingPen pen;
  pen.document_.emplace(std::move(*doc));
  pen.mode_ = std::move(mode);
  spdlog::info("pen: pull the trigger where {}", pen.mode_.actor ? *pen.mode_.actor + " stands at the shot time shown"
                                                                 : std::string("a floor mark goes"));
  return pen;
}

bool BlockingPen::apply(const Commands& in, double shotSeconds, const MeasuringTape::SceneHit& hit) {
  if (!in.select || !in.aim) return false;
  const std::optional<glm::vec3> p =
      pointedAt(engine::Ray{in.aim->position, in.aim->orientation * glm::vec3(0.0f, 0.0f, -1.0f)}, hit);
  if (!p) {
    spdlog::info("pen: the ray meets no floor");
    return true;
  }
  const scenes::FloorPoint at{p->x, p->z};
  scenes::ShotDocument& doc = *document_;
  std::string what;
  if (!mode_.actor) {
    auto id = doc.addFloorMark(at);
    if (!id) {
      spdlog::warn("pen: {}", id.error().message());
      return true;
    }
    what = "pen: the floor mark '" + *id + "'";
  } else if (!pathId_) {
    auto id = doc.addActorPath(*mode_.actor, scenes::ActorKey{shotSeconds, at});
    if (!id) {
      spdlog::warn("pen: {}", id.error().message());
      return true;
    }
    pathId_ = *id;
    what = "pen: " + *mode_.actor + "'s path '" + *id + "'";
  } else {
    if (auto added = doc.addActorKey(*pathId_, scenes::ActorKey{shotSeconds, at}); !added) {
      spdlog::warn("pen: {}", added.error().message());
      return true;
    }
    what = "pen: a key of " + *mode_.actor + "'s path";
  }
  spdlog::info("{} at ({:.3f}, {:.3f}) at {:.3f} s", what, at.x, at.z, shotSeconds);
  if (saveEdit(doc, what + ":")) ++revision_;
  return true;
}

}  // namespace ps::player
