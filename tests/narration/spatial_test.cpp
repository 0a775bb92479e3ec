// Spatial narration through OpenAL Soft with HRTF (loopback, deterministic): a
// marker on the left is louder in the left ear, one on the right in the right
// ear, and turning the head round swaps them.
#include <cmath>
#include <cstdio>
#include <vector>

#include "media/narration_controller.h"
#include "narration_fixture.h"

namespace ps::narration::test {
namespace {

struct Energy {
  double left = 0, right = 0;
  double ratioDb() const { return 10.0 * std::log10(left / right); }  // > 0: louder on the left
};

// Plays markerId's clip to its end, the listener at head, and sums each channel's energy.
Energy renderMarker(const char* markerId, const media::ListenerPose& head) {
  media::AudioOutput out = openBinauralLoopback();
  EXPECT_TRUE(out.hrtfEnabled()) << "OpenAL Soft did not enable HRTF on the loopback device";
  media::NarrationController narration(out, loadTestShot().markers, nullptr);
  narration.update(0, head);
  if (Status st = narration.select(markerId); !st) throw std::runtime_error(st.error().message());
  Energy e;
  std::vector<float> mix(2 * kRate / 100);  // 10 ms
  double t = 0;
  for (int pass = 0; pass < 200 && narration.speaking(); ++pass) {
    out.render(mix);
    t += 0.01;
    narration.update(t, head);
    for (std::size_t i = 0; i < mix.size(); i += 2) {
      e.left += static_cast<double>(mix[i]) * mix[i];
      e.right += static_cast<double>(mix[i + 1]) * mix[i + 1];
    }
  }
  EXPECT_FALSE(narration.speaking()) << "the 1.5 s clip should have ended within 2 s";
  std::printf("%s, facing %s: left %.2f right %.2f, L/R %+.1f dB\n", markerId,
              head.orientation.forward[2] < 0 ? "-Z" : "+Z", e.left, e.right, e.ratioDb());
  return e;
}

TEST(SpatialNarration, LeftMarkerIsLouderInTheLeftEar) {
  const Energy e = renderMarker("left", facingForward());
  EXPECT_GT(e.left + e.right, 1.0);  // it was heard at all
  EXPECT_GE(e.ratioDb(), 3.0);
}

TEST(SpatialNarration, RightMarkerIsLouderInTheRightEar) {
  const Energy e = renderMarker("right", facingForward());
  EXPECT_GT(e.left + e.right, 1.0);
  EXPECT_LE(e.ratioDb(), -3.0);
}

TEST(SpatialNarration, TurningTheHeadRoundSwapsTheEars) {
  const Energy left = renderMarker("left", facingBack());
  const Energy right = renderMarker("right", facingBack());
  EXPECT_LE(left.ratioDb(), -3.0);
  EXPECT_GE(right.ratioDb(), 3.0);
}

TEST(SpatialNarration, FartherMarkerIsQuieter) {
  // The same clip at 3 m and at 1 m (reference distance): inverse distance, 1/3 the amplitude.
  scenes::Shot shot = loadTestShot();
  auto energyAt = [&](double distanceM) {
    std::vector<scenes::Marker> markers = shot.markers;
    for (scenes::Marker& m : markers)
      if (auto* d = std::get_if<scenes::DirectionPlacement>(&m.placement)) d->distanceM = distanceM;
    media::AudioOutput out = openBinauralLoopback();
    media::NarrationController narration(out, markers, nullptr);
    narration.update(0, facingForward());
    EXPECT_TRUE(narration.select("right"));
    double energy = 0;
    std::vector<float> mix(2 * kRate / 10);
    for (int pass = 0; pass < 10; ++pass) {
      out.render(mix);
      for (float s : mix) energy += static_cast<double>(s) * s;
    }
    return energy;
  };
  const double near = energyAt(1.0), far = energyAt(3.0);
  std::printf("1 m %.2f, 3 m %.2f: %.1f dB\n", near, far, 10 * std::log10(far / near));
  EXPECT_NEAR(10 * std::log10(far / near), -9.5, 1.0);  // 20 log10(1/3)
}

TEST(SpatialNarration, UnknownOrSilentMarkersAreErrors) {
  media::AudioOutput out = openBinauralLoopback();
  media::NarrationController narration(out, loadTestShot().markers, nullptr);
  EXPECT_FALSE(narration.select("nowhere"));
  EXPECT_FALSE(narration.select("silent"));
  EXPECT_FALSE(narration.speaking());
}

}  // namespace
}  // namespace ps::narration::test
