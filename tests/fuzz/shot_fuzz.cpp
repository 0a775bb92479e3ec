// shot.json as the player and lint read it, then what playback computes from
// the model at a few shot times (marker fades and directions, the film camera).
#include <cmath>

#include "fuzz_package.h"
#include "scenes/marker_navigation.h"
#include "scenes/shot_loader.h"

using namespace ps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const scenes::ShotParse parse = scenes::parseShot(fuzz::text(data, size), fuzz::package() / "shot.json");
  if (!parse.ok()) return 0;
  const scenes::Shot& shot = parse.shot;
  const double in = shot.timeline.in, out = shot.timeline.out.value_or(in + 10);
  for (double t : {in, (in + out) / 2, out}) {
    for (const auto& m : shot.markers) {
      const double opacity = scenes::markerOpacity(m, t);
      if (!(opacity >= 0 && opacity <= 1)) fuzz::fail("marker opacity " + std::to_string(opacity) + " outside [0, 1]");
      (void)scenes::markerActive(m, t);
      (void)scenes::markerDirection(m);
    }
    (void)scenes::nextMarker(shot.markers, t);
    if (shot.camera) (void)scenes::cameraAt(*shot.camera, t);
  }
  return 0;
}
