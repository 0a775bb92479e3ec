#include "media/hardware_decode.h"

#include "vaapi_decode.h"

namespace ps::media {

std::optional<HardwareDecode> parseHardwareDecode(std::string_view text) {
  if (text == "off") return HardwareDecode::Off;
  if (text == "auto") return HardwareDecode::Auto;
  if (text == "vaapi") return HardwareDecode::Vaapi;
  return std::nullopt;
}

std::string_view toString(HardwareDecode h) {
  switch (h) {
    case HardwareDecode::Off: return "off";
    case HardwareDecode::Auto: return "auto";
    case HardwareDecode::Vaapi: return "vaapi";
  }
  return "off";
}

std::optional<std::string> whyNoVaapiDevice() {
  Result<VaapiDevice> device = VaapiDevice::open();
  if (device) return std::nullopt;
  return device.error().message();
}

}  // namespace ps::media
