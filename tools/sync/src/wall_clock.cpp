#include "sync/wall_clock.h"

#include <time.h>

namespace ps::sync {

double wallClockSeconds() {
  timespec t{};
  clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace ps::sync
