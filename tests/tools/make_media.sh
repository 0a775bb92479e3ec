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

# A shot for what is drawn over the view: a plain grey plate (so the overlay stands out), a
# marker at yaw 30 / pitch -5, and a film camera with a clip of one flat colour.
mkdir -p overlay_shot
ffmpeg -v error -y -f lavfi -i "color=c=0x808080:s=512x256:r=30:d=2" -c:v libx264 -pix_fmt yuv420p \
  overlay_shot/plate.mp4
ffmpeg -v error -y -f lavfi -i "color=c=0x2850C8:s=240x120:r=24:d=2" -c:v libx264 -pix_fmt yuv420p \
  overlay_shot/film.mp4
cat > overlay_shot/shot.json <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Overlay placement",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 2.0 },
  "markers": [
    { "id": "lens", "t_in": 0.0, "t_out": 2.0, "fade_in": 0, "fade_out": 0,
      "at": { "yaw_deg": 30, "pitch_deg": -5, "distance_m": 3 },
      "title": "The lens", "text": "Where the camera stood.", "category": "camera" }
  ],
  "camera": {
    "position": { "x": 0, "y": 0, "z": 0 },
    "orientation": { "yaw_deg": 20, "pitch_deg": 5, "roll_deg": 0 },
    "hfov_deg": 40, "aspect": 2.0,
    "clip": { "src": "film.mp4", "offset": 0.0 }
  }
}
JSON

# Pictures wider than the GPU's images can be (lavapipe: 16384): the left half dark grey, the
# right half light grey, lossless, a few rows tall; and a shot with such a plate and a film clip
# far taller than wide.
wide() {  # wide OUT WIDTH HEIGHT
  ffmpeg -v error -y -f lavfi -i "color=c=0x333333:s=$2x$3:r=30:d=0.1" \
    -vf "drawbox=x=$(($2 / 2)):y=0:w=$(($2 / 2)):h=$3:color=0xcccccc:t=fill" -c:v ffv1 -pix_fmt yuv420p "$1"
}
wide wide_65536x2.mkv 65536 2
wide wide_16386x8.mkv 16386 8
mkdir -p wide_shot
cp wide_65536x2.mkv wide_shot/plate.mkv
ffmpeg -v error -y -f lavfi -i "color=c=0x2850C8:s=8x20000:r=24:d=0.2" -c:v ffv1 -pix_fmt yuv420p wide_shot/tall.mkv
cat > wide_shot/shot.json <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Wider than the GPU's images",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mkv", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 0.1 },
  "camera": {
    "position": { "x": 0, "y": 0, "z": 0 },
    "orientation": { "yaw_deg": 0, "pitch_deg": 0, "roll_deg": 0 },
    "hfov_deg": 40, "aspect": 2.0,
    "clip": { "src": "tall.mkv", "offset": 0.0 }
  }
}
JSON
# A left-right shot whose chroma (8193 wide) does not split into two eyes.
mkdir -p odd_stereo_shot
cp wide_16386x8.mkv odd_stereo_shot/plate.mkv
cat > odd_stereo_shot/shot.json <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Eyes that do not split",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mkv", "projection": "360", "stereo": "left-right" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 0.1 }
}
JSON
