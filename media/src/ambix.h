#pragma once
// First-order ambisonics: AmbiX (ACN order W Y Z X, SN3D) to the FuMa order
// and weights OpenAL Soft 1.19's AL_EXT_BFORMAT takes (W X Y Z, W at -3 dB).
// At first order SN3D and FuMa differ only in W's weight.
#include <cmath>
#include <span>

namespace ps::media {

// In place; samples: interleaved 4-channel frames.
inline void ambixToFuma(std::span<float> samples) {
  const float wScale = static_cast<float>(1.0 / std::sqrt(2.0));
  for (std::size_t i = 0; i + 3 < samples.size(); i += 4) {
    const float w = samples[i], y = samples[i + 1], z = samples[i + 2], x = samples[i + 3];
    samples[i] = w * wScale;
    samples[i + 1] = x;
    samples[i + 2] = y;
    samples[i + 3] = z;
  }
}

}  // namespace ps::media
