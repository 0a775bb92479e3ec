// The script parser and frame pacing, without the loader.
#include <gtest/gtest.h>

#include "frame_timing.h"
#include "script.h"

namespace ps::sim {
namespace {

TEST(SimScript, ParsesKeysInFramesAndSeconds) {
  auto s = parseScript(R"({
    "display": {"refresh_hz": 60, "ipd_m": 0.06},
    "head": [{"t": 0, "position": [0, 1, 0]}, {"t": 1, "position": [2, 1, 0], "pitch_deg": 90}],
    "controllers": {"left": [{"frame": 5, "select": true}, {"frame": 8, "trigger": 0.5}]},
    "events": [{"t": 0.5, "type": "headset_off"}, {"frame": 2, "type": "exit_requested"}]
  })", "test.json");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_FLOAT_EQ(s->display.ipdM, 0.06f);
  EXPECT_NEAR(s->head.at(30.0).position.x, 1.f, 1e-5);   // t = 0.5 s at 60 Hz
  EXPECT_NEAR(s->head.at(120.0).position.x, 2.f, 1e-5);  // held after the last key
  EXPECT_FALSE(s->hands[0].at(4).select);
  EXPECT_TRUE(s->hands[0].at(5).select);
  EXPECT_TRUE(s->hands[0].at(9).select) << "fields not given keep their value";
  EXPECT_FLOAT_EQ(s->hands[0].at(9).trigger, 0.5f);
  ASSERT_EQ(s->events.size(), 2u);
  EXPECT_EQ(s->events[0].kind, EventKind::ExitRequested) << "events are sorted by time";
  EXPECT_DOUBLE_EQ(s->events[1].frame, 30.0);
}

TEST(SimScript, ErrorsNameTheFieldAndFile) {
  auto bad = parseScript(R"({"events": [{"frame": 1, "type": "explode"}]})", "s.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where, "s.json#/events/0/type");
  auto both = parseScript(R"({"head": [{"frame": 1, "t": 2}]})", "s.json");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().where, "s.json#/head/0");
  auto order = parseScript(R"({"controllers": {"right": [{"frame": 5}, {"frame": 1}]}})", "s.json");
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.error().where, "s.json#/controllers/right/1");
  auto syntax = parseScript("{", "s.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().where, "s.json");
  EXPECT_FALSE(loadScript("/nonexistent/script.json").ok());
}

// Found by the fuzzer (tests/fuzz/regressions/sim_script): a number beyond a double escaped as an
// exception, and a width beyond 32 bits was converted without a check.
TEST(SimScript, NumbersOutOfRangeAreErrorsNotCrashes) {
  auto overflow = parseScript(R"({"display": {"width": 1e400}})", "s.json");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.error().where, "s.json");
  EXPECT_NE(overflow.error().what.find("not valid JSON"), std::string::npos) << overflow.error().what;
  for (const char* width : {"1e300", "4294967296", "16385", "512.5"}) {
    auto wide = parseScript(std::string(R"({"display": {"width": )") + width + "}}", "s.json");
    ASSERT_FALSE(wide.ok()) << width;
    EXPECT_EQ(wide.error().where, "s.json#/display/width");
  }
  auto tall = parseScript(R"({"display": {"height": 1e20}})", "s.json");
  ASSERT_FALSE(tall.ok());
  EXPECT_EQ(tall.error().where, "s.json#/display/height");
  auto largest = parseScript(R"({"display": {"width": 16384, "height": 16384}})", "s.json");
  ASSERT_TRUE(largest.ok()) << largest.error().message();
  EXPECT_EQ(largest->display.width, 16384u);
}

TEST(SimFramePacer, StaysOnTheGridAndSkipsMissedSlots) {
  FramePacer pacer(10);
  const auto first = pacer.next(1000);
  EXPECT_EQ(first.wakeNs, 1000);
  EXPECT_EQ(first.displayNs, 1010);
  EXPECT_EQ(pacer.next(1001).wakeNs, 1010);  // early: waits for the next slot
  EXPECT_EQ(pacer.next(1012).wakeNs, 1020);
  EXPECT_EQ(pacer.next(1055).wakeNs, 1060);  // fell behind: slots 1030..1050 skipped
  EXPECT_EQ(pacer.next(1060).wakeNs, 1070);  // never the same slot twice
}

}  // namespace
}  // namespace ps::sim
