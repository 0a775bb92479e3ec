#pragma once
// The shot's Gaussian splat captures decoded (media/splat_files.h) and placed in stage space by
// each layer's transform: what the splat layer draws. A 4D capture (splat-sequence) is opened
// here and read as it plays, as a mesh sequence is.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <glm/mat4x4.hpp>

#include "media/splat_sequence.h"
#include "player/shot_sets.h"
#include "scenes/result.h"
#include "scenes/shot.h"
#include "scenes/splat_cloud.h"

namespace ps::player {

// The splat budget a headset gets unless told otherwise: what a standalone headset's GPU sorts
// and draws at its rate.
inline constexpr std::uint64_t kHeadsetSplatBudget = 1'000'000;
// The share of a headset's frame period the splats may take on its GPU before a governor
// lowers their budget (engine::SplatGovernor): the rest is the other layers' and the
// compositor's.
inline constexpr double kSplatShareOfFrame = 0.5;
// The fewest splats a governor keeps: fewer and a capture falls apart, and a frame that still
// misses its time is the GPU's to miss.
inline constexpr std::uint64_t kGovernedSplatFloor = 100'000;

struct PlacedSplats {
  std::string id;  // the medium's id in shot.json
  std::filesystem::path path;
  // A static capture's cloud (shared, never changed); null for a sequence.
  std::shared_ptr<const scenes::SplatCloud> cloud;
  glm::mat4 cloudToStage{1.0f};  // the layer's transform
  double startSeconds = 0;       // shot seconds from which it shows
  // A 4D capture: each frame comes from here at its shot time (shared by every copy).
  std::shared_ptr<media::SplatSequence> sequence;
};

// A static capture's splats are put in order of importance as they are loaded (the opacity
// times the area of the splat's two largest axes, largest first), so that a budget, which keeps
// each capture's first splats, keeps those that matter most. A 4D capture's frames are put in
// that order as they are read, on the sequence's reading thread.
// Loads every splats and splat-sequence medium of `shot`, in document order, failing or
// skipping (with a warning) as `onFailure` says. The sequences take their share of
// sequenceBudgetMiB as loadShotSets gives the mesh sequences theirs (sequenceShareMiB).
Result<std::vector<PlacedSplats>> loadShotSplats(const scenes::Shot& shot, SetFailure onFailure,
                                                 SequenceRead sequenceRead = SequenceRead::Prefetch,
                                                 std::size_t sequenceBudgetMiB = media::kDefaultSequenceBudgetMiB);

// A bare .ply or .spz as a shot of its own: one cloud at the stage's origin, no background.
Result<PlacedSplats> loadBareSplats(const std::filesystem::path& file);

// True for a path that names a splat file rather than a video, a set or a shot (.ply, .spz).
bool isSplatPath(const std::filesystem::path& path);

}  // namespace ps::player
