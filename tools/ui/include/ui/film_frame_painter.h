#pragma once
// Draws the film camera's frame (film_frame.h) into the current Dear ImGui frame for one eye:
// the frustum's four edges from the camera, the frame's outline and a label above its
// top-left corner. The clip inside it is drawn by the caller (engine::ImGuiPass::pictureQuad)
// before this, so the outline stays on top.
#include <cstdint>
#include <string>

#include "ui/film_frame.h"
#include "ui/palette.h"
#include "ui/view_projection.h"

namespace ps::ui {

void paintFilmFrame(const FilmFrame& frame, const ViewProjection& eye, const std::string& label,
                    const Palette& palette);

// The outline's colour (sRGB bytes), so tests can find it.
inline constexpr std::uint8_t kFilmFrameRgb[3] = {255, 214, 0};

}  // namespace ps::ui
