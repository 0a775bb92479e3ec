// The live feed's watch with made-up feed states: when the picture shown is a stall, the latency
// of each new picture, and what the headset's badge says and how it is drawn.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/font_atlas.h"
#include "player/live_monitor.h"
#include "player/live_reading.h"
#include "ui/live_badge.h"

namespace ps::player {
namespace {

media::LiveStatus statusWithLastFrameAt(double t, bool connected = true) {
  media::LiveStatus s;
  s.connected = connected;
  s.lastFrameAt = t;
  return s;
}

TEST(LiveReading, APictureOlderThanTheLimitIsAStallAndHasNoLatency) {
  const LiveReading none = readLive(media::LiveStatus{}, 10.0, std::nullopt, 0.5);
  EXPECT_TRUE(none.stalled) << "nothing received yet";
  const LiveReading fresh = readLive(statusWithLastFrameAt(9.8), 10.0, 9.95, 0.5);
  EXPECT_FALSE(fresh.stalled);
  ASSERT_TRUE(fresh.latency);
  EXPECT_NEAR(*fresh.latency, 0.05, 1e-9);
  const LiveReading old = readLive(statusWithLastFrameAt(9.3, false), 10.0, 9.3, 0.5);
  EXPECT_TRUE(old.stalled);
  EXPECT_FALSE(old.connected);
  EXPECT_FALSE(old.latency);
  EXPECT_NEAR(old.sinceLastPicture, 0.7, 1e-9);
}

TEST(LiveMonitor, MeasuresEachNewPictureOnceAndCountsAStallOnce) {
  LiveMonitor monitor(0.5);
  const std::vector<xr::EyeTarget> noEyes;
  // Pictures at 30 fps, each shown 40 ms after it arrived, on a 90 Hz display: three frames each.
  double t = 0;
  std::int64_t index = 0;
  ui::LiveBadge badge;
  for (; index < 60; ++index) {
    const double arrived = static_cast<double>(index) / 30.0;
    for (int f = 0; f < 3; ++f) {
      t = arrived + 0.04 + f / 90.0;
      badge = monitor.onShown(statusWithLastFrameAt(arrived), LiveMonitor::Shown{index, arrived}, t, noEyes);
    }
  }
  EXPECT_EQ(monitor.latency().count(), 60u) << "once per picture, not per display frame";
  EXPECT_NEAR(monitor.latency().percentile(0.5), 0.04, 0.002);
  EXPECT_FALSE(badge.stalled);
  EXPECT_EQ(ui::liveBadgeText(badge), "LIVE  40 ms");

  // The sender stops: the last picture is held, the badge turns into a stall after 0.5 s.
  const double lastArrived = static_cast<double>(index - 1) / 30.0;
  for (int f = 1; f <= 90; ++f) {
    t += 1.0 / 90;
    badge = monitor.onShown(statusWithLastFrameAt(lastArrived, f < 45), LiveMonitor::Shown{index - 1, lastArrived}, t,
                            noEyes);
  }
  EXPECT_TRUE(badge.stalled);
  EXPECT_TRUE(badge.reconnecting);
  EXPECT_EQ(monitor.stalls(), 1u);
  EXPECT_EQ(ui::liveBadgeText(badge).rfind("FEED STALLED 1.", 0), 0u) << ui::liveBadgeText(badge);
  EXPECT_NE(ui::liveBadgeText(badge).find("reconnecting"), std::string::npos);
  EXPECT_EQ(monitor.latency().count(), 60u) << "a held picture is not measured again";

  // Pictures again.
  for (int k = 0; k < 10; ++k, ++index) {
    t += 1.0 / 30;
    badge = monitor.onShown(statusWithLastFrameAt(t - 0.03), LiveMonitor::Shown{index, t - 0.03}, t, noEyes);
  }
  EXPECT_FALSE(badge.stalled);
  EXPECT_EQ(monitor.stalls(), 1u);
  EXPECT_EQ(monitor.latency().count(), 70u);
}

TEST(LiveMonitor, TheBadgeStandsAheadOfTheHead) {
  LiveMonitor monitor(0.5);
  xr::EyeTarget eye;
  eye.view.position = glm::vec3(1.0f, 1.6f, 0.0f);
  const ui::LiveBadge badge =
      monitor.onShown(statusWithLastFrameAt(0.0), LiveMonitor::Shown{0, 0.0}, 0.01, std::vector<xr::EyeTarget>{eye});
  EXPECT_NEAR(badge.anchor.x, 1.0f, 1e-5f);
  EXPECT_NEAR(badge.anchor.z, -1.5f, 1e-5f) << "ahead is -Z for an unturned head";
  EXPECT_LT(badge.anchor.y, 1.6f) << "a little below the line of sight";
}

TEST(LiveBadge, AStallIsDrawnOnRedAndLiveHasItsTallyLight) {
  const auto atlas = engine::FontAtlas::load();
  const glm::vec4 red = engine::linearColour(200, 30, 30, 0.9f);
  const auto hasColour = [](const engine::OverlayGeometry& g, const glm::vec4& c) {
    return std::any_of(g.vertices.begin(), g.vertices.end(), [&](const engine::OverlayVertex& v) { return v.colour == c; });
  };
  ui::LiveBadge stalled;
  stalled.stalled = true;
  stalled.heldSeconds = 2.3;
  engine::OverlayGeometry a;
  ui::buildLiveBadgeGeometry(stalled, *atlas, a);
  EXPECT_TRUE(hasColour(a, red));
  EXPECT_EQ(ui::liveBadgeText(stalled), "FEED STALLED 2.3 s");

  ui::LiveBadge live;
  live.latency = 0.0623;
  engine::OverlayGeometry b;
  ui::buildLiveBadgeGeometry(live, *atlas, b);
  EXPECT_FALSE(hasColour(b, red));
  EXPECT_TRUE(hasColour(b, engine::linearColour(230, 40, 40))) << "the tally light";
  EXPECT_EQ(ui::liveBadgeText(live), "LIVE  62 ms");
  EXPECT_EQ(ui::liveBadgeText(ui::LiveBadge{}), "LIVE");

  // The live timeline's past: how far behind the newest picture, whatever the latency; a stall
  // meanwhile is said after it.
  ui::LiveBadge past = live;
  past.behind = 12.36;
  EXPECT_EQ(ui::liveBadgeText(past), "REPLAY  -12.4 s");
  past.stalled = true;
  EXPECT_EQ(ui::liveBadgeText(past), "REPLAY  -12.4 s  (feed stalled)");
}

}  // namespace
}  // namespace ps::player
