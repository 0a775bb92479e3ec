#!/usr/bin/env bash
# Generates the benchmark media (large; never committed) into OUT_DIR:
# 3840x1920 H.264 30 fps, 10 s, B-frames, with GOP 30 and GOP 250, carrying the
# frame stamp so the seek benchmark can prove it landed on the right frame. With --8k, also an
# 8K (7680x3840) 10-bit HEVC plate, 5 s, as prep --max-width full --codec hevc keeps a master:
# the hardware decode benchmark's (slow to encode on a few cores: a few minutes).
#   tools/bench/make-bench-media.sh [--8k] [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../media/stamp.sh"
source "$here/../media/calibration.sh"
with8k=0
if [ "${1:-}" = "--8k" ]; then with8k=1; shift; fi
out="${1:-$here/../../build/bench-media}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
w=3840 h=1920 fps=30 seconds=10
calibration_png $w $h "$tmp/cal.png" "BENCH"
for gop in 30 250; do
  dst="$out/equirect_${w}x${h}_gop${gop}.mp4"
  [ -s "$dst" ] && continue
  # Camera-like content: the picture drifts and breathes, so every frame costs real decode work.
  ffmpeg -v error -y -loop 1 -framerate $fps -i "$tmp/cal.png" \
    -vf "scroll=horizontal=0.0005,noise=alls=6:allf=t,$(stamp_filter 0),format=yuv420p" \
    -t $seconds -r $fps -c:v libx264 -preset veryfast -crf 20 -g $gop -keyint_min $gop -bf 3 \
    -colorspace bt709 -color_primaries bt709 -color_trc bt709 -movflags +faststart "$tmp/out.mp4"
  mv "$tmp/out.mp4" "$dst"
  echo "make-bench-media: wrote $dst"
done
if [ "$with8k" = 1 ]; then
  dst="$out/equirect_7680x3840_hevc10.mp4"
  if [ ! -s "$dst" ]; then
    calibration_png 7680 3840 "$tmp/cal8k.png" "BENCH 8K"
    ffmpeg -v error -y -loop 1 -framerate $fps -i "$tmp/cal8k.png" \
      -vf "scroll=horizontal=0.0005,noise=alls=6:allf=t,$(stamp_filter 0),format=yuv420p10le" \
      -t 5 -r $fps -c:v libx265 -preset ultrafast -x265-params "log-level=error:keyint=30" \
      -colorspace bt709 -color_primaries bt709 -color_trc bt709 -tag:v hvc1 -movflags +faststart "$tmp/out.mp4"
    mv "$tmp/out.mp4" "$dst"
    echo "make-bench-media: wrote $dst"
  fi
fi
