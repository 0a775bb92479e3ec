#pragma once
// How a plate that is only shown (never read back on the CPU) is decoded: on the GPU where a
// Vulkan device on this machine imports the decoder's pictures, else in software. Asked before
// any display exists, since the plate is opened first.
#include <optional>
#include <string>

#include "media/hardware_decode.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::player {

struct PlateDecode {
  media::HardwareDecode hardware = media::HardwareDecode::Off;
  // Why Auto became Off here: said in the one line, when the plate opens, that says how its
  // video is decoded (with hardware asked, the plate's open says it).
  std::string softwareBecause;
};

// Off stays off. Auto without a device that imports dma-bufs is Off; Vaapi without one is an Error.
Result<PlateDecode> plateDecode(media::HardwareDecode asked);

// For a plate opened on the GPU: decodes its first picture and imports it on a Vulkan device made
// for the check. Nothing when it imports, else why not (a modifier the driver does not take, a
// surface that cannot be exported). The source has moved past its first frame after this.
std::optional<std::string> whyFirstPictureCannotBeShown(media::VideoSource& source);

}  // namespace ps::player
