#include "media/time_source.h"

#include <chrono>

namespace ps::media {

double SteadyTimeSource::now() const {
  using Seconds = std::chrono::duration<double>;
  return std::chrono::duration_cast<Seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace ps::media
