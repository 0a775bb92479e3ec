#pragma once
// The loader-runtime negotiation structs from the OpenXR loader's runtime interface
// document (loader_interfaces.h). The installed 1.0.20 headers do not ship them.
#include <cstddef>
#include <cstdint>

#include "xr_headers.h"

namespace ps::sim {

enum XrLoaderInterfaceStructs {
  XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
  XR_LOADER_INTERFACE_STRUCT_LOADER_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO,
};

inline constexpr std::uint32_t XR_LOADER_INFO_STRUCT_VERSION = 1;
inline constexpr std::uint32_t XR_RUNTIME_INFO_STRUCT_VERSION = 1;
inline constexpr std::uint32_t XR_CURRENT_LOADER_RUNTIME_VERSION = 1;

struct XrNegotiateLoaderInfo {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_LOADER_INFO
  std::uint32_t structVersion;          // XR_LOADER_INFO_STRUCT_VERSION
  std::size_t structSize;               // sizeof(XrNegotiateLoaderInfo)
  std::uint32_t minInterfaceVersion;
  std::uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
};

struct XrNegotiateRuntimeRequest {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST
  std::uint32_t structVersion;          // XR_RUNTIME_INFO_STRUCT_VERSION
  std::size_t structSize;               // sizeof(XrNegotiateRuntimeRequest)
  std::uint32_t runtimeInterfaceVersion;
  XrVersion runtimeApiVersion;
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};

}  // namespace ps::sim

extern "C" __attribute__((visibility("default"))) XrResult xrNegotiateLoaderRuntimeInterface(
    const ps::sim::XrNegotiateLoaderInfo* loaderInfo, ps::sim::XrNegotiateRuntimeRequest* runtimeRequest);
