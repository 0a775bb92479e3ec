// Projection and stereo layout from container metadata (spherical / stereo3d
// side data), from the manifest, or guessed; each says where it came from.
#include <gtest/gtest.h>

#include "test_media.h"

namespace ps::media::test {
namespace {

// Remuxes src into a new file with the given side data; returns its path.
std::string withSpatialMetadata(const std::string& src, const std::string& out, const std::string& projection,
                                const std::string& stereo) {
  const std::string path = mediaDir() + "/" + out;
  const ps::test::ProcessResult r = ps::test::run({PS_INJECT_SPATIAL, mediaFile(src), path, projection, stereo});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return path;
}

void expectLayout(const FrameLayout& l, Projection projection, LayoutSource projectionSource, StereoLayout stereo,
                  LayoutSource stereoSource) {
  EXPECT_EQ(l.projection, projection) << toString(l.projection);
  EXPECT_EQ(l.projectionSource, projectionSource) << toString(l.projectionSource);
  EXPECT_EQ(l.stereo, stereo) << toString(l.stereo);
  EXPECT_EQ(l.stereoSource, stereoSource) << toString(l.stereoSource);
}

FrameLayout layoutOf(const std::string& path, const DecodeOptions& options = {}) {
  Result<VideoSource> s = VideoSource::open(path, options);
  if (!s) throw std::runtime_error(s.error().message());
  return s->info().layout;
}

TEST(LayoutMetadata, Equirect360TopBottomFromMp4) {
  const FrameLayout l = layoutOf(withSpatialMetadata("gop30_bf3.mp4", "meta_360_tb.mp4", "360", "top-bottom"));
  expectLayout(l, Projection::Equirect360, LayoutSource::Metadata, StereoLayout::TopBottom, LayoutSource::Metadata);
}

TEST(LayoutMetadata, Equirect180LeftRightFromMp4) {
  const FrameLayout l = layoutOf(withSpatialMetadata("gop30_bf3.mp4", "meta_180_lr.mp4", "180", "left-right"));
  expectLayout(l, Projection::Equirect180, LayoutSource::Metadata, StereoLayout::LeftRight, LayoutSource::Metadata);
}

TEST(LayoutMetadata, FromMatroska) {
  const FrameLayout l = layoutOf(withSpatialMetadata("gop30_bf3.mp4", "meta_180_tb.mkv", "180", "top-bottom"));
  expectLayout(l, Projection::Equirect180, LayoutSource::Metadata, StereoLayout::TopBottom, LayoutSource::Metadata);
}

TEST(LayoutMetadata, WithoutMetadataItIsGuessed) {
  const FrameLayout l = layoutOf(mediaFile("gop30_bf3.mp4"));
  // 320x160 is 2:1: mono 360.
  expectLayout(l, Projection::Equirect360, LayoutSource::Guess, StereoLayout::Mono, LayoutSource::Guess);
}

TEST(LayoutMetadata, ManifestFillsOnlyWhatMetadataDoesNotSay) {
  DecodeOptions o;
  o.manifestLayout = FrameLayout{Projection::Equirect180, StereoLayout::LeftRight, LayoutSource::Manifest,
                                 LayoutSource::Manifest};
  const FrameLayout plain = layoutOf(mediaFile("gop30_bf3.mp4"), o);
  expectLayout(plain, Projection::Equirect180, LayoutSource::Manifest, StereoLayout::LeftRight, LayoutSource::Manifest);

  const FrameLayout tagged =
      layoutOf(withSpatialMetadata("gop30_bf3.mp4", "meta_360_only.mp4", "360", "none"), o);
  expectLayout(tagged, Projection::Equirect360, LayoutSource::Metadata, StereoLayout::LeftRight, LayoutSource::Manifest);
}

}  // namespace
}  // namespace ps::media::test
