#pragma once
// Whether a plate's video is decoded by the GPU's video engine. Hardware frames stay in GPU
// memory: they are handed out as dma-bufs (FrameView::dmaBuf) for a Vulkan device to import,
// never copied through CPU memory. So only a caller whose every use of the frames is such a
// device asks for them; thumbnails, proxies, lint and depth measurement decode in software.
//
// VAAPI is the one path: it is what Mesa (AMD, Intel) and Intel's media driver offer, and what
// NVIDIA's NVDEC offers through nvidia-vaapi-driver. FFmpeg's own CUDA frames cannot be exported
// as dma-bufs, and Debian's FFmpeg 5.1 has no Vulkan video decode to hand them over in.
#include <optional>
#include <string>
#include <string_view>

namespace ps::media {

enum class HardwareDecode {
  Off,    // software
  Auto,   // VAAPI where a device decodes the codec, else software (said in one line)
  Vaapi,  // VAAPI or an error saying why not
};

std::optional<HardwareDecode> parseHardwareDecode(std::string_view text);  // "off", "auto", "vaapi"
std::string_view toString(HardwareDecode h);

// Nothing when a VAAPI device opens on this machine, else why none does ("no DRM render node").
std::optional<std::string> whyNoVaapiDevice();

}  // namespace ps::media
