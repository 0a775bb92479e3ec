// A gltf medium's "animation" in shot.json: read with its defaults, refused where it is wrong
// with the pointer of the wrong member.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

class SetAnimationEntry : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ps_set_animation_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    std::ofstream(root_ / "plate.mp4") << "x";
    std::ofstream(root_ / "set.glb") << "x";
  }
  void TearDown() override { fs::remove_all(root_); }

  ShotParse parse(const std::string& setMembers) {
    return parseShot(R"({"format":"perfectshot/1","media":[{"id":"plate","kind":"equirect","src":"plate.mp4"},
      {"id":"set","kind":"gltf","src":"set.glb")" + setMembers + "}]}",
                     root_ / "shot.json");
  }

  static std::string problems(const ShotParse& p) {
    std::string s;
    for (const auto& pr : p.problems) s += pr.pointer + ": " + pr.message + "\n";
    return s;
  }

  fs::path root_;
};

TEST_F(SetAnimationEntry, ReadsEveryMember) {
  const ShotParse p = parse(R"(,"start":2,"animation":{"name":"walk","start":3,"offset":0.5,"speed":-2,"loop":true})");
  ASSERT_TRUE(p.ok()) << problems(p);
  const MediaRef& set = p.shot.media[1];
  ASSERT_TRUE(set.animation.has_value());
  EXPECT_EQ(set.animation->name, "walk");
  EXPECT_EQ(set.animation->timing, (AnimationTiming{3, 0.5, -2, true}));
}

TEST_F(SetAnimationEntry, DefaultsStartAtTheLayerAndPlayOnceAtSpeedOne) {
  const ShotParse p = parse(R"(,"start":2,"animation":{"name":"walk"})");
  ASSERT_TRUE(p.ok()) << problems(p);
  EXPECT_EQ(p.shot.media[1].animation->timing, (AnimationTiming{2, 0, 1, false}));
  const ShotParse still = parse("");
  ASSERT_TRUE(still.ok()) << problems(still);
  EXPECT_FALSE(still.shot.media[1].animation.has_value());
}

TEST_F(SetAnimationEntry, WrongMembersAreRefusedWithTheirPointer) {
  const std::pair<const char*, const char*> cases[] = {
      {R"(,"animation":{"start":1})", "/media/1/animation"},  // missing name
      {R"(,"animation":{"name":"walk","speed":0})", "/media/1/animation/speed"},
      {R"(,"animation":{"name":"walk","loop":"yes"})", "/media/1/animation/loop"},
      {R"(,"animation":{"name":"walk","offset":-1})", "/media/1/animation/offset"},
      {R"(,"animation":"walk")", "/media/1/animation"},
  };
  for (const auto& [members, pointer] : cases) {
    const ShotParse p = parse(members);
    EXPECT_FALSE(p.ok()) << members;
    EXPECT_NE(problems(p).find(std::string(pointer) + ": "), std::string::npos) << members << "\n" << problems(p);
  }
  const ShotParse onPlate = parseShot(R"({"format":"perfectshot/1","media":[{"id":"plate","kind":"equirect",
      "src":"plate.mp4","animation":{"name":"walk"}}]})",
                                      root_ / "shot.json");
  EXPECT_NE(problems(onPlate).find("/media/0/animation: only a gltf set has animations"), std::string::npos)
      << problems(onPlate);
}

}  // namespace
}  // namespace ps::scenes
