#pragma once
// The shot's glTF sets decoded (media/gltf_loader.h) and placed in stage space by each
// layer's transform: what the mesh layer draws. A shot without sets gives none.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "media/mesh_sequence.h"
#include "media/sequence_atlas.h"
#include "scenes/animation_timing.h"
#include "scenes/mesh_scene.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::player {

struct PlacedSet {
  std::string id;                 // the medium's id in shot.json
  std::filesystem::path path;
  // Shared, never changed: the copies of a PlacedSet (a player's options, its set scene, the
  // mesh layer until it uploads) hold one scene between them.
  std::shared_ptr<const scenes::MeshScene> scene;
  glm::mat4 setToStage{1.0f};     // the layer's transform
  double startSeconds = 0;        // shot seconds from which it shows
  int animation = -1;             // into scene.animations; -1: the set stands still
  scenes::AnimationTiming timing; // shot time to the animation's time
  // A mesh sequence: `scene` is an empty scene and each frame comes from here at its shot time (shared:
  // the options that carry sets are copied; one sequence reads for all copies).
  std::shared_ptr<media::MeshSequence> sequence;
  // Its texture atlas video (media entry's "texture"), read around the same playhead; null
  // when it has none.
  std::shared_ptr<media::SequenceAtlas> atlas;
};

// Mesh space to set space for each of set.scene.instances() (in that order) at shot time t:
// the animation's pose, or the rest pose for a set without one. A pure function of t. (The set
// scene keeps a SetPose per set instead, which neither recomputes nor allocates per frame.)
std::vector<glm::mat4> instanceWorldsAt(const PlacedSet& set, double shotSeconds);

enum class SetFailure {
  Refuse,  // the first set that cannot be loaded is the Error (render, lint: the shot is wrong)
  Skip,    // logged as a warning and left out (play: the rest of the shot still plays)
};

// How a mesh sequence's frames are read.
enum class SequenceRead {
  Prefetch,  // on the sequence's thread, around the playhead; the frame loop never waits (play)
  Exact,     // on the caller's thread when a frame is shown, so it is always the exact one (render)
};

// Loads every gltf and mesh-sequence medium of `shot`, in document order. What a file holds
// but is not read (cameras, ...) is logged once per set as a warning. An animation named in
// shot.json that the file does not hold fails the set like a file that does not load. A mesh
// sequence's frames are listed here (a gap is an error) and read as it plays. The sequences
// share sequenceBudgetMiB of decoded frames evenly; less than 1 MiB each is an error.
Result<std::vector<PlacedSet>> loadShotSets(const scenes::Shot& shot, SetFailure onFailure,
                                            SequenceRead sequenceRead = SequenceRead::Prefetch,
                                            std::size_t sequenceBudgetMiB = media::kDefaultSequenceBudgetMiB);

// A bare .glb or .gltf as a shot of its own: one set at the stage's origin, no background,
// playing its first animation (if any) from shot time 0, held at its last key.
Result<PlacedSet> loadBareSet(const std::filesystem::path& file);

// Each sequence's share (mesh and splat sequences alike) of the machine's sequenceBudgetMiB of
// decoded frames: the budget split evenly; an Error when a share would be under 1 MiB.
Result<std::size_t> sequenceShareMiB(const scenes::Shot& shot, std::size_t sequenceBudgetMiB);

// Where the shot's capture point stands in stage space (its origin); the default origin for none.
glm::vec3 capturePointOf(const scenes::Shot* shot);

// True for a path that names a glTF file rather than a video or a shot (.glb, .gltf).
bool isGltfPath(const std::filesystem::path& path);

}  // namespace ps::player
