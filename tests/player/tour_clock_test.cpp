// A guided tour's clock (player/tour_clock.h) driving a real transport on stepped display times
// (no sleeps): the recorded timeline events are applied at the display frame their recording
// time falls in, and the transport lands on the shot times the director's did; a viewer's pause
// holds the tour, a viewer's seek moves it to where the director watched that shot time.
#include <gtest/gtest.h>

#include <cmath>

#include "player/tour_clock.h"
#include "scenes/walkthrough.h"

namespace ps::player {
namespace {

using A = scenes::TimelineAction;
constexpr double kDisplayHz = 64;  // display times exact in binary: sums of them stay exact
constexpr double kFrame = 1.0 / 30;

// Paused at shot 2 until 1 s, plays to 2 s, pauses, steps a frame at 2.5 s, plays at half speed
// from 3 s, seeks to 10 s at 4 s; 6 s long, sampled at 64 Hz.
scenes::Walkthrough recording() {
  scenes::Walkthrough w;
  w.name = "tour";
  w.durationSeconds = 6;
  w.events = {{0, A::Seek, 2, 1, 0},          {0, A::Pause, 2, 1, 0},         {1, A::Play, 2, 1, 0},
              {2, A::Pause, 3, 1, 0},         {2.5, A::Step, 3 + kFrame, 1, 1}, {3, A::Rate, 3 + kFrame, 0.5, 0},
              {3, A::Play, 3 + kFrame, 1, 0}, {4, A::Seek, 10, 1, 0}};
  for (int i = 0; i <= 6 * 64; ++i) {
    scenes::WalkthroughSample s;
    s.t = i / kDisplayHz;
    s.shotSeconds = scenes::timelineStateAt(w, s.t).shotSeconds;
    w.samples.push_back(s);
  }
  return w;
}

struct Tour {
  const scenes::Walkthrough w = recording();
  media::Transport transport{media::ShotRange{0, 60.0, Rational{30, 1}}};
  TourClock clock{w, kFrame};
  double shown = 0;
  int frame = 0;
  double now() const { return 100.0 + frame / kDisplayHz; }  // the display's clock, not the recording's

  // One display frame; returns the tick and leaves the transport's state in `state`.
  TourClock::Tick step(media::TransportState& state) {
    const TourClock::Tick tick = clock.advance(now());
    if (tick.rate) transport.setRate(*tick.rate);
    for (const scenes::WalkthroughEvent& e : tick.due) applyTimelineEvent(e, transport, shown);
    state = transport.update(now());
    clock.shown(state.playing, state.held, state.positionSeconds);
    shown = state.positionSeconds;
    ++frame;
    return tick;
  }
};

TEST(TourClock, TheTransportDoesWhatTheDirectorsDidWhenTheyDidIt) {
  Tour run;
  media::TransportState state;
  std::size_t applied = 0;
  for (int k = 0; k <= 6 * 64; ++k) {
    const TourClock::Tick tick = run.step(state);
    // Each event is due at the first display frame whose recording time reaches it.
    for (const scenes::WalkthroughEvent& e : tick.due) {
      EXPECT_GE(tick.recordingSeconds, e.t);
      EXPECT_LT(tick.recordingSeconds, e.t + 1 / kDisplayHz) << scenes::toString(e.action) << " at " << e.t;
      ++applied;
    }
    // And the shot time is the director's at that moment of the recording.
    const scenes::TimelineState director = scenes::timelineStateAt(run.w, tick.recordingSeconds);
    EXPECT_NEAR(state.positionSeconds, director.shotSeconds, 1e-9) << "recording " << tick.recordingSeconds;
    EXPECT_EQ(state.playing, director.playing) << "recording " << tick.recordingSeconds;
    EXPECT_DOUBLE_EQ(state.rate, director.rate) << "recording " << tick.recordingSeconds;
    EXPECT_EQ(tick.ended, tick.recordingSeconds >= run.w.durationSeconds);
  }
  EXPECT_EQ(applied, run.w.events.size());
  EXPECT_DOUBLE_EQ(run.clock.recordingSeconds(), 6.0);  // held at the end
}

TEST(TourClock, AViewersPauseHoldsTheTourAndPlayGoesOnFromThere) {
  Tour run;
  media::TransportState state;
  while (run.clock.recordingSeconds() < 1.5) run.step(state);
  run.transport.pause();
  for (int k = 0; k < 64; ++k) run.step(state);  // a second paused
  EXPECT_TRUE(run.clock.waiting());
  EXPECT_NEAR(run.clock.recordingSeconds(), 1.5, 1.5 / kDisplayHz);
  const double heldShot = state.positionSeconds;
  run.transport.play();
  run.step(state);
  for (int k = 0; k < 16; ++k) run.step(state);  // a quarter second on
  EXPECT_FALSE(run.clock.waiting());
  EXPECT_NEAR(state.positionSeconds, heldShot + 16 / kDisplayHz, 1e-9);  // from the frame play came in
  EXPECT_NEAR(run.clock.recordingSeconds(), 1.5 + 0.25, 2.5 / kDisplayHz);
}

TEST(TourClock, AViewersSeekMovesTheTourToWhereTheDirectorWatchedThatShotTime) {
  Tour run;
  media::TransportState state;
  while (run.clock.recordingSeconds() < 1.5) run.step(state);
  run.transport.seek(10.2);  // the director watched 10.2 at 4.4 s, playing at half speed
  run.step(state);
  const TourClock::Tick tick = run.step(state);
  EXPECT_TRUE(tick.jumped);
  EXPECT_NEAR(tick.recordingSeconds, 4.4, 2.0 / kDisplayHz);
  // The seek at 4 s is behind it: not applied again; it plays on from there at the director's
  // rate there (half speed), so the shot time and the recording stay together.
  for (const scenes::WalkthroughEvent& e : tick.due) EXPECT_GT(e.t, 4.0);
  EXPECT_EQ(tick.rate, 0.5);
  for (int k = 0; k < 96; ++k) {
    const TourClock::Tick later = run.step(state);
    EXPECT_FALSE(later.jumped) << k;
  }
  EXPECT_NEAR(run.clock.recordingSeconds(), tick.recordingSeconds + 96 / kDisplayHz, 1e-9);
  EXPECT_NEAR(state.positionSeconds, scenes::sampleAt(run.w, run.clock.recordingSeconds())->shotSeconds, 0.02);
}

}  // namespace
}  // namespace ps::player
