// `perfectshot play --edit` against the simulated headset with a scripted touch controller:
// the trigger places a marker; in later runs it selects that marker and the thumbstick drives
// its menu (a title from the presets, a retime by frames, pushed or held, delete, undo). After each step the
// saved shot.json holds what the step did and lints clean. And the controller's ray is drawn
// in the eye images, depth-tested over the picture: the pixels along it differ from a run
// whose controllers have no aim pose.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <span>
#include <filesystem>
#include <fstream>
#include <string>

#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>
#include <glm/vec3.hpp>
#include <nlohmann/json.hpp>

#include "image.h"
#include "process.h"
#include "tone.h"
#include "media/audio_output.h"
#include "media/audio_source.h"
#include "media/narration_controller.h"
#include "scenes/shot_document.h"
#include "scenes/shot_loader.h"
#include "ui/headset_keyboard.h"
#include "ui/headset_keyboard_geometry.h"
#include "ui/headset_menu_geometry.h"
#include "ui/view_projection.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr double kFps = 30;

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_headset_editor" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A dark plate of 10 s on a 30 fps timeline, no markers.
void makeShot(const fs::path& pkg) {
  fs::create_directories(pkg);
  const ProcessResult r = runShell("ffmpeg -v error -y -f lavfi -i color=c=0x202020:s=64x32:r=30:d=10 -c:v libx264 "
                                   "-pix_fmt yuv420p " + (pkg / "plate.mp4").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(pkg / "shot.json") << R"({"format": "perfectshot/1", "title": "hands",
  "media": [{"id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono"}],
  "timeline": {"fps": "30", "in": 0}})";
}

ProcessResult play(const fs::path& dir, const std::string& script, const std::string& extra) {
  std::ofstream(dir / "script.json", std::ios::trunc) << script;
  return runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " PERFECTSHOT_SIM_CAPTURE_DIR=" +
                  (dir / "capture").string() + " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation" +
                  " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " + (dir / "shot").string() +
                  " --display xr --no-audio --no-timeline --edit " + extra + " 2>&1");
}

void expectClean(const ProcessResult& r) {
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[warning]"), std::string::npos) << r.output;
}

void expectLintsClean(const fs::path& pkg, const std::string& step) {
  const ProcessResult lint = runShell(kPerfectshot + " lint " + pkg.string() + " 2>&1");
  EXPECT_EQ(lint.exitCode, 0) << "after " << step << ":\n" << lint.output;
}

std::vector<scenes::Marker> savedMarkers(const fs::path& pkg) {
  auto doc = scenes::ShotDocument::open(pkg);
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? doc->shot().markers : std::vector<scenes::Marker>{};
}

// The controller at the head's height, aimed 20 degrees to the left: the marker placed there
// is where the same aim points in a later run (the shot's origin is the head's place at the
// start of each run, the same in every run).
const char* const kAim = R"("aim": { "position": [0.0, 1.6, 0.0], "yaw_deg": 20 })";
const char* const kDisplay = R"("display": { "width": 64, "height": 64, "lockstep": true })";

// A run's script: the aim from frame 1, the trigger pulled at `trigger` (it selects what the
// aim points at, or places a marker), then `keys` (more of the right hand's keyframes, after
// 40). Markers are placed at frame 10 and selected at frame 30, when the playhead has passed
// their t_in (by more than the four frames the retime adds).
std::string script(const std::string& keys, int trigger = 30) {
  return std::string("{ ") + kDisplay + R"(, "controllers": { "right": [
    { "frame": 1, )" + kAim + R"( },
    { "frame": )" + std::to_string(trigger) + R"(, "trigger": 1.0 }, { "frame": )" + std::to_string(trigger + 3) +
         R"(, "trigger": 0.0 })" +
         (keys.empty() ? "" : ",\n    " + keys) + " ] } }";
}

// The thumbstick pushed to [x, y] at `frame` and let go 5 frames later: one push.
std::string push(int frame, int x, int y) {
  return R"({ "frame": )" + std::to_string(frame) + R"(, "thumbstick": [)" + std::to_string(x) + ", " +
         std::to_string(y) + R"(] }, { "frame": )" + std::to_string(frame + 5) + R"(, "thumbstick": [0, 0] })";
}

// The thumbstick held to [x, 0] from `frame` for `frames` frames (at the sim's 90 Hz).
std::string hold(int frame, int x, int frames) {
  return R"({ "frame": )" + std::to_string(frame) + R"(, "thumbstick": [)" + std::to_string(x) + R"(, 0] }, { "frame": )" +
         std::to_string(frame + frames) + R"(, "thumbstick": [0, 0] })";
}

// The grip squeezed and let go: the menu's highlighted entry.
std::string grip(int frame) {
  return R"({ "frame": )" + std::to_string(frame) + R"(, "squeeze": 1.0 }, { "frame": )" + std::to_string(frame + 3) +
         R"(, "squeeze": 0.0 })";
}

double onFrameGrid(double t) { return std::round(t * kFps) / kFps; }

TEST(XrHeadsetEditor, PlacesRenamesRetimesDeletesAndUndoesAMarker) {
  const fs::path dir = testDir();
  const fs::path pkg = dir / "shot";
  makeShot(pkg);
  const std::string touch = "--controllers oculus/touch_controller --frames ";

  // 1. Place: the trigger pointing at nothing.
  ProcessResult r = play(dir, script("", 10), touch + "25");
  expectClean(r);
  std::vector<scenes::Marker> m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u) << r.output;
  const std::string id = m[0].id;
  EXPECT_EQ(m[0].title, "New marker");
  const double placedIn = m[0].tIn, placedOut = m[0].tOut;
  EXPECT_LT(placedIn, 1.0) << "placed at the playhead, early in the shot";
  expectLintsClean(pkg, "placing");

  // 2. Rename: the trigger on the marker selects it; the menu opens on its first preset ("New
  // marker" is none); two pushes down and the grip take the third, "Light".
  r = play(dir, script(push(45, 0, -1) + ", " + push(55, 0, -1) + ", " + grip(65)), touch + "80");
  expectClean(r);
  EXPECT_NE(r.output.find("editor: renamed \"" + id + "\" to \"Light\""), std::string::npos) << r.output;
  m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u) << "the trigger on the marker selected it, placed none: " << r.output;
  EXPECT_EQ(m[0].title, "Light");
  EXPECT_DOUBLE_EQ(m[0].tIn, placedIn) << "a rename keeps the time";
  expectLintsClean(pkg, "renaming");

  // 3. Retime: a push right, one frame later; then the stick held right for 50 frames (0.54 s
  // of display time): its push and, after the 0.4 s delay, repeats at 0.4 s and 0.5 s, three
  // frames more; t_in and t_out together, on frames.
  r = play(dir, script(push(45, 1, 0) + ", " + hold(55, 1, 50)), touch + "115");
  expectClean(r);
  std::size_t moves = 0;
  for (std::size_t at = r.output.find("editor: moved"); at != std::string::npos; at = r.output.find("editor: moved", at + 1))
    ++moves;
  EXPECT_EQ(moves, 4u) << "each step its own edit and save: " << r.output;
  m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u) << r.output;
  EXPECT_EQ(m[0].title, "Light");
  const double retimedIn = onFrameGrid(placedIn) + 4 / kFps;
  EXPECT_NEAR(m[0].tIn, retimedIn, 1e-9) << r.output;
  EXPECT_NEAR(m[0].tOut, onFrameGrid(placedOut) + 4 / kFps, 1e-9);
  EXPECT_NEAR(m[0].tIn * kFps, std::round(m[0].tIn * kFps), 1e-6) << "on a frame";
  expectLintsClean(pkg, "retiming");
  fs::copy(pkg, dir / "before-delete", fs::copy_options::recursive);

  // 4. Delete: the menu opens on "Light" (the third entry); four pushes up wrap past the top to
  // "Delete marker" (above "Close", the last); the grip deletes.
  const std::string toDelete =
      push(45, 0, 1) + ", " + push(55, 0, 1) + ", " + push(65, 0, 1) + ", " + push(75, 0, 1) + ", " + grip(85);
  r = play(dir, script(toDelete), touch + "100");
  expectClean(r);
  EXPECT_NE(r.output.find("editor: deleted \"" + id + "\""), std::string::npos) << r.output;
  EXPECT_TRUE(savedMarkers(pkg).empty()) << r.output;
  expectLintsClean(pkg, "deleting");

  // 5. Undo: from the shot before the delete, delete again; the menu then offers "Undo" first,
  // and the grip brings the marker back as it was, selected.
  fs::remove_all(pkg);
  fs::copy(dir / "before-delete", pkg, fs::copy_options::recursive);
  r = play(dir, script(toDelete + ", " + grip(95)), touch + "110");
  expectClean(r);
  EXPECT_NE(r.output.find("editor: undone"), std::string::npos) << r.output;
  m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u) << r.output;
  EXPECT_EQ(m[0].id, id);
  EXPECT_EQ(m[0].title, "Light");
  EXPECT_NEAR(m[0].tIn, retimedIn, 1e-9);
  expectLintsClean(pkg, "undoing");
}

// A fresh shot in `dir`/shot with one marker placed by the trigger (as step 1 above does);
// empty when that failed (the failure is recorded).
std::vector<scenes::Marker> shotWithOneMarker(const fs::path& dir) {
  makeShot(dir / "shot");
  const ProcessResult r = play(dir, script("", 10), "--controllers oculus/touch_controller --frames 25");
  expectClean(r);
  std::vector<scenes::Marker> m = savedMarkers(dir / "shot");
  EXPECT_EQ(m.size(), 1u) << r.output;
  return m.size() == 1 ? m : std::vector<scenes::Marker>{};
}

// The aim that points the right controller from the left eye through the middle of `key` of
// the headset keyboard hung from `marker`, as the player lays the card out for its first (left)
// eye: the sim's default eyes (IPD 0.063 m, 45 degrees each side) on a head at (0, 1.6, 0),
// which is also the capture point, looking down -Z, `sizePx` square.
std::string aimAtKey(const scenes::Marker& marker, std::size_t key, int sizePx) {
  engine::View left;
  left.position = {-0.0315f, 0.0f, 0.0f};  // shot space: from the capture point
  left.fov = {glm::radians(-45.0f), glm::radians(45.0f), glm::radians(45.0f), glm::radians(-45.0f)};
  const glm::vec2 extent(static_cast<float>(sizePx));
  const ui::ViewProjection eye(left, extent);
  const scenes::Vec3 p = scenes::markerPosition(marker);
  const glm::vec3 anchor(static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z));
  const glm::vec2 anchorPx = *eye.pixelOfEyePoint(eye.toEye(anchor));
  const ui::HeadsetKeyboardLayout l = ui::layoutHeadsetKeyboard(ui::pixelsPerDegree(left.fov, extent.y));
  const ui::KeyboardKey& k = ui::keyboardKeys()[key];
  const engine::Ray r = eye.rayAt(anchorPx + l.keys + glm::vec2(k.x + 0.5f * k.width, k.y + 0.5f) * l.keyPx);
  const glm::quat q = glm::quatLookAt(r.direction, glm::vec3(0, 1, 0));
  const glm::vec3 from = r.origin + glm::vec3(0, 1.6f, 0);
  return "\"aim\": { \"position\": [" + std::to_string(from.x) + ", " + std::to_string(from.y) + ", " +
         std::to_string(from.z) + "], \"orientation\": [" + std::to_string(q.x) + ", " + std::to_string(q.y) + ", " +
         std::to_string(q.z) + ", " + std::to_string(q.w) + "] }";
}

std::size_t keyTyping(char c) {
  const auto& keys = ui::keyboardKeys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const ui::KeyboardKey& k = keys[i];
    if ((c == ' ' && k.kind == ui::KeyKind::Space) || (c == '<' && k.kind == ui::KeyKind::Backspace) ||
        (c == '\n' && k.kind == ui::KeyKind::Done) || (k.kind == ui::KeyKind::Character && k.character == c))
      return i;
  }
  ADD_FAILURE() << "no key types " << c;
  return 0;
}

// A title typed with the ray: the trigger selects the placed marker, eight pushes down take
// "Type title..." (after the eight presets) and the grip opens the keyboard; then the aim goes
// from key to key, the trigger pulled on each. A typo taken back with backspace; Done renames
// the marker, saved at once: the shot lints clean and has the title.
TEST(XrHeadsetEditor, ATitleTypedWithTheRayRenamesTheMarker) {
  const fs::path dir = testDir();
  const fs::path pkg = dir / "shot";
  std::vector<scenes::Marker> m = shotWithOneMarker(dir);
  ASSERT_EQ(m.size(), 1u);
  const std::string touch = "--controllers oculus/touch_controller --frames ";

  constexpr int kSize = 256;
  std::string keys;
  for (int i = 0; i < 8; ++i) keys += push(45 + 10 * i, 0, -1) + ", ";
  // The aim held where it selected the marker until the keyboard is up (keyframes interpolate).
  keys += grip(125) + R"(, { "frame": 128, )" + kAim + " }";
  int frame = 135;
  for (const char c : std::string("dollx<y 2\n")) {
    const std::string aim = aimAtKey(m[0], keyTyping(c), kSize);
    keys += ",\n    { \"frame\": " + std::to_string(frame) + ", " + aim + " }";
    keys += ", { \"frame\": " + std::to_string(frame + 2) + ", \"trigger\": 1.0 }";
    keys += ", { \"frame\": " + std::to_string(frame + 5) + ", \"trigger\": 0.0 }";
    keys += ", { \"frame\": " + std::to_string(frame + 7) + ", " + aim + " }";
    frame += 10;
  }
  std::string big = script(keys);
  big.replace(big.find(kDisplay), std::string(kDisplay).size(),
              R"("display": { "width": 256, "height": 256, "lockstep": true })");
  const ProcessResult r = play(dir, big, touch + std::to_string(frame + 10));
  expectClean(r);
  EXPECT_NE(r.output.find("editor: renamed \"" + m[0].id + "\" to \"Dolly 2\""), std::string::npos) << r.output;
  m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u) << "the trigger on the keys placed nothing: " << r.output;
  EXPECT_EQ(m[0].title, "Dolly 2");
  expectLintsClean(pkg, "typing a title");
}

double risingCrossingsHz(const std::vector<float>& mono, int rate) {
  return test::risingCrossingsHz(std::span<const float>(mono), rate);
}

// "Record voice" with a generated tone as the microphone (--voice-input): nine pushes down
// take it (after the presets and "Type title..."), the grip starts the take and, 90 display
// frames (1 s at the sim's 90 Hz, paced by the display's clock) later, stops it. The take is
// in the package, decodes to a second of the tone, is the marker's narration clip, lints clean,
// and plays as narration (OpenAL Soft's loopback device).
TEST(XrHeadsetEditor, AVoiceRecordedThroughTheMenuBecomesTheMarkersNarration) {
  const fs::path dir = testDir();
  const fs::path pkg = dir / "shot";
  const std::vector<scenes::Marker> placed = shotWithOneMarker(dir);
  ASSERT_EQ(placed.size(), 1u);
  const std::string id = placed[0].id;
  const fs::path tone = dir / "tone.wav";
  ProcessResult r = runShell("ffmpeg -v error -y -f lavfi -i sine=frequency=440:sample_rate=48000:duration=3 -ac 1 " +
                             tone.string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string touch = "--controllers oculus/touch_controller --frames ";

  std::string keys;
  for (int i = 0; i < 9; ++i) keys += push(45 + 10 * i, 0, -1) + ", ";
  keys += grip(135) + ", " + grip(225);
  r = play(dir, script(keys), touch + "240 --voice-input " + tone.string());
  expectClean(r);
  const std::string rel = "voice/" + id + "-1.wav";
  EXPECT_NE(r.output.find("editor: recorded 1.00 s of voice for \"" + id + "\" into " + rel), std::string::npos)
      << r.output;
  ASSERT_TRUE(fs::exists(pkg / rel)) << r.output;
  const std::vector<scenes::Marker> m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u);
  ASSERT_TRUE(m[0].narration);
  EXPECT_EQ(m[0].narration->src, rel);
  expectLintsClean(pkg, "recording a voice");

  // The file: a second of 440 Hz.
  Result<media::AudioSource> clip = media::AudioSource::open((pkg / rel).string());
  ASSERT_TRUE(clip.ok()) << clip.error().message();
  std::vector<float> left;
  for (;;) {
    auto block = clip->next();
    ASSERT_TRUE(block.ok());
    if (!*block) break;
    for (std::size_t i = 0; i < (*block)->samples.size(); i += 2) left.push_back((*block)->samples[i]);
  }
  const int rate = clip->info().sampleRate;
  EXPECT_EQ(rate, 48000);
  EXPECT_NEAR(static_cast<double>(left.size()) / rate, 1.0, 0.02);
  EXPECT_NEAR(risingCrossingsHz(left, rate), 440.0, 3.0);

  // Played as the marker's narration: heard, at the tone's pitch, for about that second.
  Result<media::AudioOutput> out = media::AudioOutput::openLoopback(48000);
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto shot = scenes::loadShot(pkg);
  ASSERT_TRUE(shot.ok()) << shot.error().message();
  media::NarrationController narration(*out, shot->markers, nullptr);
  narration.update(0, {});
  ASSERT_TRUE(narration.select(id).ok());
  std::vector<float> mix(2 * 480), heard;  // 10 ms
  double t = 0;
  for (int pass = 0; pass < 200 && narration.speaking(); ++pass) {
    out->render(mix);
    t += 0.01;
    narration.update(t, {});
    for (std::size_t i = 0; i < mix.size(); i += 2) heard.push_back(mix[i]);
  }
  EXPECT_FALSE(narration.speaking()) << "the clip ended";
  EXPECT_NEAR(t, 1.0, 0.1) << "spoke for about its second";
  double energy = 0;
  for (const float s : heard) energy += static_cast<double>(s) * s;
  EXPECT_GT(energy, 1.0) << "heard at all";
  EXPECT_NEAR(risingCrossingsHz(heard, 48000), 440.0, 5.0);
}

// Where there is no microphone (OpenAL Soft with only its null backend, as on a machine
// without one), "Record voice" says so in one line and the menu keeps working: the grip on the
// first preset still renames the marker.
TEST(XrHeadsetEditor, WithoutAMicrophoneRecordingSaysSoAndTheMenuCarriesOn) {
  const fs::path dir = testDir();
  const fs::path pkg = dir / "shot";
  ASSERT_EQ(shotWithOneMarker(dir).size(), 1u);
  const std::string touch = "--controllers oculus/touch_controller --frames ";

  std::string keys;
  for (int i = 0; i < 9; ++i) keys += push(45 + 10 * i, 0, -1) + ", ";
  // Record voice, then back up to the top ("Camera move") and take it.
  keys += grip(135) + ", ";
  for (int i = 0; i < 9; ++i) keys += push(145 + 10 * i, 0, 1) + ", ";
  keys += grip(235);
  ASSERT_EQ(setenv("ALSOFT_DRIVERS", "null", 1), 0);
  const ProcessResult r = play(dir, script(keys), touch + "250");
  unsetenv("ALSOFT_DRIVERS");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("[warning] editor: no microphone: alcCaptureOpenDevice"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  const std::vector<scenes::Marker> m = savedMarkers(pkg);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].title, "Camera move") << r.output;
  EXPECT_FALSE(m[0].narration);
  EXPECT_FALSE(fs::exists(pkg / "voice"));
  expectLintsClean(pkg, "a recording without a microphone");
}

// Where a stage point lands in a captured eye (pixels, x right, y down), from the pose and
// field of view the sim recorded for it; empty when it is behind the eye.
struct EyeOfCapture {
  glm::quat orientation{1, 0, 0, 0};
  glm::vec3 position{0.0f};
  float left = 0, right = 0, up = 0, down = 0;  // radians
  int width = 0, height = 0;

  std::optional<std::pair<int, int>> pixelOf(const glm::vec3& stage) const {
    const glm::vec3 v = glm::inverse(orientation) * (stage - position);
    if (v.z >= -1e-3f) return std::nullopt;
    const float tx = v.x / -v.z, ty = v.y / -v.z;
    const float u = (tx - std::tan(left)) / (std::tan(right) - std::tan(left));
    const float w = (std::tan(up) - ty) / (std::tan(up) - std::tan(down));
    return std::pair{static_cast<int>(u * static_cast<float>(width)), static_cast<int>(w * static_cast<float>(height))};
  }
};

EyeOfCapture leftEye(const fs::path& frameJson) {
  std::ifstream in(frameJson);
  EXPECT_TRUE(in.good()) << frameJson;
  EyeOfCapture eye;
  if (!in.good()) return eye;
  const auto json = nlohmann::json::parse(in);
  for (const auto& image : json["images"]) {
    if (image["kind"] != "left") continue;
    const auto& p = image["pose_in_stage"];
    eye.orientation = glm::quat(p["orientation"][3].get<float>(), p["orientation"][0].get<float>(),
                                p["orientation"][1].get<float>(), p["orientation"][2].get<float>());
    eye.position = {p["position"][0].get<float>(), p["position"][1].get<float>(), p["position"][2].get<float>()};
    const auto& f = image["fov_rad"];
    eye.left = f["left"].get<float>(), eye.right = f["right"].get<float>();
    eye.up = f["up"].get<float>(), eye.down = f["down"].get<float>();
    eye.width = image["rect"]["width"].get<int>();
    eye.height = image["rect"]["height"].get<int>();
  }
  return eye;
}

TEST(XrHeadsetEditor, TheControllersRayIsDrawnInTheEyes) {
  const fs::path dir = testDir();
  makeShot(dir / "shot");
  // The right controller below and right of the eyes, aimed straight ahead and a little down.
  const std::string aimed = R"({ "display": { "width": 160, "height": 160, "lockstep": true },
    "capture": { "frames": [20] },
    "controllers": { "right": [ { "frame": 0, "aim": { "position": [0.25, 1.3, -0.3], "pitch_deg": -5 } } ] } })";
  ProcessResult r = play(dir, aimed, "--controllers oculus/touch_controller --frames 25");
  expectClean(r);
  const fs::path with = dir / "with";
  fs::rename(dir / "capture", with);
  // The same without an aim pose: the runtime never makes index_controller current, so
  // no controller is bound.
  r = play(dir, aimed, "--controllers valve/index_controller --frames 25");
  expectClean(r);
  const fs::path without = dir / "capture";

  const Image a = loadImage((with / "frame_20_left.png").string());
  const Image b = loadImage((without / "frame_20_left.png").string());
  const EyeOfCapture eye = leftEye(with / "frame_20.json");
  ASSERT_EQ(eye.width, a.width);
  // Points along the ray from 0.5 m to 3.5 m out (it ends at 4 m: nothing to meet here).
  const glm::vec3 from(0.25f, 1.3f, -0.3f);
  const glm::vec3 dir3 = glm::angleAxis(glm::radians(-5.0f), glm::vec3(1, 0, 0)) * glm::vec3(0, 0, -1);
  int samples = 0, differing = 0;
  for (float s = 0.5f; s <= 3.5f; s += 0.25f) {
    const auto px = eye.pixelOf(from + s * dir3);
    if (!px || px->first < 0 || px->second < 0 || px->first >= a.width || px->second >= a.height) continue;
    ++samples;
    int most = 0;
    for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(a.at(px->first, px->second, c) - b.at(px->first, px->second, c)));
    if (most > 40) ++differing;
  }
  ASSERT_GE(samples, 8) << "the ray is in view";
  EXPECT_GE(differing, samples - 1) << differing << " of " << samples << " points along the ray differ";
  // The cursor at its end (4 m out) is bright over the dark plate.
  const auto end = eye.pixelOf(from + 4.0f * dir3);
  ASSERT_TRUE(end);
  EXPECT_GT(a.at(end->first, end->second, 0), 150) << "the cursor's white dot";
  EXPECT_LT(b.at(end->first, end->second, 0), 80) << "nothing there without the controller";
  // Away from the ray the two runs are the same picture.
  EXPECT_EQ(a.at(5, 5, 0), b.at(5, 5, 0));
}

}  // namespace
}  // namespace ps::test
