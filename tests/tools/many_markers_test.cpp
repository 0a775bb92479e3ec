// A shot with 5,000 markers plays without visiting all of them every frame: the markers active
// at a time are found through an index, so a frame's marker work grows with those, not with
// the shot's. (The time it takes is a benchmark's business: `perfectshot bench markers`.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

fs::path freshDir() {
  std::string templ = (fs::temp_directory_path() / "ps-many-markers-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return templ;
}

TEST(ManyMarkers, PlayLooksAtFewMoreThanTheActiveMarkers) {
  const fs::path dir = freshDir();
  // 101 s of a tiny plate: 5,000 markers of 0.1 s, one every 20 ms, so about 5 are active at a time
  // (the last ends at 100.08 s: every marker lies inside the video, as play requires).
  auto made = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0x808080:s=64x32:r=30:d=101", "-c:v",
                   "libx264", "-preset", "ultrafast", "-g", "300", "-pix_fmt", "yuv420p", (dir / "plate.mp4").string()});
  ASSERT_EQ(made.exitCode, 0) << made.output;
  std::ofstream shot(dir / "shot.json");
  shot << R"({ "format": "perfectshot/1", "title": "Many markers",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "markers": [)";
  for (int i = 0; i < 5000; ++i) {
    shot << (i > 0 ? ",\n" : "\n") << R"({ "id": "m)" << i << R"(", "t_in": )" << i * 0.02 << R"(, "t_out": )"
         << i * 0.02 + 0.1 << R"(, "at": { "yaw_deg": )" << (i * 37 % 360) - 180 << R"(, "pitch_deg": 0, "distance_m": 3 },
    "title": "Marker )" << i << R"(", "category": "production" })";
  }
  shot << "\n] }\n";
  shot.close();
  auto r = run({kPerfectshot, "--log-level", "info", "play", (dir / "shot.json").string(), "--display", "offscreen",
                "--out", (dir / "stills").string(), "--width", "64", "--height", "32", "--stills-every", "1000",
                "--frames", "90", "--no-film-frame"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(markers: at most (\d+) of 5000 looked at)"))) << r.output;
  // About 5 active: a few paths down a 13-level tree, not 5,000 markers.
  EXPECT_LE(std::stoul(m[1].str()), 300u) << r.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ps::test
