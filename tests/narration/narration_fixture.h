#pragma once
// The narration test package (make_media.sh), rendering through OpenAL Soft's
// loopback device, and the measurements the tests share.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "media/audio_output.h"
#include "media/listener.h"
#include "process.h"
#include "scenes/shot.h"
#include "scenes/shot_loader.h"

namespace ps::narration::test {

inline constexpr int kRate = 48000;  // Hz, of the loopback mix

// The package folder. CTest generates it first (fixture "narration"); a test
// binary run by hand generates it itself.
inline std::filesystem::path packageDir() {
  const std::string dir = std::string(PS_TEST_MEDIA_DIR) + "/narration";
  if (!std::filesystem::exists(dir + "/shot.json"))
    ps::test::run({"bash", std::string(PS_SOURCE_DIR) + "/tests/narration/make_media.sh", dir});
  return dir;
}

inline scenes::Shot loadTestShot() {
  Result<scenes::Shot> shot = scenes::loadShot(packageDir());
  if (!shot) throw std::runtime_error(shot.error().message());
  return std::move(shot).value();
}

inline media::AudioOutput openBinauralLoopback() {
  Result<media::AudioOutput> out = media::AudioOutput::openLoopback(kRate, /*hrtf=*/true);
  if (!out) throw std::runtime_error(out.error().message());
  return std::move(out).value();
}

// The head at the origin, facing forward (-Z) or, turned round, facing +Z.
inline media::ListenerPose facingForward() { return {}; }
inline media::ListenerPose facingBack() {
  media::ListenerPose p;
  p.orientation.forward = {0, 0, 1};
  return p;
}

}  // namespace ps::narration::test
