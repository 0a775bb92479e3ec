// The caption of the moment while a narration plays, the markers changed under it, and "next
// marker".
#include <algorithm>
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

// The editor's markers handed on: a rename leaves the voice speaking; a new clip stops it and
// the marker speaks from the new file; a clip taken away leaves the marker silent.
TEST(NarrationMarkers, AChangedClipIsOpenedAfreshAndARenameChangesNothing) {
  media::AudioOutput out = openBinauralLoopback();
  std::vector<scenes::Marker> markers = loadTestShot().markers;
  media::NarrationController narration(out, markers, nullptr);
  ASSERT_TRUE(narration.select("left"));
  std::vector<float> mix(2 * kRate / 10);
  out.render(mix);
  narration.update(0.1, facingForward());
  ASSERT_EQ(narration.speaking(), "left");
  const auto left = std::find_if(markers.begin(), markers.end(), [](const auto& m) { return m.id == "left"; });
  const auto right = std::find_if(markers.begin(), markers.end(), [](const auto& m) { return m.id == "right"; });
  left->title = "Renamed";
  narration.setMarkers(markers);
  for (const double t : {0.2, 0.3}) {
    out.render(mix);
    narration.update(t, facingForward());
  }
  EXPECT_EQ(narration.speaking(), "left") << "a rename does not interrupt it";
  EXPECT_EQ(narration.caption(), "Left, first words");

  left->narration = right->narration;  // another clip, without captions
  narration.setMarkers(markers);
  EXPECT_FALSE(narration.speaking()) << "its clip changed: it stopped";
  ASSERT_TRUE(narration.select("left"));
  out.render(mix);
  narration.update(0.4, facingForward());
  EXPECT_EQ(narration.speaking(), "left");
  EXPECT_EQ(narration.caption(), "") << "the new clip's (none), not the old one's";

  left->narration.reset();
  narration.setMarkers(markers);
  EXPECT_FALSE(narration.select("left").ok()) << "no clip now";
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
