// Where an actor stands and what trail they leave, at times worked out by hand.
#include <gtest/gtest.h>

#include "scenes/blocking.h"

namespace ps::scenes {
namespace {

// Three keys at uneven spacing: 2 s from (0, 0) to (4, -2), then 4 s to (4, 6).
ActorPath walk() {
  ActorPath p;
  p.id = "walk";
  p.keys = {{1, {0, 0}}, {3, {4, -2}}, {7, {4, 6}}};
  return p;
}

TEST(ActorPosition, HeldAtTheFirstKeyBeforeItAndTheLastAfterIt) {
  const ActorPath p = walk();
  EXPECT_EQ(actorPositionAt(p, -5), (FloorPoint{0, 0}));
  EXPECT_EQ(actorPositionAt(p, 0.999), (FloorPoint{0, 0}));
  EXPECT_EQ(actorPositionAt(p, 7.001), (FloorPoint{4, 6}));
  EXPECT_EQ(actorPositionAt(p, 1e6), (FloorPoint{4, 6}));
}

TEST(ActorPosition, ExactlyOnEachKey) {
  const ActorPath p = walk();
  for (const ActorKey& k : p.keys) EXPECT_EQ(actorPositionAt(p, k.t), k.position) << "t = " << k.t;
}

TEST(ActorPosition, LinearBetweenTheTwoKeysAroundT) {
  const ActorPath p = walk();
  EXPECT_EQ(actorPositionAt(p, 2), (FloorPoint{2, -1}));
  EXPECT_EQ(actorPositionAt(p, 2.5), (FloorPoint{3, -1.5}));
  EXPECT_EQ(actorPositionAt(p, 4), (FloorPoint{4, 0}));   // a quarter of the 4 s leg
  EXPECT_EQ(actorPositionAt(p, 6), (FloorPoint{4, 4}));   // three quarters
}

TEST(ActorPosition, OneKeyStandsStillAndNoKeysStandAtTheOrigin) {
  ActorPath still;
  still.keys = {{5, {1.5, -2}}};
  EXPECT_EQ(actorPositionAt(still, 0), (FloorPoint{1.5, -2}));
  EXPECT_EQ(actorPositionAt(still, 9), (FloorPoint{1.5, -2}));
  EXPECT_EQ(actorPositionAt(ActorPath{}, 3), (FloorPoint{0, 0}));
}

TEST(ActorTrail, EndsAtBothInterpolatedTimesWithTheKeysBetween) {
  const ActorPath p = walk();  // the default trail: 2 s
  EXPECT_EQ(actorTrail(p, 4), (std::vector<ActorKey>{{2, {2, -1}}, {3, {4, -2}}, {4, {4, 0}}}));
  ActorPath longer = walk();
  longer.trailSeconds = 5;
  EXPECT_EQ(actorTrail(longer, 5), (std::vector<ActorKey>{{0, {0, 0}}, {1, {0, 0}}, {3, {4, -2}}, {5, {4, 2}}}));
}

TEST(ActorTrail, AKeyAtAnEndIsNotRepeated) {
  const ActorPath p = walk();
  EXPECT_EQ(actorTrail(p, 5), (std::vector<ActorKey>{{3, {4, -2}}, {5, {4, 2}}}));
  EXPECT_EQ(actorTrail(p, 3), (std::vector<ActorKey>{{1, {0, 0}}, {3, {4, -2}}}));
}

TEST(ActorTrail, OutsideTheKeysItStandsWhereTheActorIsHeld) {
  const ActorPath p = walk();
  EXPECT_EQ(actorTrail(p, 0), (std::vector<ActorKey>{{-2, {0, 0}}, {0, {0, 0}}}));
  EXPECT_EQ(actorTrail(p, 8), (std::vector<ActorKey>{{6, {4, 4}}, {7, {4, 6}}, {8, {4, 6}}}));
}

TEST(ActorTrail, NoTrailIsThePointAtT) {
  ActorPath p = walk();
  p.trailSeconds = 0;
  EXPECT_EQ(actorTrail(p, 2), (std::vector<ActorKey>{{2, {2, -1}}}));
}

TEST(Measurement, DistanceIsBetweenItsTwoPoints) {
  Measurement m;
  m.a = {1, 0.5, -4};
  m.b = {4, 4.5, -4};
  EXPECT_DOUBLE_EQ(m.distanceM(), 5);
  m.b = {1, 0.5, 8};
  EXPECT_DOUBLE_EQ(m.distanceM(), 12);
}

}  // namespace
}  // namespace ps::scenes
