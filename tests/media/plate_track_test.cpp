// The plate as a track on the shot's own time: a range that is not the plate's, a plate
// placed by its start and offset, no picture outside it while the clock runs on, and steps
// in shot frames. A generated 30 fps plate of 150 stamped frames (5 s), paced by a stepped
// clock: no sleeps, no real time.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <optional>

#include "media/player.h"
#include "test_media.h"

namespace ps::media::test {
namespace {

using namespace std::chrono_literals;
constexpr double kFrame = 1.0 / 30.0;  // the plate's frame

PlateOnShot placed(double in, std::optional<double> out, Rational fps, double start, double offset) {
  return PlateOnShot{.range = ShotRange{.inSeconds = in, .outSeconds = out, .fps = fps},
                     .startSeconds = start,
                     .offsetSeconds = offset};
}

// The stamp of the plate frame shown at display time t; -1 for no picture.
int shownAt(Player& p, double t) {
  PlayerFrame f = p.update(t, 10s);
  if (f.frame == nullptr) return -1;
  EXPECT_EQ(f.frame->index, stampOf(*f.frame));
  return stampOf(*f.frame);
}

// The shot frame the timeline shows for a state, at the shot's rate.
long shotFrame(const PlayerState& s, Rational fps) {
  return std::lround(std::floor(s.positionSeconds * fps.toDouble() + 1e-6));
}

// The plate starts at shot time 2 s showing its own 1 s (frame 30); the shot is 0..6 s.
TEST(PlateTrack, APlateOffsetIntoTheShotShowsItsMediaTimeAtItsStart) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, 6.0, {30, 1}, 2.0, 1.0));
  const PlayerFrame first = p.update(100.0, 10s);
  EXPECT_EQ(first.frame, nullptr) << "before the plate: no picture";
  EXPECT_EQ(first.state.plate, TrackPlace::Before);
  EXPECT_DOUBLE_EQ(first.state.positionSeconds, 0.0);
  EXPECT_EQ(first.state.frameIndex, -1);

  p.seek(3.0);
  const PlayerFrame at3 = p.update(101.0, 10s);
  ASSERT_NE(at3.frame, nullptr);
  EXPECT_EQ(stampOf(*at3.frame), 60) << "shot 3 s is the plate's 2 s";
  EXPECT_EQ(at3.state.plate, TrackPlace::Inside);
  EXPECT_DOUBLE_EQ(at3.state.positionSeconds, 3.0);

  p.seek(1.0);
  EXPECT_EQ(shownAt(p, 102.0), -1);
  EXPECT_EQ(p.update(102.0).state.plate, TrackPlace::Before);
}

// The clock runs through the part without a picture, and the plate's first frame shows at
// its start on time: it was decoded ahead, no seek when play reaches it.
TEST(PlateTrack, PlayingIntoThePlateShowsItsFirstFrameOnTime) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, 6.0, {30, 1}, 2.0, 1.0));
  p.seek(1.5);
  p.play();
  EXPECT_EQ(shownAt(p, 0.0), -1);
  const auto seeks = p.decoderSeekCounts().requested;
  const PlayerFrame before = p.update(0.25, 10s);
  EXPECT_EQ(before.frame, nullptr);
  EXPECT_TRUE(before.state.playing);
  EXPECT_NEAR(before.state.positionSeconds, 1.75, 1e-9) << "the clock runs without the plate";
  for (int k = 0; k < 45; ++k) ASSERT_EQ(shownAt(p, 0.5 + (k + 0.5) * kFrame), 30 + k) << k;
  EXPECT_EQ(p.decoderSeekCounts().requested, seeks);
}

// The shot is 0..8 s and the plate covers 1..6 s of it: after the plate the clock runs on
// without a picture to the shot's out, where playback stops on the last shot frame.
TEST(PlateTrack, AShotWiderThanThePlateRunsOnWithoutAPictureToItsOut) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, 8.0, {30, 1}, 1.0, 0.0));
  p.seek(5.5);
  p.play();
  EXPECT_EQ(shownAt(p, 0.0), 135);
  EXPECT_EQ(shownAt(p, 0.45), 148);
  const PlayerFrame after = p.update(1.0, 10s);
  EXPECT_EQ(after.frame, nullptr);
  EXPECT_EQ(after.state.plate, TrackPlace::After);
  EXPECT_TRUE(after.state.playing);
  EXPECT_FALSE(after.state.atEnd);
  EXPECT_NEAR(after.state.positionSeconds, 6.5, 1e-9);
  const PlayerFrame end = p.update(3.0, 10s);
  EXPECT_TRUE(end.state.atEnd);
  EXPECT_FALSE(end.state.playing);
  EXPECT_EQ(end.frame, nullptr);
  EXPECT_EQ(shotFrame(end.state, {30, 1}), 239) << "the last shot frame before out";
  // Play at the end starts again from the shot's in, before the plate.
  p.play();
  const PlayerFrame again = p.update(10.0, 10s);
  EXPECT_DOUBLE_EQ(again.state.positionSeconds, 0.0);
  EXPECT_EQ(again.state.plate, TrackPlace::Before);
}

// Steps go on over the shot frames around the plate, and back onto its frames.
TEST(PlateTrack, StepsCrossThePlatesEdgesFrameByFrame) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, 8.0, {30, 1}, 1.0, 0.0));
  p.seek(1.0 + 149 * kFrame);
  EXPECT_EQ(shownAt(p, 0.0), 149);
  p.step(+1);
  PlayerFrame f = p.update(0.0, 10s);
  EXPECT_EQ(f.frame, nullptr);
  EXPECT_EQ(f.state.plate, TrackPlace::After);
  EXPECT_EQ(shotFrame(f.state, {30, 1}), 180);
  p.step(+1);
  EXPECT_EQ(shotFrame(p.update(0.0, 10s).state, {30, 1}), 181);
  p.step(-2);
  EXPECT_EQ(shownAt(p, 0.0), 149);
  EXPECT_EQ(shotFrame(p.update(0.0).state, {30, 1}), 179);

  p.seek(1.0);
  EXPECT_EQ(shownAt(p, 0.0), 0);
  p.step(-1);
  f = p.update(0.0, 10s);
  EXPECT_EQ(f.frame, nullptr);
  EXPECT_EQ(f.state.plate, TrackPlace::Before);
  EXPECT_EQ(shotFrame(f.state, {30, 1}), 29);
  p.step(+1);
  EXPECT_EQ(shownAt(p, 0.0), 0);
  EXPECT_EQ(shotFrame(p.update(0.0).state, {30, 1}), 30);
}

// A shot at 24 fps over a 30 fps plate: a step is one shot frame (the timeline's number
// moves by one), showing the plate frame at that shot frame's start.
TEST(PlateTrack, StepsAreShotFramesAtTheShotsRate) {
  const Rational fps{24, 1};
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, std::nullopt, fps, 0.0, 0.0));
  EXPECT_EQ(shownAt(p, 0.0), 0);
  const auto seeks = p.decoderSeekCounts().requested;
  for (int k = 1; k <= 8; ++k) {
    p.step(+1);
    const PlayerFrame f = p.update(0.0, 10s);
    ASSERT_NE(f.frame, nullptr);
    EXPECT_EQ(shotFrame(f.state, fps), k);
    EXPECT_EQ(stampOf(*f.frame), static_cast<int>(std::floor(k * 30.0 / 24.0 + 1e-9))) << k;
  }
  EXPECT_EQ(p.decoderSeekCounts().requested, seeks) << "forward steps read on from the decoder";
  p.step(-3);
  const PlayerFrame back = p.update(0.0, 10s);
  EXPECT_EQ(shotFrame(back.state, fps), 5);
  EXPECT_EQ(stampOf(*back.frame), 6);  // 5/24 s lies in the plate's frame 6
}

// The shot's range trims the plate: play stops on the last frame before out, and its
// picture is that frame (not the plate's last).
TEST(PlateTrack, PlaybackStopsAtTheShotsOutInsideThePlate) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(1.0, 2.0, {30, 1}, 0.0, 0.0));
  EXPECT_EQ(shownAt(p, 0.0), 30) << "starts paused at the shot's in";
  p.play();
  EXPECT_EQ(shownAt(p, 0.0), 30);
  EXPECT_EQ(shownAt(p, 0.9), 57);
  const PlayerFrame end = p.update(1.5, 10s);
  EXPECT_TRUE(end.state.atEnd);
  ASSERT_NE(end.frame, nullptr);
  EXPECT_EQ(stampOf(*end.frame), 59);
  EXPECT_EQ(shotFrame(end.state, {30, 1}), 59);
  // Steps stay inside the range too.
  p.step(+1);
  EXPECT_EQ(shownAt(p, 2.0), 59);
  p.seek(1.0);
  EXPECT_EQ(shownAt(p, 2.0), 30);
  p.step(-1);
  EXPECT_EQ(shownAt(p, 2.0), 30);
}

// The pause that is not a frame behind, on a placed plate: the picture is the frame of the
// shot time held.
TEST(PlateTrack, PauseShowsTheFrameOfTheShotTimeHeldOnAPlacedPlate) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, 6.0, {30, 1}, 2.0, 1.0));
  p.seek(2.0);
  p.play();
  EXPECT_EQ(shownAt(p, 0.0), 30);
  EXPECT_EQ(shownAt(p, 10.5 * kFrame), 40);
  p.pause();
  const PlayerFrame paused = p.update(11.5 * kFrame, 10s);
  ASSERT_NE(paused.frame, nullptr);
  EXPECT_EQ(shotFrame(paused.state, {30, 1}), 60 + 11);
  EXPECT_EQ(stampOf(*paused.frame), 30 + 11);
  p.step(+1);
  const PlayerFrame next = p.update(20.0, 10s);
  EXPECT_EQ(stampOf(*next.frame), 42);
  EXPECT_EQ(shotFrame(next.state, {30, 1}), 72);
}

// A loop region that opens before the plate: each time round, the part before it shows no
// picture and the plate's first frame comes on time again.
TEST(PlateTrack, ALoopRoundThePlatesStartPlaysItsGapEachTime) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr, {}, placed(0.0, 6.0, {30, 1}, 2.0, 1.0));
  p.setLoop({.inSeconds = 1.5, .outSeconds = 2.5});
  p.seek(1.5);
  p.play();
  EXPECT_EQ(shownAt(p, 0.0), -1);
  for (int round = 0; round < 3; ++round) {
    const double t0 = round * 1.0;
    for (int k = 0; k < 15; ++k) ASSERT_EQ(shownAt(p, t0 + (k + 0.5) * kFrame), -1) << round << " " << k;
    for (int k = 0; k < 15; ++k) ASSERT_EQ(shownAt(p, t0 + 0.5 + (k + 0.5) * kFrame), 30 + k) << round << " " << k;
  }
  EXPECT_EQ(p.update(2.99).state.loopWraps, 2u);
}

// No range given: the plate's own, as before (a perfectshot/1 plate is the identity).
TEST(PlateTrack, WithoutAShotTheRangeIsThePlatesOwn) {
  Player p(openOrFail("gop30_bf3.mp4"), nullptr);
  EXPECT_DOUBLE_EQ(p.transport().range().inSeconds, 0.0);
  ASSERT_TRUE(p.transport().range().outSeconds.has_value());
  EXPECT_NEAR(*p.transport().range().outSeconds, 150 * kFrame, kFrame);
  EXPECT_EQ(p.transport().range().fps, (Rational{30, 1}));
  EXPECT_DOUBLE_EQ(p.plateTiming().startSeconds, 0.0);
  EXPECT_DOUBLE_EQ(p.plateTiming().offsetSeconds, 0.0);
}

}  // namespace
}  // namespace ps::media::test
