#include "player/input_router.h"

#include <utility>

namespace ps::player {

void InputRouter::add(std::string name, Handler handler) {
  handlers_.push_back(Entry{std::move(name), std::move(handler)});
}

std::string_view InputRouter::route(Commands& input) {
  std::string_view selectTaker;
  for (const Entry& entry : handlers_) {
    const bool hadSelect = input.select;
    const Taken taken = entry.handle(input);
    if (any(taken, Taken::Select)) {
      if (hadSelect && selectTaker.empty()) selectTaker = entry.name;
      input.select = false;
    }
    if (any(taken, Taken::PointerPressed)) input.pointerPressed.reset();
    if (any(taken, Taken::ViewClicked)) input.viewClicked.reset();
  }
  return selectTaker;
}

}  // namespace ps::player
