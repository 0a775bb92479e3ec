// The caption of the moment while a narration plays, and "next marker".
#include <optional>
#include <vector>

#include "media/narration_controller.h"
#include "narration_fixture.h"
#include "scenes/marker_navigation.h"

namespace ps::narration::test {
namespace {

TEST(Captions, FollowTheClipsPlaybackTime) {
  media::AudioOutput out = openBinauralLoopback();
  media::NarrationController narration(out, loadTestShot().markers, nullptr);
  EXPECT_EQ(narration.caption(), "");  // silent
  ASSERT_TRUE(narration.select("left"));
  std::vector<float> mix(2 * kRate / 10);  // 100 ms
  double t = 0;
  auto renderFor = [&](int passes) {
    for (int i = 0; i < passes; ++i) {
      out.render(mix);
      narration.update(t += 0.1, facingForward());
    }
  };
  renderFor(3);  // 0.3 s into the clip
  EXPECT_EQ(narration.caption(), "Left, first words");
  renderFor(6);  // 0.9 s
  EXPECT_EQ(narration.caption(), "Left, second words");
  renderFor(10);  // past the end (1.5 s)
  EXPECT_FALSE(narration.speaking());
  EXPECT_EQ(narration.caption(), "");
}

TEST(Captions, ClipWithoutCaptionsHasNone) {
  media::AudioOutput out = openBinauralLoopback();
  media::NarrationController narration(out, loadTestShot().markers, nullptr);
  ASSERT_TRUE(narration.select("right"));
  std::vector<float> mix(2 * kRate / 10);
  out.render(mix);
  narration.update(0.1, facingForward());
  EXPECT_TRUE(narration.speaking());
  EXPECT_EQ(narration.caption(), "");
}

TEST(NextMarker, JumpsToTheNextTInInTimeOrder) {
  // Document order is right (2.5), left (1.0), silent (0.5): "next" goes by time, not by order.
  const std::vector<scenes::Marker> markers = loadTestShot().markers;
  auto next = [&](double t) -> std::optional<double> {
    const scenes::Marker* m = scenes::nextMarker(markers, t);
    return m != nullptr ? std::optional<double>(m->tIn) : std::nullopt;
  };
  EXPECT_EQ(next(0.0), 0.5);
  EXPECT_EQ(next(0.5), 1.0);  // from a marker's own tIn: the one after
  EXPECT_EQ(next(1.7), 2.5);
  EXPECT_EQ(next(2.5), std::nullopt);  // after the last
}

TEST(NextMarker, ToleranceSkipsAMarkerTheSeekLandedJustBefore) {
  const std::vector<scenes::Marker> markers = loadTestShot().markers;
  const double frame = 1.0 / 30;
  // A seek to 1.0 lands on the frame starting at 0.9667 when frames do not fall on 1.0 exactly.
  const scenes::Marker* m = scenes::nextMarker(markers, 1.0 - frame * 0.9, frame);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->id, "right");
  m = scenes::nextMarker(markers, 1.0 - frame * 0.9);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->id, "left");
  EXPECT_EQ(scenes::nextMarker({}, 0.0), nullptr);
}

}  // namespace
}  // namespace ps::narration::test
