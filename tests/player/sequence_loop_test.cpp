// A mesh sequence with its texture atlas (make_set's, each frame spelling its index in cubes and
// stamping it in its texture) in the player loop on the offscreen display, over the stamped
// plate at the same rate: in every picture the plate's frame, the mesh frame and the texture
// frame are one frame, playing, paused, stepping forwards and back. decodeWait (offline play)
// makes the sequence's own reading threads give the exact frame.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "loop_harness.h"
#include "make_set/sequence_atlas.h"
#include "make_set/sequence_frames.h"
#include "player/set_scene.h"
#include "player/shot_sets.h"
#include "sequence_picture.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

constexpr int kFrames = 24;
constexpr std::uint32_t kSize = 160;

class SequenceFolder {
 public:
  SequenceFolder() {
    std::string templ = (fs::path(PS_BINARY_DIR) / "test-out" / "sequence_loop_XXXXXX").string();
    fs::create_directories(fs::path(templ).parent_path());
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp " + templ);
    root_ = templ;
    fs::create_directories(root_ / "performer");
    for (int i = 0; i < kFrames; ++i) {
      const auto glb = make_set::sequenceFrame(static_cast<std::size_t>(i), 0, true);
      char name[32];
      std::snprintf(name, sizeof name, "frame_%03d.glb", i);
      std::ofstream(root_ / "performer" / name, std::ios::binary)
          .write(reinterpret_cast<const char*>(glb.data()), static_cast<std::streamsize>(glb.size()));
    }
    const std::string failed = make_set::writeAtlasVideo((root_ / "atlas.mp4").string(), kFrames);
    EXPECT_TRUE(failed.empty()) << failed;
  }
  ~SequenceFolder() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  SequenceFolder(const SequenceFolder&) = delete;
  SequenceFolder& operator=(const SequenceFolder&) = delete;

  // The sequence at the plate's 30 fps from shot time 0: sequence frame i is plate frame i.
  scenes::Shot shot() const {
    scenes::Shot s;
    s.root = root_;
    scenes::MediaRef m;
    m.pointer = "/media/1";
    m.id = "actor";
    m.kind = scenes::MediaKind::MeshSequence;
    m.src = "performer";
    m.path = root_ / "performer";
    m.fps = 30;
    m.textureSrc = "atlas.mp4";
    m.texturePath = root_ / "atlas.mp4";
    s.media.push_back(m);
    return s;
  }

 private:
  fs::path root_;
};

xr::RawInput press(xr::Key key, int times = 1) {
  xr::RawInput in;
  for (int i = 0; i < times; ++i) in.keys.push_back({key});
  return in;
}

TEST(SequenceLoop, ThePlateTheMeshAndTheTextureShowOneFramePlayingPausedAndStepping) {
  SequenceFolder folder;
  auto sets = player::loadShotSets(folder.shot(), player::SetFailure::Refuse);
  ASSERT_TRUE(sets.ok()) << sets.error().message();
  ASSERT_EQ(sets->size(), 1u);
  ASSERT_NE(sets->front().atlas, nullptr);

  LoopRun run(engine::viewFromV360({0, 0, 0, 120, 90}), [](std::uint64_t) { return true; }, kSize, kSize);
  run.options.sets = *sets;
  run.inputAfter[8] = press(xr::Key::Space);      // pause
  run.inputAfter[10] = press(xr::Key::Left);      // a step back
  run.inputAfter[12] = press(xr::Key::Left, 2);   // two more
  run.inputAfter[14] = press(xr::Key::Right);     // and forwards
  run.options.maxFrames = 17;
  run.run();
  ASSERT_EQ(run.shown.size(), 17u);
  const float focalX = (kSize / 2.0f) / std::tan(60.0f * 3.14159265f / 180.0f);
  const float focalY = (kSize / 2.0f) / std::tan(45.0f * 3.14159265f / 180.0f);
  std::vector<std::int64_t> frames;
  for (const Shown& s : run.shown) {
    ASSERT_TRUE(s.pixels) << "display frame " << s.index;
    const engine::RgbaImage& image = *s.pixels;
    const SequencePicture p = readSequencePicture(
        [&](int x, int y, int c) {
          return int(image.pixels[(static_cast<std::size_t>(y) * image.width + static_cast<std::size_t>(x)) * 4 +
                                  static_cast<std::size_t>(c)]);
        },
        static_cast<int>(kSize), focalX, focalY);
    ASSERT_TRUE(s.stamp) << "display frame " << s.index;
    EXPECT_EQ(*s.stamp, s.timelineFrame) << "display frame " << s.index;
    EXPECT_EQ(p.meshIndex, s.timelineFrame) << "display frame " << s.index << ": " << p.why;
    EXPECT_EQ(p.atlasStamp, s.timelineFrame) << "display frame " << s.index << ": " << p.why;
    frames.push_back(s.timelineFrame);
  }
  // It went forwards, then back and forwards again by steps.
  EXPECT_GT(frames[8], frames[0]);
  EXPECT_EQ(frames[11], frames[9] - 1);
  EXPECT_EQ(frames[13], frames[9] - 3);
  EXPECT_EQ(frames[15], frames[9] - 2);
}

// Picking meets the sequence's frame shown: a ray through bit b's cube stops at its front face
// when frame t's index has bit b, and at the backdrop behind when it has not.
TEST(SequenceLoop, PickingMeetsTheFrameShown) {
  SequenceFolder folder;
  auto sets = player::loadShotSets(folder.shot(), player::SetFailure::Refuse, player::SequenceRead::Exact);
  ASSERT_TRUE(sets.ok()) << sets.error().message();
  xr::OffscreenDisplayOptions o;
  o.width = 16;
  o.height = 16;
  auto display = xr::OffscreenDisplay::create(o);
  ASSERT_TRUE(display.ok()) << display.error().message();
  player::SetScene scene((*display)->device(), *sets);
  const glm::vec3 eye(0.0f, make_set::kSeqBitY, 0.0f);
  const auto rayTo = [&](int bit) {
    return engine::Ray{eye, glm::normalize(glm::vec3(make_set::kSeqBitX(bit), make_set::kSeqBitY, make_set::kSeqZ) - eye)};
  };
  const float cubeFront = -make_set::kSeqZ - make_set::kSeqBitSize / 2;
  for (const int frame : {5, 10, 3}) {
    scene.showAt((frame + 0.5) / 30.0);
    for (int bit = 0; bit < 4; ++bit) {
      const engine::Ray ray = rayTo(bit);
      const auto hit = scene.nearestHit(ray);
      ASSERT_TRUE(hit) << "frame " << frame << " bit " << bit;
      const float depth = *hit * -ray.direction.z;  // along -Z
      if ((frame >> bit) & 1)
        EXPECT_NEAR(depth, cubeFront, 0.01f) << "frame " << frame << " bit " << bit;
      else
        EXPECT_GT(depth, -make_set::kSeqZ + 0.1f) << "frame " << frame << " bit " << bit;
    }
  }
}

// Offline play (the loop's decodeWait) waits for the exact frame from the sequence's own
// reading threads: right after opening, and after jumps across the sequence, the frame shown
// (as picking meets it) is the frame asked for.
TEST(SequenceLoop, OfflinePlayWaitsForTheExactFrameFromTheReadingThreads) {
  SequenceFolder folder;
  xr::OffscreenDisplayOptions o;
  o.width = 16;
  o.height = 16;
  auto display = xr::OffscreenDisplay::create(o);
  ASSERT_TRUE(display.ok()) << display.error().message();
  // Opened last: the threads start reading from frame 0 now, and frame 17 is far down their list.
  auto sets = player::loadShotSets(folder.shot(), player::SetFailure::Refuse, player::SequenceRead::Prefetch);
  ASSERT_TRUE(sets.ok()) << sets.error().message();
  player::SetScene scene((*display)->device(), *sets, std::chrono::seconds(10));
  const glm::vec3 eye(0.0f, make_set::kSeqBitY, 0.0f);
  const float cubeFront = -make_set::kSeqZ - make_set::kSeqBitSize / 2;
  for (const int frame : {17, 2, 21, 9}) {
    scene.showAt((frame + 0.5) / 30.0);
    int shown = 0;
    for (int bit = 0; bit < make_set::kSeqBits; ++bit) {
      const engine::Ray ray{eye, glm::normalize(glm::vec3(make_set::kSeqBitX(bit), make_set::kSeqBitY, make_set::kSeqZ) - eye)};
      const auto hit = scene.nearestHit(ray);
      if (hit && std::abs(*hit * -ray.direction.z - cubeFront) < 0.01f) shown |= 1 << bit;
    }
    EXPECT_EQ(shown, frame);
  }
}

}  // namespace
}  // namespace ps::test
