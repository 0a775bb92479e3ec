// perfectshot play --display xr on a shot of splats, against the simulated headset: both eyes
// show the cloud, and the depth the runtime receives (XR_KHR_composition_layer_depth) puts the
// splats where they stand, within the cloud's bounds.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <glm/gtc/quaternion.hpp>

#include "media/splat_files.h"
#include "image.h"
#include "pfm.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_splats" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A slab of opaque splats 2 x 2 m across, 0.2 m deep (z -2.9 .. -3.1), around eye height.
scenes::SplatCloud slab() {
  const int nx = 40, ny = 40, nz = 3;
  scenes::SplatCloud c;
  c.resize(static_cast<std::size_t>(nx * ny * nz), 0);
  std::size_t k = 0;
  for (int l = 0; l < nz; ++l)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i, ++k) {
        c.positions[k] = glm::vec3(-1.0f + 2.0f * static_cast<float>(i) / (nx - 1), 0.6f + 2.0f * static_cast<float>(j) / (ny - 1),
                                   -2.9f - 0.1f * static_cast<float>(l));
        c.scales[k] = glm::vec3(0.03f, 0.03f, 0.01f);
        c.opacities[k] = 0.9f;
        c.baseColors[k] = glm::vec3(0.2f, 0.8f, 0.3f);
      }
  return c;
}

TEST(XrSplats, BothEyesSeeTheCloudAndTheRuntimesDepthPutsItWithinItsBounds) {
  const fs::path dir = testDir();
  ASSERT_TRUE(media::writeSpz(slab(), dir / "slab.spz").ok());
  std::ofstream(dir / "shot.json") << R"({"format": "perfectshot/1", "title": "splats", "media": [
      {"id": "slab", "kind": "splats", "src": "slab.spz"}], "timeline": {"fps": "30", "in": 0, "out": 3}})";
  std::ofstream(dir / "script.json") << R"({"display": { "width": 192, "height": 192, "lockstep": true },
      "capture": { "frames": [8] }, "events": [ { "frame": 12, "type": "exit_requested" } ] })";
  const auto r = runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " PERFECTSHOT_SIM_CAPTURE_DIR=" +
                          (dir / "capture").string() + " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation" +
                          " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " +
                          (dir / "shot.json").string() + " --display xr --no-overlay --no-audio 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  std::ifstream in(dir / "capture" / "frame_8.json");
  ASSERT_TRUE(in.good()) << r.output;
  const auto json = nlohmann::json::parse(in);
  int eyes = 0;
  for (const auto& image : json["images"]) {
    if (image["kind"] != "left" && image["kind"] != "right") continue;
    ++eyes;
    ASSERT_TRUE(image.contains("depth")) << image.dump();
    const Pfm pfm = readPfm(dir / "capture" / image["depth"]["file"].get<std::string>());
    const float nearM = image["depth"]["far_z_m"].get<float>();  // reverse-Z, infinite far
    // The picture's centre looks straight ahead from 1.6 m: into the slab, 2.9 to 3.1 m away.
    const float value = pfm.atTopDown(pfm.width / 2, pfm.height / 2);
    ASSERT_GT(value, 0.0f) << image["kind"] << ": no depth where the splats stand";
    const float distance = nearM / value;
    EXPECT_GE(distance, 2.85f) << image["kind"];
    EXPECT_LE(distance, 3.15f) << image["kind"];
    // Above the slab (it ends at 2.6 m up) nothing stands: no depth there.
    EXPECT_EQ(pfm.atTopDown(pfm.width / 2, 2), 0.0f) << image["kind"];
    const Image colour = loadImage((dir / "capture" / image["file"].get<std::string>()).string());
    const int cx = colour.width / 2, cy = colour.height / 2;
    EXPECT_GT(colour.at(cx, cy, 1), 150) << image["kind"] << ": the slab's green";
    EXPECT_LT(colour.at(cx, cy, 0), 100) << image["kind"];
  }
  EXPECT_EQ(eyes, 2);
}

}  // namespace
}  // namespace ps::test
