// A shot's layers (media[] with a transform, a start and an offset) and its origin: defaults
// for a perfectshot/1 shot that names none of them, the values read, and each problem with
// its JSON pointer.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include <glm/vec4.hpp>

#include "package_fixture.h"
#include "problem_case.h"
#include "scenes/placement.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

using test::describe;

// The valid shot with a glTF set standing on the stage beside the plate, and an origin.
Json layeredShot() {
  Json doc = Json::parse(test::validShotJson());
  doc["origin"] = Json::parse(R"({"x": 0, "y": 1.7, "z": 0.25})");
  doc["media"].push_back(Json::parse(R"({
    "id": "set", "kind": "gltf", "src": "set.glb",
    "transform": { "position": {"x": 1, "y": 0, "z": -3}, "orientation": {"yaw_deg": 90, "pitch_deg": 0, "roll_deg": 0},
                   "scale": 2 },
    "start": 2.5, "offset": 0.5 })"));
  return doc;
}

TEST(ShotLayers, APerfectshot1ShotWithoutThemGetsTheDefaults) {
  test::TempPackage pkg("layers_defaults");
  const ShotParse p = parseShot(test::validShotJson(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_EQ(p.shot.origin, (Vec3{0, 1.6, 0})) << "the capture point, 1.6 m above the stage floor";
  ASSERT_EQ(p.shot.media.size(), 1u);
  const MediaRef& plate = p.shot.media[0];
  EXPECT_EQ(plate.transform, Placement{});
  EXPECT_EQ(plate.transform.scale, (Vec3{1, 1, 1}));
  EXPECT_DOUBLE_EQ(plate.startSeconds, 0);
  EXPECT_DOUBLE_EQ(plate.offsetSeconds, 0);
}

// The plate is a track like any other: placed on shot time by its start and offset (what the
// video's length allows is lint's and play's check, video_times.h).
TEST(ShotLayers, ThePlateMayBePlacedOnShotTimeByItsStartAndOffset) {
  test::TempPackage pkg("layers_plate_placed");
  Json doc = Json::parse(test::validShotJson());
  doc["media"][0]["start"] = 2;
  doc["media"][0]["offset"] = 1.5;
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  ASSERT_NE(p.shot.plate(), nullptr);
  EXPECT_DOUBLE_EQ(p.shot.plate()->startSeconds, 2);
  EXPECT_DOUBLE_EQ(p.shot.plate()->offsetSeconds, 1.5);
}

// A mesh sequence: a folder (or a listing) with its own frame rate on its own media time;
// its texture video is a file inside the package, and only a mesh sequence has one.
TEST(ShotLayers, AMeshSequenceIsAFolderWithAFrameRateAndATextureVideo) {
  test::TempPackage pkg("layers_sequence");
  fs::create_directories(pkg.root() / "performer");
  Json doc = Json::parse(test::validShotJson());
  doc["media"].push_back(Json::parse(R"({
    "id": "actor", "kind": "mesh-sequence", "src": "performer", "fps": 25, "start": 1.5, "offset": 0.2,
    "transform": { "position": {"x": 0, "y": 0, "z": -2} } })"));
  ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  ASSERT_EQ(p.shot.media.size(), 2u);
  const MediaRef& seq = p.shot.media[1];
  EXPECT_EQ(seq.kind, MediaKind::MeshSequence);
  EXPECT_EQ(seq.path, fs::weakly_canonical(pkg.root() / "performer"));
  EXPECT_DOUBLE_EQ(seq.fps, 25);
  EXPECT_DOUBLE_EQ(seq.startSeconds, 1.5);
  EXPECT_DOUBLE_EQ(seq.offsetSeconds, 0.2);
  EXPECT_EQ(p.shot.plate(), &p.shot.media[0]);

  const auto says = [&](const char* pointer, const char* text) {
    bool found = false;
    for (const auto& pr : p.problems)
      found = found || (pr.pointer == pointer && pr.severity == Severity::Error && pr.message.find(text) != std::string::npos);
    EXPECT_TRUE(found) << pointer << ": ..." << text << "...; got" << describe(p.problems);
  };
  EXPECT_TRUE(seq.texturePath.empty());
  std::ofstream(pkg.root() / "atlas.mp4") << "not decoded here";
  doc["media"][1]["texture"] = "atlas.mp4";
  p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_EQ(p.shot.media[1].textureSrc, "atlas.mp4");
  EXPECT_EQ(p.shot.media[1].texturePath, fs::weakly_canonical(pkg.root() / "atlas.mp4"));
  doc["media"][1]["texture"] = "missing.mp4";
  p = parseShot(doc.dump(), pkg.shotJson());
  says("/media/1/texture", "missing.mp4");
  doc["media"][1].erase("texture");
  doc["media"][0]["texture"] = "atlas.mp4";
  p = parseShot(doc.dump(), pkg.shotJson());
  says("/media/0/texture", "only for a \"mesh-sequence\"");
  doc["media"][0].erase("texture");
  doc["media"][1]["fps"] = 0;
  p = parseShot(doc.dump(), pkg.shotJson());
  says("/media/1/fps", "frames per second");
  doc["media"][1]["fps"] = 30;
  doc["media"][1]["src"] = "nowhere";
  p = parseShot(doc.dump(), pkg.shotJson());
  says("/media/1/src", "does not exist");
}

TEST(ShotLayers, ReadsTheOriginAndEachLayersKindSourceTransformStartAndOffset) {
  test::TempPackage pkg("layers_values");
  pkg.write("set.glb", "not decoded by scenes");
  const ShotParse p = parseShot(layeredShot().dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_EQ(p.shot.origin, (Vec3{0, 1.7, 0.25}));
  ASSERT_EQ(p.shot.media.size(), 2u);
  const MediaRef& set = p.shot.media[1];
  EXPECT_EQ(set.kind, MediaKind::Gltf);
  EXPECT_EQ(set.pointer, "/media/1");
  EXPECT_EQ(set.path, fs::weakly_canonical(pkg.root() / "set.glb"));
  EXPECT_EQ(set.transform.position, (Vec3{1, 0, -3}));
  EXPECT_DOUBLE_EQ(set.transform.yawDeg, 90);
  EXPECT_EQ(set.transform.scale, (Vec3{2, 2, 2}));
  EXPECT_DOUBLE_EQ(set.startSeconds, 2.5);
  EXPECT_DOUBLE_EQ(set.offsetSeconds, 0.5);
  EXPECT_EQ(p.shot.plate(), &p.shot.media[0]) << "the first equirect stays the plate";
}

TEST(ShotLayers, ScaleMayBePerAxis) {
  test::TempPackage pkg("layers_scale");
  pkg.write("set.glb", "not decoded by scenes");
  Json doc = layeredShot();
  doc["media"][1]["transform"]["scale"] = Json::parse(R"({"x": 1, "y": 2, "z": 0.5})");
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_EQ(p.shot.media[1].transform.scale, (Vec3{1, 2, 0.5}));
}

TEST(ShotLayers, SplatsAndSplatSequencesArePlacedLikeSets) {
  test::TempPackage pkg("layers_splats");
  pkg.write("cloud.spz", "not decoded by scenes");
  fs::create_directories(pkg.root() / "capture4d");
  Json doc = Json::parse(test::validShotJson());
  doc["media"].push_back(Json::parse(R"({"id": "set", "kind": "splats", "src": "cloud.spz",
    "transform": {"position": {"x": 0, "y": 0, "z": -2}, "orientation": {"yaw_deg": 0, "pitch_deg": 0, "roll_deg": 180}}})"));
  doc["media"].push_back(Json::parse(R"({"id": "actor", "kind": "splat-sequence", "src": "capture4d", "fps": 15, "start": 1})"));
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  ASSERT_EQ(p.shot.media.size(), 3u);
  EXPECT_EQ(p.shot.media[1].kind, MediaKind::Splats);
  EXPECT_DOUBLE_EQ(p.shot.media[1].transform.rollDeg, 180);
  EXPECT_EQ(p.shot.media[2].kind, MediaKind::SplatSequence);
  EXPECT_DOUBLE_EQ(p.shot.media[2].fps, 15);
  EXPECT_EQ(p.shot.plate(), &p.shot.media[0]) << "splats are never the plate";
}

TEST(Placement, ScalesThenTurnsByV360AnglesThenMoves) {
  Placement p;
  p.position = {1, 0, -3};
  p.yawDeg = 90;  // the set's forward (-Z) turns to +X, as v360's yaw 90 looks
  p.scale = {2, 2, 2};
  const glm::dvec4 forward = placementMatrix(p) * glm::dvec4(0, 0, -1, 1);
  EXPECT_NEAR(forward.x, 1 + 2, 1e-12);
  EXPECT_NEAR(forward.y, 0, 1e-12);
  EXPECT_NEAR(forward.z, -3, 1e-12);
  Placement up;
  up.pitchDeg = 90;  // pitch 90 looks up: forward turns to +Y
  const glm::dvec4 f = placementMatrix(up) * glm::dvec4(0, 0, -1, 1);
  EXPECT_NEAR(f.y, 1, 1e-12);
  EXPECT_NEAR(f.z, 0, 1e-12);
}

using Case = test::ProblemCase;

class LayerProblem : public ::testing::TestWithParam<Case> {};

TEST_P(LayerProblem, IsReportedWithItsPointerAndSentence) {
  const Case& c = GetParam();
  test::TempPackage pkg(std::string("layers_") + c.name);
  pkg.write("set.glb", "not decoded by scenes");
  fs::create_symlink("/etc", pkg.root() / "outside");
  test::expectProblem(c, layeredShot(), pkg);
}

INSTANTIATE_TEST_SUITE_P(
    EachClass, LayerProblem,
    ::testing::Values(
        Case{"origin_type", "/origin", "[0, 1.6, 0]", "/origin", "expected an object {x, y, z}"},
        Case{"origin_missing_y", "/origin/y", nullptr, "/origin", "missing required field \"y\""},
        Case{"origin_huge", "/origin/x", "1e7", "/origin/x", "metres in ["},
        Case{"gltf_dotdot", "/media/1/src", "\"../set.glb\"", "/media/1/src", "climbs out"},
        Case{"gltf_absolute", "/media/1/src", "\"/etc/passwd\"", "/media/1/src", "is absolute"},
        Case{"gltf_symlink_out", "/media/1/src", "\"outside/passwd\"", "/media/1/src", "outside the package"},
        Case{"gltf_missing", "/media/1/src", "\"missing.glb\"", "/media/1/src", "does not exist"},
        Case{"splat_sequence_without_fps", "/media/1/kind", "\"splat-sequence\"", "/media/1", "missing required field \"fps\""},
        Case{"texture_on_a_set", "/media/1/texture", "\"atlas.mp4\"", "/media/1/texture", "only for a \"mesh-sequence\""},
        Case{"sequence_without_fps", "/media/1/kind", "\"mesh-sequence\"", "/media/1", "missing required field \"fps\""},
        Case{"fps_on_a_set", "/media/1/fps", "30", "/media/1/fps", "only for a \"mesh-sequence\" or a \"splat-sequence\""},
        Case{"kind_unknown", "/media/1/kind", "\"hologram\"", "/media/1/kind", "unknown media kind \"hologram\""},
        Case{"transform_type", "/media/1/transform", "[1, 0, 0]", "/media/1/transform", "expected an object {position"},
        Case{"position_partial", "/media/1/transform/position/z", nullptr, "/media/1/transform/position",
             "missing required field \"z\""},
        Case{"yaw_range", "/media/1/transform/orientation/yaw_deg", "270", "/media/1/transform/orientation/yaw_deg",
             "in [-180, 180]"},
        Case{"pitch_range", "/media/1/transform/orientation/pitch_deg", "91",
             "/media/1/transform/orientation/pitch_deg", "in [-90, 90]"},
        Case{"scale_zero", "/media/1/transform/scale", "0", "/media/1/transform/scale", "greater than 0"},
        Case{"scale_axis_negative", "/media/1/transform/scale", R"({"x": 1, "y": -1, "z": 1})",
             "/media/1/transform/scale/y", "greater than 0"},
        Case{"scale_type", "/media/1/transform/scale", "\"big\"", "/media/1/transform/scale", "expected a scale factor"},
        Case{"quaternion_unknown", "/media/1/transform/rotation", R"({"x":0,"y":0,"z":0,"w":1})",
             "/media/1/transform/rotation", "unknown field \"rotation\"", Severity::Warning},
        Case{"start_negative", "/media/1/start", "-1", "/media/1/start", "seconds in [0,"},
        Case{"offset_type", "/media/1/offset", "\"0:01\"", "/media/1/offset", "expected seconds, found string"},
        Case{"plate_offset_negative", "/media/0/offset", "-0.5", "/media/0/offset", "seconds in [0,"},
        Case{"plate_start_negative", "/media/0/start", "-2", "/media/0/start", "seconds in [0,"},
        Case{"plate_start_after_out", "/media/0/start", "12", "/media/0/start", "the layer never shows",
             Severity::Warning},
        Case{"start_after_out", "/media/1/start", "12", "/media/1/start", "the layer never shows", Severity::Warning},
        Case{"plate_transform", "/media/0/transform", R"({"position": {"x": 0, "y": 0, "z": 0}})",
             "/media/0/transform", "ignores \"transform\"", Severity::Warning}),
    test::problemCaseName);

}  // namespace
}  // namespace ps::scenes
