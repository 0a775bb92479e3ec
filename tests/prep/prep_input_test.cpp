// perfectshot prep given hostile or broken input: paths that look like FFmpeg
// protocols or options, a URL as the package folder, a FIFO as the master, and
// masters that are truncated or one frame long. It writes local files only, never
// blocks, and says what is wrong with the master rather than what ffmpeg failed at.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "loopback_listener.h"
#include "media/video_source.h"
#include "process.h"
#include "scenes/shot_loader.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMedia = PS_TEST_MEDIA_DIR "/prep";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ps_prep_input_XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// prep run in dir, with stdin at its end; args as the shell gets them.
ProcessResult prepIn(const fs::path& dir, const std::string& args) {
  return runShell("cd " + quoted(dir.string()) + " && " + quoted(kPerfectshot) + " --log-level warn prep " + args +
                  " < /dev/null 2>&1");
}

// The real length of a package's plate, which timeline.out must not pass.
double plateSeconds(const scenes::Shot& shot) {
  auto plate = media::VideoSource::open(shot.plate()->path.string());
  EXPECT_TRUE(plate) << plate.error().message();
  return plate ? plate->info().durationSeconds : 0;
}

TEST(PrepInput, AUrlAsThePackageFolderIsRefusedAndConnectsNowhere) {
  LoopbackListener listener;
  const std::string url = "tcp://127.0.0.1:" + std::to_string(listener.port()) + "/pkg";

  TempDir dir;
  auto r = prepIn(dir.path, quoted(kMedia + "/master.mp4") + " -o " + url);
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find(url + ": the package folder must be a local path, not a URL"), std::string::npos)
      << r.output;
  EXPECT_FALSE(listener.connected(200)) << "something connected to " << url;
  EXPECT_TRUE(fs::is_empty(dir.path)) << "prep left something in the working folder";
}

TEST(PrepInput, NamesLikeAProtocolOrAnOptionAreLocalFiles) {
  // A master named pipe:0 is the file, not stdin; a package named -y is a folder,
  // not ffmpeg's overwrite option.
  TempDir dir;
  fs::copy_file(kMedia + "/master.mp4", dir.path / "pipe:0");
  auto r = prepIn(dir.path, "pipe:0 --output=-y");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto shot = scenes::loadShot(dir.path / "-y");
  ASSERT_TRUE(shot) << shot.error().message();
  ASSERT_TRUE(shot->timeline.out);
  EXPECT_NEAR(*shot->timeline.out, 4.0, 0.05);
  EXPECT_NEAR(plateSeconds(*shot), 4.0, 0.05);
}

TEST(PrepInput, AFifoMasterIsRefusedWithinASecond) {
  TempDir dir;
  const fs::path fifo = dir.path / "master.mp4";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const fs::path text = dir.path / "notes.mp4";
  std::ofstream(text) << "not a video\n";
  // timeout: the old code blocked in open() for ever.
  const auto timedPrep = [&](const fs::path& master, ProcessResult& r) {
    const auto start = std::chrono::steady_clock::now();
    r = runShell("timeout 10 " + quoted(kPerfectshot) + " prep " + quoted(master.string()) + " -o " +
                 quoted((dir.path / "pkg").string()) + " 2>&1");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  ProcessResult r;
  // What refusing any bad master takes (starting the program, under sanitizers).
  const double baseline = timedPrep(text, r);
  EXPECT_EQ(r.exitCode, 1) << r.output;
  const double seconds = timedPrep(fifo, r);
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find(fifo.string() + ": is a FIFO (named pipe), not a regular file"), std::string::npos) << r.output;
  EXPECT_LT(seconds, baseline + 1.0);
  EXPECT_FALSE(fs::exists(dir.path / "pkg"));
}

TEST(PrepInput, AMasterTruncatedAtHalfIsAWarningAndTheTimelineEndsWithThePlate) {
  for (const char* name : {"truncated.mp4", "truncated.mkv"}) {
    TempDir dir;
    auto r = prepIn(dir.path, quoted(kMedia + "/" + name) + " -o pkg");
    ASSERT_EQ(r.exitCode, 0) << name << ": " << r.output;
    EXPECT_NE(r.output.find("prep: warning: the master is truncated"), std::string::npos) << name << ": " << r.output;
    auto shot = scenes::loadShot(dir.path / "pkg");
    ASSERT_TRUE(shot) << shot.error().message();
    ASSERT_TRUE(shot->timeline.out);
    const double plate = plateSeconds(*shot);
    EXPECT_LE(*shot->timeline.out, plate + 1e-6) << name;
    EXPECT_GT(plate, 1.0) << name;  // what there was is kept
    EXPECT_LT(plate, 3.0) << name;  // the header said 4 s
    auto lint = run({kPerfectshot, "lint", (dir.path / "pkg").string()});
    EXPECT_EQ(lint.exitCode, 0) << lint.output;
  }
}

TEST(PrepInput, AOneFrameMasterMakesAOneFramePackage) {
  TempDir dir;
  auto r = prepIn(dir.path, quoted(kMedia + "/one-frame.mp4") + " -o pkg");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find(", 1 thumbnails every"), std::string::npos) << r.output;
  auto shot = scenes::loadShot(dir.path / "pkg");
  ASSERT_TRUE(shot) << shot.error().message();
  ASSERT_TRUE(shot->plate()->thumbnails);
  EXPECT_EQ(shot->plate()->thumbnails->count, 1);
  ASSERT_TRUE(shot->timeline.out);
  EXPECT_LE(*shot->timeline.out, plateSeconds(*shot) + 1e-6);
  EXPECT_GT(*shot->timeline.out, 0);
}

}  // namespace
}  // namespace ps::test
