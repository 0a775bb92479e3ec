// The simulated headset's script (xr/sim/README.md), then the poses and
// controller states the runtime reads from it on a few frames.
#include <cmath>

#include "fuzz_package.h"
#include "script.h"

using namespace ps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto script = sim::parseScript(fuzz::text(data, size), "fuzz.json");
  if (!script) return 0;
  for (double frame : {0.0, 1.5, 90.0, 1e6}) {
    const XrPosef head = script->head.at(frame);
    const XrQuaternionf q = head.orientation;
    if (!std::isfinite(q.x) || !std::isfinite(q.y) || !std::isfinite(q.z) || !std::isfinite(q.w))
      fuzz::fail("a head pose with a non-finite orientation");
    for (const auto& hand : script->hands) {
      (void)hand.at(frame);
      (void)hand.aim.at(frame);
      (void)hand.grip.at(frame);
    }
  }
  return 0;
}
