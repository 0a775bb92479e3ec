#pragma once
// How a plate that is only shown (never read back on the CPU) is decoded: on the GPU where a
// Vulkan device on this machine imports the decoder's pictures, else in software. Asked before
// any display exists, since the plate is opened first.
#include <string>

#include "media/hardware_decode.h"
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

}  // namespace ps::player
