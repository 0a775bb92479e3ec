#include "player/input_bindings.h"

#include <cmath>
#include <cstddef>

namespace ps::player {

namespace {

const xr::Button& buttonOf(const xr::ControllerInput& hand, Control control) {
  switch (control) {
    case Control::Trigger: return hand.trigger;
    case Control::Squeeze: return hand.squeeze;
    case Control::ThumbstickClick: return hand.thumbstickClick;
    case Control::Menu: return hand.menu;
    case Control::Primary: return hand.primary;
    case Control::Secondary: break;
  }
  return hand.secondary;
}

bool onHand(Hands hands, xr::Hand hand) {
  return hands == Hands::Either || (hands == Hands::Left) == (hand == xr::Hand::Left);
}

bool shiftMatches(Shift wanted, bool shift) {
  return wanted == Shift::Any || (wanted == Shift::With) == shift;
}

}  // namespace

InputBindings::InputBindings(std::span<const KeyBinding> keys, std::span<const ControlBinding> controls,
                             StickRules stick)
    : keys_(keys), controls_(controls), stick_(stick) {}

void InputBindings::apply(Command command, Commands& out) {
  switch (command) {
    case Command::TogglePlay: out.togglePlay = !out.togglePlay; break;  // two presses cancel out
    case Command::StepForward: ++out.stepFrames; break;
    case Command::StepBack: --out.stepFrames; break;
    case Command::JumpForward: out.jumpSeconds += 1.0; break;
    case Command::JumpBack: out.jumpSeconds -= 1.0; break;
    case Command::JumpToStart: out.jumpToStart = true, out.jumpToEnd = false; break;  // the later wins
    case Command::JumpToEnd: out.jumpToEnd = true, out.jumpToStart = false; break;
    case Command::SetLoopIn: out.setLoopIn = true; break;
    case Command::SetLoopOut: out.setLoopOut = true; break;
    case Command::NextMarker: out.nextMarker = true; break;
    case Command::ToggleFilmFrame: out.toggleFilmFrame = !out.toggleFilmFrame; break;
    case Command::ShuttleBack: keyShuttle_ = -1; break;
    case Command::ShuttleStop: keyShuttle_ = 0; break;
    case Command::ShuttleForward: keyShuttle_ = 1; break;
    case Command::Select: out.select = true; break;
    case Command::NextItem: out.itemStep += 1; break;
    case Command::PreviousItem: out.itemStep -= 1; break;
    case Command::Keep: out.keep = true; break;
  }
}

Commands InputBindings::map(const xr::RawInput& raw) {
  Commands out;
  for (const xr::KeyPress& press : raw.keys)
    for (const KeyBinding& b : keys_)
      if (b.key == press.key && shiftMatches(b.shift, press.shift)) apply(b.command, out);

  float stickShuttle = 0;
  for (std::size_t i = 0; i < raw.hands.size(); ++i) {
    const xr::ControllerInput& hand = raw.hands[i];
    const auto side = static_cast<xr::Hand>(i);
    for (const ControlBinding& b : controls_)
      if (onHand(b.hands, side) && buttonOf(hand, b.control).pressed) apply(b.command, out);
    out.grabbing = out.grabbing || hand.trigger.held;
    const float x = hand.thumbstick.x;
    if (std::abs(x) > stick_.shuttleDeadZone && std::abs(x) > std::abs(stickShuttle)) stickShuttle = x;
    const float y = hand.thumbstick.y;
    if (stepArmed_[i] && std::abs(y) > stick_.stepPush) {
      out.stepFrames += y > 0 ? 1 : -1;
      out.stickPushY += y > 0 ? 1 : -1;
      stepArmed_[i] = false;
    } else if (std::abs(y) < stick_.stepRelease) {
      stepArmed_[i] = true;
    }
    if (pushXArmed_[i] && std::abs(x) > stick_.stepPush) {
      out.stickPushX += x > 0 ? 1 : -1;
      pushXArmed_[i] = false;
    } else if (std::abs(x) < stick_.stepRelease) {
      pushXArmed_[i] = true;
    }
    if (!pushXArmed_[i] && std::abs(x) > stick_.stepPush) out.stickHeldX = x > 0 ? 1 : -1;
  }
  // The stick while it is pushed, else the keyboard's level.
  out.shuttle = stickShuttle != 0 ? stickShuttle : keyShuttle_;
  out.aim = raw.hand(xr::Hand::Right).aim ? raw.hand(xr::Hand::Right).aim : raw.hand(xr::Hand::Left).aim;

  out.pointer = raw.mouse.pointer;
  out.pointerDown = raw.mouse.uiDown;
  out.pointerPressed = raw.mouse.pressedOnUi;
  out.viewClicked = raw.mouse.viewClicked;
  out.gui = raw.gui;
  return out;
}

}  // namespace ps::player
