#!/usr/bin/env bash
# Media for the lint command's tests: a short video that decodes, one that is cut
# off before its index, and a file that only pretends to be a video; and the demo
# shot's media, which lint decodes too.
#   make_media.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
bash "$here/../../tools/media/make-demo.sh" >/dev/null
mkdir -p "$out"
cd "$out"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=128x64:r=30:d=2" -c:v libx264 -g 30 -pix_fmt yuv420p good.mp4
size=$(stat -c %s good.mp4)
head -c $((size / 2)) good.mp4 > truncated.mp4
echo "These are the production notes, not a video." > notes.mp4
