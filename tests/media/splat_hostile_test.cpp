// Hostile and broken splat files: each refused with a message that names the file (and where
// in it, for a .ply), never a crash, an overread or an allocation the file's size cannot
// justify (the suite runs under ASan and UBSan).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "media/splat_files.h"
#include "splat_test_files.h"

namespace ps::media {
namespace {

using test::bytesOf;
using test::putFloat;
using test::putU32;

// The error's message, which must name `name`; "" (and a test failure) when the bytes are read.
std::string refusal(const std::string& bytes, const std::string& name, const SplatLimits& limits = {}) {
  auto file = readSplatBytes(bytesOf(bytes), name, limits);
  if (file) {
    ADD_FAILURE() << name << " was read (" << file->cloud.size() << " splats)";
    return "";
  }
  const std::string m = file.error().message();
  EXPECT_NE(m.find(name), std::string::npos) << m;
  return m;
}

#define EXPECT_MENTIONS(message, text) EXPECT_NE((message).find(text), std::string::npos) << (message)

std::vector<std::string> inriaProperties(std::size_t rest) {
  std::vector<std::string> p = {"float x", "float y", "float z", "float f_dc_0", "float f_dc_1", "float f_dc_2"};
  for (std::size_t k = 0; k < rest; ++k) p.push_back("float f_rest_" + std::to_string(k));
  for (const char* n : {"float opacity", "float scale_0", "float scale_1", "float scale_2", "float rot_0", "float rot_1",
                        "float rot_2", "float rot_3"})
    p.push_back(n);
  return p;
}

// A raw (not yet gzipped) SPZ v2/v3 payload of `count` splats of `degree`, all bytes 0x80.
std::string spzRaw(std::uint32_t version, std::uint32_t count, int degree, std::uint8_t flags = 0) {
  std::string raw;
  putU32(raw, 0x5053474e);
  putU32(raw, version);
  putU32(raw, count);
  raw += std::string{static_cast<char>(degree), '\x0c', static_cast<char>(flags), '\0'};
  const std::size_t per = 9 + 1 + 3 + 3 + (version >= 3 ? 4 : 3) + scenes::shRestPerChannel(degree) * 3;
  raw.append(per * count, '\x80');
  return raw;
}

TEST(SplatHostile, AHeaderWhoseCountExceedsTheFileIsRefusedBeforeAllocating) {
  const std::string body = splatPlyBytes(test::makeSplatCloud(2, 0));
  std::string lie = body;
  lie.replace(lie.find("vertex 2"), 8, "vertex 4000000000000");
  auto m = refusal(lie, "big.ply");
  EXPECT_MENTIONS(m, "big.ply@byte");
  EXPECT_MENTIONS(m, "claims 4000000000000 rows");
  // The largest count a 64-bit number holds, and one past it.
  lie = body;
  lie.replace(lie.find("vertex 2"), 8, "vertex 18446744073709551615");
  EXPECT_MENTIONS(refusal(lie, "max.ply"), "claims");
  lie = body;
  lie.replace(lie.find("vertex 2"), 8, "vertex 18446744073709551616");
  EXPECT_MENTIONS(refusal(lie, "over.ply"), "not a whole number");
  // Fewer rows than the bytes hold is as wrong.
  lie = body;
  lie.replace(lie.find("vertex 2"), 8, "vertex 1");
  EXPECT_MENTIONS(refusal(lie, "short.ply"), "bytes follow the last element");
  // Over the caller's limit, though the file is consistent.
  SplatLimits one;
  one.maxSplats = 1;
  EXPECT_MENTIONS(refusal(body, "limit.ply", one), "over the limit");
}

TEST(SplatHostile, MissingPropertiesAreNamed) {
  for (const char* missing : {"float opacity", "float rot_2", "float f_dc_1", "float x"}) {
    auto props = inriaProperties(0);
    std::erase(props, std::string(missing));
    std::string bytes = test::plyHeader(1, props);
    for (std::size_t k = 0; k < props.size(); ++k) putFloat(bytes, 0.5f);
    EXPECT_MENTIONS(refusal(bytes, "missing.ply"), std::string(missing).substr(6));
  }
  std::string gap = test::plyHeader(1, inriaProperties(9));
  gap.replace(gap.find("f_rest_4\n"), 9, "f_rest_9\n");
  gap.append(4 * 23, '\0');
  EXPECT_MENTIONS(refusal(gap, "gap.ply"), "f_rest_4");
  std::string typed = test::plyHeader(1, inriaProperties(0));
  typed.replace(typed.find("float opacity"), 13, "uchar opacity");
  typed.append(4 * 13 + 1, '\0');
  EXPECT_MENTIONS(refusal(typed, "typed.ply"), "opacity is uchar");
  std::string mesh = "ply\nformat binary_little_endian 1.0\nelement face 0\nproperty list uchar int vertex_indices\nend_header\n";
  EXPECT_MENTIONS(refusal(mesh, "mesh.ply"), "no vertex element");
}

TEST(SplatHostile, NanAndInfiniteValuesAreRefusedWithTheirPlace) {
  const auto props = inriaProperties(0);
  for (std::size_t field = 0; field < props.size(); ++field)
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                      -std::numeric_limits<float>::infinity()}) {
      std::string bytes = test::plyHeader(2, props);
      const std::size_t header = bytes.size();
      for (std::size_t k = 0; k < props.size() * 2; ++k) putFloat(bytes, k == 4 ? 1.0f : 0.1f);
      std::memcpy(bytes.data() + header + (props.size() + field) * 4, &bad, 4);  // splat 1
      const auto m = refusal(bytes, "nan.ply");
      EXPECT_MENTIONS(m, "nan.ply@byte " + std::to_string(header + (props.size() + field) * 4));
      EXPECT_MENTIONS(m, "splat 1");
    }
  // A log-scale whose exponential no float holds.
  std::string bytes = test::plyHeader(1, props);
  for (std::size_t k = 0; k < props.size(); ++k) putFloat(bytes, k == 7 ? 200.0f : k == 10 ? 1.0f : 0.0f);
  EXPECT_MENTIONS(refusal(bytes, "huge.ply"), "scale_0");
}

TEST(SplatHostile, AZeroQuaternionIsRefused) {
  const auto props = inriaProperties(0);
  std::string bytes = test::plyHeader(1, props);
  for (std::size_t k = 0; k < props.size(); ++k) putFloat(bytes, k < 10 ? 0.2f : 0.0f);
  EXPECT_MENTIONS(refusal(bytes, "zero.ply"), "zero quaternion");
}

TEST(SplatHostile, SphericalHarmonicsOfDegreeSevenOrNoDegreeAreRefused) {
  std::string seven = test::plyHeader(1, inriaProperties(189));
  seven.append(4 * (14 + 189), '\0');
  EXPECT_MENTIONS(refusal(seven, "seven.ply"), "degree 7");
  std::string ten = test::plyHeader(1, inriaProperties(10));
  ten.append(4 * 24, '\0');
  EXPECT_MENTIONS(refusal(ten, "ten.ply"), "make no spherical-harmonics degree");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(3, 1, 4)), "four.spz"), "degree 4");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(3, 1, 7)), "seven.spz"), "degree 7");
}

TEST(SplatHostile, AsciiAndBigEndianPlyAreRefusedWithASentence) {
  EXPECT_MENTIONS(refusal(test::plyHeader(1, inriaProperties(0), "ascii") + "0 0 0\n", "text.ply"), "ASCII");
  EXPECT_MENTIONS(refusal(test::plyHeader(1, inriaProperties(0), "binary_big_endian") + std::string(56, '\0'), "be.ply"),
                  "big-endian");
  EXPECT_MENTIONS(refusal("ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty float x\n", "open.ply"),
                  "no end_header");
  EXPECT_MENTIONS(refusal("PK\x03\x04 not a splat", "zip.spz"), "not a splat file");
}

TEST(SplatHostile, ZeroLengthPayloadsAreRefused) {
  EXPECT_MENTIONS(refusal("", "empty.spz"), "empty");
  EXPECT_MENTIONS(refusal(test::gzip(""), "nothing.spz"), "zero-length payload");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(2, 0, 0)), "none.spz"), "no splats");
  EXPECT_MENTIONS(refusal(test::plyHeader(0, inriaProperties(0)), "none.ply"), "no splats");
  auto v4 = spzBytes(test::makeSplatCloud(1, 0), 4);
  ASSERT_TRUE(v4);
  std::string zero = *v4;
  std::memset(zero.data() + 8, 0, 4);
  EXPECT_MENTIONS(refusal(zero, "none4.spz"), "no splats");
}

TEST(SplatHostile, AGzipBombIsRefusedWithoutInflatingIt) {
  // A header claiming one splat, then 64 MiB of zeros: refused once the stream passes what one
  // splat needs, so at most a few bytes more than that are ever inflated.
  std::string bomb = spzRaw(2, 1, 0);
  bomb.append(64u << 20, '\0');
  EXPECT_MENTIONS(refusal(test::gzip(bomb), "bomb.spz"), "inflates past");
  // A header claiming 60 million splats in a file of a few dozen bytes: refused before any
  // allocation, as no deflate stream of that size could hold them.
  std::string claim = spzRaw(2, 0, 3);
  claim.replace(8, 4, std::string{'\x00', '\x87', '\x93', '\x03'});
  EXPECT_MENTIONS(refusal(test::gzip(claim), "claim.spz"), "compressed bytes can hold");
  // The caller's limit on inflated bytes holds even where the ratio would allow it.
  SplatLimits small;
  small.maxInflatedBytes = 1000;
  const std::string many = test::gzip(spzRaw(2, 100, 0));
  EXPECT_MENTIONS(refusal(many, "limit.spz", small), "over the limit");
  // Version 4: the table of contents must agree with the header, and a stream's frame may not
  // inflate past its entry.
  auto v4 = spzBytes(test::makeSplatCloud(4, 0), 4);
  ASSERT_TRUE(v4);
  std::string toc = *v4;
  toc[32 + 8] = 100;  // stream 0 "inflates" to 100 bytes, not 36
  EXPECT_MENTIONS(refusal(toc, "toc.spz"), "stream 0 (positions)");
  // Stream 1 (4 opacities) replaced by a frame of 1 MiB of zeros, its entry's compressed size
  // fixed up so the file stays consistent.
  std::string big = test::zstd(std::string(1u << 20, '\0'));
  std::string swapped = v4->substr(0, 32 + 5 * 16);
  std::uint64_t offs = 32 + 5 * 16;
  std::string rest;
  for (int k = 0; k < 5; ++k) {
    std::uint64_t csize;
    std::memcpy(&csize, v4->data() + 32 + k * 16, 8);
    std::string frame = v4->substr(offs, csize);
    offs += csize;
    if (k == 1) {
      frame = big;
      const std::uint64_t n = frame.size();
      std::memcpy(swapped.data() + 32 + k * 16, &n, 8);
    }
    rest += frame;
  }
  EXPECT_MENTIONS(refusal(swapped + rest, "zbomb.spz"), "stream 1 (opacities)");
}

TEST(SplatHostile, AnSpzWhoseVersionAndFlagsContradictIsRefused) {
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(2, 1, 0, 0x2)), "ext2.spz"), "defines no flag 0x2");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(3, 1, 0, 0x80)), "flag80.spz"), "defines no flag 0x80");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(4, 1, 0)), "gz4.spz"), "one gzip stream");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(1, 1, 0)), "one.spz"), "never released");
  EXPECT_MENTIONS(refusal(test::gzip(spzRaw(9, 1, 0)), "nine.spz"), "version 9");
  auto v4 = spzBytes(test::makeSplatCloud(2, 1), 4);
  ASSERT_TRUE(v4);
  std::string plain3 = *v4;
  plain3[4] = 3;
  EXPECT_MENTIONS(refusal(plain3, "plain3.spz"), "plain header");
  std::string streams = *v4;
  streams[15] = 5;  // degree 1 has six streams
  EXPECT_MENTIONS(refusal(streams, "streams.spz"), "not 5");
  std::string extFlag = *v4;
  extFlag[14] = 0x2;  // extensions, but the table of contents follows the header directly
  EXPECT_MENTIONS(refusal(extFlag, "extflag.spz"), "extensions");
  std::string gap = *v4;
  gap[16] = 40;  // bytes before the table of contents without the extension flag
  EXPECT_MENTIONS(refusal(gap, "gap.spz"), "no extensions");
  // Extension records that do not tile their space.
  std::string ext = spzRaw(3, 1, 0, 0x2);
  std::string record;
  putU32(record, 0xadbe0002);
  putU32(record, 100);  // longer than what follows
  ext.insert(16, record);
  EXPECT_MENTIONS(refusal(test::gzip(ext), "record.spz"), "extension record");
}

TEST(SplatHostile, ExtensionRecordsAreSkippedAndTheSplatsRead) {
  std::string ext = spzRaw(3, 2, 0, 0x2);
  std::string record;
  putU32(record, 0xadbe0002);
  putU32(record, 4);
  putU32(record, 7);
  ext.insert(16, record);
  auto file = readSplatBytes(bytesOf(test::gzip(ext)), "ext.spz");
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->cloud.size(), 2u);
}

TEST(SplatHostile, VersionFourExtensionsAndTheAntialiasingFlagAreReadPast) {
  auto v4 = spzBytes(test::makeSplatCloud(3, 2), 4);
  ASSERT_TRUE(v4);
  std::string bytes = *v4;
  std::string record;
  putU32(record, 0xadbe0003);
  putU32(record, 4);
  putU32(record, 1);
  bytes.insert(32, record);
  bytes[14] = 0x3;  // antialiased, extensions
  bytes[16] = static_cast<char>(32 + record.size());
  auto file = readSplatBytes(bytesOf(bytes), "ext4.spz");
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->cloud.size(), 3u);
  EXPECT_EQ(file->cloud.shDegree, 2);
  // The records must fill the space before the table of contents exactly.
  bytes[16] = static_cast<char>(32 + record.size() - 2);
  EXPECT_MENTIONS(refusal(bytes, "ext4bad.spz"), "ext4bad.spz");
}

TEST(SplatHostile, BytesAfterTheLastStreamAreRefused) {
  auto v3 = spzBytes(test::makeSplatCloud(3, 0), 3);
  ASSERT_TRUE(v3);
  EXPECT_MENTIONS(refusal(*v3 + "junk", "tail3.spz"), "bytes follow the gzip stream");
  EXPECT_MENTIONS(refusal(*v3 + *v3, "twice.spz"), "bytes follow the gzip stream");
  auto v4 = spzBytes(test::makeSplatCloud(3, 0), 4);
  ASSERT_TRUE(v4);
  EXPECT_MENTIONS(refusal(*v4 + "junk", "tail4.spz"), "bytes follow the last stream");
  // A gzip payload with bytes after the splats, but no extension flag to account for them.
  std::string raw = spzRaw(3, 2, 0);
  raw += "xx";
  EXPECT_MENTIONS(refusal(test::gzip(raw), "extra.spz"), "inflates past");
}

TEST(SplatHostile, EveryTruncationOfASmallFileIsRefused) {
  const auto cloud = test::makeSplatCloud(3, 1);
  std::vector<std::pair<std::string, std::string>> files = {{"set.ply", splatPlyBytes(cloud)},
                                                            {"set.compressed.ply", test::compressedPlyBytes(cloud)}};
  for (int version : {2, 3, 4}) {
    auto bytes = spzBytes(cloud, version);
    ASSERT_TRUE(bytes);
    files.emplace_back("set" + std::to_string(version) + ".spz", *bytes);
  }
  for (const auto& [name, bytes] : files) {
    ASSERT_TRUE(readSplatBytes(bytesOf(bytes), name)) << name;
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      auto file = readSplatBytes(bytesOf(bytes).first(n), name);
      ASSERT_FALSE(file) << name << " cut to " << n << " of " << bytes.size() << " bytes was read";
      ASSERT_NE(file.error().message().find(name), std::string::npos) << file.error().message();
    }
  }
}

TEST(SplatHostile, ACompressedPlyWithTooFewChunksOrBadBoundsIsRefused) {
  const auto cloud = test::makeSplatCloud(300, 0);
  std::string bytes = test::compressedPlyBytes(cloud);
  std::string few = bytes;
  few.replace(few.find("chunk 2"), 7, "chunk 1");
  few.erase(few.find("end_header\n") + 11, 18 * 4);
  EXPECT_MENTIONS(refusal(few, "few.ply"), "need 2 chunks");
  std::string nan = bytes;
  const float q = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(nan.data() + nan.find("end_header\n") + 11 + 18 * 4 + 4, &q, 4);  // chunk 1's min_y
  EXPECT_MENTIONS(refusal(nan, "nan.compressed.ply"), "chunk 1: min_y is not finite");
}

}  // namespace
}  // namespace ps::media
