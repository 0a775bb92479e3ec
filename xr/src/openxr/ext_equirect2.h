#pragma once
// XR_KHR_composition_layer_equirect2 (where offered): the compositor samples a mono 360
// picture itself, so the app draws nothing per eye. Opt-in (OpenXrDisplayOptions::equirectLayer);
// the projection layer is the default path and works everywhere.
#include "extension.h"

namespace ps::xr::openxr {

class CompositionLayerEquirect2 final : public Extension {
 public:
  const char* name() const override { return XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME; }
};

}  // namespace ps::xr::openxr
