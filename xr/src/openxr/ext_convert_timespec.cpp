#include "ext_convert_timespec.h"

namespace ps::xr::openxr {

void ConvertTimespecTime::onInstanceCreated(XrInstance instance) {
  toTimespec = load<PFN_xrConvertTimeToTimespecTimeKHR>(instance, "xrConvertTimeToTimespecTimeKHR");
  fromTimespec = load<PFN_xrConvertTimespecTimeToTimeKHR>(instance, "xrConvertTimespecTimeToTimeKHR");
}

}  // namespace ps::xr::openxr
