#include "ui/head_box_floor.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ps::ui {

float headBoxFloorAlpha(const HeadBoxFloor& box, const glm::vec3& head) {
  const float reach = std::max(std::abs(head.x - box.capturePoint.x), std::abs(head.z - box.capturePoint.z)) / box.headBoxM;
  const float a = std::clamp((reach - 0.5f) / 0.25f, 0.0f, 1.0f);
  return std::round(a * 8.0f) / 8.0f;
}

void buildHeadBoxFloor(const HeadBoxFloor& box, float alpha, engine::OverlayGeometry& out) {
  if (!(alpha > 0)) return;
  const glm::vec3 foot(box.capturePoint.x, 0.0f, box.capturePoint.z);
  out.floorGrid(foot, box.headBoxM + 2.0f, 0.5f, engine::linearColour(200, 200, 210, 0.35f * alpha), 0.01f);
  const float h = box.headBoxM;
  const std::array<glm::vec3, 4> square{foot + glm::vec3(-h, 0, -h), foot + glm::vec3(h, 0, -h),
                                        foot + glm::vec3(h, 0, h), foot + glm::vec3(-h, 0, h)};
  out.polyline(square,
               engine::linearColour(kHeadBoxOutlineRgb[0], kHeadBoxOutlineRgb[1], kHeadBoxOutlineRgb[2], 0.9f * alpha),
               0.03f, engine::WidthUnit::Metres, true);
}

}  // namespace ps::ui
