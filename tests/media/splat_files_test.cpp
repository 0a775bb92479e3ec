// Splat files read back: the INRIA .ply exactly, SPZ (versions 2, 3, 4) and SuperSplat's
// compressed .ply within their quantisation; values activated as the cloud keeps them, and
// the SH reordered from the .ply's channel-major form.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "media/splat_files.h"
#include "splat_test_files.h"
#include "temp_dir.h"

namespace ps::media {
namespace {

using test::bytesOf;
using test::putFloat;

void expectNear(const scenes::SplatCloud& got, const scenes::SplatCloud& want, float pos, float logScale, float rot,
                float opacity, float colour, float sh, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  ASSERT_EQ(got.shDegree, want.shDegree) << what;
  ASSERT_EQ(got.check(), "") << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(what + ", splat " + std::to_string(i));
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(got.positions[i][k], want.positions[i][k], pos);
      EXPECT_NEAR(std::log(got.scales[i][k]), std::log(want.scales[i][k]), logScale);
      EXPECT_NEAR(got.baseColors[i][k], want.baseColors[i][k], colour);
    }
    // q and -q are the same rotation.
    EXPECT_NEAR(std::fabs(glm::dot(got.rotations[i], want.rotations[i])), 1.0f, rot);
    EXPECT_NEAR(got.opacities[i], want.opacities[i], opacity);
  }
  for (std::size_t k = 0; k < want.sh.size(); ++k) EXPECT_NEAR(got.sh[k], want.sh[k], sh) << what << " sh " << k;
}

TEST(SplatFiles, InriaPlyReadsBackWhatWasWrittenForEveryDegree) {
  for (int degree = 0; degree <= 3; ++degree) {
    const auto cloud = test::makeSplatCloud(300, degree, 7u + unsigned(degree));
    auto file = readSplatBytes(bytesOf(splatPlyBytes(cloud)), "set.ply");
    ASSERT_TRUE(file) << file.error().message();
    EXPECT_EQ(file->format, SplatFileFormat::InriaPly);
    EXPECT_EQ(file->version, 0);
    expectNear(file->cloud, cloud, 0.0f, 1e-5f, 1e-6f, 1e-5f, 1e-6f, 0.0f, "degree " + std::to_string(degree));
  }
}

TEST(SplatFiles, InriaPlyActivatesTheStoredValuesAndReordersTheHarmonics) {
  // One degree-1 splat by hand: logit 0, log-scales 0 ln2 -ln2, an unnormalised rotation,
  // f_dc 1 0 -1 and f_rest_k = k (channel-major: red 0..2, green 3..5, blue 6..8).
  std::vector<std::string> props = {"float x", "float y", "float z", "float f_dc_0", "float f_dc_1", "float f_dc_2"};
  for (int k = 0; k < 9; ++k) props.push_back("float f_rest_" + std::to_string(k));
  for (const char* p : {"float opacity", "float scale_0", "float scale_1", "float scale_2", "float rot_0", "float rot_1",
                        "float rot_2", "float rot_3", "uchar red"})
    props.push_back(p);
  std::string bytes = test::plyHeader(1, props);
  for (float v : {1.0f, -2.0f, 3.5f, 1.0f, 0.0f, -1.0f}) putFloat(bytes, v);
  for (int k = 0; k < 9; ++k) putFloat(bytes, float(k));
  for (float v : {0.0f, 0.0f, std::log(2.0f), -std::log(2.0f), 0.0f, 2.0f, 0.0f, 0.0f}) putFloat(bytes, v);
  bytes.push_back('\x7f');  // an unknown property, skipped
  auto file = readSplatBytes(bytesOf(bytes), "hand.ply");
  ASSERT_TRUE(file) << file.error().message();
  const auto& c = file->cloud;
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.shDegree, 1);
  EXPECT_EQ(c.positions[0], glm::vec3(1.0f, -2.0f, 3.5f));
  EXPECT_FLOAT_EQ(c.opacities[0], 0.5f);
  EXPECT_FLOAT_EQ(c.scales[0].x, 1.0f);
  EXPECT_FLOAT_EQ(c.scales[0].y, 2.0f);
  EXPECT_FLOAT_EQ(c.scales[0].z, 0.5f);
  EXPECT_FLOAT_EQ(c.rotations[0].x, 1.0f);  // rot_1 is x; normalised from length 2
  EXPECT_FLOAT_EQ(c.rotations[0].w, 0.0f);
  EXPECT_FLOAT_EQ(c.baseColors[0].r, float(0.5 + scenes::kShC0));
  EXPECT_FLOAT_EQ(c.baseColors[0].g, 0.5f);
  EXPECT_FLOAT_EQ(c.baseColors[0].b, float(0.5 - scenes::kShC0));
  for (int k = 0; k < 3; ++k)
    for (int ch = 0; ch < 3; ++ch) EXPECT_EQ(c.sh[std::size_t(k * 3 + ch)], float(ch * 3 + k)) << k << " " << ch;
}

TEST(SplatFiles, InriaPlyAcceptsDoubleProperties) {
  std::vector<std::string> props;
  for (const char* p : {"x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity", "scale_0", "scale_1", "scale_2", "rot_0",
                        "rot_1", "rot_2", "rot_3"})
    props.push_back(std::string("double ") + p);
  std::string bytes = test::plyHeader(1, props);
  for (double v : {0.25, 0.5, 0.75, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0}) {
    char b[8];
    std::memcpy(b, &v, 8);
    bytes.append(b, 8);
  }
  auto file = readSplatBytes(bytesOf(bytes), "double.ply");
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->cloud.positions[0], glm::vec3(0.25f, 0.5f, 0.75f));
}

TEST(SplatFiles, SpzReadsBackWithinItsQuantisationInEveryVersion) {
  for (int version : {2, 3, 4})
    for (int degree : {0, 1, 3}) {
      const auto cloud = test::makeSplatCloud(700, degree, 100u + unsigned(version * 10 + degree));
      auto bytes = spzBytes(cloud, version);
      ASSERT_TRUE(bytes) << bytes.error().message();
      auto file = readSplatBytes(bytesOf(*bytes), "set.spz");
      const std::string what = "version " + std::to_string(version) + " degree " + std::to_string(degree);
      ASSERT_TRUE(file) << what << ": " << file.error().message();
      EXPECT_EQ(file->format, SplatFileFormat::Spz);
      EXPECT_EQ(file->version, version);
      // Positions 1/4096 m, log-scale 1/16, colour 0.282/(0.15*255), opacity 1/255, SH in
      // buckets of 8/128 (degree 1) and 16/128 (above); rotations 8-bit (v2) or 9-bit.
      // Version 2 rebuilds w from x y z, badly conditioned where w is small (why version 3 exists).
      const float rot = version == 2 ? 1e-2f : 2e-5f;
      expectNear(file->cloud, cloud, 0.51f / 4096.0f, 0.51f / 16.0f, rot, 0.51f / 255.0f, 0.0038f, 8.6f / 128.0f, what);
    }
}

TEST(SplatFiles, SpzMatchesThePublishedLayoutByteForByte) {
  // A version-2 payload written by hand from the format's description: one splat at
  // (1, -0.5, 2) with 12 fractional bits, opacity 255, colour bytes 128, log-scale bytes 160
  // (scale 1), rotation x y z bytes 128 (w rebuilt), degree-1 SH bytes 128 (zero) and 192.
  std::string raw;
  test::putU32(raw, 0x5053474e);
  test::putU32(raw, 2);
  test::putU32(raw, 1);
  raw += std::string{'\x01', '\x0c', '\x00', '\x00'};
  for (std::int32_t v : {4096, -2048, 8192})
    for (int b = 0; b < 3; ++b) raw.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
  raw.push_back('\xff');
  raw += std::string(3, '\x80');
  raw += std::string(3, '\xa0');
  raw += std::string(3, '\x80');
  raw += std::string(8, '\x80') + '\xc0';
  auto file = readSplatBytes(bytesOf(test::gzip(raw)), "hand.spz");
  ASSERT_TRUE(file) << file.error().message();
  const auto& c = file->cloud;
  EXPECT_EQ(c.positions[0], glm::vec3(1.0f, -0.5f, 2.0f));
  EXPECT_FLOAT_EQ(c.opacities[0], 1.0f);
  EXPECT_FLOAT_EQ(c.scales[0].x, 1.0f);
  EXPECT_NEAR(c.baseColors[0].r, 0.5f + float(scenes::kShC0) * (128.0f / 255.0f - 0.5f) / 0.15f, 1e-6f);
  EXPECT_NEAR(c.rotations[0].w, 1.0f, 1e-4f);
  EXPECT_FLOAT_EQ(c.sh[0], 0.0f);
  EXPECT_FLOAT_EQ(c.sh[8], 0.5f);

  // Version 3's rotation: the largest component's index in the top two bits (3 = w), then the
  // others, 10 bits each (sign, 9-bit magnitude of up to 1/sqrt 2), x first.
  std::string v3 = raw;
  v3[4] = 3;
  const std::uint32_t comp = (3u << 30) | (511u << 20);  // x = +1/sqrt 2, y = z = 0, w rebuilt
  std::string rot;
  test::putU32(rot, comp);
  v3.replace(16 + 9 + 1 + 3 + 3, 3, rot);
  auto three = readSplatBytes(bytesOf(test::gzip(v3)), "hand3.spz");
  ASSERT_TRUE(three) << three.error().message();
  EXPECT_NEAR(three->cloud.rotations[0].x, 0.70710678f, 1e-5f);
  EXPECT_NEAR(three->cloud.rotations[0].w, 0.70710678f, 1e-5f);
  EXPECT_FLOAT_EQ(three->cloud.sh[8], 0.5f);
}

TEST(SplatFiles, CompressedPlyReadsWithinItsQuantisation) {
  for (int degree : {0, 3}) {
    const auto cloud = test::makeSplatCloud(600, degree, 40u + unsigned(degree));  // three chunks, the last partial
    auto file = readSplatBytes(bytesOf(test::compressedPlyBytes(cloud)), "set.compressed.ply");
    ASSERT_TRUE(file) << file.error().message();
    EXPECT_EQ(file->format, SplatFileFormat::CompressedPly);
    // 11 or 10 bits of each chunk's range: about 5 m / 1023 for positions.
    expectNear(file->cloud, cloud, 0.003f, 0.004f, 2e-5f, 0.51f / 255.0f, 0.0022f, 0.017f,
               "degree " + std::to_string(degree));
  }
}

TEST(SplatFiles, FilesOnDiskAreReadByContentNotName) {
  test::TempDir dir("splat_files");
  const auto cloud = test::makeSplatCloud(50, 2);
  ASSERT_TRUE(writeSpz(cloud, dir.path() / "a.ply", 4));  // misnamed on purpose
  ASSERT_TRUE(writeSplatPly(cloud, dir.path() / "b.spz"));
  auto a = readSplatFile(dir.path() / "a.ply");
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->format, SplatFileFormat::Spz);
  EXPECT_EQ(a->version, 4);
  auto b = readSplatFile(dir.path() / "b.spz");
  ASSERT_TRUE(b) << b.error().message();
  EXPECT_EQ(b->format, SplatFileFormat::InriaPly);
  EXPECT_STREQ(toString(SplatFileFormat::CompressedPly), "compressed .ply");
  auto missing = readSplatFile(dir.path() / "none.spz");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("none.spz"), std::string::npos);
}

TEST(SplatFiles, WriteSpzRefusesWhatItCannotWrite) {
  auto cloud = test::makeSplatCloud(3, 0);
  EXPECT_FALSE(spzBytes(cloud, 1));
  EXPECT_FALSE(spzBytes(cloud, 5));
  EXPECT_FALSE(spzBytes(scenes::SplatCloud{}, 3));
  cloud.opacities[1] = 2.0f;
  auto bad = spzBytes(cloud, 3);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("splat 1"), std::string::npos);
  // A cloud kilometres wide keeps fewer fractional bits rather than wrapping.
  auto wide = test::makeSplatCloud(3, 0);
  wide.positions[0] = {3000.0f, -2500.0f, 1.0f};
  auto bytes = spzBytes(wide, 3);
  ASSERT_TRUE(bytes);
  auto back = readSplatBytes(bytesOf(*bytes), "wide.spz");
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_NEAR(back->cloud.positions[0].x, 3000.0f, 0.01f);
  EXPECT_NEAR(back->cloud.positions[0].y, -2500.0f, 0.01f);
}

}  // namespace
}  // namespace ps::media
