#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

class ShotLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ps_shot_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    std::ofstream(root_ / "plate.mp4") << "x";
  }
  void TearDown() override { fs::remove_all(root_); }

  ShotParse parse(const std::string& text) { return parseShot(text, root_ / "shot.json"); }

  static std::string pointers(const ShotParse& p) {
    std::string s;
    for (const auto& pr : p.problems) s += pr.pointer + " ";
    return s;
  }

  fs::path root_;
};

TEST_F(ShotLoader, ReadsAWellFormedShot) {
  auto p = parse(R"({"format":"perfectshot/1","title":"Demo",
    "media":[{"id":"plate","kind":"equirect","src":"plate.mp4","projection":"180","stereo":"top-bottom","yaw_offset_deg":-90}],
    "timeline":{"fps":"30000/1001","in":1.5,"out":9,"chapters":[{"t":2,"title":"Walk"}]}})");
  ASSERT_TRUE(p.ok()) << pointers(p);
  ASSERT_NE(p.shot.plate(), nullptr);
  EXPECT_EQ(p.shot.plate()->path, fs::weakly_canonical(root_ / "plate.mp4"));
  EXPECT_EQ(p.shot.plate()->projection, Projection::Equirect180);
  EXPECT_EQ(p.shot.plate()->stereo, StereoLayout::TopBottom);
  EXPECT_DOUBLE_EQ(p.shot.plate()->yawOffsetDeg, -90);
  EXPECT_EQ(p.shot.timeline.fps, (Rational{30000, 1001}));
  EXPECT_DOUBLE_EQ(*p.shot.timeline.out, 9);
  ASSERT_EQ(p.shot.timeline.chapters.size(), 1u);
}

TEST_F(ShotLoader, ReportsEveryProblemWithItsPointer) {
  auto p = parse(R"({"format":"perfectshot/9",
    "media":[{"id":"a","kind":"sphere","src":"plate.mp4"},{"id":"a","kind":"equirect","src":3,"stereo":"tb"}],
    "timeline":{"fps":"0/1","in":5,"out":2}})");
  const std::string ptrs = pointers(p);
  for (const char* expected : {"/format", "/media/0/kind", "/media/1/id", "/media/1/src", "/media/1/stereo",
                               "/timeline/fps", "/timeline/out"})
    EXPECT_NE(ptrs.find(std::string(expected) + " "), std::string::npos) << expected << " not in: " << ptrs;
}

TEST_F(ShotLoader, InvalidJsonSaysWhere) {
  auto p = parse("{\"format\": \"perfectshot/1\",\n  \"media\": [}");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_NE(p.problems[0].message.find("line 2"), std::string::npos) << p.problems[0].message;
}

TEST_F(ShotLoader, RefusesPathsThatLeaveThePackage) {
  fs::create_directories(root_ / "sub");
  fs::create_symlink("/etc", root_ / "sub" / "out");
  for (const char* src : {"/etc/passwd", "../plate.mp4", "sub/../../x.mp4", "sub/out/passwd"}) {
    std::string why;
    EXPECT_TRUE(resolveInside(root_, src, why).empty()) << src;
    EXPECT_FALSE(why.empty()) << src;
  }
  std::string why;
  EXPECT_FALSE(resolveInside(root_, "plate.mp4", why).empty()) << why;
}

TEST_F(ShotLoader, LoadShotNamesFileAndPointer) {
  std::ofstream(root_ / "shot.json") << R"({"format":"perfectshot/1","media":[{"id":"p","kind":"equirect","src":"../x.mp4"}]})";
  auto r = loadShot(root_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("shot.json#/media/0/src"), std::string::npos) << r.error().message();
  EXPECT_FALSE(loadShot(root_ / "nope").ok());
}

}  // namespace
}  // namespace ps::scenes
