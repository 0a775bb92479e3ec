// Pictures in GPU memory (a hardware decoder's dma-bufs) on a device that cannot import them:
// refused with a sentence, before any Vulkan call on them. The import itself is checked where a
// GPU decodes (tests/player/hardware_decode_test.cpp).
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "engine/dma_buf_support.h"
#include "engine/equirect_renderer.h"
#include "engine_test.h"

namespace ps::test {
namespace {

class DmaBufTest : public EngineTest {};

TEST_F(DmaBufTest, TheDeviceImportsExactlyWhenItHasTheExtensions) {
  EXPECT_EQ(device().importsDmaBuf(), engine::missingDmaBufExtensions(device().physicalDevice()).empty());
  EXPECT_EQ(engine::whyNoDmaBufImport().has_value(), !device().importsDmaBuf());
}

TEST_F(DmaBufTest, APictureInGpuMemoryIsRefusedWhereTheDeviceCannotImportIt) {
  if (device().importsDmaBuf()) GTEST_SKIP() << "this device imports dma-bufs";
  // Any open fd stands in for the buffer: nothing may reach Vulkan with it.
  const int fd = dup(STDERR_FILENO);
  ASSERT_GE(fd, 0);
  FrameView frame;
  frame.format = PixelFormat::Nv12;
  frame.width = 64;
  frame.height = 32;
  DmaBufPicture picture;
  picture.device = "VAAPI";
  picture.planes[0] = {fd, 0x20203852, 0, 0, 64};
  picture.planes[1] = {fd, 0x38385247, 0, 64 * 32, 64};
  frame.dmaBuf = picture;
  engine::EquirectRenderer renderer(device());
  try {
    renderer.beginFrame(frame, FrameLayout{}, 0, std::make_shared<int>(0));
    ADD_FAILURE() << "a dma-buf picture was taken by a device that does not import them";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("does not import dma-bufs"), std::string::npos) << e.what();
  }
  // The check a player makes on a plate's first picture before it plays the rest from the GPU.
  const auto why = engine::whyCannotImport(device(), frame);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("cannot import dma-bufs"), std::string::npos) << *why;
  close(fd);
}

TEST_F(DmaBufTest, APictureInCpuMemoryIsNotImported) {
  OwnedFrame frame = makeFrame(PixelFormat::Nv12, 16, 8, ColorMatrix::Bt709, ColorRange::Limited);
  const auto why = engine::whyCannotImport(device(), frame.view);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "the picture is not in GPU memory");
}

TEST_F(DmaBufTest, APictureInGpuMemoryNeedsEveryPlane) {
  FrameView frame;
  frame.format = PixelFormat::Nv12;
  frame.width = 64;
  frame.height = 32;
  frame.dmaBuf = DmaBufPicture{};  // fds of -1
  engine::EquirectRenderer renderer(device());
  EXPECT_THROW(renderer.beginFrame(frame, FrameLayout{}, 0, std::make_shared<int>(0)), std::invalid_argument);
}

}  // namespace
}  // namespace ps::test
