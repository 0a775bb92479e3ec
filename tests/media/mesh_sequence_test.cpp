// Mesh sequences: the frame list (numbered folder, listing), frame-exact play and scrub with
// the prefetch driven step by step (Prefetch::Manual) and on its thread, the memory budget,
// and broken or missing frames. Frames come from make_set's sequence generator, whose
// geometry spells the frame index in binary, so every check reads the index back from the
// decoded scene rather than trusting the sequence's own bookkeeping.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "gltf_files.h"
#include "make_set/sequence_frames.h"
#include "media/mesh_sequence.h"

namespace {

using ps::media::MeshSequence;
using ps::media::MeshSequenceOptions;
using ps::test::TempPackage;
namespace fs = std::filesystem;

std::string frameName(std::size_t i) {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%03zu.glb", i);
  return name;
}

void writeFrames(const TempPackage& pkg, std::size_t count, std::uint64_t body = 0) {
  for (std::size_t i = 0; i < count; ++i) pkg.write(frameName(i), ps::make_set::sequenceFrame(i, body));
}

// The index the frame's geometry spells: a bit for each "bit_b" cube where it should stand.
int indexOf(const ps::scenes::MeshScene& scene) {
  int index = 0;
  for (const auto& inst : scene.instances()) {
    const std::string& name = scene.nodes[static_cast<std::size_t>(inst.node)].name;
    if (name.rfind("bit_", 0) != 0) continue;
    const int bit = std::stoi(name.substr(4));
    EXPECT_NEAR(inst.world[3].x, ps::make_set::kSeqBitX(bit), 1e-5) << name;
    EXPECT_NEAR(inst.world[3].y, ps::make_set::kSeqBitY, 1e-5) << name;
    // NOLINT
    index |= 1 << bit;
  }
  return index;
}

std::unique_ptr<MeshSequence> openSeq(const fs::path& src, MeshSequenceOptions o) {
  auto files = ps::media::listMeshSequence(src);
  EXPECT_TRUE(files.ok()) << (files.ok() ? "" : files.error().message());
  auto seq = MeshSequence::open(std::move(files.value()), o);
  EXPECT_TRUE(seq.ok()) << (seq.ok() ? "" : seq.error().message());
  return std::move(seq.value());
}

MeshSequenceOptions manual(double fps = 10.0) {
  MeshSequenceOptions o;
  o.fps = fps;
  o.prefetch = MeshSequenceOptions::Prefetch::Manual;
  return o;
}

// The frame shown at t once the prefetch has read what the playhead asks for.
int settledIndex(MeshSequence& seq, double t) {
  seq.show(t);
  seq.pump();
  const auto f = seq.show(t);
  if (!f.scene) return -1;
  if (f.shown != f.wanted) {
    ADD_FAILURE() << "t=" << t << ": the settled frame is not the one wanted";
  }
  return indexOf(*f.scene);
}

TEST(MeshSequenceFiles, FolderFramesGoInNumericOrderNotNameOrder) {
  TempPackage pkg;
  for (int n : {9, 10, 8}) pkg.write("take_" + std::to_string(n) + ".glb", ps::make_set::sequenceFrame(0));
  pkg.write("notes.txt", std::string("not a frame"));
  auto files = ps::media::listMeshSequence(pkg.dir());
  ASSERT_TRUE(files.ok()) << files.error().message();
  ASSERT_EQ(files->frames.size(), 3u);
  EXPECT_EQ(files->firstNumber, 8u);
  EXPECT_EQ(files->frames[0].filename(), "take_8.glb");
  EXPECT_EQ(files->frames[1].filename(), "take_9.glb");
  EXPECT_EQ(files->frames[2].filename(), "take_10.glb");
}

TEST(MeshSequenceFiles, AGapIsRefusedWithTheMissingNumber) {
  TempPackage pkg;
  for (int n : {1, 2, 3, 5, 6}) pkg.write(frameName(static_cast<std::size_t>(n)), ps::make_set::sequenceFrame(0));
  auto files = ps::media::listMeshSequence(pkg.dir());
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.error().what.find("frame number 4 is missing"), std::string::npos) << files.error().message();
}

TEST(MeshSequenceFiles, TwoFilesWithOneNumberAreRefused) {
  TempPackage pkg;
  pkg.write("f_7.glb", ps::make_set::sequenceFrame(0));
  pkg.write("f_007.glb", ps::make_set::sequenceFrame(0));
  auto files = ps::media::listMeshSequence(pkg.dir());
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.error().what.find("two files have frame number 7"), std::string::npos) << files.error().message();
}

TEST(MeshSequenceFiles, AbsurdFrameCountsAreRefused) {
  TempPackage pkg;
  writeFrames(pkg, 5);
  auto folder = ps::media::listMeshSequence(pkg.dir(), 4);
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().what.find("more than 4 frames"), std::string::npos) << folder.error().message();
  const fs::path listing =
      pkg.write("list.json", std::string(R"({"frames": ["a.glb", "b.glb", "c.glb", "d.glb", "e.glb"]})"));
  auto listed = ps::media::listMeshSequence(listing, 4);
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().where, listing.string() + "#/frames");
  EXPECT_NE(listed.error().what.find("more than 4 frames"), std::string::npos);
}

TEST(MeshSequenceFiles, AListingGivesTheOrderAndStaysInItsFolder) {
  TempPackage pkg;
  writeFrames(pkg, 3);
  const fs::path listing =
      pkg.write("seq.json", std::string(R"({"frames": ["frame_002.glb", "frame_000.glb", "frame_001.glb"]})"));
  auto files = ps::media::listMeshSequence(listing);
  ASSERT_TRUE(files.ok()) << files.error().message();
  ASSERT_EQ(files->frames.size(), 3u);
  EXPECT_EQ(files->frames[0].filename(), "frame_002.glb");
  EXPECT_EQ(files->frames[2].filename(), "frame_001.glb");

  const fs::path out = pkg.write("out.json", std::string(R"({"frames": ["frame_000.glb", "../x.glb"]})"));
  auto escaped = ps::media::listMeshSequence(out);
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.error().where, out.string() + "#/frames/1");
  const fs::path empty = pkg.write("empty.json", std::string(R"({"frames": []})"));
  EXPECT_FALSE(ps::media::listMeshSequence(empty).ok());
}

TEST(MeshSequence, OptionsOutsideTheirRangesAreRefused) {
  TempPackage pkg;
  writeFrames(pkg, 2);
  auto files = ps::media::listMeshSequence(pkg.dir());
  ASSERT_TRUE(files.ok());
  MeshSequenceOptions o = manual(0.0);
  EXPECT_FALSE(MeshSequence::open(files.value(), o).ok());
  o = manual();
  o.budgetMiB = 0;
  EXPECT_FALSE(MeshSequence::open(files.value(), o).ok());
}

TEST(MeshSequence, PlaysAndScrubsToTheExactFrame) {
  TempPackage pkg;
  writeFrames(pkg, 20);
  MeshSequenceOptions o = manual(10.0);
  o.startSeconds = 1.0;   // frame 5 (offset 0.5 s at 10 fps) shows at shot time 1.0
  o.offsetSeconds = 0.5;
  auto seq = openSeq(pkg.dir(), o);
  ASSERT_TRUE(seq);
  ASSERT_EQ(seq->frameCount(), 20u);
  // By hand: frame = floor((t - 1.0 + 0.5) * 10) while 0 <= that < 20.
  const auto expected = [](double t) { return static_cast<int>(std::floor((t - 0.5) * 10.0 + 1e-9)); };

  // Playing forwards, frame by frame and at half-frame times.
  for (int k = 0; k < 30; ++k) {
    const double t = 1.0 + k * 0.05;
    const int want = expected(t);
    if (want >= 20) break;
    EXPECT_EQ(settledIndex(*seq, t), want) << "t=" << t;
  }
  // Scrubbing backwards to the first frame, then steps both ways.
  for (int i = 19; i >= 5; --i) EXPECT_EQ(settledIndex(*seq, 0.5 + i / 10.0), i);
  for (int i : {5, 6, 7, 6, 5, 6}) EXPECT_EQ(settledIndex(*seq, 0.5 + i / 10.0), i);
  // Jumps anywhere.
  std::mt19937 rng(7);
  for (int n = 0; n < 40; ++n) {
    const double t = std::uniform_real_distribution<double>(1.0, 2.0)(rng);
    EXPECT_EQ(settledIndex(*seq, t), expected(t)) << "t=" << t;
  }
  // Before its start and past its last frame: nothing.
  EXPECT_FALSE(seq->show(0.99).wanted);
  EXPECT_FALSE(seq->show(0.5 + 2.0).wanted);
  EXPECT_FALSE(seq->show(0.5 + 2.0).scene);
  EXPECT_EQ(seq->stats().broken, 0u);
}

TEST(MeshSequence, PrefetchReadsAheadOfTheMotionFirstAndBehindItToo) {
  TempPackage pkg;
  writeFrames(pkg, 12);
  auto seq = openSeq(pkg.dir(), manual(10.0));
  ASSERT_TRUE(seq);
  // Nothing decoded yet: nothing to show, counted, and the frame loop did not read.
  auto f = seq->show(0.5);
  EXPECT_EQ(f.wanted, 5u);
  EXPECT_FALSE(f.scene);
  EXPECT_EQ(seq->stats().notReady, 1u);
  EXPECT_EQ(seq->stats().decoded, 0u);
  // Moving forwards: the playhead, one ahead, one behind, two ahead, three ahead, two behind.
  const std::size_t forwards[] = {5, 6, 4, 7, 8, 3};
  for (std::size_t i : forwards) {
    ASSERT_TRUE(seq->pumpOne());
    EXPECT_TRUE(seq->ready(i)) << i;
  }
  // A frame not read yet shows the nearest one read, and is counted.
  f = seq->show(1.05);
  EXPECT_EQ(f.wanted, 10u);
  EXPECT_EQ(f.shown, 8u);
  ASSERT_TRUE(f.scene);
  EXPECT_EQ(indexOf(*f.scene), 8);
  EXPECT_EQ(seq->stats().notReady, 2u);
  // Turning back: the order follows the new direction.
  seq->show(0.2);
  const std::size_t backwards[] = {2, 1, 0};
  for (std::size_t i : backwards) {
    ASSERT_TRUE(seq->pumpOne());
    EXPECT_TRUE(seq->ready(i)) << i;
  }
}

TEST(MeshSequence, TheMemoryBudgetHoldsWhileScrubbingBackAndForth) {
  TempPackage pkg;
  constexpr std::size_t kFrames = 40;
  writeFrames(pkg, kFrames, 5000);  // about 150 KiB decoded each
  MeshSequenceOptions o = manual(30.0);
  o.budgetMiB = 1;
  auto seq = openSeq(pkg.dir(), o);
  ASSERT_TRUE(seq);
  const std::size_t budget = o.budgetMiB << 20;
  const auto check = [&](std::size_t i) {
    const double t = static_cast<double>(i) / 30.0;
    EXPECT_EQ(settledIndex(*seq, t), static_cast<int>(i));
    const auto s = seq->stats();
    EXPECT_LE(s.heldBytes, budget);
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < kFrames; ++i) check(i);
    for (std::size_t i = kFrames; i-- > 0;) check(i);
  }
  std::mt19937 rng(3);
  for (int n = 0; n < 40; ++n) check(std::uniform_int_distribution<std::size_t>(0, kFrames - 1)(rng));
  const auto s = seq->stats();
  EXPECT_LE(s.peakHeldBytes, budget);
  // The budget bound something: not every frame fitted at once.
  std::size_t held = 0;
  for (std::size_t i = 0; i < kFrames; ++i) held += seq->ready(i) ? 1 : 0;
  EXPECT_LT(held, kFrames);
  EXPECT_GT(held, 2u);
  EXPECT_GT(s.peakHeldBytes, budget / 2);
}

TEST(MeshSequence, TheThreadPrefetchesAroundThePlayheadBothWays) {
  TempPackage pkg;
  constexpr std::size_t kFrames = 30;
  writeFrames(pkg, kFrames, 4000);
  MeshSequenceOptions o;
  o.fps = 30.0;
  o.budgetMiB = 2;
  auto seq = openSeq(pkg.dir(), o);
  ASSERT_TRUE(seq);
  const std::size_t steps[] = {0, 1, 2, 3, 10, 9, 8, 7, 29, 28, 0, 15, 16, 14};
  for (std::size_t i : steps) {
    const double t = static_cast<double>(i) / 30.0;
    seq->show(t);
    ASSERT_TRUE(seq->waitIdle(60.0)) << "the prefetch did not settle at frame " << i;
    const auto f = seq->show(t);
    ASSERT_TRUE(f.scene);
    EXPECT_EQ(indexOf(*f.scene), static_cast<int>(i));
    // Both neighbours are there for the next step either way.
    if (i + 1 < kFrames) {
      EXPECT_TRUE(seq->ready(i + 1)) << i;
    }
    if (i > 0) {
      EXPECT_TRUE(seq->ready(i - 1)) << i;
    }
    EXPECT_LE(seq->stats().heldBytes, o.budgetMiB << 20);
  }
}

TEST(MeshSequence, ABrokenFrameShowsTheLastGoodOneAndIsReportedOnce) {
  TempPackage pkg;
  writeFrames(pkg, 10);
  // Frame 5 cut in the middle, as an interrupted copy leaves it.
  const auto whole = ps::make_set::sequenceFrame(5);
  pkg.write(frameName(5), std::vector<std::uint8_t>(whole.begin(), whole.begin() + static_cast<long>(whole.size() / 2)));
  auto seq = openSeq(pkg.dir(), manual(10.0));
  ASSERT_TRUE(seq);
  for (int pass = 0; pass < 3; ++pass) {
    for (int i = 0; i < 10; ++i) {
      const double t = i / 10.0 + 0.01;
      seq->show(t);
      seq->pump();
      const auto f = seq->show(t);
      ASSERT_TRUE(f.scene) << i;
      EXPECT_EQ(indexOf(*f.scene), i == 5 ? 4 : i);
    }
  }
  // Arriving at 5 from 4 shows 4; from 6 (backwards) shows 6: the last good one shown.
  settledIndex(*seq, 0.41);
  auto f = seq->show(0.51);
  EXPECT_EQ(f.wanted, 5u);
  EXPECT_EQ(f.shown, 4u);
  ASSERT_TRUE(f.scene);
  EXPECT_EQ(indexOf(*f.scene), 4);
  settledIndex(*seq, 0.61);
  f = seq->show(0.51);
  EXPECT_EQ(f.shown, 6u);
  EXPECT_GT(seq->stats().broken, 3u);
  const auto problems = seq->problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("frame_005.glb"), std::string::npos) << problems[0];
}

TEST(MeshSequence, AMissingListedFrameAndAnAbsurdFrameAreReportedOnceEach) {
  TempPackage pkg;
  writeFrames(pkg, 3);
  pkg.write("big.glb", ps::make_set::sequenceFrame(3, 100000));
  const fs::path listing = pkg.write(
      "seq.json", std::string(R"({"frames": ["frame_000.glb", "gone.glb", "frame_002.glb", "big.glb"]})"));
  MeshSequenceOptions o = manual(10.0);
  o.limits.maxVertices = 10000;  // the big frame's sphere has about 50,000
  auto seq = openSeq(listing, o);
  ASSERT_TRUE(seq);
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < 4; ++i) {
      seq->show(i / 10.0);
      seq->pump();
      const auto f = seq->show(i / 10.0);
      ASSERT_TRUE(f.scene) << i;
      EXPECT_EQ(indexOf(*f.scene), i == 1 ? 0 : i == 3 ? 2 : i);
    }
  const auto problems = seq->problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("gone.glb"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("big.glb"), std::string::npos) << problems[1];
}

TEST(MeshSequence, AFrameLargerThanTheWholeBudgetIsReported) {
  TempPackage pkg;
  writeFrames(pkg, 2);
  pkg.write(frameName(2), ps::make_set::sequenceFrame(2, 100000));  // about 3.5 MiB decoded
  MeshSequenceOptions o = manual(10.0);
  o.budgetMiB = 1;
  auto seq = openSeq(pkg.dir(), o);
  ASSERT_TRUE(seq);
  settledIndex(*seq, 0.1);
  const auto f = seq->show(0.2);
  seq->pump();
  EXPECT_EQ(seq->show(0.2).shown, 1u);
  EXPECT_LE(seq->stats().peakHeldBytes, std::size_t{1} << 20);
  ASSERT_EQ(seq->problems().size(), 1u);
  EXPECT_NE(seq->problems()[0].find("budget"), std::string::npos) << seq->problems()[0];
  (void)f;
}

}  // namespace
