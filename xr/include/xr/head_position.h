#pragma once
// Where the head is: between the eyes, the mean of their positions (stage space, metres).
// The listener, the panel's and the overlay's placement and the gaze ray all start there.
#include <vector>

#include <glm/vec3.hpp>

#include "xr/display.h"

namespace ps::xr {

inline glm::vec3 headPosition(const std::vector<EyeTarget>& eyes) {
  glm::vec3 sum(0.0f);
  for (const EyeTarget& e : eyes) sum += e.view.position;
  return eyes.empty() ? sum : sum / static_cast<float>(eyes.size());
}

}  // namespace ps::xr
