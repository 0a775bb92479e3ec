// 4D splat captures: a folder of numbered frames played and scrubbed frame-exactly through the
// two-way prefetch, within a memory budget, with broken frames reported once. Each frame's
// cloud spells its own index (its first splat stands at x = index), so every check reads the
// index back from the cloud shown rather than from the sequence's bookkeeping.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "media/splat_files.h"
#include "media/splat_sequence.h"
#include "temp_dir.h"

namespace {

using ps::media::Prefetch;
using ps::media::SplatSequence;
using ps::media::SplatSequenceOptions;
using ps::scenes::SplatCloud;
namespace fs = std::filesystem;

SplatCloud frameCloud(std::size_t index, std::size_t splats = 8) {
  SplatCloud c;
  c.resize(splats, 1);
  c.positions[0].x = static_cast<float>(index);
  for (std::size_t i = 1; i < splats; ++i) c.positions[i] = glm::vec3(0.1f * static_cast<float>(i), 1.0f, -2.0f);
  return c;
}

std::string frameName(std::size_t i) { return "frame_" + std::to_string(1000 + i).substr(1) + ".ply"; }

void writeFrames(const fs::path& dir, std::size_t count, std::size_t splats = 8) {
  for (std::size_t i = 0; i < count; ++i) {
    auto saved = ps::media::writeSplatPly(frameCloud(i, splats), dir / frameName(i));
    ASSERT_TRUE(saved.ok()) << saved.error().message();
  }
}

SplatSequenceOptions manual(double fps = 10.0) {
  SplatSequenceOptions o;
  o.fps = fps;
  o.prefetch = Prefetch::Manual;
  return o;
}

std::unique_ptr<SplatSequence> openFolder(const fs::path& dir, const SplatSequenceOptions& o) {
  auto files = ps::media::listSplatSequence(dir);
  EXPECT_TRUE(files.ok()) << (files.ok() ? "" : files.error().message());
  auto seq = SplatSequence::open(std::move(files.value()), o);
  EXPECT_TRUE(seq.ok()) << (seq.ok() ? "" : seq.error().message());
  return std::move(seq.value());
}

int settledIndex(SplatSequence& seq, double t) {
  seq.show(t);
  seq.pump();
  const auto f = seq.show(t);
  if (!f.cloud) return -1;
  EXPECT_EQ(f.shown, f.wanted) << "t=" << t;
  return static_cast<int>(f.cloud->positions[0].x);
}

TEST(SplatSequence, PlaysForwardAndScrubsBackwardToTheExactFrame) {
  ps::test::TempDir dir("splat_sequence");
  writeFrames(dir.path(), 12);
  auto seq = openFolder(dir.path(), manual(10.0));
  ASSERT_EQ(seq->frameCount(), 12u);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(settledIndex(*seq, i / 10.0), i);
  for (int i = 11; i >= 0; i -= 3) EXPECT_EQ(settledIndex(*seq, i / 10.0 + 0.05), i);
  EXPECT_EQ(settledIndex(*seq, 0.7), 7);
  EXPECT_FALSE(seq->show(1.2).wanted) << "past the last frame nothing is shown";
  EXPECT_TRUE(seq->problems().empty());
}

TEST(SplatSequence, AScrubBackwardFindsTheFrameBehindAlreadyRead) {
  ps::test::TempDir dir("splat_sequence");
  writeFrames(dir.path(), 20);
  auto seq = openFolder(dir.path(), manual(10.0));
  seq->show(1.0);
  seq->pump();
  EXPECT_TRUE(seq->ready(9)) << "the prefetch reads against the motion too";
  const auto f = seq->show(0.9);
  ASSERT_TRUE(f.cloud);
  EXPECT_EQ(f.shown, std::optional<std::size_t>(9));
  EXPECT_EQ(f.cloud->positions[0].x, 9.0f);
}

TEST(SplatSequence, StartAndOffsetPlaceTheFramesOnShotTime) {
  ps::test::TempDir dir("splat_sequence");
  writeFrames(dir.path(), 10);
  SplatSequenceOptions o = manual(5.0);
  o.startSeconds = 2.0;
  o.offsetSeconds = 0.4;  // frame 2 shows at shot time 2
  auto seq = openFolder(dir.path(), o);
  EXPECT_FALSE(seq->frameAt(1.99));
  EXPECT_EQ(seq->frameAt(2.0), std::optional<std::size_t>(2));
  EXPECT_EQ(seq->frameAt(2.0 + 3.0 / 5.0), std::optional<std::size_t>(5));
  EXPECT_EQ(settledIndex(*seq, 2.0 + 7.0 / 5.0), 9);
}

TEST(SplatSequence, HeldFramesStayWithinTheBudget) {
  ps::test::TempDir dir("splat_sequence");
  const std::size_t splats = 6000;  // about 0.6 MiB a frame decoded with SH degree 1
  writeFrames(dir.path(), 16, splats);
  SplatSequenceOptions o = manual(10.0);
  o.budgetMiB = 2;
  auto seq = openFolder(dir.path(), o);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(settledIndex(*seq, i / 10.0), i);
  for (int i = 15; i >= 0; --i) EXPECT_EQ(settledIndex(*seq, i / 10.0), i);
  const auto s = seq->stats();
  EXPECT_LE(s.peakHeldBytes, 2u << 20);
  EXPECT_GT(s.decoded, 16u) << "frames evicted going forward are read again coming back";
  EXPECT_EQ(s.broken, 0u);
}

TEST(SplatSequence, ABrokenFrameIsReportedOnceAndTheLastGoodOneShown) {
  ps::test::TempDir dir("splat_sequence");
  writeFrames(dir.path(), 6);
  std::ofstream(dir.path() / frameName(3), std::ios::binary | std::ios::trunc) << "ply\nformat ascii 1.0\n";
  auto seq = openFolder(dir.path(), manual(10.0));
  EXPECT_EQ(settledIndex(*seq, 0.2), 2);
  seq->show(0.3);
  seq->pump();
  const auto f = seq->show(0.3);
  ASSERT_TRUE(f.cloud);
  EXPECT_EQ(f.shown, std::optional<std::size_t>(2));
  seq->show(0.35);
  ASSERT_EQ(seq->problems().size(), 1u);
  EXPECT_NE(seq->problems()[0].find(frameName(3)), std::string::npos) << seq->problems()[0];
  EXPECT_EQ(settledIndex(*seq, 0.4), 4);
}

TEST(SplatSequence, AReaderGivenByTheCallerReadsEveryFrame) {
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < 4; ++i) files.push_back("virtual_" + std::to_string(i));
  auto seq = SplatSequence::open(files, manual(4.0), [](const fs::path& f) -> ps::Result<SplatCloud> {
    return frameCloud(static_cast<std::size_t>(std::stoi(f.string().substr(8))));
  });
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(settledIndex(**seq, 0.75), 3);
}

TEST(SplatSequence, FramesReadInOrderOfImportanceWhenAsked) {
  // Each frame's splats from the least important to the most (opacity times the two largest
  // axes' area); frame i's most important splat stands at x = 100 + i.
  const auto rising = [](std::size_t index) {
    SplatCloud c;
    c.resize(5, 0);
    for (std::size_t k = 0; k < 5; ++k) {
      c.positions[k] = glm::vec3(static_cast<float>(k), 0.0f, -2.0f);
      c.scales[k] = glm::vec3(0.01f * static_cast<float>(k + 1), 0.01f, 0.001f);
      c.opacities[k] = 0.5f;
    }
    c.positions[4].x = 100.0f + static_cast<float>(index);
    return c;
  };
  std::vector<fs::path> files = {"virtual_0", "virtual_1"};
  const auto reader = [&](const fs::path& f) -> ps::Result<SplatCloud> {
    return rising(static_cast<std::size_t>(std::stoi(f.string().substr(8))));
  };
  SplatSequenceOptions o = manual(1.0);
  auto asRead = SplatSequence::open(files, o, reader);
  o.importanceOrder = true;
  auto ordered = SplatSequence::open(files, o, reader);
  ASSERT_TRUE(asRead.ok() && ordered.ok());
  for (auto* seq : {asRead->get(), ordered->get()}) {
    seq->show(1.5);
    seq->pump();
  }
  const auto plain = (*asRead)->show(1.5), important = (*ordered)->show(1.5);
  ASSERT_TRUE(plain.cloud && important.cloud);
  EXPECT_FLOAT_EQ(plain.cloud->positions[0].x, 0.0f);
  EXPECT_FLOAT_EQ(important.cloud->positions[0].x, 101.0f);
  EXPECT_FLOAT_EQ(important.cloud->positions[4].x, 0.0f);
  EXPECT_FLOAT_EQ(important.cloud->scales[0].x, 0.05f);
}

TEST(SplatSequence, BadOptionsAndFoldersAreRefusedWithASentence) {
  ps::test::TempDir dir("splat_sequence");
  SplatSequenceOptions o = manual(0.0);
  auto noFps = SplatSequence::open({"a.ply"}, o);
  ASSERT_FALSE(noFps.ok());
  EXPECT_NE(noFps.error().what.find("fps"), std::string::npos);
  o = manual(10.0);
  o.budgetMiB = 0;
  EXPECT_FALSE(SplatSequence::open({"a.ply"}, o).ok());
  EXPECT_FALSE(SplatSequence::open({}, manual()).ok());
  auto empty = ps::media::listSplatSequence(dir.path());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().what.find("holds no splat frames"), std::string::npos) << empty.error().message();
  writeFrames(dir.path(), 3);
  fs::remove(dir.path() / frameName(1));
  auto gap = ps::media::listSplatSequence(dir.path());
  ASSERT_FALSE(gap.ok()) << "a missing frame is refused rather than played as a jump";
  auto notFolder = ps::media::listSplatSequence(dir.path() / frameName(0));
  EXPECT_FALSE(notFolder.ok());
}

}  // namespace
