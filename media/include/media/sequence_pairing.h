#pragma once
// A mesh sequence shown with its texture atlas: the mesh frame and the atlas frame handed out
// always have the same index. The sequence chooses as it does alone (the frame at t, or the
// last good one for a broken frame, or the nearest decoded one); when the atlas does not hold
// that frame, the nearest frame to the one wanted that both hold is shown instead and counted
// (unpaired); when none is held by both, nothing new is shown.
#include <cstdint>
#include <memory>

#include "media/mesh_sequence.h"
#include "media/sequence_atlas.h"

namespace ps::media {

struct PairedSequenceFrame {
  MeshSequenceFrame mesh;                             // shown and scene agree with atlas
  std::shared_ptr<const scenes::MeshImage> atlas;     // null exactly when mesh.scene is
  bool unpaired = false;  // the sequence's own choice had no atlas frame: another index shown
};

// Moves both playheads to shot time t and returns a matched pair (or nothing).
PairedSequenceFrame showPaired(MeshSequence& sequence, SequenceAtlas& atlas, double shotSeconds);

}  // namespace ps::media
