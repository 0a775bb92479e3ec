#include "vaapi_decode.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/hwcontext.h>
#include <libavutil/hwcontext_drm.h>
#include <libavutil/pixdesc.h>
}

#include <fmt/format.h>

#include "ffmpeg_check.h"
#include "pixel_format.h"

namespace ps::media {

namespace {

std::vector<std::string> renderNodes() {
  std::vector<std::string> nodes;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("renderD", 0) == 0) nodes.push_back(entry.path().string());
  }
  std::sort(nodes.begin(), nodes.end());
  return nodes;
}

}  // namespace

Result<VaapiDevice> VaapiDevice::open() {
  const std::vector<std::string> nodes = renderNodes();
  if (nodes.empty()) return Error{"VAAPI", "no DRM render node in /dev/dri (no GPU is visible here)", ""};
  std::string tried;
  for (const std::string& node : nodes) {
    AVBufferRef* ref = nullptr;
    const int r = av_hwdevice_ctx_create(&ref, AV_HWDEVICE_TYPE_VAAPI, node.c_str(), nullptr, 0);
    if (r >= 0) return VaapiDevice(ref, "VAAPI on " + node);
    tried += (tried.empty() ? "" : "; ") + node + ": av_hwdevice_ctx_create: " + ffmpegErrorText(r);
  }
  return Error{"VAAPI", "no render node opens: " + tried,
               "install the VAAPI driver for the GPU (mesa-va-drivers, intel-media-va-driver or nvidia-vaapi-driver)"};
}

VaapiDevice::VaapiDevice(VaapiDevice&& other) noexcept
    : ref_(std::exchange(other.ref_, nullptr)), description_(std::move(other.description_)) {}

VaapiDevice& VaapiDevice::operator=(VaapiDevice&& other) noexcept {
  if (this != &other) {
    av_buffer_unref(&ref_);
    ref_ = std::exchange(other.ref_, nullptr);
    description_ = std::move(other.description_);
  }
  return *this;
}

VaapiDevice::~VaapiDevice() { av_buffer_unref(&ref_); }

std::optional<std::string> vaapiCannotDecode(const AVCodec& codec) {
  for (int i = 0;; ++i) {
    const AVCodecHWConfig* config = avcodec_get_hw_config(&codec, i);
    if (config == nullptr) break;
    if (config->device_type == AV_HWDEVICE_TYPE_VAAPI && (config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0)
      return std::nullopt;
  }
  return std::string("FFmpeg's ") + codec.name + " decoder has no VAAPI acceleration";
}

void decodeOnVaapi(AVCodecContext& dec, const VaapiDevice& device, int heldFrames) {
  dec.hw_device_ctx = av_buffer_ref(device.ref());
  if (dec.hw_device_ctx == nullptr) throw std::bad_alloc();
  dec.extra_hw_frames = heldFrames;
  // The GPU decodes: CPU threads only multiply the surfaces held in flight.
  dec.thread_count = 1;
}

bool isVaapiFrame(const AVFrame& f) { return f.format == AV_PIX_FMT_VAAPI; }

Result<AVFramePtr> exportDmaBuf(const AVFrame& f, const StreamInfo& stream, FrameView& view, const std::string& where) {
  if (f.hw_frames_ctx == nullptr) return Error{where, "a VAAPI frame without its frames context", ""};
  const auto* frames = reinterpret_cast<const AVHWFramesContext*>(f.hw_frames_ctx->data);
  const std::optional<PixelFormat> format = toPixelFormat(frames->sw_format);
  if (!format || (*format != PixelFormat::Nv12 && *format != PixelFormat::P010)) {
    const char* name = av_get_pix_fmt_name(frames->sw_format);
    return Error{where, fmt::format("VAAPI decodes into '{}', which is not imported into Vulkan", name ? name : "unknown"),
                 "play with --hwdec off"};
  }
  AVFramePtr mapped(av_frame_alloc());
  if (!mapped) throw std::bad_alloc();
  mapped->format = AV_PIX_FMT_DRM_PRIME;
  if (const Status s = checked(av_hwframe_map(mapped.get(), &f, AV_HWFRAME_MAP_READ), "av_hwframe_map", where); !s)
    return s.error();
  const auto* desc = reinterpret_cast<const AVDRMFrameDescriptor*>(mapped->data[0]);
  DmaBufPicture picture;
  picture.device = "VAAPI";
  int count = 0;
  for (int l = 0; l < desc->nb_layers; ++l) {
    const AVDRMLayerDescriptor& layer = desc->layers[l];
    for (int p = 0; p < layer.nb_planes; ++p) {
      if (count == planeCount(*format)) return Error{where, "VAAPI exported more planes than the picture has", ""};
      const AVDRMPlaneDescriptor& plane = layer.planes[p];
      const AVDRMObjectDescriptor& object = desc->objects[plane.object_index];
      picture.planes[static_cast<std::size_t>(count++)] =
          DmaBufPlane{object.fd, layer.format, object.format_modifier, static_cast<std::uint64_t>(plane.offset),
                      static_cast<std::uint64_t>(plane.pitch)};
    }
  }
  if (count != planeCount(*format))
    return Error{where, fmt::format("VAAPI exported {} planes for a picture of {}", count, planeCount(*format)), ""};
  view = FrameView{};
  view.format = *format;
  view.width = static_cast<std::uint32_t>(f.width);
  view.height = static_cast<std::uint32_t>(f.height);
  const ResolvedColor c = resolveColor(f.colorspace, f.color_range, frames->sw_format, f.height);
  view.matrix = c.matrixAssumed ? stream.matrix : c.matrix;
  view.range = c.rangeAssumed ? stream.range : c.range;
  view.dmaBuf = picture;
  return mapped;
}

}  // namespace ps::media
