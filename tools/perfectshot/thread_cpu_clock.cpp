#include "thread_cpu_clock.h"

#include <cerrno>
#include <ctime>
#include <system_error>

namespace ps::tools {

double threadCpuSeconds() {
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    throw std::system_error(errno, std::generic_category(), "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace ps::tools
