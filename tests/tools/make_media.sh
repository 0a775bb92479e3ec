#!/usr/bin/env bash
# Media for the perfectshot command's tests: the demo shot, and bad inputs of each kind.
#   make_media.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
mkdir -p "$out"
bash "$here/../../tools/media/make-demo.sh" >/dev/null
source "$here/../../tools/media/stamp.sh"
cd "$out"
clip() {  # clip OUT [ffmpeg output options...]
  local dst="$1"; shift
  ffmpeg -v error -y -f lavfi -i "testsrc2=s=256x128:r=30:d=4" -vf "$(stamp_filter 0)" \
    -c:v libx264 -g 30 -bf 3 -pix_fmt yuv420p "$@" "$dst"
}
clip good.mp4                             # moov at the end, as cameras write it
clip good_faststart.mp4 -movflags +faststart
echo "These are the production notes, not a video." > notes.mp4
size=$(stat -c %s good.mp4)
head -c $((size / 2)) good.mp4 > truncated_moov.mp4       # cut before the index
size=$(stat -c %s good_faststart.mp4)
head -c $((size / 2)) good_faststart.mp4 > truncated_mdat.mp4   # index intact, frames cut off
# Overwrite the middle third of the frames (about 1.3 s to 2.7 s) with noise; fixed seed.
cp good_faststart.mp4 corrupt.mp4
ffmpeg -v error -y -f lavfi -i "anoisesrc=d=$((size / 3 / 44100 + 1)):r=44100:c=white:seed=7" -f u8 -ac 1 noise.raw
dd if=noise.raw of=corrupt.mp4 bs=1 seek=$((size / 3)) count=$((size / 3)) conv=notrunc status=none
rm noise.raw
