// Keys and mouse to InputActions and head look, and the input script format: no window needed.
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
using xr::WindowKey;

TEST(WindowInputTest, NAsksForTheNextMarkerOnce) {
  xr::WindowInput input;
  EXPECT_FALSE(input.takeActions().nextMarker);
  input.handle(KeyPressed{WindowKey::N}, 600);
  EXPECT_TRUE(input.takeActions().nextMarker);
  EXPECT_FALSE(input.takeActions().nextMarker);  // an edge, not a level
}

TEST(WindowInputTest, KeysMapToActions) {
  xr::WindowInput input;
  for (auto key : {KeyPressed{WindowKey::Space}, KeyPressed{WindowKey::Right}, KeyPressed{WindowKey::Right},
                   KeyPressed{WindowKey::Left, true}, KeyPressed{WindowKey::L}, KeyPressed{WindowKey::Home},
                   KeyPressed{WindowKey::I}, KeyPressed{WindowKey::O}, KeyPressed{WindowKey::Escape}})
    input.handle(key, 600);
  const xr::InputActions a = input.takeActions();
  EXPECT_TRUE(a.togglePlay);
  EXPECT_EQ(a.stepFrames, 2);
  EXPECT_DOUBLE_EQ(a.jumpSeconds, -1.0);
  EXPECT_FLOAT_EQ(a.shuttle, 1.0f);
  EXPECT_TRUE(a.jumpToStart);
  EXPECT_FALSE(a.jumpToEnd);
  EXPECT_TRUE(a.setLoopIn);
  EXPECT_TRUE(a.setLoopOut);
  EXPECT_TRUE(a.quit);

  // Edges reset, the shuttle level stays until K.
  const xr::InputActions b = input.takeActions();
  EXPECT_FALSE(b.togglePlay);
  EXPECT_EQ(b.stepFrames, 0);
  EXPECT_FALSE(b.quit);
  EXPECT_FLOAT_EQ(b.shuttle, 1.0f);
  input.handle(KeyPressed{WindowKey::J}, 600);
  EXPECT_FLOAT_EQ(input.takeActions().shuttle, -1.0f);
  input.handle(KeyPressed{WindowKey::K}, 600);
  EXPECT_FLOAT_EQ(input.takeActions().shuttle, 0.0f);

  // Space twice in one frame is no toggle at all; End after Home wins.
  input.handle(KeyPressed{WindowKey::Space}, 600);
  input.handle(KeyPressed{WindowKey::Space}, 600);
  input.handle(KeyPressed{WindowKey::Home}, 600);
  input.handle(KeyPressed{WindowKey::End}, 600);
  const xr::InputActions c = input.takeActions();
  EXPECT_FALSE(c.togglePlay);
  EXPECT_FALSE(c.jumpToStart);
  EXPECT_TRUE(c.jumpToEnd);

  input.handle(KeyPressed{WindowKey::F}, 600);
  input.handle(KeyPressed{WindowKey::F}, 600);
  EXPECT_EQ(input.takeFullscreenToggles(), 2);
  EXPECT_EQ(input.takeFullscreenToggles(), 0);
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
  EXPECT_EQ(key.key, WindowKey::Right);
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
  for (const Case& c : {Case{"1 key space\n2 key shift+q\n", "unknown key 'q'"},
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
