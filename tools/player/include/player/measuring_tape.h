#pragma once
// The crew's measuring tape in the headset (play --measure): each trigger press with the
// controller's ray picks a point where the ray meets the scene (a set, a splat surface) or,
// short of that, the floor (y = 0); every two points make a measurement, drawn in the view with
// its length in metres until the next one starts, and said in the log. Kept when asked: the
// grip keeps the measurement shown, or every measurement is kept (--keep-measurements); a kept
// one is added to the shot's blocking and saved at once, atomically, as the editor saves
// (scenes::ShotDocument), so the next rehearsal finds it. The trigger and grip presses the
// tape takes are not play/pause or an episode's steps. Thread: the player loop's.
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "engine/eye_camera.h"
#include "player/commands.h"
#include "scenes/blocking.h"
#include "scenes/result.h"
#include "scenes/shot_document.h"

namespace ps::player {

class MeasuringTape {
 public:
  // The distance along a stage ray to the scene it meets; empty: none.
  using SceneHit = std::function<std::optional<float>(const engine::Ray&)>;

  enum class Keep { Asked, Every };
  // keepIn: the shot.json measurements are kept in; empty (a bare video): shown only. Fails when
  // that shot cannot be opened for editing.
  static Result<MeasuringTape> open(std::optional<std::filesystem::path> keepIn, Keep keep);

  // Takes a trigger press that points somewhere, and the grip's keep; returns whether it took
  // either.
  bool apply(const Commands& in, const SceneHit& hit);
  // The measurement to draw (the last one made); empty before the first.
  const std::optional<scenes::Measurement>& shown() const { return shown_; }
  // Changes of shown(): the overlay draws it again when this moves.
  std::uint64_t revision() const { return revision_; }
  std::size_t kept() const { return kept_; }

 private:
  MeasuringTape() = default;
  void keep(const scenes::Measurement& m);
  bool keepShown();

  std::optional<scenes::ShotDocument> document_;
  std::optional<scenes::Vec3> first_;
  std::optional<scenes::Measurement> shown_;
  bool shownKept_ = false;
  Keep keep_ = Keep::Asked;
  std::uint64_t revision_ = 0;
  std::size_t made_ = 0, kept_ = 0;
};

// Where a stage ray first meets the scene (`hit`) or else the floor (y = 0); empty when it
// meets neither (it points at the sky with nothing in the way).
std::optional<glm::vec3> pointedAt(const engine::Ray& ray, const MeasuringTape::SceneHit& hit);

}  // namespace ps::player
