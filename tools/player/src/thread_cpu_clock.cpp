#include "player/thread_cpu_clock.h"

#include <cerrno>
#include <ctime>
#include <string>
#include <system_error>

namespace ps::player {

namespace {

double cpuSeconds(clockid_t clock, const char* name) {
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0)
    throw std::system_error(errno, std::generic_category(), std::string("clock_gettime(") + name + ")");
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

double threadCpuSeconds() { return cpuSeconds(CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID"); }

double processCpuSeconds() { return cpuSeconds(CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID"); }

}  // namespace ps::player
