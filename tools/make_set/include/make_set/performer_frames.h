#pragma once
// A generated volumetric performer: a figure of boxes that walks a straight path, one GLB a
// frame with its geometry baked into the frame (as a capture is: no nodes moving, one mesh per
// colour), for the demo shot's mesh sequence and prep's tests.
//
// Frame i of n, in glTF's stage space (metres, +Y up): the figure stands on the floor (y = 0,
// its feet touching it when the legs hang straight) at (x, 0, kPerformerZ), x running evenly
// from kPerformerStartX (frame 0) to kPerformerEndX (frame n - 1), facing +X. Legs (hips at
// kPerformerHipY, kPerformerLegLength long) and arms swing in opposite phase by up to
// kPerformerSwingDeg, kPerformerStrides full strides over the walk; the body comes down as the
// legs spread (by at most kPerformerBob), so that the lowest foot always touches the floor: its
// lowest point is y = 0, and its head's top within kPerformerBob below kPerformerHeight (up to
// 5 mm above it when a nearly straight leg stands on its foot's corner). Torso and arms are
// "shirt" blue, legs "trousers" dark, head "skin". 12 triangles a box, 6 boxes: 72 triangles.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ps::make_set {

inline constexpr float kPerformerStartX = -1.5f, kPerformerEndX = 1.5f, kPerformerZ = -2.7f;
inline constexpr float kPerformerHipY = 0.88f, kPerformerLegLength = 0.88f, kPerformerHeight = 1.73f;
inline constexpr float kPerformerSwingDeg = 25.0f;
inline constexpr float kPerformerBob = 0.06f;  // the most the body comes down at full stride
inline constexpr int kPerformerStrides = 2;
inline constexpr std::size_t kPerformerTriangles = 72;

// The GLB of frame `index` of `frames` (index < frames).
std::vector<std::uint8_t> performerFrame(std::size_t index, std::size_t frames);

}  // namespace ps::make_set
