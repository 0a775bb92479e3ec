#include "scenes/animation.h"

#include <algorithm>

#include <glm/gtc/matrix_transform.hpp>

namespace ps::scenes {

float Animation::duration() const {
  float last = 0.0f;
  for (const AnimationSampler& s : samplers)
    if (!s.times.empty()) last = std::max(last, s.times.back());
  return last;
}

glm::mat4 NodeTrs::matrix() const {
  return glm::scale(glm::translate(glm::mat4(1.0f), translation) * glm::mat4_cast(rotation), scale);
}

}  // namespace ps::scenes
