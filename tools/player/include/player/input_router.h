#pragma once
// One display frame's input passed through the app's handlers in order (the timeline, the
// editor, marker picking, then the player's commands). A handler sees the input as the ones
// before it left it and says which presses it took: those are cleared, so no later handler
// (and no command) acts on the same press. A trigger pressed on the timeline scrubs; it is
// not also play/pause.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "player/commands.h"

namespace ps::player {

// The presses a handler can take (a bit set).
enum class Taken : std::uint8_t {
  None = 0,
  Select = 1 << 0,          // Commands::select: the trigger press
  PointerPressed = 1 << 1,  // Commands::pointerPressed: a press on a panel
  ViewClicked = 1 << 2,     // Commands::viewClicked: a click on the view
};
constexpr Taken operator|(Taken a, Taken b) {
  return static_cast<Taken>(static_cast<std::uint8_t>(a) | static_cast<std::uint8_t>(b));
}
constexpr bool any(Taken set, Taken bit) {
  return (static_cast<std::uint8_t>(set) & static_cast<std::uint8_t>(bit)) != 0;
}

class InputRouter {
 public:
  // May change `input` (e.g. an editor that holds the keyboard clears the key actions).
  using Handler = std::function<Taken(Commands& input)>;

  // Handlers run in the order they were added.
  void add(std::string name, Handler handler);

  // Runs every handler once over `input`; clears each press a handler took before the next
  // runs. Returns the name of the handler that took the select press ("" when none did).
  std::string_view route(Commands& input);

 private:
  struct Entry {
    std::string name;
    Handler handle;
  };
  std::vector<Entry> handlers_;
};

}  // namespace ps::player
