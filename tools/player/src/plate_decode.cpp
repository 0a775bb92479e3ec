#include "player/plate_decode.h"

#include "engine/dma_buf_support.h"

namespace ps::player {

Result<PlateDecode> plateDecode(media::HardwareDecode asked) {
  if (asked == media::HardwareDecode::Off) return PlateDecode{};
  if (const std::optional<std::string> noDevice = media::whyNoVaapiDevice()) {
    if (asked == media::HardwareDecode::Vaapi)
      return Error{"--hwdec vaapi", "no GPU decodes here: " + *noDevice, "use --hwdec auto or off"};
    return PlateDecode{media::HardwareDecode::Off, *noDevice};
  }
  const std::optional<std::string> why = engine::whyNoDmaBufImport();
  if (!why) return PlateDecode{asked, ""};
  if (asked == media::HardwareDecode::Vaapi)
    return Error{"--hwdec vaapi", "the GPU's decoded pictures cannot be shown: " + *why, "use --hwdec auto or off"};
  return PlateDecode{media::HardwareDecode::Off, "no Vulkan device imports the GPU's decoded pictures: " + *why};
}

}  // namespace ps::player
