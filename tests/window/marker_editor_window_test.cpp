// Markers in the window under Xvfb, driven by an input script: a click on one opens it; the
// marker editor (`perfectshot play --edit`): a click places a marker at that direction at the playhead, dragging its pin moves it,
// Ctrl+Z / Ctrl+Shift+Z undo and redo, Ctrl+S saves. The saved shot.json must hold the marker
// where the pixel's ray points (the pinhole model of the window's view), and keep what the
// editor does not know.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "process.h"
#include "xr/window_input.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kWidth = 640, kHeight = 400;

fs::path makePackage() {
  const fs::path dir = fs::path(PS_BINARY_DIR) / "test-output" / "window" / "editor_pkg";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto r = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0x606060:s=256x128:r=30:d=2",
                      "-c:v", "libx264", "-pix_fmt", "yuv420p", (dir / "plate.mp4").string()});
  if (r.exitCode != 0) throw std::runtime_error(r.output);
  std::ofstream(dir / "shot.json") << R"({
  "format": "perfectshot/1",
  "title": "Editor",
  "x_studio": { "reel": 7 },
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 2.0 },
  "markers": []
}
)";
  return dir;
}

// The direction (v360 yaw, pitch in degrees) through a window pixel for the window's
// starting look (straight ahead, the default vertical fov, square pixels).
std::pair<double, double> yawPitchAt(double x, double y) {
  const double tv = std::tan(xr::HeadLook{}.vFovDeg * M_PI / 360);
  const double th = tv * kWidth / kHeight;
  const double dx = (2 * x / kWidth - 1) * th, dy = (1 - 2 * y / kHeight) * tv;
  return {std::atan(dx) * 180 / M_PI, std::atan2(dy, std::sqrt(1 + dx * dx)) * 180 / M_PI};
}

TEST(MarkerEditorWindowTest, ClickPlacesDragMovesUndoRedoAndSaveWrites) {
  const fs::path pkg = makePackage();
  const fs::path script = pkg / "editor.script";
  std::ofstream(script) << "5 press 160 150\n5 release 160 150\n"  // place at A
                           "12 press 160 150\n13 move 200 130\n14 move 220 120\n15 release 220 120\n"  // drag to B
                           "20 edit ctrl+z\n"        // back to A
                           "24 edit ctrl+shift+z\n"  // at B again
                           "28 press 100 300\n28 release 100 300\n"  // a second one at C
                           "32 edit ctrl+z\n"        // gone again
                           "36 edit ctrl+s\n"
                           "40 quit\n";
  const auto r = run({kPerfectshot, "--log-level", "info", "play", pkg.string(), "--display", "window", "--no-audio",
                      "--no-timeline", "--edit", "--window-width", std::to_string(kWidth), "--window-height",
                      std::to_string(kHeight), "--input-script", script.string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[vulkan]"), std::string::npos) << r.output;  // no validation message
  for (const char* said : {"editor: placed", "editor: moved", "editor: undone", "editor: redone", "editor: saved"})
    EXPECT_NE(r.output.find(said), std::string::npos) << said << "\n" << r.output;

  std::ifstream in(pkg / "shot.json");
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(in);
  ASSERT_EQ(doc["markers"].size(), 1u) << doc.dump(2);
  const auto& m = doc["markers"][0];
  const auto [yaw, pitch] = yawPitchAt(220, 120);
  EXPECT_NEAR(m["at"]["yaw_deg"].get<double>(), yaw, 0.3) << m.dump();
  EXPECT_NEAR(m["at"]["pitch_deg"].get<double>(), pitch, 0.3) << m.dump();
  EXPECT_NEAR(m["t_in"].get<double>(), 0.0, 1e-9);
  // What the editor does not know stays, where it was.
  EXPECT_EQ(doc["x_studio"]["reel"], 7);
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "title", "x_studio", "media", "timeline", "markers"}));
}

// Without the editor, a click on a marker's pin opens its card (the demo's "front" marker,
// straight ahead at the window's centre, once the playhead is a second in).
TEST(MarkerEditorWindowTest, ClickOnAMarkerOpensItAndAgainClosesIt) {
  const fs::path script = fs::path(PS_BINARY_DIR) / "test-output" / "window" / "select.script";
  std::ofstream(script) << "3 key shift+right\n"
                           "10 press 320 200\n10 release 320 200\n"
                           "16 press 320 200\n16 release 320 200\n"
                           "20 quit\n";
  const auto r = run({kPerfectshot, "--log-level", "info", "play", PS_SOURCE_DIR "/scenes/demo", "--display", "window",
                      "--no-audio", "--no-timeline", "--window-width", std::to_string(kWidth), "--window-height",
                      std::to_string(kHeight), "--input-script", script.string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("markers: opened \"front\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("markers: closed \"front\""), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("editor: placed"), std::string::npos) << "a click without the editor placed a marker";
}

}  // namespace
}  // namespace ps::test
