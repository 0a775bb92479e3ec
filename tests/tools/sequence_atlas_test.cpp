// A mesh sequence with its texture atlas video, both written by ps_make_set (--sequence
// --atlas): each mesh frame spells its index in white cubes, each atlas frame stamps its index
// in its pixels, shown on a board above the cubes. The picture rendered at a time shows one
// frame index twice, from the mesh and from the texture, and both are the frame of that time;
// the pairing in media/ never hands out a mesh and a texture of different frames.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "image.h"
#include "media/frame_rgba.h"
#include "media/frame_stamp.h"
#include "media/mesh_sequence.h"
#include "media/mesh_sequence_files.h"
#include "media/sequence_atlas.h"
#include "media/sequence_pairing.h"
#include "media/video_source.h"
#include "process.h"
#include "temp_dir.h"
#include "sequence_picture.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMakeSet = PS_BINARY_DIR "/tools/make_set/ps_make_set";
const std::string kDemoPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";
constexpr int kFrames = 12;
constexpr int kSize = 320;  // square, 120 x 90 degrees, from (0, 1.6, 0) down -Z
const float kFocalX = (kSize / 2.0f) / std::tan(60.0f * 3.14159265f / 180.0f);
const float kFocalY = (kSize / 2.0f) / std::tan(45.0f * 3.14159265f / 180.0f);

// The demo plate from shot time 2 (nothing behind the performer before), and a 12-frame
// sequence at 10 fps from shot time 0 with an atlas of `atlasFrames` frames.
class AtlasPackage {
 public:
  explicit AtlasPackage(int atlasFrames = kFrames) : dir_("sequence_atlas") {
    fs::copy_file(kDemoPlate, root() / "plate.mp4");
    const ProcessResult made = run({kMakeSet, "--sequence", std::to_string(kFrames), "-o", (root() / "performer").string(),
                                    "--atlas", atlas().string(), "--atlas-frames", std::to_string(atlasFrames)});
    EXPECT_EQ(made.exitCode, 0) << made.output;
    std::ofstream(root() / "shot.json") << R"({"format":"perfectshot/1","title":"Performer",
      "media":[{"id":"plate","kind":"equirect","src":"plate.mp4","projection":"360","stereo":"mono","start":2},
               {"id":"actor","kind":"mesh-sequence","src":"performer","fps":10,"texture":"atlas.mp4"}],
      "timeline":{"fps":"30","in":0,"out":3}})";
  }
  const fs::path& root() const { return dir_.path(); }
  fs::path atlas() const { return root() / "atlas.mp4"; }
  fs::path frames() const { return root() / "performer"; }

 private:
  TempDir dir_;
};

ProcessResult render(const AtlasPackage& pkg, const std::string& time, const std::string& png) {
  return run({kPerfectshot, "--log-level", "warn", "render", pkg.root().string(), "--time", time, "--size",
              std::to_string(kSize) + "x" + std::to_string(kSize), "--hfov", "120", "--vfov", "90", "-o", png});
}

SequencePicture renderedAt(const AtlasPackage& pkg, const std::string& time) {
  const std::string png = (pkg.root() / ("t" + time + ".png")).string();
  const ProcessResult r = render(pkg, time, png);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  if (r.exitCode != 0) return {};
  const Image image = loadImage(png);
  return readSequencePicture([&](int x, int y, int c) { return int(image.at(x, y, c)); }, kSize, kFocalX, kFocalY);
}

// The frame a decoded scene spells: bit b is set where it has a node "bit_b".
int meshIndexOf(const scenes::MeshScene& scene) {
  int index = 0;
  for (const auto& node : scene.nodes)
    if (node.name.rfind("bit_", 0) == 0) index |= 1 << std::stoi(node.name.substr(4));
  return index;
}

// The stamp of an atlas frame converted to RGBA: block k's middle white or black.
std::optional<int> stampOf(const scenes::MeshImage& image) {
  int value = 0;
  for (int k = 0; k < make_set::kStampBits; ++k) {
    const std::size_t at = (8 * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(k * 16 + 8)) * 4;
    const int v = image.rgba.at(at + 1);
    if (v > 200) value |= 1 << k;
    else if (v > 55) return std::nullopt;
  }
  return value;
}

// The atlas's conversion to RGBA: BT.601 limited-range red, green and blue, through the 4:2:0
// fast path and the general one (4:4:4), land within a step of the colours they encode.
TEST(SequenceAtlas, AtlasFramesConvertToTheColoursTheyEncode) {
  struct Case {
    std::uint8_t y, u, v;
    int r, g, b;
  };
  for (const Case& k : {Case{81, 90, 240, 255, 0, 0}, Case{145, 54, 34, 0, 255, 0}, Case{41, 240, 110, 0, 0, 255},
                        Case{235, 128, 128, 255, 255, 255}, Case{16, 128, 128, 0, 0, 0}}) {
    for (const PixelFormat format : {PixelFormat::Yuv420P, PixelFormat::Yuv444P}) {
      const std::size_t chroma = format == PixelFormat::Yuv420P ? 1 : 4;
      std::vector<std::byte> y(4, std::byte{k.y}), u(chroma, std::byte{k.u}), v(chroma, std::byte{k.v});
      FrameView view;
      view.format = format;
      view.width = view.height = 2;
      view.matrix = ColorMatrix::Bt601;
      view.range = ColorRange::Limited;
      view.planes = {Plane{y.data(), 2}, Plane{u.data(), chroma == 1 ? 1u : 2u}, Plane{v.data(), chroma == 1 ? 1u : 2u}};
      const scenes::MeshImage rgba = media::frameToRgba(view, "test");
      ASSERT_EQ(rgba.rgba.size(), 16u);
      for (std::size_t p = 0; p < 4; ++p) {
        EXPECT_NEAR(rgba.rgba[4 * p], k.r, 3) << int(k.y) << "/" << int(k.u) << "/" << int(k.v);
        EXPECT_NEAR(rgba.rgba[4 * p + 1], k.g, 3) << int(k.y) << "/" << int(k.u) << "/" << int(k.v);
        EXPECT_NEAR(rgba.rgba[4 * p + 2], k.b, 3) << int(k.y) << "/" << int(k.u) << "/" << int(k.v);
        EXPECT_EQ(rgba.rgba[4 * p + 3], 255);
      }
    }
  }
}

TEST(SequenceAtlas, RenderShowsTheMeshAndTheTextureOfTheFrameAtThatTime) {
  AtlasPackage pkg;
  // Frame i covers [i / 10, (i + 1) / 10): forwards, back, a step, the last.
  for (const auto& [time, frame] : {std::pair{"0", 0}, {"0.55", 5}, {"0.3", 3}, {"0.4", 4}, {"1.19", 11}}) {
    const SequencePicture p = renderedAt(pkg, time);
    EXPECT_EQ(p.meshIndex, frame) << "t " << time << ": " << p.why;
    EXPECT_EQ(p.atlasStamp, frame) << "t " << time << ": " << p.why;
  }
}

// The texture video as decoded says the same index in frame i, and holds as many frames as
// the sequence's listing.
TEST(SequenceAtlas, TheDecodedTextureStampsItsIndexAndCountsAsTheListing) {
  AtlasPackage pkg;
  auto files = media::listMeshSequence(pkg.frames());
  ASSERT_TRUE(files.ok()) << files.error().message();
  auto video = media::VideoSource::open(pkg.atlas().string());
  ASSERT_TRUE(video.ok()) << video.error().message();
  std::size_t count = 0;
  while (true) {
    auto next = video->next();
    ASSERT_TRUE(next.ok()) << next.error().message();
    if (!next.value()) break;
    EXPECT_EQ(media::readFrameStamp(next.value()->view()), static_cast<int>(count));
    ++count;
  }
  EXPECT_EQ(count, files->frames.size());
  EXPECT_EQ(count, static_cast<std::size_t>(kFrames));
}

// Read step by step (manual prefetch): a mesh frame without its texture frame is never handed
// out; the nearest frame both hold is, and counted as unpaired.
TEST(SequenceAtlas, TheMeshAndTheTextureHandedOutAreAlwaysOfOneFrame) {
  AtlasPackage pkg;
  auto files = media::listMeshSequence(pkg.frames());
  ASSERT_TRUE(files.ok()) << files.error().message();
  media::MeshSequenceOptions o;
  o.fps = 10;
  o.prefetch = media::MeshSequenceOptions::Prefetch::Manual;
  auto seq = media::MeshSequence::open(std::move(*files), o);
  ASSERT_TRUE(seq.ok()) << seq.error().message();
  media::SequenceAtlasOptions ao;
  ao.prefetch = media::SequenceAtlasOptions::Prefetch::Manual;
  auto atlas = media::SequenceAtlas::open(pkg.atlas().string(), kFrames, ao);
  ASSERT_TRUE(atlas.ok()) << atlas.error().message();
  media::MeshSequence& mesh = **seq;
  media::SequenceAtlas& texture = **atlas;

  const auto expectPair = [&](const media::PairedSequenceFrame& f, std::optional<std::size_t> frame, const char* what) {
    EXPECT_EQ(f.mesh.shown, frame) << what;
    ASSERT_EQ(f.mesh.scene == nullptr, f.atlas == nullptr) << what;
    if (!f.mesh.scene) return;
    EXPECT_EQ(meshIndexOf(*f.mesh.scene), static_cast<int>(*f.mesh.shown)) << what;
    EXPECT_EQ(stampOf(*f.atlas), static_cast<int>(*f.mesh.shown)) << what;
  };
  auto f = media::showPaired(mesh, texture, 0.55);  // nothing read yet
  expectPair(f, std::nullopt, "nothing read");
  EXPECT_TRUE(f.unpaired);
  ASSERT_TRUE(mesh.pumpOne());  // mesh frame 5, not its texture
  f = media::showPaired(mesh, texture, 0.55);
  expectPair(f, std::nullopt, "mesh 5 alone");
  ASSERT_TRUE(texture.pumpOne());  // texture 5
  f = media::showPaired(mesh, texture, 0.55);
  expectPair(f, 5, "both 5");
  EXPECT_FALSE(f.unpaired);

  // Back to frame 3: its mesh first, then the pair 5 stays until the texture is read too.
  f = media::showPaired(mesh, texture, 0.3);
  ASSERT_TRUE(mesh.pumpOne());
  ASSERT_TRUE(mesh.ready(3));
  f = media::showPaired(mesh, texture, 0.3);
  expectPair(f, 5, "mesh 3 without its texture: the pair 5");
  EXPECT_TRUE(f.unpaired);
  ASSERT_TRUE(texture.pumpOne());
  f = media::showPaired(mesh, texture, 0.3);
  expectPair(f, 3, "both 3");

  // Steps forwards and back, each read in full, land exactly.
  for (const auto& [t, frame] : {std::pair{0.4, 4}, {0.5, 5}, {0.45, 4}, {0.35, 3}, {0.25, 2}, {1.15, 11}}) {
    media::showPaired(mesh, texture, t);
    while (mesh.pumpOne() || texture.pumpOne()) {
    }
    f = media::showPaired(mesh, texture, t);
    expectPair(f, static_cast<std::size_t>(frame), "step");
    EXPECT_FALSE(f.unpaired);
  }
  EXPECT_TRUE(texture.problems().empty());
  EXPECT_GT(texture.stats().seeks, 0u);
}

// render refuses a texture video shorter than the sequence, naming the entry and both counts.
TEST(SequenceAtlas, ATextureVideoShorterThanTheSequenceIsRefused) {
  AtlasPackage pkg(8);
  const ProcessResult r = render(pkg, "0", (pkg.root() / "short.png").string());
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("/media/1/texture"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("has 8 frames, fewer than the mesh sequence's 12"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(pkg.root() / "short.png"));
}

// ... and one that does not open, naming the file.
TEST(SequenceAtlas, ATextureVideoThatDoesNotOpenIsRefused) {
  AtlasPackage pkg;
  std::ofstream(pkg.atlas(), std::ios::trunc) << "not a video";
  const ProcessResult r = render(pkg, "0", (pkg.root() / "broken.png").string());
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("/media/1/texture"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("atlas.mp4"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("AddressSanitizer"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
