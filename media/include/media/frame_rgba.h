#pragma once
// A decoded picture converted to 8-bit RGBA on the CPU (opaque, the colour encoding kept: sRGB
// values in, sRGB values out), for what samples it as an ordinary texture: a mesh sequence's
// texture atlas. The plate never comes this way; the renderer converts it on the GPU.
#include <string>

#include "scenes/frame_view.h"
#include "scenes/mesh_scene.h"

namespace ps::media {

// Every format of FrameView, with its matrix and range; chroma taken from the nearest sample.
scenes::MeshImage frameToRgba(const FrameView& frame, std::string name);

}  // namespace ps::media
