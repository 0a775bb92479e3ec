// Keys and mouse to RawInput and head look, and the input script format: no window needed.
// What the keys do (the bindings) is tested in tests/tools/input_bindings_test.cpp.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "xr/window_input.h"
#include "xr/window_input_script.h"

namespace ps::test {
namespace {

using xr::KeyPressed;
using xr::Key;

TEST(WindowInputTest, KeysAreReportedPressedOnceAndHeldUntilReleased) {
  xr::WindowInput input;
  EXPECT_TRUE(input.take().keys.empty());
  input.handle(KeyPressed{Key::N}, 600);
  input.handle(KeyPressed{Key::Left, true}, 600);
  input.handle(KeyPressed{Key::N}, 600);  // a repeat while held
  const xr::RawInput a = input.take();
  ASSERT_EQ(a.keys.size(), 3u);
  EXPECT_EQ(a.keys[0], (xr::KeyPress{Key::N, false, false}));
  EXPECT_EQ(a.keys[1], (xr::KeyPress{Key::Left, true, false}));
  EXPECT_EQ(a.keys[2].key, Key::N);
  EXPECT_TRUE(a.isHeld(Key::N));
  EXPECT_TRUE(a.isHeld(Key::Left));
  EXPECT_FALSE(a.isHeld(Key::Space));

  // Presses are edges; held is a level until the key comes up.
  input.handle(xr::KeyReleased{Key::Left}, 600);
  const xr::RawInput b = input.take();
  EXPECT_TRUE(b.keys.empty());
  EXPECT_TRUE(b.isHeld(Key::N));
  EXPECT_FALSE(b.isHeld(Key::Left));
}

TEST(WindowInputTest, FIsTheWindowsFullscreenAndClaimedKeysAreNotReported) {
  xr::WindowInput input;
  input.handle(KeyPressed{Key::F}, 600);
  input.handle(KeyPressed{Key::F}, 600);
  EXPECT_EQ(input.takeFullscreenToggles(), 2);
  EXPECT_EQ(input.takeFullscreenToggles(), 0);
  EXPECT_EQ(input.take().keys.size(), 2u) << "reported too: what F means to the app is the app's";

  bool typing = true;
  input.setCapture({}, [&] { return typing; });
  input.handle(KeyPressed{Key::F}, 600);
  input.handle(KeyPressed{Key::Space}, 600);
  EXPECT_EQ(input.takeFullscreenToggles(), 0) << "an f typed into a field";
  EXPECT_TRUE(input.take().keys.empty());
  typing = false;
  input.handle(KeyPressed{Key::Space}, 600);
  EXPECT_EQ(input.take().keys.size(), 1u);
}

TEST(WindowInputTest, WheelNotchesAreReported) {
  xr::WindowInput input;
  input.handle(xr::Scrolled{1}, 600);
  input.handle(xr::Scrolled{-0.5}, 600);
  EXPECT_FLOAT_EQ(input.take().mouse.scroll, 0.5f);
  EXPECT_FLOAT_EQ(input.take().mouse.scroll, 0.0f);
}

TEST(WindowInputTest, DragTurnsTheHeadAgainstTheCursorAndKeepsPitchInRange) {
  xr::WindowInput input(xr::HeadLook{0, 0, 60});
  // Moving without the button held does nothing.
  input.handle(xr::CursorMoved{100, 100}, 600);
  input.handle(xr::CursorMoved{400, 100}, 600);
  EXPECT_FLOAT_EQ(input.look().yawDeg, 0.0f);
  // 60 deg over 600 px: 0.1 deg per pixel. Right and down by 100 px: look left and up 10 deg.
  input.handle(xr::MouseButtonChanged{true, 400, 300}, 600);
  input.handle(xr::CursorMoved{500, 400}, 600);
  EXPECT_NEAR(input.look().yawDeg, -10.0f, 1e-4f);
  EXPECT_NEAR(input.look().pitchDeg, 10.0f, 1e-4f);
  input.handle(xr::CursorMoved{500, 5000}, 600);
  EXPECT_FLOAT_EQ(input.look().pitchDeg, xr::HeadLook::kMaxPitchDeg);
  input.handle(xr::MouseButtonChanged{false, 500, 5000}, 600);
  input.handle(xr::CursorMoved{0, 0}, 600);
  EXPECT_FLOAT_EQ(input.look().pitchDeg, xr::HeadLook::kMaxPitchDeg);
  // Yaw wraps to +-180: -10 + 200 = 190 is -170.
  input.handle(xr::MouseButtonChanged{true, 0, 0}, 600);
  input.handle(xr::CursorMoved{-2000, 0}, 600);
  EXPECT_NEAR(input.look().yawDeg, -170.0f, 1e-3f);
}

TEST(WindowInputTest, WheelZoomsWithinLimitsAndAspectSetsTheHorizontalFov) {
  xr::WindowInput input(xr::HeadLook{0, 0, 60});
  input.handle(xr::Scrolled{1}, 600);
  EXPECT_NEAR(input.look().vFovDeg, 54.0f, 1e-4f);
  input.handle(xr::Scrolled{100}, 600);
  EXPECT_FLOAT_EQ(input.look().vFovDeg, xr::HeadLook::kMinVFovDeg);
  input.handle(xr::Scrolled{-100}, 600);
  EXPECT_FLOAT_EQ(input.look().vFovDeg, xr::HeadLook::kMaxVFovDeg);
  const xr::HeadLook square{0, 0, 90};
  EXPECT_NEAR(square.hFovDeg(1.0f), 90.0f, 1e-3f);
  EXPECT_NEAR(square.hFovDeg(2.0f), 126.8699f, 1e-3f);  // 2 atan(2)
}

TEST(InputScriptTest, ParsesStepsInTickOrder) {
  auto script = xr::InputScript::parse(
      "# comment\n"
      "20 screenshot out.png\n"
      "3 key shift+right   # one second\n"
      "3 drag 10 20 30 40\n"
      "\n"
      "5 scroll -1.5\n"
      "7 resize 640 480\n"
      "8 minimize\n"
      "9 restore\n"
      "30 quit\n",
      "s.txt");
  ASSERT_TRUE(script.ok()) << script.error().message();
  EXPECT_TRUE(script->due(2).empty());
  auto at3 = script->due(3);
  ASSERT_EQ(at3.size(), 4u);  // the key, then the drag's press, move, release
  const auto& key = std::get<xr::KeyPressed>(std::get<xr::WindowEvent>(at3[0]));
  EXPECT_EQ(key.key, Key::Right);
  EXPECT_TRUE(key.shift);
  EXPECT_TRUE(std::get<xr::MouseButtonChanged>(std::get<xr::WindowEvent>(at3[1])).pressed);
  EXPECT_DOUBLE_EQ(std::get<xr::CursorMoved>(std::get<xr::WindowEvent>(at3[2])).y, 40.0);
  EXPECT_FALSE(std::get<xr::MouseButtonChanged>(std::get<xr::WindowEvent>(at3[3])).pressed);
  // A skipped tick's steps come with the next call.
  auto upTo9 = script->due(9);
  ASSERT_EQ(upTo9.size(), 4u);
  EXPECT_EQ(std::get<xr::ResizeWindow>(upTo9[1]).size.width, 640);
  EXPECT_TRUE(std::holds_alternative<xr::RestoreWindow>(upTo9[3]));
  EXPECT_EQ(std::get<xr::TakeScreenshot>(script->due(25).at(0)).file, "out.png");
  EXPECT_FALSE(script->finished());
  EXPECT_TRUE(std::holds_alternative<xr::QuitDisplay>(script->due(30).at(0)));
  EXPECT_TRUE(script->finished());
}

TEST(InputScriptTest, ErrorsNameTheLineAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* expect;
  };
  for (const Case& c : {Case{"1 key space\n2 key shift+f13\n", "unknown key 'f13'"},
                        Case{"x key space\n", "expected a tick number first"},
                        Case{"1 jump\n", "unknown command 'jump'"},
                        Case{"1 drag 1 2 3\n", "expected y in pixels"},
                        Case{"1 resize 0 10\n", "must be positive"},
                        Case{"1 quit now\n", "unexpected 'now'"}}) {
    auto script = xr::InputScript::parse(c.text, "bad.txt");
    ASSERT_FALSE(script.ok()) << c.text;
    EXPECT_NE(script.error().what.find(c.expect), std::string::npos) << script.error().message();
    EXPECT_EQ(script.error().where.rfind("bad.txt:", 0), 0u) << script.error().message();
  }
  auto missing = xr::InputScript::load("/nonexistent/script.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().where, "/nonexistent/script.txt");
}

// A FIFO as the script is refused at once, not waited on (a death test: the old reader blocked).
TEST(InputScriptTest, AFifoIsRefusedAtOnce) {
  std::string dir = (std::filesystem::temp_directory_path() / "ps_script_XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  const std::string fifo = dir + "/script.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_EXIT(
      {
        ::alarm(2);
        auto script = xr::InputScript::load(fifo);
        std::_Exit(!script.ok() && script.error().what.find("FIFO") != std::string::npos ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ps::test
