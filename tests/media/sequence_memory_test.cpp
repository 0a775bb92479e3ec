// A mesh sequence's memory budget holds in the process's resident memory, not only in the
// sequence's own count: a minute of scrubbing back and forth (play, fast forward, reverse,
// jumps), with the prefetch reading one frame per display frame, keeps the peak RSS within the
// budget plus a fixed overhead. The sequence is many times the budget, so a cache that kept
// what it read would blow through the bound.
//
// Growth is measured from a baseline taken after setup, because ASan's shadow and its heap
// make the absolute RSS meaningless. Freed memory sits in ASan's quarantine before it goes
// back to the system; this binary keeps the quarantine small (below) so that what stays
// resident is what the sequence holds, not what the sanitizer holds for it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "gltf_files.h"
#include "make_set/sequence_frames.h"
#include "media/mesh_sequence.h"

#if defined(__SANITIZE_ADDRESS__)
// Overridden by ASAN_OPTIONS where it sets the same flags; tools/test.sh does not.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=2:thread_local_quarantine_size_kb=256"; }
#endif

namespace {

using ps::media::MeshSequence;
using ps::media::MeshSequenceOptions;
using ps::test::TempPackage;
namespace fs = std::filesystem;

constexpr double kFps = 30.0;
constexpr std::size_t kFrames = 480;         // 16 s of performance
constexpr std::size_t kDistinctFiles = 4;    // the rest are hard links to them: no disk to speak of
constexpr std::uint64_t kBodyTriangles = 4000;  // about 0.12 MiB decoded a frame
constexpr std::size_t kBudgetMiB = 1;
// The frame being read and the loader's copies of it (file bytes, JSON, the scene it builds),
// ASan's quarantine (2 MiB above) and what the allocators keep for reuse.
constexpr std::size_t kOverheadMiB = 8;

// "VmRSS" or "VmHWM" of this process, in bytes; 0 if /proc does not say.
std::size_t statusBytes(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stoull(line.substr(key.size() + 1)) * 1024;  // "... kB"
  return 0;
}

// Resets VmHWM to the current RSS (Linux >= 4.0); false where that is not allowed.
bool resetPeak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.close();
  return static_cast<bool>(out);
}

// The playhead, one display frame at a time: a minute at 30 Hz of what an editor does with a
// scrubber. Segments of play, fast forward, reverse and reverse fast, with jumps between.
std::vector<std::size_t> scrubPath(std::size_t displayFrames) {
  std::mt19937 rng(11);
  std::vector<std::size_t> path;
  long frame = 0;
  const int speeds[] = {1, 3, -1, -2, 2, -4};
  while (path.size() < displayFrames) {
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0)  // a jump anywhere
      frame = std::uniform_int_distribution<long>(0, kFrames - 1)(rng);
    const int speed = speeds[std::uniform_int_distribution<std::size_t>(0, std::size(speeds) - 1)(rng)];
    const int steps = std::uniform_int_distribution<int>(15, 90)(rng);
    for (int s = 0; s < steps && path.size() < displayFrames; ++s) {
      frame = std::clamp(frame + speed, 0L, static_cast<long>(kFrames) - 1);
      path.push_back(static_cast<std::size_t>(frame));
    }
  }
  return path;
}

TEST(MeshSequenceMemory, PeakRssStaysWithinTheBudgetWhileScrubbingForAMinute) {
  TempPackage pkg;
  for (std::size_t i = 0; i < kFrames; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%03zu.glb", i);
    if (i < kDistinctFiles)
      pkg.write(name, ps::make_set::sequenceFrame(i, kBodyTriangles));
    else
      fs::create_hard_link(pkg.dir() / ("frame_00" + std::to_string(i % kDistinctFiles) + ".glb"), pkg.dir() / name);
  }
  auto files = ps::media::listMeshSequence(pkg.dir());
  ASSERT_TRUE(files.ok()) << files.error().message();
  MeshSequenceOptions o;
  o.fps = kFps;
  o.budgetMiB = kBudgetMiB;
  o.prefetch = MeshSequenceOptions::Prefetch::Manual;
  auto opened = MeshSequence::open(std::move(files.value()), o);
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  MeshSequence& seq = *opened.value();
  const std::vector<std::size_t> path = scrubPath(static_cast<std::size_t>(60 * kFps));

  // Setup: the first frames read once, so that the loader's one-time allocations are in the
  // baseline, not in the growth.
  seq.show(0.0);
  seq.pump(2);
  const std::size_t baseline = statusBytes("VmRSS");
  ASSERT_GT(baseline, 0u) << "no VmRSS in /proc/self/status";
  const bool peakReset = resetPeak();

  std::size_t peak = baseline, shownNow = 0;
  for (const std::size_t frame : path) {
    const auto shown = seq.show((static_cast<double>(frame) + 0.5) / kFps);
    shownNow += shown.shown == shown.wanted ? 1 : 0;
    seq.pumpOne();  // the prefetch reads about as fast as the display shows
    peak = std::max(peak, statusBytes("VmRSS"));
  }
  if (peakReset) peak = std::max(peak, statusBytes("VmHWM"));

  const auto stats = seq.stats();
  const double growthMiB = static_cast<double>(peak - baseline) / (1 << 20);
  const double frameMiB = static_cast<double>(stats.peakHeldBytes) / (1 << 20) / 1.0;
  std::printf("peak RSS growth %.1f MiB (budget %zu MiB + overhead %zu MiB); frames decoded %llu, kept at most "
              "%.1f MiB; exact frame shown %zu of %zu; VmHWM %s\n",
              growthMiB, kBudgetMiB, kOverheadMiB, static_cast<unsigned long long>(stats.decoded), frameMiB,
              shownNow, path.size(), peakReset ? "reset at the baseline" : "not resettable: VmRSS sampled");
  EXPECT_LE(growthMiB, static_cast<double>(kBudgetMiB + kOverheadMiB));
  EXPECT_LE(stats.peakHeldBytes, kBudgetMiB << 20);
  // The scrub was a real one: the whole sequence is many budgets, far more than the budget was
  // read, and the reader kept up with a good part of it.
  EXPECT_GT(stats.decoded, 2 * kFrames);
  EXPECT_GT(shownNow, path.size() / 4);
}

}  // namespace
