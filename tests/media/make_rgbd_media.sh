#!/usr/bin/env bash
# Generates the RGB-D media the rgbd tests read, into $1: colour and depth at 320x160, 30 fps,
# 60 frames, short GOPs with B-frames (so that seeks land mid-GOP). Every picture, colour and
# depth, carries the frame stamp at its own top-left (tools/media/stamp.sh).
set -euo pipefail
out="${1:?usage: make_rgbd_media.sh <outdir>}"
source "$(dirname "$0")/../../tools/media/stamp.sh"
mkdir -p "$out"
cd "$out"

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
x264() { printf -- '-c:v libx264 -preset veryfast -g 10 -keyint_min 10 -sc_threshold 0 -bf 3'; }
# colour FRAMES [SIZE] [RATE]; depth FRAMES [SIZE] [RATE]: a grey picture unlike the colour's.
colour() { printf 'testsrc2=size=%s:rate=%s,trim=end_frame=%s,%s' "${2:-320x160}" "${3:-30}" "$1" "$(stamp_filter 0)"; }
depth() {
  printf 'testsrc=size=%s:rate=%s,trim=end_frame=%s,hue=s=0,%s' "${2:-320x160}" "${3:-30}" "$1" "$(stamp_filter 0)"
}

# Top-bottom: one stacked video, colour over depth.
ff -filter_complex "$(colour 60)[c];$(depth 60),format=gray,format=yuv420p[d];[c][d]vstack,format=yuv420p" \
   $(x264) tb.mp4
# The same stacked, but 320x322 (each half 161 rows: a chroma row would mix them); and 320x321.
ff -filter_complex "$(colour 4 320x161)[c];$(depth 4 320x161)[d];[c][d]vstack,format=yuv420p,scale=320:322" \
   -c:v ffv1 tb_half_odd.mkv
ff -filter_complex "$(colour 4 320x161)[c];$(depth 4 320x160)[d];[c][d]vstack,format=yuv444p" -c:v ffv1 tb_odd.mkv

# Separate: the colour, and depth in each grey format and 12-bit 4:2:0; the H.264 one (grey
# coded, decoded as 10-bit 4:2:0) with B-frames, for exact seeks.
ff -f lavfi -i "$(colour 60)" $(x264) -pix_fmt yuv420p sep_colour.mp4
ff -f lavfi -i "$(depth 60)" $(x264) -pix_fmt gray10le sep_depth_h264.mp4
for bits in "" 10 12 16; do
  ff -f lavfi -i "$(depth 60)" -c:v ffv1 -pix_fmt "gray${bits}${bits:+le}" "sep_depth_gray${bits:-8}.mkv"
done
ff -f lavfi -i "$(depth 60)" -c:v libx265 -preset ultrafast -x265-params log-level=error:keyint=10 \
   -pix_fmt yuv420p12le sep_depth_yuv12.mkv
# Depth that does not belong to the colour: shorter, another rate, another size.
ff -f lavfi -i "$(depth 50)" -c:v ffv1 -pix_fmt gray16le sep_depth_short.mkv
ff -f lavfi -i "$(depth 50 320x160 25)" -c:v ffv1 -pix_fmt gray16le sep_depth_25fps.mkv
ff -f lavfi -i "$(depth 60 160x80)" -c:v ffv1 -pix_fmt gray16le sep_depth_small.mkv
# inverse-split8's picture (8-bit 4:4:4) and a grey video where a plate is expected.
ff -f lavfi -i "$(depth 60)" -c:v libx264 -preset veryfast -g 10 -pix_fmt yuv444p sep_depth_444.mp4
touch done
