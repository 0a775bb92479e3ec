// Bad input gives one clear line naming the file and the problem; no crash, no hang.
#include <gtest/gtest.h>

#include "test_media.h"

namespace ps::media::test {
namespace {

::testing::AssertionResult mentions(const Error& e, const std::string& file, const std::string& problem) {
  const std::string m = e.message();
  if (m.find(file) == std::string::npos || m.find(problem) == std::string::npos || m.find('\n') != std::string::npos) {
    return ::testing::AssertionFailure() << "message: " << m;
  }
  return ::testing::AssertionSuccess() << m;
}

// Decodes to the end; the first error, if any.
std::optional<Error> decodeAll(VideoSource& src, int& frames) {
  frames = 0;
  for (;;) {
    Result<std::optional<DecodedFrame>> f = src.next();
    if (!f) return f.error();
    if (!f.value()) return std::nullopt;
    ++frames;
  }
}

DecodeOptions strictOptions() {
  DecodeOptions o;
  o.strict = true;
  return o;
}

TEST(BadInput, MissingFile) {
  Result<VideoSource> s = VideoSource::open(mediaDir() + "/no_such_file.mp4");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(mentions(s.error(), "no_such_file.mp4", "file not found"));
}

TEST(BadInput, TextFileNamedMp4) {
  Result<VideoSource> s = VideoSource::open(mediaFile("text.mp4"));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(mentions(s.error(), "text.mp4", "not a media file"));
}

TEST(BadInput, TruncatedWithoutIndex) {
  // Cut in half: the MP4 index (moov, written last) is gone.
  Result<VideoSource> s = VideoSource::open(mediaFile("truncated.mp4"));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(mentions(s.error(), "truncated.mp4", "truncated or unfinished MP4"));
  EXPECT_TRUE(mentions(s.error(), "truncated.mp4", "moov atom not found"));
}

TEST(BadInput, TruncatedDataIsAnErrorWhenStrict) {
  Result<VideoSource> s = VideoSource::open(mediaFile("truncated_mdat.mp4"), strictOptions());
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(mentions(s.error(), "truncated_mdat.mp4", "truncated"));
}

TEST(BadInput, TruncatedDataPlaysWhatIsThere) {
  VideoSource src = openOrFail("truncated_mdat.mp4");
  int frames = 0;
  const std::optional<Error> e = decodeAll(src, frames);
  EXPECT_FALSE(e.has_value()) << e->message();
  EXPECT_GT(frames, 50);
  EXPECT_LT(frames, 150);
  // And seeking past the cut gives the last frame there is, not a hang.
  Result<DecodedFrame> last = src.frameAt(4.9);
  ASSERT_TRUE(last.ok()) << last.error().message();
  EXPECT_LT(stampOf(*last), 150);
}

TEST(BadInput, CorruptBitstreamIsAnErrorNamingTheFrameWhenStrict) {
  VideoSource src = openOrFail("corrupt.mp4", strictOptions());
  int frames = 0;
  const std::optional<Error> e = decodeAll(src, frames);
  ASSERT_TRUE(e.has_value()) << "decoded " << frames << " frames without noticing";
  EXPECT_TRUE(mentions(*e, "corrupt.mp4@frame", "damaged video data"));
}

TEST(BadInput, CorruptBitstreamPlaysOnByDefault) {
  VideoSource src = openOrFail("corrupt.mp4");
  int frames = 0;
  const std::optional<Error> e = decodeAll(src, frames);
  EXPECT_FALSE(e.has_value()) << e->message();
  EXPECT_GT(frames, 100);
  // Frames after the damage are still exact.
  Result<DecodedFrame> f = src.frameAt(140 / 30.0);
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(stampOf(*f), 140);
}

}  // namespace
}  // namespace ps::media::test
