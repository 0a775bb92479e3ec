#include "xr/input_actions.h"

namespace ps::xr {

void addEdges(InputActions& into, const InputActions& more) {
  into.togglePlay = into.togglePlay != more.togglePlay;  // two presses cancel out
  into.stepFrames += more.stepFrames;
  into.jumpSeconds += more.jumpSeconds;
  into.jumpToStart = into.jumpToStart || more.jumpToStart;
  into.jumpToEnd = into.jumpToEnd || more.jumpToEnd;
  into.setLoopIn = into.setLoopIn || more.setLoopIn;
  into.setLoopOut = into.setLoopOut || more.setLoopOut;
  into.nextMarker = into.nextMarker || more.nextMarker;
  into.recenter = into.recenter || more.recenter;
  into.menu = into.menu || more.menu;
  into.toggleFilmFrame = into.toggleFilmFrame != more.toggleFilmFrame;
  into.select = into.select || more.select;
  into.quit = into.quit || more.quit;
  if (more.pointerPressed) into.pointerPressed = more.pointerPressed;
  if (more.viewClicked) into.viewClicked = more.viewClicked;
}

}  // namespace ps::xr
