#pragma once
// Shared by the engine tests: a validated Device per test, frames built from bytes, and images
// converted for tests/support's comparisons.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/device.h"
#include "engine/rgba_image.h"
#include "engine/view.h"
#include "image.h"
#include "scenes/frame_view.h"

namespace ps::test {

// A FrameView together with the bytes it points into.
struct OwnedFrame {
  std::vector<std::byte> bytes;
  FrameView view;
};

// Lays out tightly packed planes for `format` and returns a frame with zeroed bytes.
OwnedFrame makeFrame(PixelFormat format, std::uint32_t width, std::uint32_t height, ColorMatrix matrix,
                     ColorRange range);
// Reads a raw file as written by `ffmpeg -f rawvideo -pix_fmt <format>`.
OwnedFrame loadRawFrame(const std::string& path, PixelFormat format, std::uint32_t width, std::uint32_t height,
                        ColorMatrix matrix, ColorRange range);
// Sample (x, y) of plane p, for writing synthetic frames (16-bit formats take the word's value).
void setSample(OwnedFrame& frame, int plane, std::uint32_t x, std::uint32_t y, std::uint32_t value, int component = 0);

Image toRgb(const engine::RgbaImage& image);
// One mono 360 view of `frame` through renderStill, as RGB; throws std::runtime_error on an Error.
Image renderV360View(const engine::Device& device, const FrameView& frame, const engine::V360Camera& camera,
                     std::uint32_t width, std::uint32_t height);
// Folder for this test binary's outputs (comparison images), created on demand.
std::string engineOutputDir();
// The media written by tests/engine/make_media.sh.
std::string engineMediaDir();

// Every engine test runs with the Khronos validation layer and fails on any message from it.
class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  engine::Device& device() { return *device_; }

 private:
  std::unique_ptr<engine::Device> device_;
};

}  // namespace ps::test
