#include "player/plate_decode.h"

#include "engine/device.h"
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

std::optional<std::string> whyFirstPictureCannotBeShown(media::VideoSource& source) {
  auto first = source.next();
  if (!first) return first.error().message();
  // No picture, or the decoder fell back to software itself (a profile the GPU does not decode):
  // nothing in GPU memory to import.
  if (!*first || !(*first)->view().dmaBuf) return std::nullopt;
  auto device = engine::Device::create();
  if (!device) return device.error().message();
  return engine::whyCannotImport(*device, (*first)->view());
}

}  // namespace ps::player
