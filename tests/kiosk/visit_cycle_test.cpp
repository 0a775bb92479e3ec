// The visit cycle with made-up presence readings and injected time.
#include "kiosk/visit_cycle.h"

#include <gtest/gtest.h>

namespace ps::kiosk {
namespace {

TEST(VisitCycle, AVisitorStartsTheProgrammeFromTheBeginningRecentred) {
  VisitCycle c;
  EXPECT_EQ(c.state(), VisitState::Attract);
  EXPECT_FALSE(c.onTick(1.0).any());
  const VisitStep s = c.onPresence(true, 2.0);
  EXPECT_TRUE(s.startProgramme);
  EXPECT_TRUE(s.recentre);
  EXPECT_FALSE(s.startAttract);
  EXPECT_EQ(c.state(), VisitState::Visit);
  EXPECT_EQ(c.visits(), 1u);
  // The same reading again is no new visit.
  EXPECT_FALSE(c.onPresence(true, 2.5).any());
  EXPECT_EQ(c.visits(), 1u);
}

TEST(VisitCycle, AShortLiftPausesAndResumesWithoutANewVisit) {
  VisitCycle c(VisitRules{10, AtEnd::Stop});
  c.onPresence(true, 0);
  const VisitStep off = c.onPresence(false, 5);
  EXPECT_TRUE(off.pauseProgramme);
  EXPECT_EQ(c.state(), VisitState::Lifted);
  EXPECT_FALSE(c.onTick(14.99).any());
  const VisitStep on = c.onPresence(true, 14.99);
  EXPECT_TRUE(on.resumeProgramme);
  EXPECT_FALSE(on.startProgramme);
  EXPECT_FALSE(on.recentre);
  EXPECT_EQ(c.state(), VisitState::Visit);
  EXPECT_EQ(c.visits(), 1u);
  EXPECT_EQ(c.visitsEnded(), 0u);
}

TEST(VisitCycle, OffForTheTimeoutEndsTheVisitAndTheNextVisitorStartsAgain) {
  VisitCycle c(VisitRules{10, AtEnd::Stop});
  c.onPresence(true, 0);
  c.onPresence(false, 5);
  EXPECT_FALSE(c.onTick(14.9).any());
  const VisitStep end = c.onTick(15.0);
  EXPECT_TRUE(end.startAttract);
  EXPECT_TRUE(end.visitEnded);
  EXPECT_EQ(c.state(), VisitState::Attract);
  EXPECT_EQ(c.visitsEnded(), 1u);
  // Ticks in attract do nothing more.
  EXPECT_FALSE(c.onTick(100).any());
  const VisitStep next = c.onPresence(true, 200);
  EXPECT_TRUE(next.startProgramme);
  EXPECT_TRUE(next.recentre);
  EXPECT_EQ(c.visits(), 2u);
}

TEST(VisitCycle, TheDefaultTimeoutIsTenSeconds) { EXPECT_EQ(VisitRules{}.timeoutSeconds, 10.0); }

TEST(VisitCycle, AtEndStopHoldsUntilTheVisitorLeaves) {
  VisitCycle c(VisitRules{3, AtEnd::Stop});
  c.onPresence(true, 0);
  EXPECT_FALSE(c.onProgrammeOver(60).any());
  EXPECT_EQ(c.state(), VisitState::Finished);
  const VisitStep off = c.onPresence(false, 70);
  EXPECT_FALSE(off.pauseProgramme);  // nothing plays to pause
  EXPECT_EQ(c.state(), VisitState::Lifted);
  // Back within the timeout: still finished, nothing resumes.
  const VisitStep back = c.onPresence(true, 71);
  EXPECT_FALSE(back.resumeProgramme);
  EXPECT_EQ(c.state(), VisitState::Finished);
  c.onPresence(false, 72);
  EXPECT_TRUE(c.onTick(75).startAttract);
}

TEST(VisitCycle, AtEndLoopStartsTheProgrammeAgainWithoutANewVisit) {
  VisitCycle c(VisitRules{10, AtEnd::Loop});
  c.onPresence(true, 0);
  const VisitStep s = c.onProgrammeOver(60);
  EXPECT_TRUE(s.startProgramme);
  EXPECT_FALSE(s.recentre);
  EXPECT_EQ(c.state(), VisitState::Visit);
  EXPECT_EQ(c.visits(), 1u);
}

TEST(VisitCycle, AtEndAttractWaitsForTheHeadsetOffAndOnBeforeTheNextVisit) {
  VisitCycle c(VisitRules{10, AtEnd::Attract});
  c.onPresence(true, 0);
  const VisitStep s = c.onProgrammeOver(60);
  EXPECT_TRUE(s.startAttract);
  EXPECT_TRUE(s.visitEnded);
  EXPECT_EQ(c.state(), VisitState::Attract);
  // The same visitor, still wearing it: no new visit.
  EXPECT_FALSE(c.onPresence(true, 61).any());
  EXPECT_FALSE(c.onPresence(false, 62).any());
  EXPECT_TRUE(c.onPresence(true, 63).startProgramme);
  EXPECT_EQ(c.visits(), 2u);
}

TEST(VisitCycle, TheProgrammesEndOnlyCountsDuringAVisit) {
  VisitCycle c(VisitRules{10, AtEnd::Attract});
  EXPECT_FALSE(c.onProgrammeOver(1).any());
  c.onPresence(true, 2);
  c.onPresence(false, 3);
  EXPECT_FALSE(c.onProgrammeOver(4).any());
  EXPECT_EQ(c.state(), VisitState::Lifted);
}

TEST(VisitCycle, TwoThousandCyclesCountEveryVisit) {
  VisitCycle c(VisitRules{10, AtEnd::Stop});
  double t = 0;
  for (int i = 0; i < 2000; ++i) {
    ASSERT_TRUE(c.onPresence(true, t).startProgramme);
    t += 30;
    c.onPresence(false, t);
    t += 10;
    ASSERT_TRUE(c.onTick(t).startAttract);
    t += 5;
  }
  EXPECT_EQ(c.visits(), 2000u);
  EXPECT_EQ(c.visitsEnded(), 2000u);
}

}  // namespace
}  // namespace ps::kiosk
