#pragma once
// Paths of the RGB-D media make_rgbd_media.sh writes (CTest's fixture "rgbd_media"; a binary
// run by hand generates them itself).
#include <filesystem>
#include <string>

#include "process.h"

namespace ps::media::test {

inline std::string rgbdMediaFile(const std::string& name) {
  const std::string dir = std::string(PS_TEST_MEDIA_DIR) + "/rgbd_media";
  if (!std::filesystem::exists(dir + "/done"))
    ps::test::run({"bash", std::string(PS_SOURCE_DIR) + "/tests/media/make_rgbd_media.sh", dir});
  return dir + "/" + name;
}

}  // namespace ps::media::test
