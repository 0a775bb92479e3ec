#pragma once
// The player's bindings: which key and which controller input asks for which command, as
// tables, and the one object that applies them to a display's raw input each frame.
//
//   window keys (also typed into the headset's mirror window)
//   space         play / pause          <- / ->        one frame
//   shift+<- / -> one second            J / K / L      shuttle -1 / 0 / +1 (held until changed;
//   Home / End    jump to start / end                  pressing J or L again does not speed up)
//   I / O         loop in / out at the playhead
//   N             next marker           C              film frame on / off
//   shift+N / P   an episode's next / previous item
//   (F and Esc are the window's own: fullscreen, close; E turns the marker editor on.)
//
//   controllers (xr::ControllerInput, either hand unless named)
//   trigger       select (play / pause, or what the aim points at); held: grabbing
//   primary       play / pause (A / X; Vive: trackpad click)
//   secondary     right B: one frame forward; left Y: one frame back
//   menu          film frame on / off
//   squeeze       an episode's next item (right hand) / previous item (left hand); keep (the
//                 measuring tape's measurement, the marker editor's headset menu entry)
//   (the thumbstick's click is the headset's own recentre: xr/src/openxr/controls.cpp)
//   thumbstick x  shuttle past a dead zone of 0.2 (the larger of the hands; over the keys')
//   thumbstick y  pushed past 0.6: one frame forward (up) / back (down); again once back
//                 within 0.3
//   (the marker editor in the headset, with a marker selected, takes the thumbstick instead:
//   see marker_editor.h)
// The aim is the right hand's, the left's when only it is tracked.
#include <array>
#include <cstdint>
#include <span>

#include "player/commands.h"
#include "xr/raw_input.h"

namespace ps::player {

enum class Command : std::uint8_t {
  TogglePlay, StepForward, StepBack, JumpForward, JumpBack, JumpToStart, JumpToEnd,
  SetLoopIn, SetLoopOut, NextMarker, ToggleFilmFrame,
  ShuttleBack, ShuttleStop, ShuttleForward,  // keys: the keyboard's shuttle level, kept until changed
  Select,
  NextItem, PreviousItem,  // an episode's
  Keep,                    // keep what is shown (the measuring tape's measurement)
};

// Whether a key binding asks for shift.
enum class Shift : std::uint8_t { Any, Without, With };

struct KeyBinding {
  xr::Key key;
  Shift shift;
  Command command;
};

enum class Control : std::uint8_t { Trigger, Squeeze, ThumbstickClick, Menu, Primary, Secondary };
enum class Hands : std::uint8_t { Either, Left, Right };

// A controller button's press asks for the command.
struct ControlBinding {
  Control control;
  Hands hands;
  Command command;
};

// The thumbstick's axes: x a level, y a push per step.
struct StickRules {
  float shuttleDeadZone = 0.2f;  // |x| at or below: no shuttle
  float stepPush = 0.6f;         // |y| past this is one step
  float stepRelease = 0.3f;      // and must come back inside this before the next
};

inline constexpr std::array kKeyBindings{
    KeyBinding{xr::Key::Space, Shift::Any, Command::TogglePlay},
    KeyBinding{xr::Key::Right, Shift::Without, Command::StepForward},
    KeyBinding{xr::Key::Left, Shift::Without, Command::StepBack},
    KeyBinding{xr::Key::Right, Shift::With, Command::JumpForward},
    KeyBinding{xr::Key::Left, Shift::With, Command::JumpBack},
    KeyBinding{xr::Key::Home, Shift::Any, Command::JumpToStart},
    KeyBinding{xr::Key::End, Shift::Any, Command::JumpToEnd},
    KeyBinding{xr::Key::I, Shift::Any, Command::SetLoopIn},
    KeyBinding{xr::Key::O, Shift::Any, Command::SetLoopOut},
    KeyBinding{xr::Key::N, Shift::Without, Command::NextMarker},
    KeyBinding{xr::Key::N, Shift::With, Command::NextItem},
    KeyBinding{xr::Key::P, Shift::With, Command::PreviousItem},
    KeyBinding{xr::Key::C, Shift::Any, Command::ToggleFilmFrame},
    KeyBinding{xr::Key::J, Shift::Any, Command::ShuttleBack},
    KeyBinding{xr::Key::K, Shift::Any, Command::ShuttleStop},
    KeyBinding{xr::Key::L, Shift::Any, Command::ShuttleForward},
};

inline constexpr std::array kControlBindings{
    ControlBinding{Control::Trigger, Hands::Either, Command::Select},
    ControlBinding{Control::Primary, Hands::Either, Command::TogglePlay},
    ControlBinding{Control::Secondary, Hands::Right, Command::StepForward},
    ControlBinding{Control::Secondary, Hands::Left, Command::StepBack},
    ControlBinding{Control::Menu, Hands::Either, Command::ToggleFilmFrame},
    ControlBinding{Control::Squeeze, Hands::Right, Command::NextItem},
    ControlBinding{Control::Squeeze, Hands::Left, Command::PreviousItem},
    // An episode's items and the tape's keep never meet: the tape is for a shot's rehearsal.
    ControlBinding{Control::Squeeze, Hands::Either, Command::Keep},
};

class InputBindings {
 public:
  explicit InputBindings(std::span<const KeyBinding> keys = kKeyBindings,
                         std::span<const ControlBinding> controls = kControlBindings, StickRules stick = {});

  // This frame's commands from the display's raw input; call once per input() call (the
  // keyboard's shuttle and the thumbstick's step are kept between calls).
  Commands map(const xr::RawInput& raw);

 private:
  void apply(Command command, Commands& out);

  std::span<const KeyBinding> keys_;
  std::span<const ControlBinding> controls_;
  StickRules stick_;
  float keyShuttle_ = 0;
  std::array<bool, 2> stepArmed_{true, true};  // per hand: the stick came back since its last step
  std::array<bool, 2> pushXArmed_{true, true};  // per hand: the same for x's push
};

}  // namespace ps::player
