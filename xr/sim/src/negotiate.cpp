// The library's one exported symbol: the loader asks which interface and API version
// we speak and gets xrGetInstanceProcAddr back.
#include "api.h"
#include "loader_negotiation.h"
#include "log.h"

using namespace ps::sim;

extern "C" XrResult xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loaderInfo,
                                                      XrNegotiateRuntimeRequest* runtimeRequest) {
  if (loaderInfo == nullptr || runtimeRequest == nullptr ||
      loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      loaderInfo->structVersion != XR_LOADER_INFO_STRUCT_VERSION ||
      loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo) ||
      runtimeRequest->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      runtimeRequest->structVersion != XR_RUNTIME_INFO_STRUCT_VERSION ||
      runtimeRequest->structSize != sizeof(XrNegotiateRuntimeRequest)) {
    log().error("xrNegotiateLoaderRuntimeInterface: malformed negotiation structs");
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  if (loaderInfo->minInterfaceVersion > XR_CURRENT_LOADER_RUNTIME_VERSION ||
      loaderInfo->maxInterfaceVersion < XR_CURRENT_LOADER_RUNTIME_VERSION ||
      XR_VERSION_MAJOR(loaderInfo->minApiVersion) > 1 || XR_VERSION_MAJOR(loaderInfo->maxApiVersion) < 1) {
    log().error("xrNegotiateLoaderRuntimeInterface: the loader wants interface {}..{}, this runtime speaks {}",
                loaderInfo->minInterfaceVersion, loaderInfo->maxInterfaceVersion, XR_CURRENT_LOADER_RUNTIME_VERSION);
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  runtimeRequest->runtimeInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  runtimeRequest->runtimeApiVersion = XR_CURRENT_API_VERSION;
  runtimeRequest->getInstanceProcAddr = &api::xrGetInstanceProcAddr;
  return XR_SUCCESS;
}
