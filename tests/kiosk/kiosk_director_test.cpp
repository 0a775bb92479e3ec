// The kiosk director's wiring with a made-up display and programmes: the presence source it
// picks, what a visit does to the programmes, the recentred eyes, the fades and the operator's
// line. Frames are made up too: their display times are the injected clock.
#include "kiosk/kiosk_director.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <glm/gtc/quaternion.hpp>

namespace ps::kiosk {
namespace {

class FakeDisplay final : public xr::Display {
 public:
  xr::DisplayCapabilities can;
  std::string status;
  std::string_view name() const override { return "fake"; }
  xr::DisplayCapabilities capabilities() const override { return can; }
  const engine::Device& device() const override { throw std::logic_error("no device"); }
  xr::DisplayEvents poll() override { return {}; }
  std::optional<xr::DisplayFrame> beginFrame() override { return std::nullopt; }
  void endFrame(xr::DisplayFrame&) override {}
  xr::RawInput input() override { return {}; }
  void requestQuit() override {}
  void setOperatorStatus(const std::string& line) override { status = line; }
};

class FakeProgramme final : public Programme {
 public:
  std::vector<std::string> calls;
  bool ended = false;
  bool cut = false;  // a cut inside it (an episode's next item) not yet taken
  double at = 0;
  void restart(bool playing) override { calls.push_back(playing ? "restart+play" : "restart"); at = 0; }
  void play() override { calls.push_back("play"); }
  void pause() override { calls.push_back("pause"); }
  void observe(const media::PlayerState&) override {}
  bool over() const override { return ended; }
  double position() const override { return at; }
  std::string describe() const override { return "fake"; }
  bool takeCut() override { return std::exchange(cut, false); }
  std::string nowShowing() const override { return "fake"; }
  std::optional<std::string> seek(double seconds) override {
    calls.push_back("seek " + std::to_string(static_cast<int>(seconds)));
    return std::nullopt;
  }
};

xr::DisplayFrame frameAt(double t, float yawDeg = 0) {
  xr::DisplayFrame f;
  f.predictedDisplayTime = t;
  f.period = 1.0 / 90;
  xr::EyeTarget eye;
  eye.view.orientation = glm::angleAxis(glm::radians(yawDeg), glm::vec3(0, 1, 0));
  eye.view.position = {0, 1.6f, 0};
  f.eyes.push_back(eye);
  return f;
}

xr::DisplayEvents presence(bool present) {
  xr::DisplayEvents ev;
  ev.present = present;
  return ev;
}

struct Rig {
  FakeDisplay display;
  FakeProgramme attract, programme;
  KioskConfig config;
  std::unique_ptr<KioskDirector> director;
  explicit Rig(bool userPresence, KioskConfig c = {}) : config(c) {
    display.can.headTracked = true;
    display.can.userPresence = userPresence;
    director = std::make_unique<KioskDirector>(display, config, attract, programme);
  }
  void frame(double t, float yawDeg = 0) {
    xr::DisplayFrame f = frameAt(t, yawDeg);
    director->onFrame(f);
  }
};

TEST(KioskDirector, PicksUserPresenceAndStartsInAttract) {
  Rig rig(true);
  EXPECT_TRUE(rig.director->onEvents({}));  // the loop's own visibility pause stays off
  rig.frame(0);
  EXPECT_EQ(rig.director->source(), PresenceSource::UserPresence);
  EXPECT_EQ(rig.attract.calls, std::vector<std::string>{"restart+play"});
  EXPECT_TRUE(rig.programme.calls.empty());
  EXPECT_NE(rig.display.status.find("attract"), std::string::npos);
  EXPECT_NE(rig.display.status.find("visitors today 0"), std::string::npos);
}

TEST(KioskDirector, WithoutTheSensorTheSessionsVisibilityTells) {
  Rig rig(false);
  xr::DisplayEvents shown;
  shown.visible = true;
  rig.director->onEvents(shown);
  rig.frame(0);
  EXPECT_EQ(rig.director->source(), PresenceSource::Visibility);
  EXPECT_EQ(rig.director->counts().visits, 1u);
}

TEST(KioskDirector, AVisitStartsTheProgrammeRecentredAndALongLiftEndsIt) {
  Rig rig(true, KioskConfig{});
  rig.frame(0);
  rig.director->onEvents(presence(true));
  xr::DisplayFrame f = frameAt(1.0, 90);  // the visitor faces left
  rig.director->onFrame(f);
  EXPECT_EQ(rig.programme.calls, std::vector<std::string>{"restart+play"});
  EXPECT_EQ(rig.director->counts().visits, 1u);
  EXPECT_EQ(rig.director->counts().fades, 2u);  // attract's start and the programme's
  // The eyes were turned: looking left now shows the film's front.
  const glm::vec3 forward = f.eyes.front().view.orientation * glm::vec3(0, 0, -1);
  EXPECT_NEAR(forward.z, -1.0f, 1e-5f);
  // A lift of 5 s pauses and resumes; no new visit.
  rig.director->onEvents(presence(false));
  rig.frame(2.0);
  rig.frame(6.9);
  rig.director->onEvents(presence(true));
  rig.frame(7.0);
  EXPECT_EQ(rig.programme.calls, (std::vector<std::string>{"restart+play", "pause", "play"}));
  EXPECT_EQ(rig.director->counts().visits, 1u);
  // Off for the timeout: attract again, the view faces the film's front.
  rig.director->onEvents(presence(false));
  rig.frame(8.0);
  rig.frame(17.99);
  EXPECT_EQ(rig.director->cycle().state(), VisitState::Lifted);
  rig.frame(18.0);
  EXPECT_EQ(rig.director->cycle().state(), VisitState::Attract);
  EXPECT_EQ(rig.attract.calls.back(), "restart+play");
  EXPECT_EQ(rig.director->counts().visitsEnded, 1u);
  xr::DisplayFrame g = frameAt(19.0, 90);
  rig.director->onFrame(g);
  const glm::vec3 left = g.eyes.front().view.orientation * glm::vec3(0, 0, -1);
  EXPECT_NEAR(left.x, -1.0f, 1e-5f);  // not turned any more
}

// A show control's attract ends a visit under way at the next frame; the visitor who still
// wears the headset starts no new visit until they take it off and put it on again. Its
// recenter turns the view to where the wearer faces at the next frame.
TEST(KioskDirector, TheShowControlsAttractEndsTheVisitAndRecenterTurnsTheView) {
  Rig rig(true, KioskConfig{});
  rig.frame(0);
  rig.director->onEvents(presence(true));
  rig.frame(1.0);
  ASSERT_EQ(rig.director->cycle().state(), VisitState::Visit);
  rig.director->requestRecentre();
  xr::DisplayFrame f = frameAt(2.0, -90);  // the visitor faces right now
  rig.director->onFrame(f);
  EXPECT_NEAR((f.eyes.front().view.orientation * glm::vec3(0, 0, -1)).z, -1.0f, 1e-5f);
  rig.director->requestAttract();
  EXPECT_EQ(rig.director->cycle().state(), VisitState::Visit);  // not before the next frame
  rig.frame(3.0);
  EXPECT_EQ(rig.director->cycle().state(), VisitState::Attract);
  EXPECT_EQ(rig.director->active(), &rig.attract);
  EXPECT_EQ(rig.director->counts().visitsEnded, 1u);
  rig.director->onEvents(presence(true));
  rig.frame(4.0);
  EXPECT_EQ(rig.director->counts().visits, 1u);
  rig.director->onEvents(presence(false));
  rig.frame(5.0);
  rig.director->onEvents(presence(true));
  rig.frame(6.0);
  EXPECT_EQ(rig.director->counts().visits, 2u);
  EXPECT_EQ(rig.director->visitorsToday(), 2u);
}

// "Visitors today" starts again at local midnight, in the status read after it and on the
// operator's line, not only when the next visitor comes.
TEST(KioskDirector, VisitorsTodayStartsAgainAtMidnightBeforeTheNextVisit) {
  Rig rig(true, KioskConfig{});
  int today = 100;
  rig.director->day = [&] { return today; };
  rig.frame(0);
  // Two visits, each ended by the headset off for longer than the timeout (10 s).
  for (double t : {1.0, 20.0}) {
    rig.director->onEvents(presence(true));
    rig.frame(t);
    rig.director->onEvents(presence(false));
    rig.frame(t + 1.0);
    rig.frame(t + 15.0);
  }
  ASSERT_EQ(rig.director->cycle().state(), VisitState::Attract);
  EXPECT_EQ(rig.director->visitorsToday(), 2u);
  rig.frame(40.0);
  EXPECT_NE(rig.display.status.find("visitors today 2"), std::string::npos) << rig.display.status;
  today = 101;
  EXPECT_EQ(rig.director->visitorsToday(), 0u);
  rig.frame(42.0);
  EXPECT_NE(rig.display.status.find("visitors today 0"), std::string::npos) << rig.display.status;
  rig.director->onEvents(presence(true));
  rig.frame(43.0);
  EXPECT_EQ(rig.director->visitorsToday(), 1u);
  EXPECT_EQ(rig.director->counts().visits, 3u);
}

// The controllers aim where the recentred view is drawn: a visitor who faced left at the visit's
// start and points left points at the film's front.
TEST(KioskDirector, TheControllersAimIsRecentredWithTheView) {
  Rig rig(true, KioskConfig{});
  rig.frame(0);
  rig.director->onEvents(presence(true));
  rig.frame(1.0, 90);  // the visitor faces left
  xr::RawInput input;
  engine::View aim;
  aim.orientation = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
  aim.position = {0.2f, 1.2f, -0.3f};
  input.hand(xr::Hand::Right).aim = aim;
  rig.director->onInput(input);
  ASSERT_TRUE(input.hand(xr::Hand::Right).aim);
  const glm::vec3 forward = input.hand(xr::Hand::Right).aim->orientation * glm::vec3(0, 0, -1);
  EXPECT_NEAR(forward.z, -1.0f, 1e-5f);
  EXPECT_FALSE(input.hand(xr::Hand::Left).aim);  // an untracked hand stays untracked
  // The hand turned about the head with the eyes: it stays at arm's length.
  EXPECT_NEAR(glm::length(input.hand(xr::Hand::Right).aim->position - glm::vec3(0, 1.6f, 0)),
              glm::length(aim.position - glm::vec3(0, 1.6f, 0)), 1e-5f);
}

TEST(KioskDirector, TheProgrammesEndGoesByTheConfig) {
  KioskConfig c;
  c.atEnd = AtEnd::Loop;
  Rig rig(true, c);
  rig.frame(0);
  rig.director->onEvents(presence(true));
  rig.frame(1);
  rig.programme.ended = true;
  rig.frame(2);
  EXPECT_EQ(rig.director->counts().programmeStarts, 2u);
  EXPECT_EQ(rig.director->counts().visits, 1u);
}

TEST(KioskDirector, HiddenWithTheSensorHoldsPlaybackWithoutEndingTheVisit) {
  Rig rig(true);
  rig.frame(0);
  rig.director->onEvents(presence(true));
  rig.frame(1);
  xr::DisplayEvents hidden;
  hidden.visible = false;
  rig.director->onEvents(hidden);
  rig.frame(2);
  rig.frame(60);  // a system menu for a minute: still the same visit
  EXPECT_EQ(rig.director->cycle().state(), VisitState::Visit);
  xr::DisplayEvents shown;
  shown.visible = true;
  rig.director->onEvents(shown);
  rig.frame(61);
  EXPECT_EQ(rig.programme.calls, (std::vector<std::string>{"restart+play", "pause", "play"}));
}

// A cut inside the programme (an episode's next item) fades from black like any other cut.
TEST(KioskDirector, ACutInsideTheProgrammeFades) {
  KioskConfig config;
  config.fadeSeconds = 1.0;
  Rig rig(true, config);
  rig.frame(0);
  rig.director->onEvents(presence(true));
  rig.frame(1);
  rig.frame(5);  // the visit's own fade is over
  const std::uint64_t fades = rig.director->counts().fades;
  rig.programme.cut = true;
  rig.frame(6);
  EXPECT_EQ(rig.director->counts().fades, fades + 1);
  EXPECT_FALSE(rig.programme.cut);  // taken
  rig.frame(7);
  EXPECT_EQ(rig.director->counts().fades, fades + 1);
}

}  // namespace
}  // namespace ps::kiosk
