#pragma once
// The narration markers, the film camera's frame and a floor grid as the overlay layer's 3D
// geometry (engine/overlay_geometry.h), in the space they are laid out in (relative to the
// capture point): what reaches the eyes in the eye pass, depth-tested against the scene.
// Per marker on screen: the pin (a disc in its category's colour, a white ring, the dwell's
// progress arc), the stem, and the card at the marker's depth: a title bar with the category's
// accent and icon, opened (text, then the narration's caption of the moment) when selected, outlined when
// it is the editor's current one; all faded with the marker. Sizes in pixels come from the eye
// the markers were laid out for (marker_layout.h), so cards read as they did over the view.
// Markers outside the view get an arrow on its edge: per-eye geometry, in that eye's pixels.
#include <string>
#include <vector>

#include "engine/font_atlas.h"
#include "engine/overlay_geometry.h"
#include "scenes/marker.h"
#include "ui/film_frame.h"
#include "ui/marker_layout.h"
#include "ui/marker_painter.h"
#include "ui/view_projection.h"

namespace ps::ui {

// Cards and pins of the markers on screen into `common`, edge arrows into `edges`.
void buildMarkerGeometry(const std::vector<scenes::Marker>& markers, const std::vector<MarkerSprite>& sprites,
                         const MarkerPaint& paint, const engine::FontAtlas& atlas, engine::OverlayGeometry& common,
                         engine::OverlayGeometry& edges);

// An arrow on the view's edge pointing the way to turn, `size` pixels long, over an outline.
void edgeArrow(engine::OverlayGeometry& out, const EdgeIndicator& edge, float size, const glm::vec4& fill,
               const glm::vec4& outline);

// The film camera's frame: the clip on its quad (when withPicture: the layer's picture), the
// frustum's four edges from the camera, the frame's outline and a label above its top-left corner.
void buildFilmFrameGeometry(const FilmFrame& frame, const std::string& label, bool withPicture,
                            const engine::FontAtlas& atlas, engine::OverlayGeometry& out);

// A floor grid under the capture point (the floor is y = -captureOrigin.y relative to it).
void buildFloorGrid(const MarkerStyle& style, engine::OverlayGeometry& out, float halfExtentM = 10,
                    float spacingM = 1);

}  // namespace ps::ui
