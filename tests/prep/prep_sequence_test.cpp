// perfectshot prep for volumetric captures: OBJ, PLY and GLB sequences made here, prepped with
// Draco and with meshopt, come back through the player's mesh-sequence reader with the same
// frames, the same triangles and positions within the quantisation; an existing package is not
// overwritten without --force, an interrupted prep leaves nothing, and bad input (a gap, a broken
// frame, an unknown flag value, a short atlas) is refused naming what is wrong.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include "temp_dir.h"
#include "capture_frame.h"
#include "capture_glb.h"
#include "make_set/sequence_frames.h"
#include "media/gltf_loader.h"
#include "media/mesh_sequence.h"
#include "media/mesh_sequence_files.h"
#include "media/video_source.h"
#include "process.h"
#include "sequence_prep.h"

extern char** environ;

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using tools::MeshCompression;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";


// Frame f of a known capture: an n x n grid of quads (two triangles each) in the x-y plane,
// rippled in z by the frame, with normals and UVs. Exactly 2 n^2 triangles, (n + 1)^2 vertices.
struct Grid {
  std::vector<glm::vec3> positions, normals;
  std::vector<glm::vec2> uvs;
  std::vector<std::uint32_t> indices;
};

Grid grid(int n, int frame) {
  Grid g;
  for (int y = 0; y <= n; ++y)
    for (int x = 0; x <= n; ++x) {
      const float u = static_cast<float>(x) / static_cast<float>(n), v = static_cast<float>(y) / static_cast<float>(n);
      g.positions.emplace_back(u * 2.0f - 1.0f, v * 1.8f, 0.1f * std::sin(6.0f * u + 0.5f * static_cast<float>(frame)) - 2.0f);
      g.normals.emplace_back(0.0f, 0.0f, 1.0f);
      g.uvs.emplace_back(u, v);
    }
  const auto at = [n](int x, int y) { return static_cast<std::uint32_t>(y * (n + 1) + x); };
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      g.indices.insert(g.indices.end(), {at(x, y), at(x + 1, y), at(x + 1, y + 1), at(x, y), at(x + 1, y + 1), at(x, y + 1)});
  return g;
}

void writeObj(const fs::path& file, const Grid& g) {
  std::ofstream out(file);
  out.precision(9);
  for (const auto& p : g.positions) out << "v " << p.x << ' ' << p.y << ' ' << p.z << '\n';
  for (const auto& n : g.normals) out << "vn " << n.x << ' ' << n.y << ' ' << n.z << '\n';
  for (const auto& t : g.uvs) out << "vt " << t.x << ' ' << 1.0f - t.y << '\n';  // OBJ's v runs up
  for (std::size_t i = 0; i < g.indices.size(); i += 3) {
    out << 'f';
    for (int c = 0; c < 3; ++c) {
      const auto k = g.indices[i + static_cast<std::size_t>(c)] + 1;
      out << ' ' << k << '/' << k << '/' << k;
    }
    out << '\n';
  }
}

void writePly(const fs::path& file, const Grid& g, bool binary) {
  std::ofstream out(file, std::ios::binary);
  out << "ply\nformat " << (binary ? "binary_little_endian" : "ascii") << " 1.0\n"
      << "element vertex " << g.positions.size() << "\nproperty float x\nproperty float y\nproperty float z\n"
      << "property float nx\nproperty float ny\nproperty float nz\n"
      << "element face " << g.indices.size() / 3 << "\nproperty list uchar int vertex_indices\nend_header\n";
  out.precision(9);
  for (std::size_t i = 0; i < g.positions.size(); ++i) {
    const float v[6] = {g.positions[i].x, g.positions[i].y, g.positions[i].z, g.normals[i].x, g.normals[i].y, g.normals[i].z};
    if (binary) out.write(reinterpret_cast<const char*>(v), sizeof v);
    else out << v[0] << ' ' << v[1] << ' ' << v[2] << ' ' << v[3] << ' ' << v[4] << ' ' << v[5] << '\n';
  }
  for (std::size_t i = 0; i < g.indices.size(); i += 3) {
    const std::int32_t f[3] = {static_cast<std::int32_t>(g.indices[i]), static_cast<std::int32_t>(g.indices[i + 1]),
                               static_cast<std::int32_t>(g.indices[i + 2])};
    if (binary) {
      const std::uint8_t three = 3;
      out.write(reinterpret_cast<const char*>(&three), 1);
      out.write(reinterpret_cast<const char*>(f), sizeof f);
    } else {
      out << "3 " << f[0] << ' ' << f[1] << ' ' << f[2] << '\n';
    }
  }
}

constexpr int kGridSide = 8;  // 128 triangles a frame
constexpr int kFrames = 5;

enum class Kind { Obj, PlyAscii, PlyBinary };

fs::path writeCapture(const fs::path& dir, Kind kind, int frames = kFrames, int first = 1) {
  const fs::path in = dir / "capture";
  fs::create_directories(in);
  for (int f = 0; f < frames; ++f) {
    const std::string stem = "take_" + std::to_string(first + f);  // unpadded: numeric order, not names'
    if (kind == Kind::Obj) writeObj(in / (stem + ".obj"), grid(kGridSide, f));
    else writePly(in / (stem + ".ply"), grid(kGridSide, f), kind == Kind::PlyBinary);
  }
  return in;
}

ProcessResult prep(const fs::path& in, const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {kPerfectshot, "--log-level", "warn", "prep", in.string(), "-o", out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

std::vector<fs::path> partialsOf(const fs::path& target) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(target.parent_path()))
    if (e.path().filename().string().starts_with(target.filename().string() + ".partial-")) out.push_back(e.path());
  return out;
}

// Every vertex of `got` lies within tol of a vertex of `want` and the other way round: Draco
// and meshopt reorder vertices, so positions are compared as sets.
void expectSamePoints(const std::vector<glm::vec3>& got, const std::vector<glm::vec3>& want, float tol) {
  const auto nearest = [](glm::vec3 p, const std::vector<glm::vec3>& in) {
    float best = INFINITY;
    for (const glm::vec3& q : in) best = std::min(best, glm::length(p - q));
    return best;
  };
  float worst = 0;
  for (const glm::vec3& p : got) worst = std::max(worst, nearest(p, want));
  for (const glm::vec3& p : want) worst = std::max(worst, nearest(p, got));
  EXPECT_LE(worst, tol);
  EXPECT_GT(tol, 0.0f);
}

// The package read as the player reads it: its listing through listMeshSequence, every frame
// through MeshSequence's prefetch; checked against the grid the capture was made from.
void expectRoundTrip(const fs::path& pkg, MeshCompression compression, int frames = kFrames) {
  auto files = media::listMeshSequence(pkg / tools::kSequenceListing);
  ASSERT_TRUE(files.ok()) << files.error().message();
  ASSERT_EQ(files->frames.size(), static_cast<std::size_t>(frames));
  media::MeshSequenceOptions o;
  o.fps = 30;
  o.prefetch = media::MeshSequenceOptions::Prefetch::Manual;
  auto seq = media::MeshSequence::open(*files, o);
  ASSERT_TRUE(seq.ok()) << seq.error().message();
  const auto listing = nlohmann::json::parse(std::ifstream(pkg / tools::kSequenceListing));
  EXPECT_EQ(listing["compression"], std::string(tools::toString(compression)));
  for (int f = 0; f < frames; ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const double t = (f + 0.5) / 30.0;
    (*seq)->show(t);
    (*seq)->pump();
    const media::MeshSequenceFrame shown = (*seq)->show(t);
    ASSERT_EQ(shown.shown, static_cast<std::size_t>(f));
    ASSERT_TRUE(shown.scene);
    const Grid want = grid(kGridSide, f);
    EXPECT_EQ(shown.scene->triangleCount(), want.indices.size() / 3);
    std::vector<glm::vec3> got;
    for (const auto& mesh : shown.scene->meshes)
      for (const auto& p : mesh.primitives) {
        got.insert(got.end(), p.positions.begin(), p.positions.end());
        EXPECT_EQ(p.normals.size(), p.positions.size());
      }
    glm::vec3 lo = want.positions[0], hi = lo;
    for (const auto& p : want.positions) lo = glm::min(lo, p), hi = glm::max(hi, p);
    expectSamePoints(got, want.positions, tools::positionTolerance(compression, lo, hi));
    const auto& entry = listing["frames"][static_cast<std::size_t>(f)];
    EXPECT_EQ(entry["triangles"], want.indices.size() / 3);
    EXPECT_EQ(entry["bytes"], fs::file_size(files->frames[static_cast<std::size_t>(f)]));
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(entry["bounds"]["min"][c].get<float>(), lo[c], tools::positionTolerance(compression, lo, hi));
      EXPECT_NEAR(entry["bounds"]["max"][c].get<float>(), hi[c], tools::positionTolerance(compression, lo, hi));
    }
  }
  EXPECT_EQ((*seq)->stats().broken, 0u);
  EXPECT_TRUE((*seq)->problems().empty());
}

class PrepSequenceRoundTrip : public ::testing::TestWithParam<std::tuple<Kind, MeshCompression>> {};

TEST_P(PrepSequenceRoundTrip, TheReaderGetsEveryFrameAndTriangle) {
  const auto [kind, compression] = GetParam();
  TempDir tmp("prep_sequence");
  const fs::path in = writeCapture(tmp.path(), kind);
  const fs::path pkg = tmp.path() / "performer";
  const ProcessResult r = prep(in, pkg, {"--compression", std::string(tools::toString(compression))});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("prep: wrote " + pkg.string() + " (5 frames, 640 triangles"), std::string::npos) << r.output;
  EXPECT_TRUE(partialsOf(pkg).empty());
  expectRoundTrip(pkg, compression);
}

INSTANTIATE_TEST_SUITE_P(
    Captures, PrepSequenceRoundTrip,
    ::testing::Combine(::testing::Values(Kind::Obj, Kind::PlyAscii, Kind::PlyBinary),
                       ::testing::Values(MeshCompression::Draco, MeshCompression::Meshopt)),
    [](const auto& p) {
      const Kind k = std::get<0>(p.param);
      return std::string(k == Kind::Obj ? "Obj" : k == Kind::PlyAscii ? "PlyAscii" : "PlyBinary") +
             (std::get<1>(p.param) == MeshCompression::Draco ? "Draco" : "Meshopt");
    });

// A GLB capture (the generated sequence, its cubes placed by node transforms) is baked into one
// mesh a frame: the same triangles, the bit cubes where the nodes put them.
TEST(PrepSequence, GlbFramesKeepTheirTrianglesAndPlacement) {
  TempDir tmp("prep_sequence");
  const fs::path in = tmp.path() / "glb";
  fs::create_directories(in);
  std::vector<std::size_t> triangles;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto bytes = make_set::sequenceFrame(i + 5);
    std::ofstream(in / ("f" + std::to_string(i) + ".glb"), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    auto set = media::loadGltf(in / ("f" + std::to_string(i) + ".glb"), in);
    ASSERT_TRUE(set.ok());
    triangles.push_back(set->scene.triangleCount());
  }
  for (const char* compression : {"draco", "meshopt"}) {
    SCOPED_TRACE(compression);
    const fs::path pkg = tmp.path() / compression;
    const ProcessResult r = prep(in, pkg, {"--compression", compression});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto files = media::listMeshSequence(pkg / tools::kSequenceListing);
    ASSERT_TRUE(files.ok()) << files.error().message();
    ASSERT_EQ(files->frames.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
      auto set = media::loadGltf(files->frames[i], pkg);
      ASSERT_TRUE(set.ok()) << set.error().message();
      EXPECT_EQ(set->scene.triangleCount(), triangles[i]);
      // Frame i shows i + 5 = 0b101 + i: bit 0 is set in frames 0 and 2 (5, 7), its cube at kSeqBitX(0).
      glm::vec3 lo(INFINITY);
      for (const auto& p : set->scene.meshes.at(0).primitives)
        for (const auto& v : p.positions) lo = glm::min(lo, v);
      EXPECT_NEAR(lo.y, make_set::kSeqBaseY - 0.05f, 1e-3f);
    }
  }
}

TEST(PrepSequence, AnExistingPackageNeedsForce) {
  TempDir tmp("prep_sequence");
  const fs::path in = writeCapture(tmp.path(), Kind::Obj, 2);
  const fs::path pkg = tmp.path() / "performer";
  ASSERT_EQ(prep(in, pkg).exitCode, 0);
  const auto before = fs::last_write_time(pkg / tools::kSequenceListing);
  ProcessResult r = prep(in, pkg, {"--compression", "meshopt"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.output, "perfectshot: error: " + pkg.string() + ": already exists (pass --force to replace it)\n");
  EXPECT_EQ(fs::last_write_time(pkg / tools::kSequenceListing), before);
  EXPECT_TRUE(partialsOf(pkg).empty());
  r = prep(in, pkg, {"--compression", "meshopt", "--force"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectRoundTrip(pkg, MeshCompression::Meshopt, 2);
  EXPECT_TRUE(partialsOf(pkg).empty()) << "the old package was not removed";
}

// Stopped between frames (as Ctrl-C does), after some frames were written: no package, no partial.
TEST(PrepSequence, AnInterruptedPrepLeavesNoPackage) {
  for (int after : {0, 1, 3}) {
    SCOPED_TRACE("stopped after " + std::to_string(after) + " polls");
    TempDir tmp("prep_sequence");
    tools::SequencePrepOptions o;
    o.input = writeCapture(tmp.path(), Kind::Obj);
    o.out = tmp.path() / "performer";
    int polls = 0;
    double lastProgress = 0;
    auto outcome = tools::prepSequence(o, [&](double f) { lastProgress = f; }, [&] { return polls++ >= after; });
    ASSERT_TRUE(outcome.ok()) << outcome.error().message();
    EXPECT_TRUE(outcome->interrupted);
    EXPECT_FALSE(fs::exists(o.out));
    EXPECT_TRUE(partialsOf(o.out).empty());
    EXPECT_NEAR(lastProgress, after / static_cast<double>(kFrames), 1e-9);
  }
}

TEST(PrepSequence, AGapIsRefusedNamingTheMissingFrame) {
  TempDir tmp("prep_sequence");
  const fs::path in = writeCapture(tmp.path(), Kind::Obj, 4, 10);
  fs::remove(in / "take_12.obj");
  const fs::path pkg = tmp.path() / "performer";
  const ProcessResult r = prep(in, pkg);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find(in.string() + ": frame number 12 is missing (the numbers jump from 11 to 13)"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(pkg));
  EXPECT_TRUE(partialsOf(pkg).empty());
}

TEST(PrepSequence, ABrokenFrameIsNamed) {
  TempDir tmp("prep_sequence");
  struct Case {
    Kind kind;
    const char* name;
  };
  for (const Case c : {Case{Kind::PlyBinary, "take_3.ply"}, Case{Kind::Obj, "take_3.obj"}}) {
    SCOPED_TRACE(c.name);
    const fs::path in = writeCapture(tmp.path() / c.name, c.kind);
    const fs::path broken = in / c.name;
    if (c.kind == Kind::PlyBinary) {
      fs::resize_file(broken, fs::file_size(broken) / 2);  // cut in the middle of its vertices
    } else {
      std::ofstream(broken) << "v 0 0 0\nv 1 0 0\nf 1 2 7\n";  // a face naming a vertex that is not there
    }
    const fs::path pkg = tmp.path() / c.name / "performer";
    const ProcessResult r = prep(in, pkg);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("perfectshot: error: " + broken.string() + ": "), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(pkg));
    EXPECT_TRUE(partialsOf(pkg).empty());
  }
  // A GLB cut in the middle, read through the player's own loader.
  const fs::path in = tmp.path() / "glb";
  fs::create_directories(in);
  for (std::size_t i = 0; i < 3; ++i) {
    auto bytes = make_set::sequenceFrame(i);
    if (i == 1) bytes.resize(bytes.size() / 2);
    std::ofstream(in / ("f" + std::to_string(i) + ".glb"), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  const ProcessResult r = prep(in, tmp.path() / "glb_performer");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("perfectshot: error: " + (in / "f1.glb").string()), std::string::npos) << r.output;
}

TEST(PrepSequence, UnknownFlagValuesAndOptionsOfTheOtherKindAreRefused) {
  TempDir tmp("prep_sequence");
  const fs::path in = writeCapture(tmp.path(), Kind::Obj, 2);
  const fs::path pkg = tmp.path() / "performer";
  ProcessResult r = prep(in, pkg, {"--compression", "zstd"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--compression: zstd not in {draco,meshopt}"), std::string::npos) << r.output;
  r = prep(in, pkg, {"--stereo", "top-bottom"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("--stereo: is for a camera master, not a folder of mesh frames"), std::string::npos) << r.output;
  r = prep(in, pkg, {"--preset", "fast"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("--preset: is for the encodes; without --atlas"), std::string::npos) << r.output;
  r = prep(in / "take_1.obj", pkg, {"--compression", "meshopt"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("--compression: is for a folder of mesh frames"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(pkg));
}

std::size_t frameCountOf(const fs::path& video) {
  auto v = media::VideoSource::open(video.string());
  EXPECT_TRUE(v.ok()) << v.error().message();
  return v.ok() ? static_cast<std::size_t>(v->info().frameCount.value_or(0)) : 0;
}

// The atlas as a video and as numbered images: both encodes hold a frame per mesh frame; an
// atlas shorter than the sequence is refused.
TEST(PrepSequence, TheAtlasIsEncodedFramePerFrame) {
  TempDir tmp("prep_sequence");
  const fs::path in = writeCapture(tmp.path(), Kind::Obj);
  const fs::path video = tmp.path() / "atlas_src.mp4";
  ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i testsrc2=s=128x128:r=25:d=1 -pix_fmt yuv420p " + video.string())
                .exitCode,
            0);
  const fs::path images = tmp.path() / "atlas_images";
  fs::create_directories(images);
  ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i testsrc2=s=64x64:r=30:d=1 -frames:v 3 -start_number 7 " +
                     (images / "atlas_%d.png").string())
                .exitCode,
            0);
  const fs::path pkg = tmp.path() / "performer";
  ProcessResult r = prep(in, pkg, {"--atlas", video.string(), "--fps", "30", "--preset", "ultrafast"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(frameCountOf(pkg / tools::kAtlasFile), static_cast<std::size_t>(kFrames));
  EXPECT_EQ(frameCountOf(pkg / tools::kAtlasProxyFile), static_cast<std::size_t>(kFrames));
  const auto listing = nlohmann::json::parse(std::ifstream(pkg / tools::kSequenceListing));
  EXPECT_EQ(listing["atlas"]["src"], tools::kAtlasFile);
  expectRoundTrip(pkg, MeshCompression::Draco);

  r = prep(in, tmp.path() / "short", {"--atlas", images.string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find(images.string() + ": holds 3 images; the sequence has 5 frames"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(tmp.path() / "short"));
  EXPECT_TRUE(partialsOf(tmp.path() / "short").empty());
}

// Ctrl-C (or SIGTERM) while the atlas is being encoded: prep ends as interrupted (130), and
// neither the package nor its partial folder is left. A long atlas (the prep fixture's 20 s
// master) with as many tiny frames keeps ffmpeg busy long enough to be caught at it.
TEST(PrepSequence, ASignalDuringTheAtlasEncodeLeavesNoPackage) {
  const fs::path master = PS_TEST_MEDIA_DIR "/prep/long.mp4";
  ASSERT_TRUE(fs::exists(master)) << "the prep fixture makes it";
  TempDir tmp("prep_sequence");
  const fs::path in = tmp.path() / "capture";
  fs::create_directories(in);
  for (int f = 0; f < 240; ++f) writeObj(in / ("f" + std::to_string(f) + ".obj"), grid(1, f));
  for (int sig : {SIGINT, SIGTERM}) {
    SCOPED_TRACE("signal " + std::to_string(sig));
    const fs::path pkg = tmp.path() / ("performer" + std::to_string(sig));
    const std::vector<std::string> args = {kPerfectshot, "--log-level", "warn", "prep", in.string(), "-o", pkg.string(),
                                           "--atlas", master.string(), "--preset", "slow"};
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    const fs::path partial = pkg.string() + ".partial-" + std::to_string(pid);
    bool encoding = false;
    for (const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
         !encoding && std::chrono::steady_clock::now() < deadline;) {
      std::error_code ec;
      encoding = fs::file_size(partial / tools::kAtlasFile, ec) > 0 && !ec;
      if (!encoding) std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling a child process
    }
    EXPECT_TRUE(encoding) << "prep did not start the atlas encode";
    EXPECT_TRUE(fs::exists(partial / "frame_000239.glb")) << "the frames come before the atlas";
    kill(pid, sig);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    EXPECT_FALSE(fs::exists(pkg));
    EXPECT_TRUE(partialsOf(pkg).empty());
  }
}

TEST(PrepSequence, TheListingReaderTakesFrameObjects) {
  TempDir tmp("prep_sequence");
  const fs::path listing = tmp.path() / "frames.json";
  std::ofstream(listing) << R"({"frames": [{"file": "a.glb", "bytes": 1, "triangles": 2}, "b.glb"]})";
  auto files = media::listMeshSequence(listing);
  ASSERT_TRUE(files.ok()) << files.error().message();
  ASSERT_EQ(files->frames.size(), 2u);
  EXPECT_EQ(files->frames[0], tmp.path() / "a.glb");
  EXPECT_EQ(files->frames[1], tmp.path() / "b.glb");
  std::ofstream(listing) << R"({"frames": [{"file": "a.glb"}, {"bytes": 3}]})";
  files = media::listMeshSequence(listing);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.error().where, listing.string() + "#/frames/1");
}

}  // namespace
}  // namespace ps::test
