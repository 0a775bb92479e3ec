// A shot with thousands of narrated markers: nothing is decoded until a marker is selected,
// and only a few clips stay open however many are selected over a session.
#include <string>
#include <vector>

#include "media/narration_controller.h"
#include "narration_fixture.h"

namespace ps::narration::test {
namespace {

std::vector<scenes::Marker> fiveThousandNarrated() {
  const std::vector<scenes::Marker> base = loadTestShot().markers;
  const scenes::Marker* narrated = nullptr;
  for (const scenes::Marker& m : base)
    if (m.narration) narrated = &m;
  if (narrated == nullptr) throw std::runtime_error("the test shot has no narrated marker");
  std::vector<scenes::Marker> markers;
  for (int i = 0; i < 5000; ++i) {
    scenes::Marker m = *narrated;
    m.id = "m" + std::to_string(i);
    m.tIn = i * 0.2;
    m.tOut = m.tIn + 2.0;
    markers.push_back(std::move(m));
  }
  return markers;
}

TEST(ManyMarkers, ClipsOpenWhenSelectedAndStayBounded) {
  media::AudioOutput out = openBinauralLoopback();
  media::NarrationOptions options;
  options.maxOpenVoices = 4;
  media::NarrationController narration(out, fiveThousandNarrated(), nullptr, options);
  EXPECT_EQ(narration.openVoices(), 0u) << "a clip was decoded before any marker was selected";
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(narration.select("m" + std::to_string(i * 250)));
    EXPECT_LE(narration.openVoices(), 4u);
    EXPECT_EQ(narration.speaking(), "m" + std::to_string(i * 250));
  }
  // Selected again while still open: it speaks at once, nothing closes.
  ASSERT_TRUE(narration.select("m4500"));
  EXPECT_EQ(narration.openVoices(), 4u);
  std::vector<float> mix(2 * kRate / 10);
  out.render(mix);
  narration.update(0.1, facingForward());
  EXPECT_EQ(narration.speaking(), "m4500");
}

TEST(ManyMarkers, AMarkerWithoutAClipSaysSoWhenSelected) {
  media::AudioOutput out = openBinauralLoopback();
  std::vector<scenes::Marker> markers = fiveThousandNarrated();
  markers[7].narration->path = "/nonexistent/clip.wav";
  media::NarrationController narration(out, markers, nullptr);
  const Status s = narration.select("m7");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find("m7"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("clip.wav"), std::string::npos) << s.error().message();
  EXPECT_FALSE(narration.speaking());
  EXPECT_TRUE(narration.select("m8"));
}

}  // namespace
}  // namespace ps::narration::test
