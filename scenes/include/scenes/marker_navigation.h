#pragma once
// "Next marker": where the playhead goes from a shot time. Plain data.
#include <vector>

#include "scenes/marker.h"

namespace ps::scenes {

// The marker with the earliest tIn after t (document order breaks ties), or
// nullptr when none starts later. A tIn within toleranceSeconds after t counts
// as reached: a frame-accurate seek lands on the frame that holds tIn, whose
// start can be just before it, and "next" from there must move on.
const Marker* nextMarker(const std::vector<Marker>& markers, double t, double toleranceSeconds = 0);

}  // namespace ps::scenes
