#pragma once
// Blocking authored in the headset: each trigger press where the controller's ray meets the
// scene or the floor places a floor mark there (Marks), or adds a key to an actor's path at the
// shot time shown (Path: the path is made at the first press; a key at a time the path already
// has is refused), saved at once, atomically, as the editor saves. The view's blocking follows
// the document as it grows. The trigger presses it takes are not play/pause.
// Thread: the player loop's.
#include <filesystem>
#include <optional>
#include <string>

#include "player/commands.h"
#include "player/measuring_tape.h"
#include "scenes/blocking.h"
#include "scenes/result.h"
#include "scenes/shot_document.h"

namespace ps::player {

class BlockingPen {
 public:
  struct Mode {
    std::optional<std::string> actor;  // a path's actor; empty: floor marks
  };

  static Result<BlockingPen> open(const std::filesystem::path& shotFile, Mode mode);

  // Takes a trigger press that points somewhere (at shot time `shotSeconds`).
  bool apply(const Commands& in, double shotSeconds, const MeasuringTape::SceneHit& hit);
  const scenes::Blocking& blocking() const { return document_->shot().blocking; }
  std::uint64_t revision() const { return revision_; }

 private:
  BlockingPen() = default;

  std::optional<scenes::ShotDocument> document_;
  Mode mode_;
  std::optional<std::string> pathId_;
  std::uint64_t revision_ = 0;
};

}  // namespace ps::player
