// A shot's times against the real length of its video: what lint reports and play
// refuses, which shot.json alone cannot tell.
#include <gtest/gtest.h>

#include "scenes/video_times.h"

namespace ps::scenes {
namespace {

Shot shotWith(std::optional<double> out) {
  Shot s;
  s.file = "pkg/shot.json";
  s.timeline.in = 1;
  s.timeline.out = out;
  Marker m;
  m.id = "lens";
  m.tIn = 2;
  m.tOut = 9;
  s.markers.push_back(m);
  s.timeline.chapters.push_back({3, "Start"});
  return s;
}

std::vector<std::string> pointers(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) {
    EXPECT_EQ(p.severity, Severity::Error) << p.pointer;
    out.push_back(p.pointer);
  }
  return out;
}

const VideoLength k10s{10.0, 1.0 / 30};
const VideoLength k5s{5.0, 1.0 / 30};

TEST(VideoTimes, ATimelineInsideTheVideoIsFine) {
  EXPECT_TRUE(checkTimesAgainstVideo(shotWith(10.0), "plate.mp4", k10s).empty());
  EXPECT_TRUE(checkTimesAgainstVideo(shotWith(std::nullopt), "plate.mp4", k10s).empty());
  // Within a frame of the end: containers round durations.
  EXPECT_TRUE(checkTimesAgainstVideo(shotWith(10.02), "plate.mp4", k10s).empty());
  // A container that does not say its length: nothing to check against.
  EXPECT_TRUE(checkTimesAgainstVideo(shotWith(99.0), "live", VideoLength{}).empty());
}

TEST(VideoTimes, AnOutOrInPastTheVideoIsAnError) {
  const auto out = checkTimesAgainstVideo(shotWith(12.0), "plate.mp4", k10s);
  ASSERT_EQ(pointers(out), (std::vector<std::string>{"/timeline/out"}));
  EXPECT_EQ(out[0].message, "the timeline's out (12 s) is after the end of \"plate.mp4\" (10 s)");
  Shot late = shotWith(std::nullopt);
  late.timeline.in = 10;
  late.markers.clear();
  late.timeline.chapters.clear();
  EXPECT_EQ(pointers(checkTimesAgainstVideo(late, "plate.mp4", k10s)), (std::vector<std::string>{"/timeline/in"}));
}

TEST(VideoTimes, WithoutAnOutEveryTimeMustLieInsideTheVideo) {
  Shot s = shotWith(std::nullopt);
  s.camera = FilmCamera{};
  s.camera->track.push_back({4, {}});
  s.camera->track.push_back({6, {}});
  const auto problems = checkTimesAgainstVideo(s, "plate.mp4", k5s);
  EXPECT_EQ(pointers(problems), (std::vector<std::string>{"/markers/0/t_out", "/camera/track/1/t"}));
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].message.find("marker \"lens\" ends at 9 s, after the end of \"plate.mp4\" (5 s)"),
            std::string::npos)
      << problems[0].message;
  // With an out, the parse has already held every time inside it; only the out is checked.
  EXPECT_EQ(pointers(checkTimesAgainstVideo(shotWith(9.0), "plate.mp4", k5s)),
            (std::vector<std::string>{"/timeline/out"}));
  // A proxy only has to reach as far as the timeline.
  EXPECT_TRUE(checkTimelineAgainstVideo(s, "proxy.mp4", k5s).empty());
}

MediaRef plateAt(double start, double offset) {
  MediaRef m;
  m.pointer = "/media/0";
  m.startSeconds = start;
  m.offsetSeconds = offset;
  return m;
}

// A plate placed on shot time ends at start + length - offset: the timeline is checked
// against that, and an offset that leaves nothing of the video is refused at its pointer.
TEST(VideoTimes, APlacedPlateIsCheckedOnShotTime) {
  const MediaRef late = plateAt(2, 1);  // 10 s of video: shot 2..11
  EXPECT_TRUE(checkTimesAgainstVideo(shotWith(11.0), "plate.mp4", k10s, &late).empty());
  const auto out = checkTimesAgainstVideo(shotWith(11.5), "plate.mp4", k10s, &late);
  ASSERT_EQ(pointers(out), (std::vector<std::string>{"/timeline/out"}));
  EXPECT_EQ(out[0].message,
            "the timeline's out (11.5 s) is after the end of \"plate.mp4\" (10 s long; on shot time at 11 s, from its "
            "start 2 s and offset 1 s)");
  // The shot may open before its plate starts (no picture until then).
  Shot early = shotWith(5.0);
  early.timeline.in = 0;
  const MediaRef atFour = plateAt(4, 0);
  EXPECT_TRUE(checkTimesAgainstVideo(early, "plate.mp4", k10s, &atFour).empty());
  // Without an out, times must lie inside the plate's span on shot time.
  const MediaRef trimmed = plateAt(0, 4);  // shot 0..6
  EXPECT_EQ(pointers(checkTimesAgainstVideo(shotWith(std::nullopt), "plate.mp4", k10s, &trimmed)),
            (std::vector<std::string>{"/markers/0/t_out"}));
  const MediaRef gone = plateAt(0, 10);
  const auto offset = checkTimesAgainstVideo(shotWith(5.0), "plate.mp4", k10s, &gone);
  ASSERT_EQ(pointers(offset), (std::vector<std::string>{"/media/0/offset"}));
  EXPECT_EQ(offset[0].message,
            "the offset (10 s) is not before the end of \"plate.mp4\" (10 s); the video would never show");
  // The identity (a perfectshot/1 plate that names neither) reads as before.
  const MediaRef identity = plateAt(0, 0);
  EXPECT_EQ(checkTimesAgainstVideo(shotWith(12.0), "plate.mp4", k10s, &identity)[0].message,
            "the timeline's out (12 s) is after the end of \"plate.mp4\" (10 s)");
}

}  // namespace
}  // namespace ps::scenes
