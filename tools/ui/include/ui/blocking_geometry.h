#pragma once
// The crew's blocking (scenes/blocking.h) at a shot time, as overlay geometry in stage space
// (the floor is y = 0), depth-tested by the overlay layer against the sets and the capture:
//   - a floor mark: a ring on the floor in its colour, a tick the way it faces, its name;
//   - an actor: a column from the floor to the figure's height at where the path puts them at
//     t, a disc for the head, the actor's name above; behind them the trail on the floor, fading
//     with age to nothing at trail_seconds;
//   - the dolly track: two rails on the floor along its polyline;
//   - a kept measurement: the segment, a tick at each end and its length ("2.10 m") at the middle.
// Widths are in metres, so what lies on the floor thins with distance as tape on a stage does.
#include <cstdint>

#include "engine/font_atlas.h"
#include "engine/overlay_geometry.h"
#include "scenes/blocking.h"

namespace ps::ui {

inline constexpr float kFloorMarkRadiusM = 0.25f;
inline constexpr float kActorColumnWidthM = 0.12f;
inline constexpr float kDollyGaugeM = 0.6f;  // between the rails

void buildBlockingGeometry(const scenes::Blocking& blocking, double shotSeconds, const engine::FontAtlas& atlas,
                           engine::OverlayGeometry& out);

// One measurement: the segment, a dot at each end, its name and length ("2.10 m") at the middle.
void buildMeasurementGeometry(const scenes::Measurement& m, const engine::FontAtlas& atlas, engine::OverlayGeometry& out);

// Whether the geometry at shot time `a` and at `b` may differ: an actor's position or trail
// moves. A still blocking (marks, the dolly, measurements) needs building once.
bool blockingMovesBetween(const scenes::Blocking& blocking, double a, double b);

}  // namespace ps::ui
