// perfectshot prep as a user runs it: the package it makes lints clean, plays, and its
// proxy scrubs to the master's frames; it never overwrites or half-writes a package.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "image.h"
#include "media/frame_stamp.h"
#include "media/proxy_scrubber.h"
#include "media/video_source.h"
#include "process.h"
#include "scenes/shot_loader.h"

extern char** environ;

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMedia = PS_TEST_MEDIA_DIR "/prep";

fs::path outDir() {
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "prep";
  fs::create_directories(d);
  return d;
}

// A fresh place for a package: nothing there, nor any partial of it.
fs::path freshTarget(const std::string& name) {
  const fs::path target = outDir() / name;
  fs::remove_all(target);
  for (const auto& e : fs::directory_iterator(outDir()))
    if (e.path().filename().string().starts_with(name + ".partial-")) fs::remove_all(e.path());
  return target;
}

ProcessResult prep(const std::string& master, const fs::path& target, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {kPerfectshot, "--log-level", "warn", "prep", master, "-o", target.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

// Preps master into target and loads the package; empty (and the test failed) when either fails.
std::optional<scenes::Shot> prepAndLoad(const std::string& master, const fs::path& target,
                                        std::vector<std::string> extra = {}) {
  auto r = prep(master, target, std::move(extra));
  EXPECT_EQ(r.exitCode, 0) << r.output;
  auto shot = scenes::loadShot(target);
  EXPECT_TRUE(shot) << (shot ? "" : shot.error().message());
  if (r.exitCode != 0 || !shot) return std::nullopt;
  return std::move(*shot);
}

std::string readText(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> partialsOf(const fs::path& target) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(target.parent_path()))
    if (e.path().filename().string().starts_with(target.filename().string() + ".partial-")) out.push_back(e.path());
  return out;
}

TEST(Prep, PackageLintsCleanPlaysAndHasTheDetectedLayout) {
  const fs::path pkg = freshTarget("pkg");
  auto r = prep(kMedia + "/master.mp4", pkg, {"--title", "Stamp \"test\""});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("prep ["), std::string::npos) << "no progress bar: " << r.output;
  EXPECT_NE(r.output.find("100%"), std::string::npos) << r.output;
  EXPECT_TRUE(partialsOf(pkg).empty());

  auto lint = run({kPerfectshot, "lint", pkg.string()});
  EXPECT_EQ(lint.exitCode, 0) << lint.output;
  EXPECT_NE(lint.output.find("0 error(s), 0 warning(s)"), std::string::npos) << lint.output;

  auto play = run({kPerfectshot, "--log-level", "warn", "play", pkg.string(), "--display", "offscreen", "--frames", "5"});
  EXPECT_EQ(play.exitCode, 0) << play.output;

  auto shot = scenes::loadShot(pkg);
  ASSERT_TRUE(shot) << shot.error().message();
  EXPECT_EQ(shot->title, "Stamp \"test\"");
  const scenes::MediaRef* plate = shot->plate();
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->projection, Projection::Equirect360);  // guessed from 2:1
  EXPECT_EQ(plate->stereo, StereoLayout::Mono);
  EXPECT_EQ(shot->timeline.fps, (Rational{30, 1}));
  ASSERT_TRUE(shot->timeline.out);
  EXPECT_NEAR(*shot->timeline.out, 4.0, 0.05);

  // The playback encode: the master's size, one-second GOP, the colour tags kept.
  auto playback = media::VideoSource::open(plate->path.string());
  ASSERT_TRUE(playback) << playback.error().message();
  EXPECT_EQ(playback->info().width, 640);
  EXPECT_EQ(playback->info().keyframeInterval, 30);
  EXPECT_EQ(playback->info().matrixTag, "bt709");

  // The strip: count thumbnails of width x height, columns to a row.
  ASSERT_TRUE(plate->thumbnails);
  const auto& th = *plate->thumbnails;
  EXPECT_EQ(th.count, 4);
  EXPECT_EQ(th.width, 256);
  EXPECT_EQ(th.height, 128);
  const Image strip = loadImage(th.path.string());
  EXPECT_EQ(strip.width, th.columns * th.width);
  EXPECT_EQ(strip.height, (th.count + th.columns - 1) / th.columns * th.height);
}

TEST(Prep, ProxyScrubsToTheMastersFrames) {
  auto shot = prepAndLoad(kMedia + "/master.mp4", freshTarget("scrub"));
  ASSERT_TRUE(shot);
  auto proxy = media::ProxyScrubber::open(*shot->plate());
  ASSERT_TRUE(proxy) << proxy.error().message();
  EXPECT_EQ(proxy->info().keyframeInterval, 1);  // all-intra
  auto master = media::VideoSource::open(kMedia + "/master.mp4");
  ASSERT_TRUE(master) << master.error().message();

  // Out of order and across the whole clip, as a drag goes back and forth.
  int checked = 0;
  for (int i = 0; i < 40; ++i) {
    const double t = std::fmod(i * 1.37, 4.0);
    auto p = proxy->frameAt(t);
    ASSERT_TRUE(p) << p.error().message();
    auto m = master->frameAt(t);
    ASSERT_TRUE(m) << m.error().message();
    const auto proxyStamp = media::readFrameStamp(p->view(), 0, proxy->stampScale());
    const auto masterStamp = media::readFrameStamp(m->view());
    ASSERT_TRUE(proxyStamp && masterStamp) << "t=" << t;
    EXPECT_EQ(*proxyStamp, *masterStamp) << "t=" << t;
    EXPECT_EQ(*proxyStamp, static_cast<int>(std::floor(t * 30 + 1e-9))) << "t=" << t;
    EXPECT_EQ(p->index, *proxyStamp) << "t=" << t;
    ++checked;
  }
  EXPECT_EQ(checked, 40);
}

TEST(Prep, StereoIsDetectedAndFlagsOverrideIt) {
  auto shot = prepAndLoad(kMedia + "/square.mp4", freshTarget("square"));
  ASSERT_TRUE(shot);
  EXPECT_EQ(shot->plate()->stereo, StereoLayout::TopBottom);  // guessed from 1:1
  EXPECT_EQ(shot->plate()->thumbnails->height, 128);         // one eye: 512x256, at 256 wide

  shot = prepAndLoad(kMedia + "/square.mp4", freshTarget("square-flags"),
                     {"--projection", "180", "--stereo", "left-right", "--size", "320x320"});
  ASSERT_TRUE(shot);
  EXPECT_EQ(shot->plate()->projection, Projection::Equirect180);
  EXPECT_EQ(shot->plate()->stereo, StereoLayout::LeftRight);
  EXPECT_EQ(shot->plate()->thumbnails->height, 512);  // one eye: 256x512 at 256 wide
  auto playback = media::VideoSource::open(shot->plate()->path.string());
  ASSERT_TRUE(playback) << playback.error().message();
  EXPECT_EQ(playback->info().width, 320);
}

TEST(Prep, RefusesToOverwriteWithoutForce) {
  const fs::path pkg = freshTarget("existing");
  ASSERT_EQ(prep(kMedia + "/square.mp4", pkg, {"--title", "first"}).exitCode, 0);
  const std::string before = readText(pkg / "shot.json");

  auto r = prep(kMedia + "/square.mp4", pkg, {"--title", "second"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.output, "perfectshot: error: " + pkg.string() + ": already exists (pass --force to replace it)\n");
  EXPECT_EQ(readText(pkg / "shot.json"), before);
  EXPECT_TRUE(partialsOf(pkg).empty());

  r = prep(kMedia + "/square.mp4", pkg, {"--title", "second", "--force"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(readText(pkg / "shot.json").find("\"second\""), std::string::npos);
  EXPECT_TRUE(partialsOf(pkg).empty()) << "the old package was not removed";
}

TEST(Prep, BadArgumentsAreOneLineErrors) {
  const fs::path pkg = freshTarget("bad");
  auto r = prep(kMedia + "/master.mp4", pkg, {"--size", "wide"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.output, "perfectshot: error: --size: expected WIDTHxHEIGHT between 16 and 16384, found \"wide\"\n");
  r = prep(kMedia + "/master.mp4", pkg, {"--stereo", "sideways"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("--stereo: expected mono, top-bottom or left-right"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(pkg));
}

// A prep run in the background, to be interrupted.
pid_t startPrep(const fs::path& target) {
  const std::vector<std::string> args = {kPerfectshot, "--log-level", "warn", "prep", kMedia + "/long.mp4", "-o",
                                         target.string(), "--preset", "slow"};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0);
  return pid;
}

// Waits until the encode is under way: the partial folder holds part of the playback encode.
bool waitForEncoding(const fs::path& partial) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (fs::file_size(partial / "plate.mp4", ec) > 0 && !ec) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int waitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(Prep, SigtermMidRunLeavesNoPackageAndNoPartial) {
  for (int sig : {SIGTERM, SIGINT}) {
    const fs::path pkg = freshTarget("interrupted");
    const pid_t pid = startPrep(pkg);
    const fs::path partial = pkg.string() + ".partial-" + std::to_string(pid);
    ASSERT_TRUE(waitForEncoding(partial)) << "prep did not start encoding";
    kill(pid, sig);
    EXPECT_EQ(waitExit(pid), 130) << "signal " << sig;
    EXPECT_FALSE(fs::exists(pkg)) << "signal " << sig;
    EXPECT_TRUE(partialsOf(pkg).empty()) << "signal " << sig;
  }
}

TEST(Prep, SigkillMidRunLeavesNoPackageAndTheNextRunCleansUp) {
  const fs::path pkg = freshTarget("killed");
  const pid_t pid = startPrep(pkg);
  const fs::path partial = pkg.string() + ".partial-" + std::to_string(pid);
  ASSERT_TRUE(waitForEncoding(partial)) << "prep did not start encoding";
  kill(pid, SIGKILL);
  EXPECT_EQ(waitExit(pid), 128 + SIGKILL);
  EXPECT_FALSE(fs::exists(pkg));
  EXPECT_TRUE(fs::exists(partial));
  EXPECT_FALSE(fs::exists(partial / "shot.json")) << "a stale partial must not look like a package";

  // ffmpeg died with it (it would otherwise go on writing into the stale folder).
  std::error_code ec;
  const auto size = fs::file_size(partial / "plate.mp4", ec);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(fs::file_size(partial / "plate.mp4", ec), size) << "ffmpeg outlived prep";

  auto r = prep(kMedia + "/square.mp4", pkg);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_TRUE(fs::exists(pkg / "shot.json"));
  EXPECT_FALSE(fs::exists(partial)) << "the stale partial was not cleaned";
}

TEST(ShotFormat, ProxyAndThumbnailPathsMustStayInsideThePackage) {
  const fs::path dir = freshTarget("format");
  fs::create_directories(dir);
  std::ofstream(dir / "plate.mp4") << "x";
  const std::string text = R"({"format": "perfectshot/1",
    "media": [{"id": "plate", "kind": "equirect", "src": "plate.mp4", "proxy": "../proxy.mp4",
               "thumbnails": {"src": "/tmp/strip.png", "interval_s": 0, "columns": 10, "count": 4,
                              "width": 256, "height": 128.5}}]})";
  auto parse = scenes::parseShot(text, dir / "shot.json");
  std::set<std::string> pointers;
  for (const auto& p : parse.problems) pointers.insert(p.pointer);
  EXPECT_TRUE(pointers.contains("/media/0/proxy"));
  EXPECT_TRUE(pointers.contains("/media/0/thumbnails/src"));
  EXPECT_TRUE(pointers.contains("/media/0/thumbnails/interval_s"));
  EXPECT_TRUE(pointers.contains("/media/0/thumbnails/height"));
  EXPECT_EQ(parse.problems.size(), 4u);
}


TEST(Prep, MaxWidthCapsThePlateAndFullKeepsTheMastersWidthInHevc) {
  // A cap below the master's width: the plate is scaled to it, H.264 as by default.
  auto shot = prepAndLoad(kMedia + "/master.mp4", freshTarget("max-width"), {"--max-width", "320", "--preset", "ultrafast"});
  ASSERT_TRUE(shot);
  auto capped = media::VideoSource::open(shot->plate()->path.string());
  ASSERT_TRUE(capped) << capped.error().message();
  EXPECT_EQ(capped->info().width, 320);
  EXPECT_EQ(capped->info().height, 160);
  EXPECT_EQ(capped->info().codec, "h264");

  // Full width in HEVC: the master's every pixel, the same frames at the same times.
  const fs::path pkg = freshTarget("full-hevc");
  shot = prepAndLoad(kMedia + "/master.mp4", pkg, {"--max-width", "full", "--codec", "hevc", "--preset", "ultrafast"});
  ASSERT_TRUE(shot);
  auto lint = run({kPerfectshot, "lint", pkg.string()});
  EXPECT_EQ(lint.exitCode, 0) << lint.output;
  auto plate = media::VideoSource::open(shot->plate()->path.string());
  ASSERT_TRUE(plate) << plate.error().message();
  EXPECT_EQ(plate->info().codec, "hevc");
  EXPECT_EQ(plate->info().width, 640);
  EXPECT_EQ(plate->info().keyframeInterval, 30);
  auto master = media::VideoSource::open(kMedia + "/master.mp4");
  ASSERT_TRUE(master) << master.error().message();
  for (const double t : {0.0, 1.5, 2.9, 0.7}) {
    auto p = plate->frameAt(t);
    auto m = master->frameAt(t);
    ASSERT_TRUE(p && m) << "t=" << t;
    EXPECT_EQ(media::readFrameStamp(p->view()), media::readFrameStamp(m->view())) << "t=" << t;
  }
  auto play = run({kPerfectshot, "--log-level", "warn", "play", pkg.string(), "--display", "offscreen", "--frames", "3"});
  EXPECT_EQ(play.exitCode, 0) << play.output;
}

TEST(Prep, MaxWidthIsANumberOrFullAndNotWithSize) {
  const fs::path pkg = freshTarget("max-width-bad");
  auto r = prep(kMedia + "/master.mp4", pkg, {"--max-width", "wide"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--max-width: expected an even width between 256 and 16384, or full, found \"wide\""),
            std::string::npos)
      << r.output;
  r = prep(kMedia + "/master.mp4", pkg, {"--max-width", "1001"});
  EXPECT_NE(r.exitCode, 0);
  r = prep(kMedia + "/master.mp4", pkg, {"--max-width", "320", "--size", "320x160"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("one or the other"), std::string::npos) << r.output;
  r = prep(kMedia + "/master.mp4", pkg, {"--codec", "vp9"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_FALSE(fs::exists(pkg));
}

}  // namespace
}  // namespace ps::test
