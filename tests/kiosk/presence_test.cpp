// The presence source's choice, and presence from head motion with injected poses and time.
#include "kiosk/presence.h"

#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

namespace ps::kiosk {
namespace {

TEST(PresenceSource, AutoTakesUserPresenceThenVisibilityThenHeadMotion) {
  EXPECT_EQ(choosePresenceSource(PresenceSource::Auto, {true, true}), PresenceSource::UserPresence);
  EXPECT_EQ(choosePresenceSource(PresenceSource::Auto, {false, true}), PresenceSource::Visibility);
  EXPECT_EQ(choosePresenceSource(PresenceSource::Auto, {false, false}), PresenceSource::HeadMotion);
  EXPECT_EQ(choosePresenceSource(PresenceSource::HeadMotion, {true, true}), PresenceSource::HeadMotion);
}

TEST(PresenceSource, NamesRoundTrip) {
  for (PresenceSource s : {PresenceSource::Auto, PresenceSource::UserPresence, PresenceSource::Visibility,
                           PresenceSource::HeadMotion})
    EXPECT_EQ(parsePresenceSource(presenceSourceName(s)), s);
  EXPECT_FALSE(parsePresenceSource("proximity"));
}

glm::quat yawDeg(float deg) { return glm::angleAxis(glm::radians(deg), glm::vec3(0, 1, 0)); }

TEST(HeadMotionPresence, AStillHeadsetIsNotWornAMovingOneIs) {
  HeadMotionPresence p(HeadMotionRules{5, 0.01f, 2.0f});
  const glm::vec3 table(0, 1.0f, 0);
  EXPECT_FALSE(p.update(table, yawDeg(0), 0));
  EXPECT_FALSE(p.update(table, yawDeg(0.5f), 1));  // sensor noise: under the threshold
  EXPECT_TRUE(p.update(table + glm::vec3(0, 0.3f, 0), yawDeg(0), 2));  // picked up
  EXPECT_TRUE(p.update(table + glm::vec3(0, 0.3f, 0), yawDeg(10), 4));  // looking around
  EXPECT_TRUE(p.update(table + glm::vec3(0, 0.3f, 0), yawDeg(10), 8.9));
  EXPECT_FALSE(p.update(table + glm::vec3(0, 0.3f, 0), yawDeg(10), 9.0));  // still for 5 s
}

TEST(HeadMotionPresence, ASlowDriftAddsUpToMotion) {
  HeadMotionPresence p(HeadMotionRules{5, 0.01f, 2.0f});
  double t = 0;
  bool present = false;
  for (int i = 0; i <= 30; ++i, t += 0.1) present = p.update({0, 1.6f, 0}, yawDeg(0.1f * static_cast<float>(i)), t);
  EXPECT_TRUE(present);  // 3 degrees in steps of 0.1
}

}  // namespace
}  // namespace ps::kiosk
