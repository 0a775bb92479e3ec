// The benchmark's Draco sequence (make_set/draco_frames.h): the GLB and the bare .drc carry the
// same stream, the GLB loads through the glTF loader to what Draco itself decodes from the .drc,
// and successive frames differ.
#include <gtest/gtest.h>

#include <draco/compression/decode.h>

#include "gltf_files.h"
#include "make_set/draco_frames.h"
#include "media/gltf_loader.h"

namespace {

TEST(DracoFrames, TheGlbLoadsToWhatDracoDecodesFromTheDrc) {
  ps::test::TempPackage pkg;
  const ps::make_set::DracoFrame frame = ps::make_set::dracoSequenceFrame(3, 2000);
  const auto file = pkg.write("frame_003.glb", frame.glb);
  auto loaded = ps::media::loadGltf(file, pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();

  draco::DecoderBuffer in;
  in.Init(reinterpret_cast<const char*>(frame.drc.data()), frame.drc.size());
  draco::Decoder decoder;
  auto mesh = decoder.DecodeMeshFromBuffer(&in);
  ASSERT_TRUE(mesh.ok());
  const ps::scenes::MeshScene& scene = loaded->scene;
  ASSERT_EQ(scene.meshes.size(), 1u);
  ASSERT_EQ(scene.meshes[0].primitives.size(), 1u);
  const auto& p = scene.meshes[0].primitives[0];
  EXPECT_EQ(p.positions.size(), mesh.value()->num_points());
  EXPECT_EQ(p.indices.size(), 3u * mesh.value()->num_faces());
  EXPECT_EQ(p.normals.size(), p.positions.size());
  EXPECT_EQ(p.uvs.size(), p.positions.size());
  EXPECT_GE(scene.triangleCount(), 2000u);

  // The GLB's one buffer is the .drc's bytes (padded to 4).
  const std::string tail(frame.glb.end() - static_cast<long>(frame.drc.size() + 3) / 4 * 4, frame.glb.end());
  EXPECT_EQ(tail.substr(0, frame.drc.size()), std::string(frame.drc.begin(), frame.drc.end()));

  const ps::make_set::DracoFrame next = ps::make_set::dracoSequenceFrame(4, 2000);
  EXPECT_NE(next.drc, frame.drc);
}

}  // namespace
