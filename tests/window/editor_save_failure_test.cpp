// A save that fails (here: the disk refuses to grow any file, as a full disk does) must reach
// the log a person reads, as an error; not only the editor panel's status line. Tests run as
// root, which ignores permission bits, so the failure is made with a file size limit of 0
// (ulimit -f 0, SIGXFSZ ignored): every write then fails with EFBIG.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

TEST(EditorSaveFailure, IsAnErrorInTheLog) {
  const fs::path dir = fs::path(PS_BINARY_DIR) / "test-output" / "window" / "save_failure_pkg";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto made = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0x606060:s=256x128:r=30:d=2",
                         "-c:v", "libx264", "-pix_fmt", "yuv420p", (dir / "plate.mp4").string()});
  ASSERT_EQ(made.exitCode, 0) << made.output;
  const std::string shot = R"({
  "format": "perfectshot/1",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 2.0 },
  "markers": []
}
)";
  std::ofstream(dir / "shot.json") << shot;
  std::ofstream(dir / "editor.script") << "5 press 160 150\n5 release 160 150\n10 edit ctrl+s\n14 quit\n";
  const auto r = runShell("trap '' XFSZ; ulimit -f 0; exec " + kPerfectshot + " --log-level warn play " + dir.string() +
                          " --display window --no-audio --no-timeline --edit --window-width 640 --window-height 400" +
                          " --input-script " + (dir / "editor.script").string());
  EXPECT_NE(r.output.find("[error] editor: not saved"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("File too large"), std::string::npos) << r.output;
  std::ifstream in(dir / "shot.json");
  const std::string now((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(now, shot) << "a failed save must leave the file as it was";
}

}  // namespace
}  // namespace ps::test
