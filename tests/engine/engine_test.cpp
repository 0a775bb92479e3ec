#include "engine_test.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "engine/render_still.h"

namespace ps::test {

OwnedFrame makeFrame(PixelFormat format, std::uint32_t width, std::uint32_t height, ColorMatrix matrix,
                     ColorRange range) {
  OwnedFrame frame;
  frame.view.format = format;
  frame.view.width = width;
  frame.view.height = height;
  frame.view.matrix = matrix;
  frame.view.range = range;
  std::vector<std::size_t> offsets;
  std::size_t total = 0;
  for (int p = 0; p < planeCount(format); ++p) {
    const std::size_t stride =
        std::size_t{planeWidth(format, p, width)} * componentsPerSample(format, p) * bytesPerSample(format);
    offsets.push_back(total);
    frame.view.planes[p].stride = stride;
    total += stride * planeHeight(format, p, height);
  }
  frame.bytes.assign(total, std::byte{0});
  for (int p = 0; p < planeCount(format); ++p) frame.view.planes[p].data = frame.bytes.data() + offsets[p];
  return frame;
}

OwnedFrame loadRawFrame(const std::string& path, PixelFormat format, std::uint32_t width, std::uint32_t height,
                        ColorMatrix matrix, ColorRange range) {
  OwnedFrame frame = makeFrame(format, width, height, matrix, range);
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open " + path);
  file.read(reinterpret_cast<char*>(frame.bytes.data()), static_cast<std::streamsize>(frame.bytes.size()));
  if (file.gcount() != static_cast<std::streamsize>(frame.bytes.size()))
    throw std::runtime_error(path + " is shorter than one " + std::string(toString(format)) + " frame");
  return frame;
}

void setSample(OwnedFrame& frame, int plane, std::uint32_t x, std::uint32_t y, std::uint32_t value, int component) {
  const FrameView& v = frame.view;
  const int bytes = bytesPerSample(v.format);
  const std::size_t offset =
      y * v.planes[plane].stride +
      (std::size_t{x} * componentsPerSample(v.format, plane) + static_cast<std::size_t>(component)) * bytes;
  auto* out = const_cast<std::byte*>(v.planes[plane].data) + offset;
  out[0] = static_cast<std::byte>(value & 0xff);
  if (bytes == 2) out[1] = static_cast<std::byte>((value >> 8) & 0xff);
}

Image toRgb(const engine::RgbaImage& image) {
  Image rgb;
  rgb.width = static_cast<int>(image.width);
  rgb.height = static_cast<int>(image.height);
  rgb.channels = 3;
  rgb.pixels.reserve(std::size_t{image.width} * image.height * 3);
  for (std::size_t i = 0; i < image.pixels.size(); i += 4)
    rgb.pixels.insert(rgb.pixels.end(), image.pixels.begin() + static_cast<std::ptrdiff_t>(i),
                      image.pixels.begin() + static_cast<std::ptrdiff_t>(i + 3));
  return rgb;
}

Image renderV360View(const engine::Device& device, const FrameView& frame, const engine::V360Camera& camera,
                     std::uint32_t width, std::uint32_t height) {
  engine::StillRequest request;
  request.view = engine::viewFromV360(camera);
  request.width = width;
  request.height = height;
  auto rendered = engine::renderStill(device, frame, request);
  if (!rendered.ok()) throw std::runtime_error(rendered.error().message());
  return toRgb(rendered.value());
}

std::string engineOutputDir() {
  const std::string dir = std::string(PS_BINARY_DIR) + "/test-output/engine";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string engineMediaDir() { return std::string(PS_TEST_MEDIA_DIR) + "/engine"; }

void EngineTest::SetUp() {
  engine::DeviceOptions options;
  options.appName = "perfectshot-engine-tests";
  options.validation = true;
  auto created = engine::Device::create(options);
  ASSERT_TRUE(created.ok()) << created.error().message();
  device_ = std::make_unique<engine::Device>(std::move(created).value());
  ASSERT_TRUE(device_->validationEnabled()) << "the Khronos validation layer must be installed for the engine tests";
}

void EngineTest::TearDown() {
  if (!device_) return;
  const std::uint64_t messages = device_->validationMessageCount();
  device_.reset();
  EXPECT_EQ(messages, 0u) << "the validation layer reported problems (logged above)";
}

}  // namespace ps::test
