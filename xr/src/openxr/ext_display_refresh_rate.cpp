#include "ext_display_refresh_rate.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace ps::xr::openxr {

void DisplayRefreshRate::onInstanceCreated(XrInstance instance) {
  enumerate_ = load<PFN_xrEnumerateDisplayRefreshRatesFB>(instance, "xrEnumerateDisplayRefreshRatesFB");
  request_ = load<PFN_xrRequestDisplayRefreshRateFB>(instance, "xrRequestDisplayRefreshRateFB");
}

void DisplayRefreshRate::requestHighest(XrSession session) const {
  try {
    std::uint32_t count = 0;
    PS_XR_CHECK(enumerate_(session, 0, &count, nullptr));
    std::vector<float> rates(count);
    PS_XR_CHECK(enumerate_(session, count, &count, rates.data()));
    if (rates.empty()) return;
    const float best = *std::max_element(rates.begin(), rates.end());
    PS_XR_CHECK(request_(session, best));
    spdlog::info("openxr: display refresh rate {} Hz requested", best);
  } catch (const XrCallError& e) {
    if (e.isLoss()) throw;
    spdlog::warn("openxr: keeping the runtime's refresh rate ({})", e.what());
  }
}

}  // namespace ps::xr::openxr
