#!/usr/bin/env bash
# Media for the kiosk's soak test: a small 360 plate, 4 s at 30 fps, cheap to decode so the
# visit cycle, not the decoder, is what the test exercises.
#   make_media.sh OUT_DIR
set -euo pipefail
out="$1"
mkdir -p "$out"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=256x128:r=30:d=4" -c:v libx264 -g 30 -bf 3 -pix_fmt yuv420p "$out/plate.mp4"
