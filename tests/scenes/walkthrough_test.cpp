// Directors' walkthroughs (scenes/walkthrough.h): the document round-trips at its written
// precision, a malformed one is refused with the place and the problem, trim and cut keep the
// samples, timeline events and voice segments they should with the state at the cut set again,
// and a save killed at any moment leaves the old file or the new one.
#include <gtest/gtest.h>

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <glm/gtc/quaternion.hpp>

#include "kill_mid_save.h"
#include "scenes/walkthrough.h"
#include "temp_dir.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;
using A = TimelineAction;

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The angle of the turn from a to b, accurate for small angles too (acos of a dot near 1 is not).
double degreesBetween(const glm::quat& a, const glm::quat& b) {
  const glm::dquat x = glm::normalize(glm::dquat(a)), y0 = glm::normalize(glm::dquat(b));
  const glm::dquat y = glm::dot(x, y0) < 0 ? -y0 : y0;
  return glm::degrees(4.0 * std::atan2(glm::length(x - y), glm::length(x + y)));
}

// 10 s at 10 Hz, the head turning 90 degrees to the left; the director plays from 2 s, pauses
// at 4 s (shot 4.0), steps a frame, plays at half speed from 6 s and seeks to 20 s at 8 s.
Walkthrough sample() {
  Walkthrough w;
  w.name = "take-1";
  w.durationSeconds = 10;
  for (int i = 0; i <= 100; ++i) {
    WalkthroughSample s;
    s.t = i * 0.1;
    s.shotSeconds = 2 + s.t;
    s.position = glm::vec3(0.001f * static_cast<float>(i), 0.0f, -0.002f * static_cast<float>(i));
    s.orientation = glm::angleAxis(glm::radians(0.9f * static_cast<float>(i)), glm::vec3(0, 1, 0));
    if (i % 2 == 0) s.pointer = WalkthroughRay{glm::vec3(0.2f, -0.3f, -0.1f), glm::normalize(glm::vec3(0.1f, -0.2f, -1))};
    w.samples.push_back(s);
  }
  w.events = {{0, A::Seek, 2, 1, 0},    {0, A::Pause, 2, 1, 0},   {2, A::Play, 2, 1, 0},
              {4, A::Pause, 4, 1, 0},   {5, A::Step, 4.04, 1, 1}, {6, A::Rate, 4.04, 0.5, 0},
              {6, A::Play, 4.04, 1, 0}, {8, A::Seek, 20, 1, 0}};
  w.voice = {VoiceSegment{"walkthroughs/take-1.voice.wav", {}, 1.0, 0.0, 8.0}};
  return w;
}

class WalkthroughFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir.path() / kWalkthroughFolder);
    std::ofstream(dir.path() / "walkthroughs" / "take-1.voice.wav") << "RIFF";
  }
  test::TempDir dir{"walkthrough"};
};

TEST_F(WalkthroughFiles, RoundTripsAtItsWrittenPrecision) {
  const Walkthrough w = sample();
  ASSERT_TRUE(writeWalkthrough(dir.path(), w).ok());
  auto back = readWalkthrough(dir.path(), "take-1");
  ASSERT_TRUE(back.ok()) << back.error().message();
  ASSERT_EQ(back->samples.size(), w.samples.size());
  EXPECT_EQ(back->events, w.events);
  ASSERT_EQ(back->voice.size(), 1u);
  EXPECT_EQ(back->voice[0].src, w.voice[0].src);
  EXPECT_EQ(back->voice[0].clipToSeconds, 8.0);
  EXPECT_EQ(back->voice[0].path, dir.path() / "walkthroughs" / "take-1.voice.wav");
  for (std::size_t i = 0; i < w.samples.size(); ++i) {
    const auto &a = w.samples[i], &b = back->samples[i];
    EXPECT_NEAR(a.t, b.t, 5e-5);
    EXPECT_NEAR(a.shotSeconds, b.shotSeconds, 5e-5);
    EXPECT_NEAR(glm::length(a.position - b.position), 0, 1e-4);
    EXPECT_LT(degreesBetween(a.orientation, b.orientation), 0.001) << i;
    ASSERT_EQ(a.pointer.has_value(), b.pointer.has_value()) << i;
    if (a.pointer) {
      EXPECT_NEAR(glm::length(a.pointer->direction - b.pointer->direction), 0, 1e-5);
    }
  }
  // Written again, it is the same text: the precision is a fixed point.
  const std::string once = readAll(walkthroughFile(dir.path(), "take-1"));
  ASSERT_TRUE(writeWalkthrough(dir.path(), *back).ok());
  EXPECT_EQ(readAll(walkthroughFile(dir.path(), "take-1")), once);
  // Compact: a sample a line, under 100 bytes without its pointer.
  EXPECT_LT(once.size(), 101 * 100 + 51 * 60 + 2000);
  EXPECT_EQ(walkthroughNames(dir.path()), std::vector<std::string>{"take-1"});
}

struct Malformed {
  const char* name;
  std::string edit;  // replaces "SAMPLE" in the document
  const char* pointer;
  const char* says;
};

TEST_F(WalkthroughFiles, AMalformedOneIsRefusedSayingWhereAndWhat) {
  const std::string head = R"({"format": "perfectshot-walkthrough/1", "name": "take-1", "duration_s": 2,)";
  const Malformed cases[] = {
      {"short sample", R"("samples": [[0, 0, 0, 1.6, 0, 0, 0, 0]])", "/samples/0", "expected [t, shot_s"},
      {"not unit", R"("samples": [[0, 0, 0, 1.6, 0, 0, 0.5, 0, 0.5]])", "/samples/0/5", "not a unit quaternion"},
      {"text", R"("samples": [[0, "x", 0, 1.6, 0, 0, 0, 0, 1]])", "/samples/0/1", "expected a finite number"},
      {"backwards", R"("samples": [[1, 0, 0, 1.6, 0, 0, 0, 0, 1], [0.5, 0, 0, 1.6, 0, 0, 0, 0, 1]])", "/samples/1/0",
       "go back in time"},
      {"late", R"("samples": [[3, 0, 0, 1.6, 0, 0, 0, 0, 1]])", "/duration_s", "after the duration"},
      {"action", R"("samples": [], "events": [{"t": 0, "action": "rewind", "shot_s": 0}])", "/events/0/action",
       "expected play, pause, seek, step or rate"},
      {"rate", R"("samples": [], "events": [{"t": 0, "action": "rate", "shot_s": 0, "rate": 9}])", "/events/0/rate",
       "0.25..2"},
      {"step", R"("samples": [], "events": [{"t": 0, "action": "step", "shot_s": 0, "frames": 0}])",
       "/events/0/frames", "other than 0"},
      {"voice outside", R"("samples": [], "voice": [{"src": "../x.wav", "at_s": 0}])", "/voice/0/src", ""},
      {"voice missing", R"("samples": [], "voice": [{"src": "walkthroughs/none.wav", "at_s": 0}])", "/voice/0/src", ""},
  };
  for (const Malformed& c : cases) {
    const WalkthroughParse parse = parseWalkthrough(head + c.edit + "}", dir.path());
    bool found = false;
    for (const Problem& p : parse.problems)
      if (p.severity == Severity::Error && p.pointer == c.pointer && p.message.find(c.says) != std::string::npos)
        found = true;
    EXPECT_TRUE(found) << c.name << ": " << (parse.problems.empty() ? "no problem" : parse.problems.front().pointer + ": " + parse.problems.front().message);
  }
  // Through the package: the first error, with the file and the pointer.
  std::ofstream(walkthroughFile(dir.path(), "bad")) << head << R"("name": 3, "samples": []})";
  auto read = readWalkthrough(dir.path(), "bad");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message().find("bad.json#/"), std::string::npos) << read.error().message();
  EXPECT_FALSE(readWalkthrough(dir.path(), "none").ok());
  EXPECT_FALSE(readWalkthrough(dir.path(), "../x").ok());
  EXPECT_FALSE(checkWalkthroughName("-x").ok());
  EXPECT_FALSE(checkWalkthroughName("a b").ok());
  EXPECT_FALSE(checkWalkthroughName("").ok());
  EXPECT_TRUE(checkWalkthroughName("Take_2-b").ok());
  // A new recording never takes a name the package has.
  EXPECT_FALSE(checkNewWalkthrough(dir.path(), "bad").ok());
  EXPECT_TRUE(checkNewWalkthrough(dir.path(), "fresh").ok());
}

TEST(Walkthrough, TheTimelineStateFollowsTheEvents) {
  const Walkthrough w = sample();
  EXPECT_FALSE(timelineStateAt(w, 1).playing);
  EXPECT_DOUBLE_EQ(timelineStateAt(w, 1).shotSeconds, 2);
  EXPECT_TRUE(timelineStateAt(w, 3).playing);
  EXPECT_DOUBLE_EQ(timelineStateAt(w, 3).shotSeconds, 3);
  EXPECT_DOUBLE_EQ(timelineStateAt(w, 5.5).shotSeconds, 4.04);
  EXPECT_DOUBLE_EQ(timelineStateAt(w, 7).shotSeconds, 4.54);
  EXPECT_DOUBLE_EQ(timelineStateAt(w, 7).rate, 0.5);
  EXPECT_DOUBLE_EQ(timelineStateAt(w, 9).shotSeconds, 20.5);
  // Samples interpolate: the orientation by slerp.
  const auto at = sampleAt(w, 0.05);
  ASSERT_TRUE(at);
  EXPECT_NEAR(glm::degrees(glm::angle(at->orientation)), 0.45, 1e-3);
}

TEST(Walkthrough, TrimKeepsTheSpanFromZeroWithItsStateSetFirst) {
  const Walkthrough w = sample();
  auto t = trimWalkthrough(w, 3, 7);
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_DOUBLE_EQ(t->durationSeconds, 4);
  ASSERT_EQ(t->samples.size(), 41u);
  EXPECT_NEAR(t->samples.front().t, 0, 1e-9);
  EXPECT_NEAR(t->samples.front().shotSeconds, 5, 1e-9);  // the sample that was at 3 s
  EXPECT_NEAR(t->samples.back().t, 4, 1e-9);
  // At 3 s the director was playing at shot 3.0: seek there and play; then what followed.
  const std::vector<WalkthroughEvent> expected = {{0, A::Seek, 3, 1, 0},    {0, A::Play, 3, 1, 0},
                                                  {1, A::Pause, 4, 1, 0},   {2, A::Step, 4.04, 1, 1},
                                                  {3, A::Rate, 4.04, 0.5, 0}, {3, A::Play, 4.04, 1, 0}};
  ASSERT_EQ(t->events.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(t->events[i].t, expected[i].t, 1e-9) << i;
    EXPECT_EQ(t->events[i].action, expected[i].action) << i;
    EXPECT_NEAR(t->events[i].shotSeconds, expected[i].shotSeconds, 1e-9) << i;
  }
  // The voice from 1 s (clip 0..8) heard from 3 s: the clip from 2 s, to 6 s where the trim ends.
  ASSERT_EQ(t->voice.size(), 1u);
  EXPECT_DOUBLE_EQ(t->voice[0].atSeconds, 0);
  EXPECT_DOUBLE_EQ(t->voice[0].clipFromSeconds, 2);
  EXPECT_EQ(t->voice[0].clipToSeconds, 6.0);
  // The state the trimmed one plays is the original's, moved.
  for (double at : {0.5, 1.5, 2.5, 3.5})
    EXPECT_NEAR(timelineStateAt(*t, at).shotSeconds, timelineStateAt(w, at + 3).shotSeconds, 1e-9) << at;
}

TEST(Walkthrough, CutDeletesTheSpanAndMovesWhatFollowsEarlier) {
  const Walkthrough w = sample();
  auto c = cutWalkthrough(w, 3, 7);
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_DOUBLE_EQ(c->durationSeconds, 6);
  ASSERT_EQ(c->samples.size(), 30u + 31u);  // 0..2.9 and 7..10
  EXPECT_NEAR(c->samples[29].t, 2.9, 1e-9);
  EXPECT_NEAR(c->samples[30].t, 3, 1e-9);
  EXPECT_NEAR(c->samples[30].shotSeconds, 9, 1e-9);  // the sample that was at 7 s
  // Before the cut as it was; at 3 s the state at 7 s (playing at half speed at shot 4.54);
  // the seek from 8 s at 4 s.
  const std::vector<WalkthroughEvent> expected = {
      {0, A::Seek, 2, 1, 0}, {0, A::Pause, 2, 1, 0}, {2, A::Play, 2, 1, 0},     {3, A::Seek, 4.54, 1, 0},
      {3, A::Rate, 4.54, 0.5, 0}, {3, A::Play, 4.54, 1, 0}, {4, A::Seek, 20, 1, 0}};
  ASSERT_EQ(c->events.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(c->events[i].t, expected[i].t, 1e-9) << i;
    EXPECT_EQ(c->events[i].action, expected[i].action) << i;
    EXPECT_NEAR(c->events[i].shotSeconds, expected[i].shotSeconds, 1e-9) << i;
    if (expected[i].action == A::Rate) {
      EXPECT_DOUBLE_EQ(c->events[i].rate, 0.5);
    }
  }
  // The voice (1..9 s, clip 0..8) split: clip 0..2 from 1 s, clip 6..8 from 3 s.
  ASSERT_EQ(c->voice.size(), 2u);
  EXPECT_DOUBLE_EQ(c->voice[0].atSeconds, 1);
  EXPECT_EQ(c->voice[0].clipToSeconds, 2.0);
  EXPECT_DOUBLE_EQ(c->voice[1].atSeconds, 3);
  EXPECT_DOUBLE_EQ(c->voice[1].clipFromSeconds, 6);
  EXPECT_EQ(c->voice[1].clipToSeconds, 8.0);
  for (double at : {1.0, 2.5, 3.5, 5.0})
    EXPECT_NEAR(timelineStateAt(*c, at).shotSeconds, timelineStateAt(w, at < 3 ? at : at + 4).shotSeconds, 1e-9) << at;
}

TEST(Walkthrough, TheVoiceHeardIsTheSegmentUnderwayAtItsPlaceInTheClip) {
  Walkthrough w = sample();
  auto c = cutWalkthrough(w, 3, 7);  // clip 0..2 from 1 s, clip 6..8 from 3 s
  ASSERT_TRUE(c.ok());
  const std::vector<double> lengths = {10.0, 10.0};
  EXPECT_FALSE(voiceAt(*c, 0.5, lengths));
  auto at = voiceAt(*c, 1.5, lengths);
  ASSERT_TRUE(at);
  EXPECT_EQ(at->segment, 0u);
  EXPECT_DOUBLE_EQ(at->clipSeconds, 0.5);
  at = voiceAt(*c, 4.0, lengths);
  ASSERT_TRUE(at);
  EXPECT_EQ(at->segment, 1u);
  EXPECT_DOUBLE_EQ(at->clipSeconds, 7.0);
  EXPECT_FALSE(voiceAt(*c, 5.5, lengths));  // past clip_to_s
  // Without clip_to_s the clip's own end stops it; a clip that does not open (length 0) is silent.
  w.voice[0].clipToSeconds.reset();
  EXPECT_TRUE(voiceAt(w, 10.5, {10.0}));
  EXPECT_FALSE(voiceAt(w, 11.5, {10.0}));
  EXPECT_FALSE(voiceAt(w, 2.0, {0.0}));
}

TEST(Walkthrough, EditsRefuseSpansThatAreNotInsideTheRecording) {
  const Walkthrough w = sample();
  for (auto [from, to] : {std::pair{5.0, 5.0}, {6.0, 5.0}, {-1.0, 2.0}, {2.0, 11.0}}) {
    auto t = trimWalkthrough(w, from, to);
    ASSERT_FALSE(t.ok()) << from << ".." << to;
    EXPECT_NE(t.error().what.find(from >= to ? "must be before" : "outside the recording"), std::string::npos)
        << t.error().what;
    EXPECT_FALSE(cutWalkthrough(w, from, to).ok());
  }
  auto all = cutWalkthrough(w, 0, 10);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.error().what.find("nothing"), std::string::npos);
}

TEST_F(WalkthroughFiles, AKillDuringASaveLeavesTheOldOrTheNewFile) {
  spdlog::set_level(spdlog::level::warn);
  // Large enough (a few MB) that a save can be cut short: twenty minutes at 30 Hz.
  Walkthrough a = sample();
  a.samples.clear();
  for (int i = 0; i < 36000; ++i) {
    WalkthroughSample s;
    s.t = i / 30.0;
    s.orientation = glm::angleAxis(glm::radians(0.01f * static_cast<float>(i)), glm::vec3(0, 1, 0));
    a.samples.push_back(s);
  }
  a.durationSeconds = a.samples.back().t;
  a.events.clear();
  Walkthrough b = a;
  b.events.push_back({1, A::Play, 0, 1, 0});
  const std::string textA = walkthroughJson(a), textB = walkthroughJson(b);
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(writeWalkthrough(dir.path(), a).ok());
  const auto saveMicros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  std::mt19937 rng(20261206);
  const fs::path file = walkthroughFile(dir.path(), a.name);
  int sawA = 0, sawB = 0;
  for (int iteration = 0; iteration < 8; ++iteration) {
    bool toB = false;
    ASSERT_TRUE(test::killMidSave(
        [&] {
          toB = !toB;
          return writeWalkthrough(dir.path(), toB ? b : a).ok();
        },
        std::chrono::microseconds(2 * saveMicros.count() + 1000), rng));
    const std::string now = readAll(file);
    ASSERT_TRUE(now == textA || now == textB) << "iteration " << iteration << ": " << now.size() << " bytes of neither";
    (now == textA ? sawA : sawB) += 1;
  }
  EXPECT_GT(sawA + sawB, 0);
}

}  // namespace
}  // namespace ps::scenes
