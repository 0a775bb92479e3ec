#pragma once
// A test fixture owning a Vulkan device with the Khronos validation layer on: a test fails when
// the layer is missing or reports anything while the test ran.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "engine/device.h"

namespace ps::test {

class ValidatedDeviceTest : public ::testing::Test {
 protected:
  explicit ValidatedDeviceTest(std::string appName) : appName_(std::move(appName)) {}

  void SetUp() override {
    engine::DeviceOptions options;
    options.appName = appName_;
    options.validation = true;
    auto created = engine::Device::create(options);
    ASSERT_TRUE(created.ok()) << created.error().message();
    device_ = std::make_unique<engine::Device>(std::move(created).value());
    ASSERT_TRUE(device_->validationEnabled()) << "the Khronos validation layer must be installed";
  }

  void TearDown() override {
    if (!device_) return;
    const std::uint64_t messages = device_->validationMessageCount();
    device_.reset();
    EXPECT_EQ(messages, 0u) << "the validation layer reported problems (logged above)";
  }

  std::string appName_;
  std::unique_ptr<engine::Device> device_;
};

}  // namespace ps::test
