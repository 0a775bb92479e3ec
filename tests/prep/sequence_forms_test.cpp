// The forms bench sequence compares: the benchmark's Draco frames written again by prep's
// encoder as meshopt and as plain GLB load to the same triangles at the same positions (plain
// exactly; meshopt within its position tolerance, its vertices and triangles reordered).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <tuple>
#include <vector>

#include <glm/geometric.hpp>

#include "capture_glb.h"
#include "make_set/draco_frames.h"
#include "media/gltf_loader.h"
#include "sequence_forms.h"

namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path dir;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ps_sequence_forms_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const ps::scenes::MeshPrimitive& onlyPrimitive(const ps::media::GltfSet& set) {
  EXPECT_EQ(set.scene.meshes.size(), 1u);
  EXPECT_EQ(set.scene.meshes[0].primitives.size(), 1u);
  return set.scene.meshes[0].primitives[0];
}

// Triangles as triples of ids of `reference`'s distinct positions, each triple turned to the
// least of its rotations (the winding kept), as a sorted list: equal lists are the same triangles.
// A position farther than `tolerance` from every reference position gets the id SIZE_MAX.
std::vector<std::array<std::size_t, 3>> trianglesOver(const std::vector<glm::vec3>& reference,
                                                      const ps::scenes::MeshPrimitive& p, float tolerance) {
  std::vector<glm::vec3> distinct = reference;
  const auto less = [](glm::vec3 a, glm::vec3 b) { return std::tie(a.x, a.y, a.z) < std::tie(b.x, b.y, b.z); };
  std::sort(distinct.begin(), distinct.end(), less);
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const auto idOf = [&](glm::vec3 q) {
    auto it = std::lower_bound(distinct.begin(), distinct.end(), q.x - tolerance,
                               [](glm::vec3 v, float x) { return v.x < x; });
    std::size_t best = std::numeric_limits<std::size_t>::max();
    float bestDistance = tolerance;
    for (; it != distinct.end() && it->x <= q.x + tolerance; ++it)
      if (const float d = glm::distance(*it, q); d <= bestDistance) {
        bestDistance = d;
        best = static_cast<std::size_t>(it - distinct.begin());
      }
    return best;
  };
  std::vector<std::array<std::size_t, 3>> out;
  for (std::size_t i = 0; i + 2 < p.indices.size(); i += 3) {
    std::array<std::size_t, 3> t{idOf(p.positions[p.indices[i]]), idOf(p.positions[p.indices[i + 1]]),
                                 idOf(p.positions[p.indices[i + 2]])};
    // The least of its three rotations: a triangle with a position twice (at a seam's pole) has
    // its smallest id in two places.
    std::array<std::size_t, 3> least = t;
    for (int r = 0; r < 2; ++r) {
      std::rotate(t.begin(), t.begin() + 1, t.end());
      least = std::min(least, t);
    }
    out.push_back(least);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SequenceForms, MeshoptAndPlainFramesLoadToTheDracoFramesTriangles) {
  TempDir tmp;
  std::vector<fs::path> frames;
  fs::create_directories(tmp.dir / "draco");
  for (std::size_t i = 0; i < 2; ++i) {
    const auto frame = ps::make_set::dracoSequenceFrame(i + 3, 2000);
    frames.push_back(tmp.dir / "draco" / ("frame_00" + std::to_string(i) + ".glb"));
    std::ofstream(frames.back(), std::ios::binary)
        .write(reinterpret_cast<const char*>(frame.glb.data()), static_cast<std::streamsize>(frame.glb.size()));
  }
  for (ps::tools::FrameForm form : {ps::tools::FrameForm::Meshopt, ps::tools::FrameForm::Plain}) {
    const fs::path out = tmp.dir / std::string(ps::tools::toString(form));
    auto bytes = ps::tools::writeFrameForm(frames, form, out);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message();
    EXPECT_EQ(*bytes, fs::file_size(out / "frame_000000.glb") + fs::file_size(out / "frame_000001.glb"));
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    SCOPED_TRACE(frames[i].string());
    const std::string name = "frame_00000" + std::to_string(i) + ".glb";
    auto draco = ps::media::loadGltf(frames[i], tmp.dir);
    auto meshopt = ps::media::loadGltf(tmp.dir / "meshopt" / name, tmp.dir);
    auto plain = ps::media::loadGltf(tmp.dir / "plain" / name, tmp.dir);
    ASSERT_TRUE(draco.ok() && meshopt.ok() && plain.ok());
    const auto& d = onlyPrimitive(*draco);
    const auto& m = onlyPrimitive(*meshopt);
    const auto& p = onlyPrimitive(*plain);
    ASSERT_GE(draco->scene.triangleCount(), 2000u);

    // Plain: the decoded Draco frame as it is, vertex for vertex.
    EXPECT_EQ(p.positions, d.positions);
    EXPECT_EQ(p.indices, d.indices);
    ASSERT_EQ(p.normals.size(), d.normals.size());
    float normalError = 0;  // prep renormalises a GLB's normals
    for (std::size_t v = 0; v < d.normals.size(); ++v)
      normalError = std::max(normalError, glm::distance(p.normals[v], d.normals[v]));
    EXPECT_LT(normalError, 1e-5f);
    EXPECT_EQ(p.uvs, d.uvs);

    // meshopt: the same triangles over the same positions, in another order.
    EXPECT_EQ(meshopt->scene.triangleCount(), draco->scene.triangleCount());
    EXPECT_EQ(m.normals.size(), m.positions.size());
    EXPECT_EQ(m.uvs.size(), m.positions.size());
    glm::vec3 lo = d.positions.front(), hi = lo;
    for (const glm::vec3& v : d.positions) lo = glm::min(lo, v), hi = glm::max(hi, v);
    const float tolerance = ps::tools::positionTolerance(ps::tools::MeshCompression::Meshopt, lo, hi);
    const auto expected = trianglesOver(d.positions, d, tolerance);
    const auto got = trianglesOver(d.positions, m, tolerance);
    ASSERT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected) << "meshopt's triangles are not the Draco frame's";
    EXPECT_EQ(std::count_if(got.begin(), got.end(),
                            [](const auto& t) {
                              return std::count(t.begin(), t.end(), std::numeric_limits<std::size_t>::max()) > 0;
                            }),
              0)
        << "meshopt positions away from every Draco position";
  }
}

}  // namespace
