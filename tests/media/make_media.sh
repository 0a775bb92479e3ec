#!/usr/bin/env bash
# Generates the media the media/ tests read, into $1. Small on purpose (320x160,
# 30 fps, a few seconds): the tests run on shared 2-core machines.
# Every picture carries the frame stamp (tools/media/stamp.sh) so a test reads
# the frame number from the pixels instead of trusting timestamps.
set -euo pipefail
out="${1:?usage: make_media.sh <outdir>}"
source "$(dirname "$0")/../../tools/media/stamp.sh"
mkdir -p "$out"
cd "$out"

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
# src SIZE FRAMES: a moving test pattern with the stamp on top.
src() { printf 'testsrc2=size=%s:rate=30,trim=end_frame=%s,%s' "$1" "$2" "$(stamp_filter 0)"; }

# H.264 with B-frames and b-pyramid, short and long GOPs; open GOP.
ff -f lavfi -i "$(src 320x160 150)" -c:v libx264 -preset veryfast -pix_fmt yuv420p \
   -g 30 -keyint_min 30 -sc_threshold 0 -bf 3 -x264-params b-pyramid=normal gop30_bf3.mp4
ff -f lavfi -i "$(src 320x160 300)" -c:v libx264 -preset veryfast -pix_fmt yuv420p \
   -g 250 -keyint_min 250 -sc_threshold 0 -bf 3 -x264-params b-pyramid=normal gop250_bf3.mp4
ff -f lavfi -i "$(src 320x160 150)" -c:v libx264 -preset veryfast -pix_fmt yuv420p \
   -g 30 -keyint_min 30 -sc_threshold 0 -bf 3 -x264-params b-pyramid=normal:open-gop=1 opengop.mp4
# The same in Matroska, whose index (cues) holds keyframes only.
ff -i gop30_bf3.mp4 -c copy gop30_bf3.mkv

# Pixel formats, kept as decoded.
ff -f lavfi -i "$(src 320x160 10)" -c:v libx264 -preset veryfast -pix_fmt yuv420p10le f_yuv420p10.mp4
ff -f lavfi -i "$(src 320x160 10)" -c:v libx264 -preset veryfast -pix_fmt yuv444p f_yuv444p.mp4
ff -f lavfi -i "$(src 320x160 10)" -c:v libx264 -preset veryfast -pix_fmt yuv444p10le f_yuv444p10.mp4
ff -f lavfi -i "$(src 320x160 10)" -c:v rawvideo -pix_fmt nv12 f_nv12.nut
ff -f lavfi -i "$(src 320x160 10)" -c:v rawvideo -pix_fmt rgb24 f_rgb24.nut

# Range and matrix tags.
ff -f lavfi -i "$(src 320x160 5)" -c:v libx264 -preset veryfast -pix_fmt yuvj420p c_yuvj420p.mp4
ff -f lavfi -i "$(src 320x160 5)" -c:v libx264 -preset veryfast -pix_fmt yuv420p -color_range pc c_pc.mp4
ff -f lavfi -i "$(src 320x160 5)" -c:v libx264 -preset veryfast -pix_fmt yuv420p -colorspace bt709 c_bt709.mp4
ff -f lavfi -i "$(src 320x160 5)" -c:v libx264 -preset veryfast -pix_fmt yuv420p -colorspace smpte170m c_smpte170m.mp4
ff -f lavfi -i "$(src 320x160 5)" -c:v libx264 -preset veryfast -pix_fmt yuv420p10le -colorspace bt2020nc c_bt2020nc.mp4
ff -f lavfi -i "$(src 320x160 5)" -c:v libx264 -preset veryfast -pix_fmt yuv420p c_untagged_sd.mp4
ff -f lavfi -i "testsrc2=size=1280x720:rate=30,trim=end_frame=2" -c:v libx264 -preset ultrafast -pix_fmt yuv420p c_untagged_hd.mp4

# Top-bottom stereo: each eye has its own stamp at its own top-left.
ff -f lavfi -i "$(src 320x160 10)" -filter_complex "[0]split[a][b];[a][b]vstack" \
   -c:v libx264 -preset veryfast -pix_fmt yuv420p stereo_tb.mp4

# A/V sync: ten minutes at 30 fps; frame n is white (below the stamp) when n is a
# multiple of 30, and the audio (FLAC: lossless, no encoder delay) has a 5 ms
# click starting exactly at each whole second, the flash frame's start.
click="if(lt(mod(t\\,1)\\,0.005)\\,0.5\\,0)"
ff -f lavfi -i "color=black:size=256x48:rate=30:duration=600,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(mod(n\\,30)\\,0)',$(stamp_filter 0)" \
   -f lavfi -i "aevalsrc=${click}|${click}:s=48000:d=600" \
   -c:v libx264 -preset ultrafast -g 30 -pix_fmt yuv420p -c:a flac av_sync.mkv
# First-order ambisonics (AmbiX: W Y Z X, SN3D) of a tone from the left (+Y).
ff -f lavfi -i "aevalsrc=0.5*sin(2*PI*440*t)|0.5*sin(2*PI*440*t)|0|0:s=48000:d=2" -c:a pcm_f32le ambix_left.wav
# The same field as Opus in channel mapping family 2: the container says "ambisonic 1".
ff -i ambix_left.wav -c:a libopus -mapping_family 2 -b:a 256k ambix_left_opus.mp4

# A live stream joined mid-GOP: MPEG-TS cut at a packet boundary a third of the way in.
ff -i gop30_bf3.mp4 -c copy -f mpegts gop30_bf3.ts
size=$(stat -c %s gop30_bf3.ts)
dd if=gop30_bf3.ts of=joined_mid_gop.ts bs=188 skip=$((size / 188 / 3)) status=none
rm gop30_bf3.ts

# Bad input.
printf 'This is a text file, not a video.\n' > text.mp4
size=$(stat -c %s gop30_bf3.mp4)
head -c $((size / 2)) gop30_bf3.mp4 > truncated.mp4            # moov (at the end) is gone
ff -i gop30_bf3.mp4 -c copy -movflags +faststart faststart.mp4
size=$(stat -c %s faststart.mp4)
head -c $((size * 2 / 3)) faststart.mp4 > truncated_mdat.mp4   # moov intact, mdat cut
cp gop30_bf3.mp4 corrupt.mp4
size=$(stat -c %s corrupt.mp4)
# A fixed pattern, not /dev/urandom, so every run corrupts the same way.
head -c 3000 < <(yes 'PerfectShot corrupts this on purpose') |
  dd of=corrupt.mp4 bs=1 seek=$((size / 2)) conv=notrunc status=none
echo "media written to $out"
