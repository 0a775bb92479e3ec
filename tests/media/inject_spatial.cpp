// Test tool: remuxes a file, adding spherical (equirect, 360 or 180) and
// stereo3d stream side data to its video stream, because the ffmpeg CLI cannot
// add them. Usage: ps_media_inject_spatial IN OUT 360|180|none mono|top-bottom|left-right|none
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/spherical.h>
#include <libavutil/stereo3d.h>
}

namespace {

struct InputDeleter {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct OutputDeleter {
  void operator()(AVFormatContext* c) const {
    if (c->pb != nullptr) avio_closep(&c->pb);
    avformat_free_context(c);
  }
};
struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};

int fail(const char* what, int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  std::fprintf(stderr, "inject_spatial: %s: %s\n", what, buf);  // a test tool's stderr, no spdlog here
  return 1;
}

bool addSpherical(AVStream* st, const std::string& projection) {
  if (projection == "none") return true;
  size_t size = 0;
  AVSphericalMapping* m = av_spherical_alloc(&size);
  if (m == nullptr) return false;
  m->projection = AV_SPHERICAL_EQUIRECTANGULAR;
  if (projection == "180") {
    // Bounds: 0.32 fixed-point fractions cropped from each side; a quarter each
    // side leaves the middle 180 degrees of longitude. The Matroska muxer writes
    // bounds only for the tiled variant (MP4 writes them for both).
    m->projection = AV_SPHERICAL_EQUIRECTANGULAR_TILE;
    m->bound_left = m->bound_right = 0x40000000u;
  }
  uint8_t* dst = av_stream_new_side_data(st, AV_PKT_DATA_SPHERICAL, size);
  if (dst == nullptr) {
    av_free(m);
    return false;
  }
  std::memcpy(dst, m, size);
  av_free(m);
  return true;
}

bool addStereo(AVStream* st, const std::string& stereo) {
  if (stereo == "none") return true;
  AVStereo3D* s = av_stereo3d_alloc();
  if (s == nullptr) return false;
  s->type = stereo == "top-bottom" ? AV_STEREO3D_TOPBOTTOM
            : stereo == "left-right" ? AV_STEREO3D_SIDEBYSIDE
                                     : AV_STEREO3D_2D;
  uint8_t* dst = av_stream_new_side_data(st, AV_PKT_DATA_STEREO3D, sizeof(AVStereo3D));
  if (dst != nullptr) std::memcpy(dst, s, sizeof(AVStereo3D));
  av_free(s);
  return dst != nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s IN OUT 360|180|none mono|top-bottom|left-right|none\n", argv[0]);
    return 2;
  }
  AVFormatContext* rawIn = nullptr;
  if (int r = avformat_open_input(&rawIn, argv[1], nullptr, nullptr); r < 0) return fail("open input", r);
  std::unique_ptr<AVFormatContext, InputDeleter> in(rawIn);
  if (int r = avformat_find_stream_info(in.get(), nullptr); r < 0) return fail("stream info", r);

  AVFormatContext* rawOut = nullptr;
  if (int r = avformat_alloc_output_context2(&rawOut, nullptr, nullptr, argv[2]); r < 0) return fail("output", r);
  std::unique_ptr<AVFormatContext, OutputDeleter> out(rawOut);
  // The mov muxer writes sv3d/st3d only when unofficial extensions are allowed.
  out->strict_std_compliance = FF_COMPLIANCE_UNOFFICIAL;

  for (unsigned i = 0; i < in->nb_streams; ++i) {
    AVStream* st = avformat_new_stream(out.get(), nullptr);
    if (st == nullptr) return fail("new stream", AVERROR(ENOMEM));
    if (int r = avcodec_parameters_copy(st->codecpar, in->streams[i]->codecpar); r < 0) return fail("copy", r);
    st->codecpar->codec_tag = 0;
    st->time_base = in->streams[i]->time_base;
    if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
      if (!addSpherical(st, argv[3]) || !addStereo(st, argv[4])) return fail("side data", AVERROR(ENOMEM));
    }
  }
  if (int r = avio_open(&out->pb, argv[2], AVIO_FLAG_WRITE); r < 0) return fail("open output", r);
  if (int r = avformat_write_header(out.get(), nullptr); r < 0) return fail("write header", r);
  std::unique_ptr<AVPacket, PacketDeleter> pkt(av_packet_alloc());
  while (av_read_frame(in.get(), pkt.get()) >= 0) {
    const AVStream* from = in->streams[pkt->stream_index];
    const AVStream* to = out->streams[pkt->stream_index];
    av_packet_rescale_ts(pkt.get(), from->time_base, to->time_base);
    pkt->pos = -1;
    if (int r = av_interleaved_write_frame(out.get(), pkt.get()); r < 0) return fail("write", r);
  }
  if (int r = av_write_trailer(out.get()); r < 0) return fail("trailer", r);
  return 0;
}
