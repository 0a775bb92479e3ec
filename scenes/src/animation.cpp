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

int findAnimation(const std::vector<Animation>& animations, const std::string& name) {
  for (std::size_t i = 0; i < animations.size(); ++i)
    if (animations[i].name == name) return static_cast<int>(i);
  return -1;
}

glm::mat4 NodeTrs::matrix() const {
  return glm::scale(glm::translate(glm::mat4(1.0f), translation) * glm::mat4_cast(rotation), scale);
}

}  // namespace ps::scenes
