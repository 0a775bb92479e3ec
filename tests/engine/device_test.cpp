// Device creation through a DeviceFactory, the checked-call helper, and two devices at once.
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "engine/device.h"
#include "engine/render_still.h"
#include "engine/vk_check.h"
#include "engine_test.h"

namespace ps::test {
namespace {

// Stands in for an OpenXR backend: records what the engine asked for, delegates the creation.
class RecordingFactory final : public engine::DeviceFactory {
 public:
  VkInstance createInstance(const VkInstanceCreateInfo& info) override {
    ++instances;
    for (std::uint32_t i = 0; i < info.enabledLayerCount; ++i)
      if (std::strcmp(info.ppEnabledLayerNames[i], "VK_LAYER_KHRONOS_validation") == 0) askedForValidation = true;
    return standalone.createInstance(info);
  }
  Result<VkPhysicalDevice> choosePhysicalDevice(VkInstance instance) override {
    ++choices;
    if (refuse) return Error{"test runtime", "no headset GPU", "plug the headset in"};
    return standalone.choosePhysicalDevice(instance);
  }
  VkDevice createDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo& info) override {
    ++devices;
    return standalone.createDevice(physicalDevice, info);
  }

  engine::StandaloneDeviceFactory standalone;
  bool refuse = false;
  bool askedForValidation = false;
  int instances = 0, choices = 0, devices = 0;
};

engine::DeviceOptions validated() {
  engine::DeviceOptions options;
  options.validation = true;
  return options;
}

TEST(DeviceTest, CreatesThroughACustomFactory) {
  RecordingFactory factory;
  auto device = engine::Device::create(validated(), factory);
  ASSERT_TRUE(device.ok()) << device.error().message();
  EXPECT_EQ(factory.instances, 1);
  EXPECT_EQ(factory.choices, 1);
  EXPECT_EQ(factory.devices, 1);
  EXPECT_TRUE(factory.askedForValidation);
  EXPECT_NE(device->queue(), VK_NULL_HANDLE);
  EXPECT_EQ(device->validationMessageCount(), 0u);
}

TEST(DeviceTest, NoUsableDeviceIsAnErrorWithAHint) {
  RecordingFactory factory;
  factory.refuse = true;
  auto device = engine::Device::create(validated(), factory);
  ASSERT_FALSE(device.ok());
  EXPECT_EQ(device.error().what, "no headset GPU");
  EXPECT_FALSE(device.error().hint.empty());
  EXPECT_EQ(factory.devices, 0);
}

TEST(DeviceTest, TwoDevicesRenderSideBySide) {
  auto first = engine::Device::create(validated());
  auto second = engine::Device::create(validated());
  ASSERT_TRUE(first.ok() && second.ok());
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 64, 32, ColorMatrix::Bt709, ColorRange::Full);
  std::fill(frame.bytes.begin(), frame.bytes.end(), std::byte{128});
  engine::StillRequest request;
  request.width = 8;
  request.height = 8;
  for (engine::Device* device : {&first.value(), &second.value()}) {
    auto image = engine::renderStill(*device, frame.view, request);
    ASSERT_TRUE(image.ok());
    EXPECT_NEAR(image->pixels[0], 128, 2);
  }
  // Moving a device keeps its validation messenger working (its state does not move).
  engine::Device moved = std::move(first).value();
  EXPECT_TRUE(engine::renderStill(moved, frame.view, request).ok());
  EXPECT_EQ(moved.validationMessageCount(), 0u);
  EXPECT_EQ(second->validationMessageCount(), 0u);
}

TEST(DeviceTest, ExtraExtensionsAreEnabledOrRefusedWithAnError) {
  engine::DeviceOptions options = validated();
  options.instanceExtensions = {VK_KHR_SURFACE_EXTENSION_NAME};
  options.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
  auto device = engine::Device::create(options);
  ASSERT_TRUE(device.ok()) << device.error().message();
  // Enabled, so its entry point resolves (it would be null for an extension not enabled).
  EXPECT_NE(vkGetDeviceProcAddr(device->device(), "vkCreateSwapchainKHR"), nullptr);
  EXPECT_EQ(device->validationMessageCount(), 0u);

  options.deviceExtensions = {"VK_PS_no_such_extension"};
  auto refused = engine::Device::create(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().what.find("VK_PS_no_such_extension"), std::string::npos);
  options.deviceExtensions.clear();
  options.instanceExtensions = {"VK_PS_no_such_instance_extension"};
  EXPECT_FALSE(engine::Device::create(options).ok());
}

TEST(DeviceTest, ValidationMessagesAreCounted) {
  // A deliberate misuse must be seen, or "zero messages" in every other test means nothing.
  auto device = engine::Device::create(validated());
  ASSERT_TRUE(device.ok());
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = 0;  // invalid: size must be greater than 0
  info.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
  VkBuffer buffer = VK_NULL_HANDLE;
  (void)vkCreateBuffer(device->device(), &info, nullptr, &buffer);
  if (buffer != VK_NULL_HANDLE) vkDestroyBuffer(device->device(), buffer, nullptr);
  EXPECT_GT(device->validationMessageCount(), 0u);
}

TEST(VkCheckTest, ThrowsWithCallAndLocation) {
  auto failing = [] { return VK_ERROR_OUT_OF_DEVICE_MEMORY; };
  try {
    PS_VK_CHECK(failing());
    FAIL() << "PS_VK_CHECK did not throw";
  } catch (const engine::VulkanError& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.result(), VK_ERROR_OUT_OF_DEVICE_MEMORY);
    EXPECT_NE(message.find("failing failed: VK_ERROR_OUT_OF_DEVICE_MEMORY ("), std::string::npos) << message;
    EXPECT_NE(message.find("device_test.cpp:"), std::string::npos) << message;
  }
  EXPECT_NO_THROW(PS_VK_CHECK(VK_INCOMPLETE));  // success codes are the caller's to handle
}

}  // namespace
}  // namespace ps::test
