// Transport: the shot's clock and its merged requests, with no video at all,
// and the mapping of a track's media time onto shot time. Time is given, never
// read: each pass says when it is.
#include <gtest/gtest.h>

#include <optional>

#include "media/track_timing.h"
#include "media/transport.h"

namespace ps::media::test {
namespace {

constexpr double kFps = 24.0;
constexpr double kFrame = 1.0 / kFps;

ShotRange shot(double in, std::optional<double> out) {
  return ShotRange{.inSeconds = in, .outSeconds = out, .fps = Rational{24, 1}};
}

struct FakeAudio final : AudioClock {
  std::optional<AudioClockReading> now;
  std::optional<AudioClockReading> reading() const override { return now; }
};

TEST(Transport, StartsPausedAtTheShotsIn) {
  Transport t(shot(2.0, 10.0));
  const TransportState s = t.update(500.0);
  EXPECT_FALSE(s.playing);
  EXPECT_DOUBLE_EQ(s.positionSeconds, 2.0);
  EXPECT_DOUBLE_EQ(t.update(900.0).positionSeconds, 2.0);
}

TEST(Transport, PlayRunsWithTheGivenTimeAndPauseHolds) {
  Transport t(shot(2.0, 10.0));
  t.play();
  EXPECT_DOUBLE_EQ(t.update(100.0).positionSeconds, 2.0);  // starts here
  EXPECT_DOUBLE_EQ(t.update(101.5).positionSeconds, 3.5);
  t.pause();
  EXPECT_DOUBLE_EQ(t.update(102.0).positionSeconds, 4.0);
  const TransportState held = t.update(200.0);
  EXPECT_FALSE(held.playing);
  EXPECT_DOUBLE_EQ(held.positionSeconds, 4.0);
  t.play();
  EXPECT_DOUBLE_EQ(t.update(300.0).positionSeconds, 4.0) << "resumes where it stood, not where time went";
  EXPECT_DOUBLE_EQ(t.update(301.0).positionSeconds, 5.0);
}

TEST(Transport, PauseAtHoldsTheShotTimeOfItsMoment) {
  Transport t(shot(0.0, 10.0));
  t.play();
  static_cast<void>(t.update(0.0));
  t.pause(1.25);  // the last frame shown; the next pass comes much later
  EXPECT_DOUBLE_EQ(t.update(60.0).positionSeconds, 1.25);
  t.play();
  EXPECT_DOUBLE_EQ(t.update(61.0).positionSeconds, 1.25);
  EXPECT_DOUBLE_EQ(t.update(61.5).positionSeconds, 1.75);
}

TEST(Transport, SeeksInOnePassMergeToTheLastAndStayInsideTheShot) {
  Transport t(shot(2.0, 10.0));
  t.seek(5.0);
  t.seek(7.0);
  t.seek(3.0);
  EXPECT_DOUBLE_EQ(t.update(0.0).positionSeconds, 3.0);
  t.seek(0.5);
  EXPECT_DOUBLE_EQ(t.update(0.0).positionSeconds, 2.0) << "before in";
  t.seek(99.0);
  EXPECT_DOUBLE_EQ(t.update(0.0).positionSeconds, 239 * kFrame) << "past out: the last shot frame";
}

TEST(Transport, StepsAreShotFramesTheyAddUpAndPause) {
  Transport t(shot(0.0, 10.0));
  t.seek(10.5 * kFrame);  // inside frame 10
  t.play();
  static_cast<void>(t.update(0.0));
  t.step(+1);
  t.step(+1);
  t.step(+1);
  TransportState s = t.update(0.0);
  EXPECT_FALSE(s.playing);
  EXPECT_DOUBLE_EQ(s.positionSeconds, 13 * kFrame) << "the start of frame 13";
  t.step(-5);
  EXPECT_DOUBLE_EQ(t.update(6.0).positionSeconds, 8 * kFrame);
  // A seek drops the steps before it; steps after it apply from where it lands.
  t.step(+4);
  t.seek(2 * kFrame);
  t.step(+1);
  EXPECT_DOUBLE_EQ(t.update(7.0).positionSeconds, 3 * kFrame);
}

TEST(Transport, StepsStopAtBothEndsOfTheShot) {
  Transport t(shot(1.0, 2.0));
  t.step(-3);
  EXPECT_DOUBLE_EQ(t.update(0.0).positionSeconds, 1.0);
  t.seek(2.0 - 0.5 * kFrame);
  t.step(+2);
  EXPECT_DOUBLE_EQ(t.update(0.0).positionSeconds, 47 * kFrame);
}

TEST(Transport, StepsCountFramesOfTheShotsRateFromShotTimeZero) {
  // 24000/1001: frame k starts at k * 1001/24000 s, wherever `in` lies.
  Transport t(ShotRange{.inSeconds = 0.0, .outSeconds = 60.0, .fps = Rational{24000, 1001}});
  t.step(+100);
  EXPECT_NEAR(t.update(0.0).positionSeconds, 100 * 1001.0 / 24000.0, 1e-12);
  t.step(-1);
  EXPECT_NEAR(t.update(0.0).positionSeconds, 99 * 1001.0 / 24000.0, 1e-12);
}

TEST(Transport, RateScalesTheClockAndIsClamped) {
  Transport t(shot(0.0, 100.0));
  t.setRate(2.0);
  t.play();
  EXPECT_DOUBLE_EQ(t.update(10.0).positionSeconds, 0.0);
  EXPECT_DOUBLE_EQ(t.update(11.0).positionSeconds, 2.0);
  t.setRate(0.25);
  EXPECT_DOUBLE_EQ(t.update(12.0).positionSeconds, 4.0) << "continuous at the change";
  EXPECT_DOUBLE_EQ(t.update(16.0).positionSeconds, 5.0);
  t.setRate(100.0);
  EXPECT_DOUBLE_EQ(t.update(16.0).rate, Transport::kMaxRate);
  t.setRate(0.0);
  EXPECT_DOUBLE_EQ(t.update(16.0).rate, Transport::kMinRate);
}

TEST(Transport, LoopWrapsFromOutToInKeepingTheOvershoot) {
  Transport t(shot(0.0, 100.0));
  t.setLoop({.inSeconds = 4.0, .outSeconds = 6.0});
  t.seek(5.0);
  t.play();
  EXPECT_DOUBLE_EQ(t.update(0.0).positionSeconds, 5.0);
  const TransportState s = t.update(1.25);  // 6.25: a quarter second past out
  EXPECT_DOUBLE_EQ(s.positionSeconds, 4.25);
  EXPECT_EQ(s.loopWraps, 1u);
  EXPECT_DOUBLE_EQ(t.update(2.0).positionSeconds, 5.0);
  EXPECT_EQ(t.update(3.5).loopWraps, 2u);
  t.clearLoop();
  EXPECT_DOUBLE_EQ(t.update(4.0).positionSeconds, 5.0);
  EXPECT_DOUBLE_EQ(t.update(5.5).positionSeconds, 6.5) << "no loop: plays on past the old out";
}

TEST(Transport, StopsAtTheShotsOutAndPlayStartsAgainFromIn) {
  Transport t(shot(1.0, 3.0));
  t.play();
  static_cast<void>(t.update(0.0));
  const TransportState end = t.update(5.0);
  EXPECT_TRUE(end.atEnd);
  EXPECT_FALSE(end.playing);
  EXPECT_DOUBLE_EQ(end.positionSeconds, 71 * kFrame) << "on the last shot frame";
  t.play();
  const TransportState again = t.update(10.0);
  EXPECT_TRUE(again.playing);
  EXPECT_FALSE(again.atEnd);
  EXPECT_DOUBLE_EQ(again.positionSeconds, 1.0);
}

TEST(Transport, HeldByATrackTheClockStandsStillWhilePlayStaysInEffect) {
  Transport t(shot(0.0, std::nullopt));
  t.play();
  static_cast<void>(t.update(0.0));
  t.hold(true, 1.0);  // a track is landing a seek
  TransportState s = t.state(3.0);
  EXPECT_TRUE(s.playing);
  EXPECT_TRUE(s.held);
  EXPECT_DOUBLE_EQ(s.positionSeconds, 1.0);
  t.hold(false, 3.0);
  EXPECT_DOUBLE_EQ(t.state(3.5).positionSeconds, 1.5);
}

TEST(Transport, TheSoundtrackIsTheMasterWhileItSounds) {
  FakeAudio audio;
  Transport t(shot(0.0, 100.0), &audio);
  t.play();
  static_cast<void>(t.update(0.0));
  audio.now = AudioClockReading{.shotSeconds = 0.96, .atSeconds = 1.0};  // the device runs late
  TransportState s = t.update(1.0);
  EXPECT_DOUBLE_EQ(s.positionSeconds, 0.96);
  EXPECT_EQ(s.clock, ClockMaster::Audio);
  audio.now.reset();
  s = t.update(2.0);
  EXPECT_DOUBLE_EQ(s.positionSeconds, 1.96) << "hands over to the monotonic clock continuously";
  EXPECT_EQ(s.clock, ClockMaster::Monotonic);
}

// What a lead track (the plate) resolves its seeks and the range's end against.
TEST(Transport, ClampsToTheRangeFromInToItsLastShotFrame) {
  const Transport t(shot(1.0, 2.0));
  EXPECT_NEAR(t.lastFrameStart(), 47 * kFrame, 1e-12) << "the last shot frame that starts before out";
  EXPECT_DOUBLE_EQ(t.clampToRange(0.5), 1.0);
  EXPECT_DOUBLE_EQ(t.clampToRange(1.5), 1.5);
  EXPECT_NEAR(t.clampToRange(2.0), 47 * kFrame, 1e-12);
  const Transport open(shot(1.0, std::nullopt));
  EXPECT_DOUBLE_EQ(open.clampToRange(1e6), 1e6) << "an open range has no end to clamp to";
}

TEST(TrackTiming, IdentityIsThePlateOfAPerfectshot1Shot) {
  const TrackTiming plate;
  EXPECT_TRUE(plate.at(0.0).inside());
  EXPECT_DOUBLE_EQ(plate.at(12.5).mediaSeconds, 12.5);
  EXPECT_DOUBLE_EQ(plate.shotSeconds(12.5), 12.5);
}

TEST(TrackTiming, StartOffsetAndRateMapShotTimeToMediaTime) {
  // Begins at shot 10 s showing its media 2 s, at half speed, 6 s of media long.
  const TrackTiming track{.startSeconds = 10.0, .offsetSeconds = 2.0, .rate = 0.5, .mediaEndSeconds = 6.0};
  EXPECT_EQ(track.at(9.99).place, TrackPlace::Before);
  EXPECT_NEAR(track.at(9.99).mediaSeconds, 1.995, 1e-12);
  EXPECT_TRUE(track.at(10.0).inside());
  EXPECT_DOUBLE_EQ(track.at(10.0).mediaSeconds, 2.0);
  EXPECT_DOUBLE_EQ(track.at(14.0).mediaSeconds, 4.0);
  EXPECT_TRUE(track.at(17.99).inside());
  EXPECT_EQ(track.at(18.0).place, TrackPlace::After) << "media 6 s: its end, exclusive";
  EXPECT_DOUBLE_EQ(track.shotSeconds(4.0), 14.0);
  EXPECT_DOUBLE_EQ(*track.endShotSeconds(), 18.0);
}

TEST(TrackTiming, ATrackFollowsTheTransportThroughSeeksAndPlay) {
  Transport t(shot(0.0, 30.0));
  const TrackTiming clip{.startSeconds = 5.0, .offsetSeconds = 0.0, .rate = 1.0, .mediaEndSeconds = 4.0};
  EXPECT_EQ(clip.at(t.update(0.0).positionSeconds).place, TrackPlace::Before);
  t.seek(6.0);
  t.play();
  EXPECT_DOUBLE_EQ(clip.at(t.update(100.0).positionSeconds).mediaSeconds, 1.0);
  EXPECT_DOUBLE_EQ(clip.at(t.update(102.5).positionSeconds).mediaSeconds, 3.5);
  EXPECT_EQ(clip.at(t.update(103.0).positionSeconds).place, TrackPlace::After);
}

}  // namespace
}  // namespace ps::media::test
