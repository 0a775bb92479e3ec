#include "runtime.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace ps::sim {

Runtime& runtime() {
  static Runtime rt;
  return rt;
}

namespace {
constexpr const char* kAwayVariable = "PERFECTSHOT_SIM_AWAY_UNTIL_NS";
}  // namespace

void setAwayUntil(std::int64_t ns) { setenv(kAwayVariable, std::to_string(ns).c_str(), 1); }

bool away(std::int64_t nowNs) {
  const char* until = std::getenv(kAwayVariable);
  return until != nullptr && nowNs < std::strtoll(until, nullptr, 10);
}

XrResult fillString(std::uint32_t capacity, std::uint32_t* countOut, char* buffer, const std::string& s) {
  if (countOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *countOut = static_cast<std::uint32_t>(s.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < s.size() + 1) return XR_ERROR_SIZE_INSUFFICIENT;
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  std::memcpy(buffer, s.c_str(), s.size() + 1);
  return XR_SUCCESS;
}

}  // namespace ps::sim
