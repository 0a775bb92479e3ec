#pragma once
// Paths of the media make_media.sh writes, and small helpers the media tests share.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "media/decoded_frame.h"
#include "media/frame_stamp.h"
#include "media/video_source.h"
#include "process.h"

namespace ps::media::test {

inline std::string mediaDir() { return std::string(PS_TEST_MEDIA_DIR) + "/media"; }

// The path of a generated file. CTest generates them first (fixture "media");
// a test binary run by hand generates them itself.
inline std::string mediaFile(const std::string& name) {
  const std::string dir = mediaDir();
  if (!std::filesystem::exists(dir + "/corrupt.mp4")) {
    ps::test::run({"bash", std::string(PS_SOURCE_DIR) + "/tests/media/make_media.sh", dir});
  }
  return dir + "/" + name;
}

inline VideoSource openOrFail(const std::string& name, const DecodeOptions& options = {}) {
  Result<VideoSource> s = VideoSource::open(mediaFile(name), options);
  if (!s) throw std::runtime_error(s.error().message());
  return std::move(s).value();
}

// The frame number the pixels say; -1 when there is no clean stamp.
inline int stampOf(const DecodedFrame& f, int originY = 0) { return readFrameStamp(f.view(), originY).value_or(-1); }

}  // namespace ps::media::test
