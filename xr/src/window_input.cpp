#include "xr/window_input.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <glm/trigonometric.hpp>

namespace ps::xr {

float HeadLook::hFovDeg(float aspect) const {
  return glm::degrees(2.0f * std::atan(std::tan(glm::radians(vFovDeg) * 0.5f) * aspect));
}

engine::V360Camera HeadLook::camera(float aspect) const {
  return engine::V360Camera{yawDeg, pitchDeg, 0.0f, hFovDeg(aspect), vFovDeg};
}

void WindowInput::handle(const WindowEvent& event, int viewportHeight) {
  if (const auto* key = std::get_if<KeyPressed>(&event)) {
    if (!captureKeyboard_ || !captureKeyboard_()) {
      if (key->key == Key::F) ++fullscreenToggles_;
      pending_.keys.push_back(KeyPress{key->key, key->shift, key->ctrl});
      pending_.held.set(static_cast<std::size_t>(key->key));
    }
  } else if (const auto* up = std::get_if<KeyReleased>(&event)) {
    pending_.held.reset(static_cast<std::size_t>(up->key));
  } else if (const auto* typed = std::get_if<CharTyped>(&event)) {
    pending_.gui.text += typed->codepoint;
  } else if (const auto* edit = std::get_if<EditKeyPressed>(&event)) {
    pending_.gui.keys.push_back(edit->press);
  } else if (const auto* button = std::get_if<MouseButtonChanged>(&event)) {
    const glm::vec2 at{static_cast<float>(button->x), static_cast<float>(button->y)};
    pointer_ = at;
    const bool onUi = (uiBand_ > 0 && button->y >= static_cast<double>(viewportHeight) - static_cast<double>(uiBand_)) ||
                      (capturePress_ && capturePress_(at));
    buttonDown_ = button->pressed;
    if (button->pressed) pending_.gui.pointerPressed = true;
    if (button->pressed && onUi) {
      uiPress_ = true;
      pending_.mouse.pressedOnUi = at;
    } else {
      if (!button->pressed) uiPress_ = false;
      // A press and release that did not turn the view is a click on it (a marker).
      if (!button->pressed && dragging_ && dragPixels_ <= kClickSlopPx) pending_.mouse.viewClicked = at;
      dragging_ = button->pressed;
      dragPixels_ = 0;
    }
    lastX_ = button->x;
    lastY_ = button->y;
  } else if (const auto* moved = std::get_if<CursorMoved>(&event)) {
    pointer_ = glm::vec2{static_cast<float>(moved->x), static_cast<float>(moved->y)};
    if (dragging_) dragPixels_ += std::hypot(moved->x - lastX_, moved->y - lastY_);
    if (dragging_ && viewportHeight > 0) {
      // Grab the picture: it moves with the cursor, so the head turns the other way.
      const double degreesPerPixel = static_cast<double>(look_.vFovDeg) / viewportHeight;
      look_.yawDeg -= static_cast<float>((moved->x - lastX_) * degreesPerPixel);
      look_.pitchDeg += static_cast<float>((moved->y - lastY_) * degreesPerPixel);
      look_.yawDeg = std::remainder(look_.yawDeg, 360.0f);  // stays within +-180
      look_.pitchDeg = std::clamp(look_.pitchDeg, -HeadLook::kMaxPitchDeg, HeadLook::kMaxPitchDeg);
    }
    lastX_ = moved->x;
    lastY_ = moved->y;
  } else if (const auto* scrolled = std::get_if<Scrolled>(&event)) {
    pending_.mouse.scroll += static_cast<float>(scrolled->dy);
    if (pointer_ && capturePress_ && capturePress_(*pointer_))
      pending_.gui.wheel += static_cast<float>(scrolled->dy);  // over a panel: scrolls it
    else
      look_.vFovDeg = std::clamp(look_.vFovDeg * std::pow(0.9f, static_cast<float>(scrolled->dy)),
                                 HeadLook::kMinVFovDeg, HeadLook::kMaxVFovDeg);
  }
}

RawInput WindowInput::take() {
  RawInput out = std::move(pending_);
  // Edges start over; held keys stay until released.
  pending_ = RawInput{};
  pending_.held = out.held;
  out.mouse.pointer = pointer_;
  out.mouse.uiDown = uiPress_;
  out.gui.pointer = pointer_;
  out.gui.pointerDown = buttonDown_;
  return out;
}

int WindowInput::takeFullscreenToggles() { return std::exchange(fullscreenToggles_, 0); }

}  // namespace ps::xr
