#pragma once
// VAAPI decoding: the device, a decoder set up to decode on it, and each decoded surface
// exported as dma-bufs (DRM PRIME) that keep the surface from reuse while they live.
#include <memory>
#include <optional>
#include <string>

#include "media/decoded_frame.h"
#include "media/stream_info.h"
#include "scenes/frame_view.h"
#include "scenes/result.h"

struct AVBufferRef;
struct AVCodec;
struct AVCodecContext;

namespace ps::media {

class VaapiDevice {
 public:
  // The first DRM render node that VAAPI opens; an Error says why none did (no node, no driver).
  static Result<VaapiDevice> open();

  VaapiDevice(VaapiDevice&&) noexcept;
  VaapiDevice& operator=(VaapiDevice&&) noexcept;
  VaapiDevice(const VaapiDevice&) = delete;
  VaapiDevice& operator=(const VaapiDevice&) = delete;
  ~VaapiDevice();

  // "VAAPI on /dev/dri/renderD128"
  const std::string& description() const { return description_; }
  AVBufferRef* ref() const { return ref_; }

 private:
  VaapiDevice(AVBufferRef* ref, std::string description) : ref_(ref), description_(std::move(description)) {}
  AVBufferRef* ref_ = nullptr;
  std::string description_;
};

// Why FFmpeg's decoder for this codec cannot decode on a VAAPI device; nothing when it can.
std::optional<std::string> vaapiCannotDecode(const AVCodec& codec);

// Makes dec decode on the device (set before avcodec_open2). heldFrames: how many decoded frames
// the caller may hold at once (prefetched, shown, in flight on the GPU): a VAAPI surface pool
// does not grow, so the decoder's own references are not enough.
void decodeOnVaapi(AVCodecContext& dec, const VaapiDevice& device, int heldFrames);

// f: a decoded frame in VAAPI's surface format. The returned frame (DRM PRIME) refers to f's
// surface; `view` gets its size, colour and dmaBuf planes. Only 4:2:0 in NV12 or P010 is handed
// out: that is what a Vulkan device imports plane by plane.
Result<AVFramePtr> exportDmaBuf(const AVFrame& f, const StreamInfo& stream, FrameView& view, const std::string& where);

bool isVaapiFrame(const AVFrame& f);

}  // namespace ps::media
