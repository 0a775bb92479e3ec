// A shot's animated gltf set: the animation named in shot.json moves the set's meshes to where
// its keys say at each shot time, through the layer's start, offset, speed and loop, the same
// after a backwards scrub; a name the file does not hold is refused (or skipped in play).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "player/shot_sets.h"
#include "gltf_files.h"

namespace ps::player {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A triangle on node 0 that animation "slide" moves from x = 0 at 0 s to x = 4 at 1 s.
std::string slidingTriangle() {
  const float data[] = {0, 0, 0, 1, 0, 0, 0, 1, 0, /*times*/ 0, 1, /*values*/ 0, 0, 0, 4, 0, 0};
  std::vector<std::uint8_t> bytes(sizeof data);
  std::memcpy(bytes.data(), data, sizeof data);
  const json doc = {
      {"asset", {{"version", "2.0"}}},
      {"scene", 0},
      {"scenes", {{{"nodes", {0}}}}},
      {"nodes", {{{"mesh", 0}, {"translation", {0, 0, 0}}}}},
      {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}}}}}}}}},
      {"buffers", {{{"byteLength", bytes.size()}, {"uri", "data:application/octet-stream;base64," + test::base64(bytes)}}}},
      {"bufferViews", {{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 36}},
                       {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 8}},
                       {{"buffer", 0}, {"byteOffset", 44}, {"byteLength", 24}}}},
      {"accessors", {{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}},
                     {{"bufferView", 1}, {"componentType", 5126}, {"count", 2}, {"type", "SCALAR"}},
                     {{"bufferView", 2}, {"componentType", 5126}, {"count", 2}, {"type", "VEC3"}}}},
      {"animations", {{{"name", "slide"},
                       {"samplers", {{{"input", 1}, {"output", 2}}}},
                       {"channels", {{{"sampler", 0}, {"target", {{"node", 0}, {"path", "translation"}}}}}}}}}};
  return doc.dump();
}

class SetAnimation : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ps_set_anim_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    std::ofstream(root_ / "slide.gltf") << slidingTriangle();
  }
  void TearDown() override { fs::remove_all(root_); }

  scenes::Shot shot(const std::string& name, scenes::AnimationTiming timing) const {
    scenes::Shot s;
    s.file = root_ / "shot.json";
    s.root = root_;
    scenes::MediaRef m;
    m.pointer = "/media/0";
    m.id = "set";
    m.kind = scenes::MediaKind::Gltf;
    m.src = "slide.gltf";
    m.path = root_ / "slide.gltf";
    m.animation = scenes::SetAnimation{name, timing};
    s.media.push_back(m);
    return s;
  }

  fs::path root_;
};

float xAt(const PlacedSet& set, double t) {
  const std::vector<glm::mat4> worlds = instanceWorldsAt(set, t);
  EXPECT_EQ(worlds.size(), 1u);
  return worlds.empty() ? -99.0f : worlds[0][3][0];
}

TEST_F(SetAnimation, ThePoseFollowsShotTimeThroughStartSpeedAndLoop) {
  // Starts at shot 2 s, twice as fast, looping round its 1 s: shot t shows (t - 2) * 2 mod 1.
  auto sets = loadShotSets(shot("slide", {2.0, 0.0, 2.0, true}), SetFailure::Refuse);
  ASSERT_TRUE(sets.ok()) << sets.error().message();
  ASSERT_EQ(sets->size(), 1u);
  const PlacedSet& set = sets->front();
  EXPECT_NEAR(xAt(set, 1.0), 0.0f, 1e-5f);   // before its start: the pose at offset 0
  EXPECT_NEAR(xAt(set, 2.25), 2.0f, 1e-5f);  // 0.5 s in: half way
  EXPECT_NEAR(xAt(set, 2.4), 3.2f, 1e-5f);   // 0.8 s in
  EXPECT_NEAR(xAt(set, 2.75), 2.0f, 1e-5f);  // 1.5 s wraps to 0.5 s
  EXPECT_NEAR(xAt(set, 2.25), 2.0f, 1e-5f);  // scrubbed back: the same pose
}

TEST_F(SetAnimation, WithoutLoopThePoseHoldsAtTheLastKey) {
  auto sets = loadShotSets(shot("slide", {0.0, 0.25, 1.0, false}), SetFailure::Refuse);
  ASSERT_TRUE(sets.ok()) << sets.error().message();
  EXPECT_NEAR(xAt(sets->front(), 0.0), 1.0f, 1e-5f);  // offset 0.25 s
  EXPECT_NEAR(xAt(sets->front(), 5.0), 4.0f, 1e-5f);
}

TEST_F(SetAnimation, AnAnimationTheFileLacksIsRefusedOrSkipped) {
  auto refused = loadShotSets(shot("walk", {}), SetFailure::Refuse);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("shot.json#/media/0/animation/name"), std::string::npos)
      << refused.error().message();
  EXPECT_NE(refused.error().message().find("has no animation named \"walk\""), std::string::npos)
      << refused.error().message();
  auto skipped = loadShotSets(shot("walk", {}), SetFailure::Skip);
  ASSERT_TRUE(skipped.ok());
  ASSERT_EQ(skipped->size(), 1u);
  EXPECT_EQ(skipped->front().animation, -1);
  EXPECT_NEAR(xAt(skipped->front(), 0.5), 0.0f, 1e-5f);  // stands still in its rest pose
}

TEST_F(SetAnimation, ABareSetPlaysItsFirstAnimation) {
  auto set = loadBareSet(root_ / "slide.gltf");
  ASSERT_TRUE(set.ok()) << set.error().message();
  EXPECT_EQ(set->animation, 0);
  EXPECT_NEAR(xAt(*set, 0.5), 2.0f, 1e-5f);
}

}  // namespace
}  // namespace ps::player
