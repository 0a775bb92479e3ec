// The perfectshot command as a user runs it: exit codes, the one-line errors,
// and pictures checked against FFmpeg's v360 for the same view of the same frame.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <sstream>

#include "image.h"
#include "loopback_listener.h"
#include "demo_without_sets.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMedia = PS_TEST_MEDIA_DIR "/tools";
const std::string kDemo = PS_SOURCE_DIR "/scenes/demo";

fs::path outDir() {
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "tools";
  fs::create_directories(d);
  return d;
}

ProcessResult perfectshot(std::vector<std::string> args) {
  args.insert(args.begin(), kPerfectshot);
  return run(args);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The same view rendered by FFmpeg's v360 from the frame shown at `time` (ffmpeg -ss is exact).
Image v360Reference(const std::string& video, double time, const std::string& v360Args, const std::string& name,
                    const std::string& preFilter = "") {
  const std::string png = (outDir() / (name + ".v360.png")).string();
  const std::string filter = preFilter + "v360=input=e:output=flat:interp=linear:" + v360Args;
  auto r = run({"ffmpeg", "-v", "error", "-y", "-ss", std::to_string(time), "-i", video, "-frames:v", "1", "-vf", filter, png});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return loadImage(png);
}

Image renderView(const std::vector<std::string>& args, const std::string& name) {
  const std::string png = (outDir() / (name + ".png")).string();
  std::vector<std::string> all = {"--log-level", "warn", "render"};
  all.insert(all.end(), args.begin(), args.end());
  all.insert(all.end(), {"-o", png});
  auto r = perfectshot(all);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  // The validation layer is on in tests (PERFECTSHOT_VALIDATION=1); it must have nothing to say.
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("alidation"), std::string::npos) << r.output;
  return loadImage(png);
}

TEST(Cli, HelpExplainsEachSubcommand) {
  auto r = perfectshot({"--help"});
  EXPECT_EQ(r.exitCode, 0);
  for (const char* cmd : {"probe", "render", "play", "bench"}) EXPECT_NE(r.output.find(cmd), std::string::npos) << cmd;
  auto render = perfectshot({"render", "--help"});
  EXPECT_NE(render.output.find("v360"), std::string::npos) << render.output;
  EXPECT_NE(perfectshot({"render"}).exitCode, 0);  // missing input and -o
}

struct BadInput {
  const char* file;
  const char* says;  // part of the one line the user gets
};

void PrintTo(const BadInput& b, std::ostream* os) { *os << b.file; }

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, GivesOneClearLineAndExitsNonZero) {
  const std::string file = kMedia + "/" + GetParam().file;
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"render", file, "--time", "2.0", "--size", "64x32", "-o", (outDir() / "bad.png").string()},
        std::vector<std::string>{"probe", file}}) {
    if (cmd[0] == "probe" && std::string(GetParam().file) == "corrupt.mp4") continue;  // probing reads no frames
    std::vector<std::string> args{"--log-level", "off"};
    args.insert(args.end(), cmd.begin(), cmd.end());
    auto r = perfectshot(args);
    EXPECT_EQ(r.exitCode, 1) << cmd[0] << ": " << r.output;
    const auto out = lines(r.output);
    ASSERT_EQ(out.size(), 1u) << cmd[0] << ": " << r.output;
    EXPECT_EQ(out[0].rfind("perfectshot: error: ", 0), 0u) << out[0];
    EXPECT_NE(out[0].find(GetParam().file), std::string::npos) << "names the file: " << out[0];
    EXPECT_NE(out[0].find(GetParam().says), std::string::npos) << "says what: " << out[0];
  }
}

INSTANTIATE_TEST_SUITE_P(Files, CliBadInput,
                         ::testing::Values(BadInput{"missing.mp4", "not found"},
                                           BadInput{"notes.mp4", "not a media file"},
                                           BadInput{"truncated_moov.mp4", "truncated"},
                                           BadInput{"truncated_mdat.mp4", "truncated"},
                                           BadInput{"corrupt.mp4", "damaged"}),
                         [](const auto& param) {
                           std::string n = param.param.file;
                           return n.substr(0, n.find('.'));
                         });

TEST(Cli, BadOptionsAreNamed) {
  auto r = perfectshot({"--log-level", "off", "render", kDemo, "--size", "12by3", "-o", "x.png"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("--size"), std::string::npos) << r.output;
  r = perfectshot({"--log-level", "off", "render", kDemo, "--media", "nope", "-o", "x.png"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("nope"), std::string::npos) << r.output;
}

struct BadNumber {
  std::vector<std::string> args;  // after "perfectshot --log-level off"
  const char* option;             // named in the one line
};

void PrintTo(const BadNumber& b, std::ostream* os) {
  for (const auto& a : b.args) *os << a << " ";
}

class CliBadNumber : public ::testing::TestWithParam<BadNumber> {};

// CLI11's Range lets NaN through (every comparison with it is false) and 1e308 rendered
// frame 0 where 100 rendered the last: each is refused before any work, naming the option.
TEST_P(CliBadNumber, IsRefusedNamingTheOption) {
  const fs::path png = outDir() / "bad_number.png";
  fs::remove(png);
  std::vector<std::string> args{"--log-level", "off"};
  args.insert(args.end(), GetParam().args.begin(), GetParam().args.end());
  auto r = perfectshot(args);
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find(GetParam().option), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(png));
}

std::vector<std::string> renderWith(const std::string& option, const std::string& value) {
  return {"render", kDemo, "--size", "64x32", "-o", (outDir() / "bad_number.png").string(), option, value};
}

INSTANTIATE_TEST_SUITE_P(
    Options, CliBadNumber,
    ::testing::Values(
        BadNumber{renderWith("--time", "nan"), "--time"}, BadNumber{renderWith("--time", "inf"), "--time"},
        BadNumber{renderWith("--time", "1e308"), "--time"}, BadNumber{renderWith("--time", "1e999"), "--time"},
        BadNumber{renderWith("--time", "-1"), "--time"}, BadNumber{renderWith("--time", "100"), "--time"},
        BadNumber{renderWith("--yaw", "nan"), "--yaw"}, BadNumber{renderWith("--yaw", "-inf"), "--yaw"},
        BadNumber{renderWith("--pitch", "nan"), "--pitch"}, BadNumber{renderWith("--pitch", "1e308"), "--pitch"},
        BadNumber{renderWith("--roll", "NaN"), "--roll"}, BadNumber{renderWith("--hfov", "nan"), "--hfov"},
        BadNumber{renderWith("--vfov", "0"), "--vfov"}, BadNumber{renderWith("--size", "99999999999x16"), "--size"},
        BadNumber{renderWith("--size", "-1x16"), "--size"}, BadNumber{renderWith("--size", "64x32junk"), "--size"},
        BadNumber{{"play", kDemo, "--display", "offscreen", "--hfov", "nan"}, "--hfov"},
        BadNumber{{"play", kDemo, "--display", "offscreen", "--vfov", "inf"}, "--vfov"},
        BadNumber{{"play", kDemo, "--display", "offscreen", "--stills-every", "nan"}, "--stills-every"},
        BadNumber{{"play", kDemo, "--display", "offscreen", "--stills-every", "1e308"}, "--stills-every"},
        BadNumber{{"play", kDemo, "--display", "offscreen", "--width", "nan"}, "--width"},
        BadNumber{{"play", kDemo, "--display", "offscreen", "--frames", "-1"}, "--frames"},
        BadNumber{{"bench", "render", kDemo + "/plate.mp4", "--yaw", "nan"}, "--yaw"},
        BadNumber{{"bench", "render", kDemo + "/plate.mp4", "--time", "inf"}, "--time"},
        BadNumber{{"bench", "render", kDemo + "/plate.mp4", "--width", "0"}, "--width"},
        BadNumber{{"bench", "seek", kDemo + "/plate.mp4", "--targets", "1", "nan"}, "--targets"},
        BadNumber{{"bench", "scrub", kDemo, "--fractions", "0.5", "2"}, "--fractions"},
        BadNumber{{"bench", "playback", kDemo + "/plate.mp4", "--threads", "-3"}, "--threads"},
        BadNumber{{"bench", "xr", kDemo, "--frames", "0"}, "--frames"},
        BadNumber{{"prep", kDemo + "/plate.mp4", "-o", (outDir() / "never").string(), "--size", "99999999999x16"},
                  "--size"}));

TEST(Cli, TimeUpToTheShotsEndRendersAndPastItIsAnError) {
  // The demo's timeline is 0..10 s: 10 shows the last frame, a little more is refused.
  auto end = perfectshot({"--log-level", "off", "render", kDemo, "--time", "10", "--size", "32x16", "-o",
                          (outDir() / "time_end.png").string()});
  EXPECT_EQ(end.exitCode, 0) << end.output;
  auto past = perfectshot({"--log-level", "off", "render", kDemo, "--time", "10.5", "--size", "32x16", "-o",
                           (outDir() / "time_past.png").string()});
  EXPECT_EQ(past.exitCode, 1) << past.output;
  EXPECT_EQ(lines(past.output),
            (std::vector<std::string>{"perfectshot: error: --time: 10.5 s is after the end of the shot at 10 s from "
                                      "its in point (the last frame shows at --time 10)"}));
}

TEST(Cli, LogLevelWorksAfterTheSubcommandToo) {
  // Before the subcommand, after it, and after a nested one: all three silence the log.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--log-level", "off", "render", kDemo, "--size", "12by3", "-o", "x.png"},
           {"render", kDemo, "--size", "12by3", "-o", "x.png", "--log-level", "off"},
           {"bench", "seek", kMedia + "/notes.mp4", "--log-level", "off"}}) {
    auto r = perfectshot(args);
    EXPECT_NE(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output.find("not expected"), std::string::npos) << r.output;
    EXPECT_EQ(lines(r.output).size(), 1u) << r.output;
  }
  // And it is the level that counts: debug after the subcommand shows render's debug line.
  auto debug = perfectshot({"render", kDemo, "--size", "32x16", "-o", (outDir() / "log_level.png").string(),
                            "--log-level", "debug"});
  EXPECT_EQ(debug.exitCode, 0) << debug.output;
  EXPECT_NE(debug.output.find("render: frame 0 at"), std::string::npos) << debug.output;
}

// The layout guess is said where the picture is drawn with a guess: not for a shot whose
// manifest gives the layout, nor for its flat film clip.
TEST(Cli, TheLayoutGuessIsLoggedOnlyWhenALayoutIsGuessed) {
  auto shot = perfectshot({"--log-level", "info", "render", kDemo, "--size", "32x16", "-o",
                           (outDir() / "layout_shot.png").string()});
  EXPECT_EQ(shot.exitCode, 0) << shot.output;
  EXPECT_EQ(shot.output.find("guessed"), std::string::npos) << shot.output;
  auto bare = perfectshot({"--log-level", "info", "render", kDemo + "/plate_tb.mp4", "--size", "32x16", "-o",
                           (outDir() / "layout_bare.png").string()});
  EXPECT_EQ(bare.exitCode, 0) << bare.output;
  EXPECT_NE(bare.output.find("plate_tb.mp4: no layout metadata; guessed 360 top-bottom"), std::string::npos)
      << bare.output;
}

TEST(Cli, ProbeReportsTheDemoPlate) {
  auto r = perfectshot({"--log-level", "off", "probe", kDemo});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  for (const char* expected : {"size:               2048x1024", "pixel format:       yuv420p",
                               "colour matrix:      bt709 (tagged", "frame rate:         30/1",
                               "keyframe interval:  30 frames", "projection:         360 (manifest)",
                               "stereo:             mono (manifest)"})
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
  auto bare = perfectshot({"--log-level", "off", "probe", kDemo + "/plate_tb.mp4"});
  ASSERT_EQ(bare.exitCode, 0) << bare.output;
  EXPECT_NE(bare.output.find("stereo:             top-bottom (guess)"), std::string::npos) << bare.output;
}

struct ViewCase {
  const char* name;
  float yaw, pitch, roll;
};

void PrintTo(const ViewCase& v, std::ostream* os) {
  *os << v.name << " (yaw " << v.yaw << ", pitch " << v.pitch << ", roll " << v.roll << ")";
}

class CliRender : public ::testing::TestWithParam<ViewCase> {};

// The demo plate has sharp grid lines and text, and the renderer filters (mipmaps) where
// v360 does not, so agreement is below the engine's blurred-content threshold (the same
// views of a blurred plate agree at 37-39 dB); a wrong angle or convention scores ~12 dB.
TEST_P(CliRender, MatchesV360ForTheSameView) {
  const ViewCase& c = GetParam();
  const std::string yaw = std::to_string(c.yaw), pitch = std::to_string(c.pitch), roll = std::to_string(c.roll);
  Image ours = renderView({demoWithoutSets(), "--time", "3.0", "--yaw", yaw, "--pitch", pitch, "--roll", roll, "--hfov", "100",
                           "--vfov", "70", "--size", "320x224"},
                          std::string("view_") + c.name);
  Image ref = v360Reference(kDemo + "/plate.mp4", 3.0,
                            "yaw=" + yaw + ":pitch=" + pitch + ":roll=" + roll + ":h_fov=100:v_fov=70:w=320:h=224",
                            std::string("view_") + c.name);
  const double db = psnr(ours, ref);
  if (db < 24) saveComparison((outDir() / (std::string("view_") + c.name)).string(), ours, ref);
  EXPECT_GE(db, 24) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Views, CliRender,
                         ::testing::Values(ViewCase{"front", 0, 0, 0}, ViewCase{"seam", 180, 10, 0},
                                           ViewCase{"up", 40, 90, 0}, ViewCase{"down", -120, -90, 0},
                                           ViewCase{"rolled", -60, 20, 25}),
                         [](const auto& param) { return std::string(param.param.name); });

// The orange ball circles the horizon (lon = 36 deg/s * t - 180, lat -36): a view locked on
// where it is at t=3 s agrees with v360 at 3 s far better than with v360 a third of a second later.
TEST(Cli, RenderShowsTheFrameAtTheRequestedTime) {
  Image ours = renderView({demoWithoutSets(), "--time", "3.0", "--yaw=-72", "--pitch=-36", "--hfov", "40", "--vfov", "40", "--size",
                           "128x128"},
                          "ball_t3");
  const std::string v360 = "yaw=-72:pitch=-36:h_fov=40:v_fov=40:w=128:h=128";
  const double same = psnr(ours, v360Reference(kDemo + "/plate.mp4", 3.0, v360, "ball_t3"));
  const double later = psnr(ours, v360Reference(kDemo + "/plate.mp4", 3.34, v360, "ball_t334"));
  RecordProperty("psnr_same", std::to_string(same));
  RecordProperty("psnr_later", std::to_string(later));
  EXPECT_GE(same, 24);
  EXPECT_GE(same - later, 6) << "same time " << same << " dB, 0.34 s later " << later << " dB";
}

// plate_tb: left eye on top. The eyes differ in their label (FRONT "L" / "L R") and the ball's shift.
TEST(Cli, RenderEachEyeFromItsOwnHalf) {
  const std::string video = kDemo + "/plate_tb.mp4";
  const std::string v360 = "yaw=0:pitch=-10:h_fov=60:v_fov=40:w=192:h=128";
  for (const char* eye : {"left", "right"}) {
    Image ours = renderView({demoWithoutSets(), "--media", "plate-stereo", "--eye", eye, "--time", "1.0", "--pitch=-10", "--hfov",
                             "60", "--vfov", "40", "--size", "192x128"},
                            std::string("eye_") + eye);
    const double top = psnr(ours, v360Reference(video, 1.0, v360, "eye_top", "crop=iw:ih/2:0:0,"));
    const double bottom = psnr(ours, v360Reference(video, 1.0, v360, "eye_bottom", "crop=iw:ih/2:0:ih/2,"));
    const bool left = std::string(eye) == "left";
    EXPECT_GE(left ? top : bottom, 24) << eye;
    EXPECT_GE((left ? top : bottom) - (left ? bottom : top), 6) << eye << ": top " << top << " dB, bottom " << bottom;
  }
}

TEST(Cli, PlayHeadlessWritesStillsOfEachEye) {
  const fs::path dir = outDir() / "play_stereo";
  fs::remove_all(dir);
  auto r = perfectshot({"--log-level", "warn", "play", kDemo, "--display", "offscreen", "--media", "plate-stereo", "--out", dir.string(),
                        "--width", "96", "--height", "64", "--stills-every", "4"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  const std::vector<std::string> expected{
      "still_0000_t000.000_left.png", "still_0000_t000.000_right.png", "still_0001_t004.000_left.png",
      "still_0001_t004.000_right.png", "still_0002_t008.000_left.png", "still_0002_t008.000_right.png"};
  EXPECT_EQ(names, expected);
}

// How the plate's video is decoded is said in one line: on the GPU, or in software and why.
// Asking for the GPU where none decodes, or its pictures cannot be shown, is an error naming the
// flag; a flag that cannot apply (a playlist's shots) is refused, not ignored.
TEST(Cli, PlaySaysInOneLineHowThePlateIsDecoded) {
  const std::vector<std::string> play = {"--log-level", "info", "play", kDemo, "--display", "offscreen", "--out",
                                         (outDir() / "hwdec").string(), "--width", "32", "--height", "16",
                                         "--frames", "2", "--no-audio"};
  auto r = perfectshot(play);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::size_t said = 0;
  for (const std::string& line : lines(r.output)) said += line.find("video decode: ") != std::string::npos ? 1 : 0;
  EXPECT_EQ(said, 1u) << r.output;
  const bool software = r.output.find("video decode: software (") != std::string::npos;
  EXPECT_TRUE(software || r.output.find("video decode: VAAPI on /dev/dri/") != std::string::npos) << r.output;

  std::vector<std::string> vaapi = play;
  vaapi.insert(vaapi.end(), {"--hwdec", "vaapi"});
  auto forced = perfectshot(vaapi);
  if (software) {
    EXPECT_NE(forced.exitCode, 0) << forced.output;
    EXPECT_NE(forced.output.find("--hwdec vaapi: "), std::string::npos) << forced.output;
  } else {
    EXPECT_EQ(forced.exitCode, 0) << forced.output;
  }

  std::vector<std::string> off = play;
  off.insert(off.end(), {"--hwdec", "off"});
  auto quiet = perfectshot(off);
  EXPECT_EQ(quiet.exitCode, 0) << quiet.output;
  EXPECT_EQ(quiet.output.find("video decode: "), std::string::npos) << quiet.output;

  const fs::path episode = outDir() / "hwdec_episode.json";
  std::ofstream(episode) << R"({"format": "perfectshot-playlist/1", "title": "e", "items": [{"shot": ")" << kDemo
                         << R"("}]})";
  auto playlist = perfectshot({"play", episode.string(), "--display", "offscreen", "--frames", "2", "--hwdec", "off"});
  EXPECT_NE(playlist.exitCode, 0) << playlist.output;
  EXPECT_NE(playlist.output.find("--hwdec: applies to one shot's plate"), std::string::npos) << playlist.output;
}

// Every display frame is one vkQueueSubmit: both eyes' passes, the markers and film frame drawn
// over them, and the display's readback of the stills go into the frame's one command buffer.
TEST(Cli, PlaySubmitsOncePerDisplayFrame) {
  for (const bool overlay : {false, true}) {
    SCOPED_TRACE(overlay ? "with the overlay" : "the picture alone");
    const fs::path dir = outDir() / (overlay ? "play_submits_overlay" : "play_submits");
    fs::remove_all(dir);
    std::vector<std::string> args{"--log-level", "info", "play", kDemo, "--display", "offscreen", "--media",
                                  "plate-stereo", "--out", dir.string(), "--width", "64", "--height", "48",
                                  "--stills-every", "2"};
    if (!overlay) args.push_back("--no-overlay");
    auto r = perfectshot(args);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
    unsigned long frames = 0, drawn = 0, submits = 0;
    bool found = false;
    for (const std::string& line : lines(r.output)) {
      const auto at = line.find("play: ");
      if (at == std::string::npos) continue;
      // Other "play: " lines (the display's own submits) leave the counts alone.
      unsigned long f = 0, d = 0, u = 0, s = 0;
      if (std::sscanf(line.c_str() + at, "play: %lu display frames (%lu drawn, %lu uploads, %lu submits)", &f, &d, &u,
                      &s) == 4) {
        frames = f, drawn = d, submits = s;
        found = true;
      }
    }
    ASSERT_TRUE(found) << r.output;
    EXPECT_GT(frames, 3u);
    EXPECT_EQ(drawn, frames);
    EXPECT_EQ(submits, drawn) << r.output;
    std::size_t stills = 0;
    for (const auto& e : fs::directory_iterator(dir)) stills += e.path().extension() == ".png" ? 1 : 0;
    EXPECT_GE(stills, 2u);
  }
}

TEST(Cli, PlayCarriesOnPastDamagedFrames) {
  const fs::path dir = outDir() / "play_corrupt";
  auto r = perfectshot({"--log-level", "off", "play", kMedia + "/corrupt.mp4", "--display", "offscreen", "--out", dir.string(), "--width", "32",
                        "--height", "16"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir / "still_0003_t003.000_mono.png")) << "a still after the damage";
}

// Pictures wider than the device's images (lavapipe's maxImageDimension2D is 16384) are shown at
// the lowest mip level that fits: left half dark (0x33), right half light (0xcc), as rendered.
int worstGrey(const Image& image, int expected) {
  int worst = 0;
  for (std::uint8_t v : image.pixels) worst = std::max(worst, std::abs(v - expected));
  return worst;
}

TEST(Cli, RenderShowsAPictureWiderThanTheDeviceDownscaled) {
  for (const char* file : {"wide_65536x2.mkv", "wide_16386x8.mkv"}) {
    const std::string video = kMedia + "/" + file;
    for (const auto& [yaw, grey] : {std::pair{"-90", 0x33}, std::pair{"90", 0xcc}}) {
      const Image image = renderView({video, "--yaw", yaw, "--hfov", "20", "--vfov", "20", "--size", "8x8"},
                                     std::string("wide_") + file + "_" + yaw);
      EXPECT_LE(worstGrey(image, grey), 4) << file << " yaw " << yaw;
    }
  }
  // Said once, at info, with the level it is shown at.
  const std::string png = (outDir() / "wide_info.png").string();
  auto r = perfectshot({"--log-level", "info", "render", kMedia + "/wide_65536x2.mkv", "--size", "8x8", "-o", png});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("shown at mip level 2, 16384x1"), std::string::npos) << r.output;
}

TEST(Cli, PlayShowsAPictureWiderThanTheDeviceDownscaled) {
  const fs::path dir = outDir() / "play_wide";
  fs::remove_all(dir);
  auto r = perfectshot({"--log-level", "info", "play", kMedia + "/wide_65536x2.mkv", "--display", "offscreen", "--out",
                        dir.string(), "--width", "16", "--height", "16"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  const std::string said = "shown at mip level 2";
  const auto first = r.output.find(said);
  EXPECT_NE(first, std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(said, first + 1), std::string::npos) << "once, not per frame:\n" << r.output;
  EXPECT_TRUE(fs::exists(dir / "still_0000_t000.000_mono.png"));
}

TEST(Cli, ProbeSaysHowAPictureWiderThanTheDeviceIsShown) {
  auto r = perfectshot({"--log-level", "off", "probe", kMedia + "/wide_65536x2.mkv"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("GPU image:          65536x2 is wider than 16384x16384, this device's maxImageDimension2D "
                          "16384"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("will be shown at mip level 2 (16384x1)"), std::string::npos) << r.output;
  // A picture every Vulkan device holds needs no device to say so.
  auto small = perfectshot({"--log-level", "off", "probe", kMedia + "/good.mp4"});
  ASSERT_EQ(small.exitCode, 0) << small.output;
  EXPECT_NE(small.output.find("GPU image:          256x128 fits every Vulkan device (maxImageDimension2D is at least "
                              "4096)"),
            std::string::npos)
      << small.output;
}

TEST(Cli, LintWarnsOfAPlateWiderThanCommonGpus) {
  auto r = perfectshot({"--log-level", "off", "lint", kMedia + "/wide_shot"});
  EXPECT_EQ(r.exitCode, 0) << r.output;  // a warning: play shows it, less sharp
  EXPECT_NE(r.output.find("#/media/0/src: warning: \"plate.mkv\" is 65536x2, wider than 16384 pixels"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("tall.mkv\" is"), std::string::npos) << "the film clip is shown small:\n" << r.output;
}

TEST(Cli, RenderShowsAFilmClipFarTallerThanWide) {
  // The clip is 8x20000: its picture is made inside 640x640, not 8x20000.
  renderView({kMedia + "/wide_shot", "--film-frame", "--size", "32x16"}, "tall_clip");
}

TEST(Cli, RenderRefusesAnOutputLargerThanImagesCanBe) {
  auto r = perfectshot({"--log-level", "off", "render", kMedia + "/good.mp4", "--size", "70000x10", "-o",
                        (outDir() / "huge.png").string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("--size"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("16384"), std::string::npos) << r.output;
}

// The engine knows no files: a frame it cannot show is named by the command that read it.
TEST(Cli, RenderAndPlayNameTheFileOfAFrameTheyCannotShow) {
  auto r = perfectshot({"--log-level", "off", "render", kMedia + "/wide_16386x8.mkv", "--stereo", "left-right",
                        "--size", "8x8", "-o", (outDir() / "odd_stereo.png").string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("wide_16386x8.mkv@frame 0: a stereo frame's planes must split"), std::string::npos)
      << r.output;
  const fs::path dir = outDir() / "play_odd_stereo";
  r = perfectshot({"--log-level", "off", "play", kMedia + "/odd_stereo_shot", "--display", "offscreen", "--out",
                   dir.string(), "--width", "16", "--height", "16"});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("plate.mkv@frame 0: a stereo frame's planes must split"), std::string::npos) << r.output;
}

// A FIFO as the video is refused at once (FFmpeg would block in open() for ever), and
// a URL is refused without any connection: no command reads network or live input.
TEST(Cli, ReadsLocalRegularFilesOnly) {
  std::string tmpl = (fs::temp_directory_path() / "ps_cli_fifo_XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const fs::path fifo = fs::path(tmpl) / "plate.mp4";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // timeout: FFmpeg used to block in open() for ever.
  const auto timedProbe = [](const std::string& file, ProcessResult& r) {
    const auto start = std::chrono::steady_clock::now();
    r = runShell("timeout 10 '" + kPerfectshot + "' probe '" + file + "'");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  ProcessResult r;
  // What refusing any bad file takes (starting the program, under sanitizers).
  const double baseline = timedProbe(kMedia + "/notes.mp4", r);
  EXPECT_EQ(r.exitCode, 1) << r.output;
  const double seconds = timedProbe(fifo.string(), r);
  fs::remove_all(tmpl);
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find(fifo.string() + ": is a FIFO (named pipe), not a regular file"), std::string::npos) << r.output;
  EXPECT_LT(seconds, baseline + 1.0);

  LoopbackListener listener;
  const std::string url = "tcp://127.0.0.1:" + std::to_string(listener.port()) + "/plate.mp4";
  for (const std::string& cmd : {std::string("probe"), std::string("render")}) {
    std::vector<std::string> args{"--log-level", "off", cmd, url};
    if (cmd == "render") args.insert(args.end(), {"-o", (outDir() / "url.png").string()});
    r = perfectshot(args);
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find(url + ": is a URL; only local files are read"), std::string::npos) << r.output;
  }
  EXPECT_FALSE(listener.connected(200)) << "something connected to " << url;
}

}  // namespace
}  // namespace ps::test
