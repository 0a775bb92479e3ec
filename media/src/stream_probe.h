#pragma once
// Reading what a stream is from the demuxer, at open.
#include <optional>

#include "ffmpeg_handles.h"
#include "media/stream_info.h"
#include "scenes/layout.h"
#include "scenes/result.h"

namespace ps::media {

// Projection and stereo: the stream's spherical / stereo3d side data, else the
// manifest's, else guessed from the size. Not logged here: the sources say which, and only the
// caller knows whether the layout is used at all.
FrameLayout readLayout(const AVStream& stream, const std::optional<FrameLayout>& manifest, const std::string& url);

// The longest keyframe distance in frames, from the demuxer's index, else by
// reading the first packets (then the demuxer is rewound; failing that is the error).
Status readKeyframeInterval(AVFormatContext& fmt, AVStream& stream, StreamInfo& info);

// Where the file ends before the data its index lists: the display time
// (seconds) of the first frame whose bytes are missing. Empty when complete or
// when the demuxer keeps no byte positions.
std::optional<double> truncatedAt(AVFormatContext& fmt, AVStream& stream, const StreamInfo& info);

// Everything else in StreamInfo, from the opened demuxer and decoder. untaggedMatrix: the matrix
// where the stream tags none, already said by the caller; absent: assumed from the size, and said.
StreamInfo describeStream(const std::string& url, const AVFormatContext& fmt, const AVStream& stream,
                          const AVCodecContext& decoder, std::optional<ColorMatrix> untaggedMatrix = std::nullopt);

}  // namespace ps::media
