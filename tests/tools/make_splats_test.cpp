// The generated splat capture: deterministic from its seed, the documented counts and bounds,
// view-dependent sheen, and a 4D sequence whose frames spell their own index, read back from
// the cloud and from a reference render of it; the command's files are the library's bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>

#include "make_splats/object_set.h"
#include "make_splats/splat_sequence.h"
#include "media/splat_files.h"
#include "process.h"
#include "splat_reference.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using make_splats::ObjectSetSpec;

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::string kTool = std::string(PS_BINARY_DIR) + "/tools/make_splats/ps_make_splats";

void expectWithin(const scenes::SplatCloud& cloud, glm::vec3 lo, glm::vec3 hi) {
  const scenes::SplatBounds b = cloud.bounds();
  for (int a = 0; a < 3; ++a) {
    EXPECT_GE(b.min[a], lo[a]) << "axis " << a;
    EXPECT_LE(b.max[a], hi[a]) << "axis " << a;
  }
}

TEST(MakeSplats, TheSameSeedGivesTheSameCloudAndAnotherSeedAnother) {
  const std::string a = media::splatPlyBytes(make_splats::objectSetSplats({.seed = 7}));
  const std::string b = media::splatPlyBytes(make_splats::objectSetSplats({.seed = 7}));
  const std::string c = media::splatPlyBytes(make_splats::objectSetSplats({.seed = 8}));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.size(), c.size());
}

TEST(MakeSplats, CountsDegreesAndBoundsAreAsDocumented) {
  for (int degree = 0; degree <= 3; ++degree) {
    const scenes::SplatCloud cloud = make_splats::objectSetSplats({.seed = 1, .shDegree = degree});
    EXPECT_EQ(cloud.check(), "") << "degree " << degree;
    EXPECT_EQ(cloud.size(), make_splats::kObjectSetSplats);
    EXPECT_EQ(cloud.shDegree, degree);
    EXPECT_EQ(cloud.sh.size(), cloud.size() * scenes::shRestPerChannel(degree) * 3);
    expectWithin(cloud, make_splats::kObjectSetMin, make_splats::kObjectSetMax);
    for (float o : cloud.opacities) {
      ASSERT_GE(o, 0.9f);
      ASSERT_LE(o, 0.99f);
    }
  }
  EXPECT_GE(make_splats::kObjectSetSplats, 3000u);  // "a few thousand"
  const scenes::SplatCloud cloud = make_splats::objectSetSplats();
  // The floor comes first and lies at y = 0; the sphere touches it, the cylinder is the tallest.
  for (std::size_t i = 0; i < make_splats::kFloorSplats; ++i) ASSERT_EQ(cloud.positions[i].y, 0.0f) << i;
  EXPECT_NEAR(cloud.bounds().max.y, 0.55f, 1e-5f);
  EXPECT_NEAR(cloud.bounds().min.y, 0.0f, 1e-5f);
  EXPECT_THROW((void)make_splats::objectSetSplats({.seed = 1, .shDegree = 4}), std::invalid_argument);
  EXPECT_THROW((void)make_splats::objectSetSplats({.seed = 1, .shDegree = 3, .splats = 99}), std::invalid_argument);
}

TEST(MakeSplats, OtherTotalsScaleTheSameSet) {
  for (std::size_t splats : {100u, 20000u, 100000u}) {
    const scenes::SplatCloud cloud = make_splats::objectSetSplats({.seed = 1, .shDegree = 1, .splats = splats});
    EXPECT_EQ(cloud.check(), "") << splats;
    EXPECT_NEAR(static_cast<double>(cloud.size()), static_cast<double>(splats), 0.05 * static_cast<double>(splats));
    expectWithin(cloud, make_splats::kObjectSetMin, make_splats::kObjectSetMax);
    EXPECT_NEAR(cloud.bounds().max.y, 0.55f, 1e-5f);
  }
  // Denser splats are smaller: a floor splat of the 100k set against one of the default set.
  const scenes::SplatCloud dense = make_splats::objectSetSplats({.seed = 1, .shDegree = 0, .splats = 100000});
  const scenes::SplatCloud plain = make_splats::objectSetSplats({.seed = 1, .shDegree = 0});
  EXPECT_NEAR(dense.scales[0].x / plain.scales[0].x, std::sqrt(3648.0 / 100000.0), 0.01);
}

TEST(MakeSplats, SplatsLieFlatOnTheirSurfaces) {
  const scenes::SplatCloud cloud = make_splats::objectSetSplats();
  // A floor splat's thin third axis points up; a sphere splat's points away from the centre.
  const glm::vec3 floorNormal = glm::mat3_cast(cloud.rotations[0]) * glm::vec3(0.0f, 0.0f, 1.0f);
  EXPECT_NEAR(std::abs(floorNormal.y), 1.0f, 1e-5f);
  const std::size_t s = make_splats::kFloorSplats + 100;
  const glm::vec3 outward = glm::normalize(cloud.positions[s] - glm::vec3(-0.45f, 0.22f, 0.1f));
  const glm::vec3 normal = glm::mat3_cast(cloud.rotations[s]) * glm::vec3(0.0f, 0.0f, 1.0f);
  EXPECT_NEAR(std::abs(glm::dot(outward, normal)), 1.0f, 1e-4f);
  EXPECT_LT(cloud.scales[s].z, cloud.scales[s].x / 4.0f);
}

TEST(MakeSplats, SheenChangesColourWithTheViewOnlyWhereTheDegreeHoldsIt) {
  const scenes::SplatCloud full = make_splats::objectSetSplats({.seed = 1, .shDegree = 3});
  const scenes::SplatCloud flat = make_splats::objectSetSplats({.seed = 1, .shDegree = 0});
  const glm::vec3 down(0.0f, -1.0f, 0.0f), side(1.0f, 0.0f, 0.0f);
  const std::size_t sphere = make_splats::kFloorSplats + 10;
  const std::size_t box = make_splats::kFloorSplats + make_splats::kSphereSplats + 10;
  const std::size_t cylinder = box + make_splats::kBoxSplats;
  const glm::vec3 diagonal = glm::normalize(glm::vec3(1.0f, 0.0f, 1.0f));
  for (std::size_t i : {sphere, box, cylinder}) {
    const glm::vec3 a = scenes::splatColor(full, i, down), b = scenes::splatColor(full, i, side);
    const glm::vec3 c = scenes::splatColor(full, i, diagonal);
    EXPECT_GT(glm::length(a - b) + glm::length(a - c), 0.05f) << i;
    EXPECT_EQ(scenes::splatColor(flat, i, down), scenes::splatColor(flat, i, side)) << i;
  }
  // The floor has no sheen at any degree.
  EXPECT_EQ(scenes::splatColor(full, 3, down), scenes::splatColor(full, 3, side));
}

TEST(MakeSplats, SequenceFramesSpellTheirIndexAndStayInBounds) {
  for (std::size_t frame : {0u, 1u, 2u, 5u, 1000u, 0xA5A5u, 65535u}) {
    const scenes::SplatCloud cloud = make_splats::sequenceFrameSplats(frame, 30.0);
    ASSERT_EQ(cloud.check(), "");
    EXPECT_EQ(cloud.size(), make_splats::kObjectSetSplats + make_splats::kOrbitSplats + make_splats::kFrameCodeBits);
    const auto decoded = make_splats::decodeFrameCode(cloud);
    ASSERT_TRUE(decoded.has_value()) << frame;
    EXPECT_EQ(*decoded, frame);
    expectWithin(cloud, make_splats::kSequenceMin, make_splats::kSequenceMax);
  }
  // A still cloud has no frame code.
  EXPECT_FALSE(make_splats::decodeFrameCode(make_splats::objectSetSplats()).has_value());
  EXPECT_THROW((void)make_splats::sequenceFrameSplats(make_splats::kMaxSequenceFrames, 30.0), std::invalid_argument);
  EXPECT_THROW((void)make_splats::sequenceFrameSplats(0, 0.0), std::invalid_argument);
}

TEST(MakeSplats, TheOrbitingSphereMovesByItsKnownAngleEachFrame) {
  const double fps = 24.0;
  const double step = 2.0 * std::numbers::pi / (make_splats::kOrbitSeconds * fps);
  glm::dvec3 previous(0.0);
  for (std::size_t frame = 0; frame < 5; ++frame) {
    const scenes::SplatCloud cloud = make_splats::sequenceFrameSplats(frame, fps);
    glm::dvec3 mean(0.0);
    for (std::size_t i = 0; i < make_splats::kOrbitSplats; ++i)
      mean += glm::dvec3(cloud.positions[make_splats::kObjectSetSplats + i]);
    mean /= static_cast<double>(make_splats::kOrbitSplats);
    const glm::dvec3 expected = make_splats::orbitCentre(frame, fps);
    EXPECT_LT(glm::length(mean - expected), 0.005) << frame;
    EXPECT_NEAR(std::atan2(-expected.z, expected.x), step * static_cast<double>(frame), 1e-12);
    if (frame > 0) {
      EXPECT_NEAR(glm::length(expected - previous), 2.0 * 0.88 * std::sin(step / 2.0), 1e-12);
    }
    previous = expected;
  }
}

TEST(MakeSplats, TheFrameShownIsReadBackFromAReferenceRender) {
  // Level with the code row, in front of the set: the row stands above every object.
  const ReferenceCamera camera = referenceLookAt({0.0, 0.85, 1.6}, {0.0, 0.85, -0.6}, 70.0, 256, 144);
  for (std::size_t frame : {0u, 1u, 6u, 0xA5A5u, 65535u}) {
    const scenes::SplatCloud cloud = make_splats::sequenceFrameSplats(frame, 30.0);
    const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0));
    const auto brightness = [&](int bit) {
      const glm::dvec3 p = referenceProject(camera, glm::dvec3(make_splats::frameCodePosition(bit)));
      const glm::dvec3 c = image.color[image.index(static_cast<int>(p.x), static_cast<int>(p.y))];
      return (c.r + c.g + c.b) / 3.0;
    };
    EXPECT_EQ(make_splats::decodeFrameCode(brightness), frame);
    // The set is in the picture too, below the row.
    EXPECT_GT(image.alpha[image.index(128, 130)], 0.5);
  }
}

TEST(MakeSplats, TheCommandWritesTheLibrarysCloudAndSequences) {
  TempDir dir("make_splats");
  const fs::path set = dir.path() / "set.ply";
  auto r = run({kTool, "-o", set.string(), "--seed", "3", "--sh-degree", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(readText(set), media::splatPlyBytes(make_splats::objectSetSplats({.seed = 3, .shDegree = 2})));
  r = run({kTool, "-o", set.string(), "--splats", "500", "--sh-degree", "0"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(readText(set), media::splatPlyBytes(make_splats::objectSetSplats({.seed = 1, .shDegree = 0, .splats = 500})));

  const fs::path folder = dir.path() / "seq";
  r = run({kTool, "--frames", "3", "--fps", "24", "-o", folder.string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(folder)) files += e.is_regular_file();
  EXPECT_EQ(files, 3u);
  EXPECT_EQ(readText(folder / "frame_000002.ply"), media::splatPlyBytes(make_splats::sequenceFrameSplats(2, 24.0)));

  // A folder that holds frames already is refused, naming it; nothing in it changes.
  r = run({kTool, "--frames", "2", "-o", folder.string()});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find(folder.string()), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("already holds files"), std::string::npos) << r.output;
  // --fps means nothing for a still set: refused rather than ignored.
  r = run({kTool, "--fps", "24", "-o", (dir.path() / "still.ply").string()});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_FALSE(fs::exists(dir.path() / "still.ply"));
  r = run({kTool, "--sh-degree", "4", "-o", (dir.path() / "bad.ply").string()});
  EXPECT_NE(r.exitCode, 0);
}

}  // namespace
}  // namespace ps::test
