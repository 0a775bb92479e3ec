#include "rgbd_head_box.h"

#include <cmath>

namespace ps::engine {

namespace {

float ease(float x, float halfSize) {
  const float soft = halfSize * kHeadBoxEase;
  const float knee = halfSize - soft;
  const float a = std::abs(x);
  if (a <= knee) return x;
  // tanh leaves the knee with slope 1 and tends to the face.
  return std::copysign(knee + soft * std::tanh((a - knee) / soft), x);
}

}  // namespace

glm::vec3 parallaxOffset(const glm::vec3& offset, float halfSizeM) {
  return {ease(offset.x, halfSizeM), ease(offset.y, halfSizeM), ease(offset.z, halfSizeM)};
}

}  // namespace ps::engine
