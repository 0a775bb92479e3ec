// The player's bindings with made-up raw input, no display: the window's keys (through the
// window's own input, as a user's keys and an input script's reach the app) and the
// controllers to the player's commands.
#include <gtest/gtest.h>

#include <array>

#include "player/input_bindings.h"
#include "xr/window_input.h"

namespace ps::player {
namespace {

using xr::Key;
using xr::KeyPressed;

// What the window reports for `keys`, mapped.
Commands press(xr::WindowInput& window, InputBindings& bindings, std::initializer_list<KeyPressed> keys) {
  for (const KeyPressed& key : keys) window.handle(key, 600);
  return bindings.map(window.take());
}

TEST(InputBindings, NAsksForTheNextMarkerOnce) {
  xr::WindowInput window;
  InputBindings bindings;
  EXPECT_FALSE(press(window, bindings, {}).nextMarker);
  EXPECT_TRUE(press(window, bindings, {KeyPressed{Key::N}}).nextMarker);
  EXPECT_FALSE(press(window, bindings, {}).nextMarker);  // an edge, not a level
}

TEST(InputBindings, ShiftNAndShiftPStepAnEpisodesItems) {
  xr::WindowInput window;
  InputBindings bindings;
  const Commands next = press(window, bindings, {KeyPressed{Key::N, true}});
  EXPECT_EQ(next.itemStep, 1);
  EXPECT_FALSE(next.nextMarker) << "shift+N is not N";
  EXPECT_EQ(press(window, bindings, {KeyPressed{Key::P, true}}).itemStep, -1);
  EXPECT_EQ(press(window, bindings, {KeyPressed{Key::N}}).itemStep, 0);
  EXPECT_EQ(press(window, bindings, {KeyPressed{Key::P}}).itemStep, 0);
}

TEST(InputBindings, WindowKeysMapToCommands) {
  xr::WindowInput window;
  InputBindings bindings;
  const Commands a = press(window, bindings,
                           {KeyPressed{Key::Space}, KeyPressed{Key::Right}, KeyPressed{Key::Right},
                            KeyPressed{Key::Left, true}, KeyPressed{Key::L}, KeyPressed{Key::Home}, KeyPressed{Key::I},
                            KeyPressed{Key::O}, KeyPressed{Key::C}, KeyPressed{Key::Escape}, KeyPressed{Key::F}});
  EXPECT_TRUE(a.togglePlay);
  EXPECT_EQ(a.stepFrames, 2);
  EXPECT_DOUBLE_EQ(a.jumpSeconds, -1.0);
  EXPECT_FLOAT_EQ(a.shuttle, 1.0f);
  EXPECT_TRUE(a.jumpToStart);
  EXPECT_FALSE(a.jumpToEnd);
  EXPECT_TRUE(a.setLoopIn);
  EXPECT_TRUE(a.setLoopOut);
  EXPECT_TRUE(a.toggleFilmFrame);
  EXPECT_FALSE(a.nextMarker);

  // Edges reset, the shuttle level stays until K.
  const Commands b = press(window, bindings, {});
  EXPECT_FALSE(b.togglePlay);
  EXPECT_EQ(b.stepFrames, 0);
  EXPECT_FALSE(b.toggleFilmFrame);
  EXPECT_FLOAT_EQ(b.shuttle, 1.0f);
  EXPECT_FLOAT_EQ(press(window, bindings, {KeyPressed{Key::J}}).shuttle, -1.0f);
  EXPECT_FLOAT_EQ(press(window, bindings, {KeyPressed{Key::K}}).shuttle, 0.0f);

  // Space twice in one frame is no toggle at all; End after Home wins; shift+space still plays.
  const Commands c = press(window, bindings,
                           {KeyPressed{Key::Space}, KeyPressed{Key::Space}, KeyPressed{Key::Home}, KeyPressed{Key::End}});
  EXPECT_FALSE(c.togglePlay);
  EXPECT_FALSE(c.jumpToStart);
  EXPECT_TRUE(c.jumpToEnd);
  EXPECT_TRUE(press(window, bindings, {KeyPressed{Key::Space, true}}).togglePlay);
  EXPECT_DOUBLE_EQ(press(window, bindings, {KeyPressed{Key::Right, true}}).jumpSeconds, 1.0);
}

TEST(InputBindings, TheWindowsOwnKeysAreBoundToNothing) {
  for (const KeyBinding& b : kKeyBindings) {
    EXPECT_NE(b.key, Key::F) << "fullscreen is the window's";
    EXPECT_NE(b.key, Key::Escape) << "Esc closes the window";
    EXPECT_NE(b.key, Key::E) << "E turns the marker editor on";
  }
}

TEST(InputBindings, AnotherTableBindsOtherKeys) {
  constexpr std::array keys{KeyBinding{Key::P, Shift::Any, Command::TogglePlay},
                            KeyBinding{Key::Right, Shift::With, Command::NextMarker}};
  InputBindings bindings(keys);
  xr::RawInput raw;
  raw.keys = {{Key::Space}, {Key::P}, {Key::Right, true}, {Key::Right}};
  const Commands c = bindings.map(raw);
  EXPECT_TRUE(c.togglePlay) << "P, not space";
  EXPECT_TRUE(c.nextMarker);
  EXPECT_EQ(c.stepFrames, 0) << "right unbound without shift";
}

xr::RawInput withHand(xr::Hand hand, const xr::ControllerInput& in) {
  xr::RawInput raw;
  raw.hand(hand) = in;
  return raw;
}

TEST(InputBindings, ControllerButtonsMapToCommands) {
  InputBindings bindings;
  xr::ControllerInput trigger;
  trigger.trigger = {true, true};
  Commands c = bindings.map(withHand(xr::Hand::Left, trigger));
  EXPECT_TRUE(c.select);
  EXPECT_TRUE(c.grabbing);
  trigger.trigger.pressed = false;  // held on
  c = bindings.map(withHand(xr::Hand::Right, trigger));
  EXPECT_FALSE(c.select);
  EXPECT_TRUE(c.grabbing);

  xr::ControllerInput buttons;
  buttons.primary.pressed = buttons.secondary.pressed = buttons.menu.pressed = true;
  c = bindings.map(withHand(xr::Hand::Right, buttons));
  EXPECT_TRUE(c.togglePlay);
  EXPECT_EQ(c.stepFrames, 1) << "right B: a frame forward";
  EXPECT_TRUE(c.toggleFilmFrame) << "menu";
  c = bindings.map(withHand(xr::Hand::Left, buttons));
  EXPECT_EQ(c.stepFrames, -1) << "left Y: a frame back";

  xr::ControllerInput squeeze;
  squeeze.squeeze.pressed = true;
  EXPECT_EQ(bindings.map(withHand(xr::Hand::Right, squeeze)).itemStep, 1) << "right squeeze: an episode's next item";
  EXPECT_EQ(bindings.map(withHand(xr::Hand::Left, squeeze)).itemStep, -1) << "left squeeze: the previous item";

  xr::ControllerInput held;  // held, not pressed: no edge
  held.primary.held = held.menu.held = held.secondary.held = true;
  c = bindings.map(withHand(xr::Hand::Right, held));
  EXPECT_FALSE(c.togglePlay);
  EXPECT_FALSE(c.toggleFilmFrame);
  EXPECT_EQ(c.stepFrames, 0);
  EXPECT_FALSE(c.grabbing);
}

TEST(InputBindings, ThumbstickXShuttlesPastTheDeadZoneOverTheKeyboard) {
  InputBindings bindings;
  xr::RawInput raw;
  raw.keys = {{Key::L}};
  raw.hand(xr::Hand::Left).thumbstick = {0.15f, 0};
  EXPECT_FLOAT_EQ(bindings.map(raw).shuttle, 1.0f) << "inside the dead zone: the keyboard's level";
  raw.keys.clear();
  raw.hand(xr::Hand::Left).thumbstick = {-0.5f, 0};
  raw.hand(xr::Hand::Right).thumbstick = {0.3f, 0};
  EXPECT_FLOAT_EQ(bindings.map(raw).shuttle, -0.5f) << "the larger of the hands";
  raw.hands = {};
  EXPECT_FLOAT_EQ(bindings.map(raw).shuttle, 1.0f) << "the keyboard's level again";
}

TEST(InputBindings, ThumbstickYStepsOncePerPush) {
  InputBindings bindings;
  xr::RawInput raw;
  const auto at = [&](float y) {
    raw.hand(xr::Hand::Right).thumbstick = {0, y};
    return bindings.map(raw).stepFrames;
  };
  EXPECT_EQ(at(0.5f), 0);
  EXPECT_EQ(at(0.7f), 1);
  EXPECT_EQ(at(1.0f), 0) << "held: one step only";
  EXPECT_EQ(at(0.4f), 0) << "not back within 0.3 yet";
  EXPECT_EQ(at(0.9f), 0);
  EXPECT_EQ(at(0.1f), 0);
  EXPECT_EQ(at(-0.8f), -1);
  // Each hand has its own push.
  raw.hand(xr::Hand::Left).thumbstick = {0, 0.8f};
  EXPECT_EQ(at(-0.8f), 1);
}

// The headset menu's stick: each axis pushed counts once per push, as y's step does. y's push
// is in stepFrames too (the menu takes it back out).
TEST(InputBindings, ThumbstickPushesCountOncePerAxis) {
  InputBindings bindings;
  xr::RawInput raw;
  const auto at = [&](float x, float y) {
    raw.hand(xr::Hand::Right).thumbstick = {x, y};
    return bindings.map(raw);
  };
  Commands c = at(0.7f, 0);
  EXPECT_EQ(c.stickPushX, 1);
  EXPECT_EQ(c.stickPushY, 0);
  EXPECT_FLOAT_EQ(c.shuttle, 0.7f) << "x is still the shuttle's level";
  EXPECT_EQ(c.stickHeldX, 1);
  EXPECT_EQ(at(0.9f, 0).stickPushX, 0) << "held: one push only";
  EXPECT_EQ(at(0.9f, 0).stickHeldX, 1) << "held: a level";
  EXPECT_EQ(at(0.4f, 0).stickPushX, 0) << "not back within 0.3 yet";
  EXPECT_EQ(at(0.4f, 0).stickHeldX, 0) << "no longer held past 0.6";
  EXPECT_EQ(at(-0.8f, 0).stickPushX, 0) << "re-armed only inside 0.3";
  EXPECT_EQ(at(-0.8f, 0).stickHeldX, -1) << "held the other way (a repeat stops: not its push's way)";
  EXPECT_EQ(at(0.1f, 0).stickPushX, 0);
  EXPECT_EQ(at(-0.8f, 0).stickPushX, -1);
  c = at(0, -0.9f);
  EXPECT_EQ(c.stickPushY, -1);
  EXPECT_EQ(c.stepFrames, -1);
  EXPECT_EQ(c.stickPushX, 0);
  // Each hand has its own push.
  raw.hand(xr::Hand::Left).thumbstick = {0.8f, 0};
  EXPECT_EQ(at(0, -0.9f).stickPushX, 1);
}

TEST(InputBindings, TheAimIsTheRightHandsUnlessOnlyTheLeftIsTracked) {
  InputBindings bindings;
  xr::RawInput raw;
  EXPECT_FALSE(bindings.map(raw).aim);
  engine::View left, right;
  left.position = {-1, 0, 0};
  right.position = {1, 0, 0};
  raw.hand(xr::Hand::Left).aim = left;
  EXPECT_FLOAT_EQ(bindings.map(raw).aim->position.x, -1);
  raw.hand(xr::Hand::Right).aim = right;
  EXPECT_FLOAT_EQ(bindings.map(raw).aim->position.x, 1);
}

TEST(InputBindings, TheMouseGoesToThePanelsAsItIs) {
  InputBindings bindings;
  xr::RawInput raw;
  raw.mouse.pointer = glm::vec2{10, 20};
  raw.mouse.uiDown = true;
  raw.mouse.pressedOnUi = glm::vec2{5, 6};
  raw.mouse.viewClicked = glm::vec2{7, 8};
  raw.gui.text = U"x";
  const Commands c = bindings.map(raw);
  EXPECT_EQ(c.pointer, raw.mouse.pointer);
  EXPECT_TRUE(c.pointerDown);
  EXPECT_EQ(c.pointerPressed, raw.mouse.pressedOnUi);
  EXPECT_EQ(c.viewClicked, raw.mouse.viewClicked);
  EXPECT_EQ(c.gui.text, U"x");
  EXPECT_FALSE(c.select) << "a click is no trigger";
}

TEST(RawInput, EdgesOfTwoPollsAddUp) {
  xr::RawInput a, b;
  a.keys = {{Key::Space}};
  b.keys = {{Key::N}};
  b.mouse.viewClicked = glm::vec2{1, 2};
  b.mouse.scroll = 2;
  b.hand(xr::Hand::Right).menu.pressed = true;
  xr::appendEdges(a, b);
  ASSERT_EQ(a.keys.size(), 2u);
  EXPECT_EQ(a.keys[1].key, Key::N);
  EXPECT_EQ(a.mouse.viewClicked, b.mouse.viewClicked);
  EXPECT_FLOAT_EQ(a.mouse.scroll, 2);
  EXPECT_TRUE(a.hand(xr::Hand::Right).menu.pressed);
  EXPECT_EQ(xr::keyNamed("space"), Key::Space);
  EXPECT_EQ(xr::keyName(Key::Z), "z");
  EXPECT_FALSE(xr::keyNamed("f13"));
}

}  // namespace
}  // namespace ps::player
