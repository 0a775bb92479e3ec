// The demo's volumetric performer (tools/media/make-demo.sh: ps_make_set --performer through
// perfectshot prep): its listing holds the walk frame by frame, its shot entry is timed inside
// the shot, and a render shows it where the path puts it, only while it walks.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "image.h"
#include "make_set/performer_frames.h"
#include "media/mesh_sequence_files.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const fs::path kDemo = fs::path(PS_SOURCE_DIR) / "scenes" / "demo";

json demoShot() { return json::parse(std::ifstream(kDemo / "shot.json")); }

json performerEntry(const json& shot) {
  for (const auto& m : shot["media"])
    if (m["kind"] == "mesh-sequence") return m;
  return json();
}

TEST(DemoPerformer, TheListingHoldsTheWalkInsideTheShot) {
  const json shot = demoShot();
  const json entry = performerEntry(shot);
  ASSERT_TRUE(entry.is_object()) << "the demo shot has no mesh-sequence";
  auto files = media::listMeshSequence(kDemo / entry["src"].get<std::string>());
  ASSERT_TRUE(files.ok()) << files.error().message();
  ASSERT_EQ(files->frames.size(), 60u);
  const double end = entry["start"].get<double>() + 60.0 / entry["fps"].get<double>();
  EXPECT_LE(end, shot["timeline"]["out"].get<double>());
  EXPECT_EQ(entry["fps"], 30);  // the shot's rate: a mesh frame a shot frame

  const json listing = json::parse(std::ifstream(kDemo / entry["src"].get<std::string>()));
  ASSERT_EQ(listing["frames"].size(), 60u);
  for (std::size_t i = 0; i < 60; ++i) {
    SCOPED_TRACE("frame " + std::to_string(i));
    const json& f = listing["frames"][i];
    EXPECT_EQ(f["triangles"], make_set::kPerformerTriangles);
    EXPECT_EQ(f["bytes"], fs::file_size(files->frames[i]));
    const auto& lo = f["bounds"]["min"];
    const auto& hi = f["bounds"]["max"];
    EXPECT_NEAR(lo[1].get<double>(), 0.0, 2e-4);  // on the floor (to Draco's quantisation)
    EXPECT_LE(hi[1].get<double>(), make_set::kPerformerHeight + 0.005);
    EXPECT_GE(hi[1].get<double>(), make_set::kPerformerHeight - make_set::kPerformerBob);
    const double x = make_set::kPerformerStartX +
                     (make_set::kPerformerEndX - make_set::kPerformerStartX) * static_cast<double>(i) / 59.0;
    EXPECT_NEAR((lo[0].get<double>() + hi[0].get<double>()) / 2, x, 0.2);  // the swing moves the middle a little
    EXPECT_NEAR((lo[2].get<double>() + hi[2].get<double>()) / 2, make_set::kPerformerZ, 0.01);
  }
}

// The demo, and the demo less its performer (a package beside it with the same media), both
// rendered at the same time and view: they differ only where the performer is.
class Renders {
 public:
  Renders() {
    std::string templ = (fs::path(PS_BINARY_DIR) / "test-out" / "demo_performer_XXXXXX").string();
    fs::create_directories(fs::path(templ).parent_path());
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp " + templ);
    root_ = templ;
    fs::create_directories(root_ / "without");
    fs::create_directories(root_ / "without" / "splats");
    for (const char* f : {"plate.mp4", "plate_tb.mp4", "film.mp4", "set.glb", "splats/splats.spz"}) {
      std::error_code ec;
      fs::create_hard_link(kDemo / f, root_ / "without" / f, ec);
      if (ec) fs::copy_file(kDemo / f, root_ / "without" / f);
    }
    json shot = demoShot();
    json media = json::array();
    for (const auto& m : shot["media"])
      if (m["kind"] != "mesh-sequence") media.push_back(m);
    shot["media"] = media;
    std::ofstream(root_ / "without" / "shot.json") << shot.dump(2);
  }
  ~Renders() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Renders(const Renders&) = delete;
  Renders& operator=(const Renders&) = delete;

  Image render(const fs::path& shot, const std::string& time, const std::string& name) const {
    const std::string png = (root_ / (name + ".png")).string();
    const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", shot.string(), "--time", time, "--hfov",
                                 "90", "--vfov", "58.7", "--size", "320x180", "-o", png});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return loadImage(png);
  }
  fs::path without() const { return root_ / "without"; }

 private:
  fs::path root_;
};

struct Difference {
  int pixels = 0;
  double meanX = 0, meanY = 0;
};

Difference differenceOf(const Image& a, const Image& b) {
  Difference d;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      int most = 0;
      for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(int(a.at(x, y, c)) - int(b.at(x, y, c))));
      if (most < 24) continue;
      ++d.pixels;
      d.meanX += x;
      d.meanY += y;
    }
  if (d.pixels > 0) d.meanX /= d.pixels, d.meanY /= d.pixels;
  return d;
}

TEST(DemoPerformer, ARenderShowsItWhereThePathPutsItWhileItWalks) {
  Renders renders;
  const double start = performerEntry(demoShot())["start"].get<double>();
  // Before the walk: nothing of it.
  const std::string before = std::to_string(start - 0.1);
  Difference d = differenceOf(renders.render(kDemo, before, "before"), renders.render(renders.without(), before, "before0"));
  EXPECT_EQ(d.pixels, 0);
  // Half way (frame 30): straight ahead, behind the red box, its upper body above it. A pinhole
  // at (0, 1.6, 0) looking down -Z, 320 wide over 90 degrees: f = 160 pixels.
  const std::string middle = std::to_string(start + 30.5 / 30.0);
  d = differenceOf(renders.render(kDemo, middle, "middle"), renders.render(renders.without(), middle, "middle0"));
  EXPECT_GT(d.pixels, 150);
  const double x = make_set::kPerformerStartX + (make_set::kPerformerEndX - make_set::kPerformerStartX) * 30.0 / 59.0;
  const double depth = -make_set::kPerformerZ;
  EXPECT_NEAR(d.meanX, 160 + 160 * x / depth, 12);
  // The visible part spans the head (1.73 m) down to the box's top edge as seen from the eye.
  const double top = 90 + 160 * (1.6 - make_set::kPerformerHeight) / depth;
  EXPECT_GT(d.meanY, top);
  EXPECT_LT(d.meanY, 90 + 160 * (1.6 - 1.0) / depth);
}

}  // namespace
}  // namespace ps::test
