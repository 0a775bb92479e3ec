#include "media/sequence_pairing.h"

#include <optional>

namespace ps::media {

PairedSequenceFrame showPaired(MeshSequence& sequence, SequenceAtlas& atlas, double shotSeconds) {
  PairedSequenceFrame out;
  out.mesh = sequence.show(shotSeconds);
  if (!out.mesh.wanted) return out;
  const std::size_t wanted = *out.mesh.wanted;
  atlas.moveTo(wanted);
  if (out.mesh.shown) {
    out.atlas = atlas.kept(*out.mesh.shown);
    if (out.atlas) return out;
  }
  // The atlas holds a few frames, the sequence maybe many: look among the atlas's.
  out.unpaired = true;
  out.mesh.shown.reset();
  out.mesh.scene.reset();
  std::optional<std::size_t> best;
  std::size_t bestDistance = SIZE_MAX;
  for (std::size_t i : atlas.keptIndices()) {
    const std::size_t d = i > wanted ? i - wanted : wanted - i;
    if (d >= bestDistance || !sequence.ready(i)) continue;
    best = i;
    bestDistance = d;
  }
  if (!best) return out;
  // Both were held a moment ago; either may have gone since (the prefetch threads evict).
  auto scene = sequence.kept(*best);
  auto image = atlas.kept(*best);
  if (!scene || !image) return out;
  out.mesh.shown = best;
  out.mesh.scene = std::move(scene);
  out.atlas = std::move(image);
  return out;
}

}  // namespace ps::media
