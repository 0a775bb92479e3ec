#!/usr/bin/env bash
# Media for the player library's in-process tests: a small plate whose frames carry their
# number (tools/media/stamp.sh), in a shot with one marker.
#   make_media.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
mkdir -p "$out/shot"
source "$here/../../tools/media/stamp.sh"
# B-frames and a GOP shorter than the clip, as cameras write: steps and pauses cross both.
ffmpeg -v error -y -f lavfi -i "testsrc2=s=256x128:r=30:d=2" -vf "$(stamp_filter 0)" \
  -c:v libx264 -g 30 -bf 3 -pix_fmt yuv420p "$out/shot/plate.mp4"
cat > "$out/shot/shot.json" <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Player loop",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 2.0 },
  "markers": [
    { "id": "lens", "t_in": 0.0, "t_out": 2.0, "fade_in": 0, "fade_out": 0,
      "at": { "yaw_deg": 30, "pitch_deg": -5, "distance_m": 3 },
      "title": "The lens", "text": "Where the camera stood.", "category": "camera" }
  ]
}
JSON
# 10-bit HEVC, the form prep gives full-resolution plates: a GPU decodes it into P010.
ffmpeg -v error -y -f lavfi -i "testsrc2=s=256x128:r=30:d=1" -c:v libx265 -preset ultrafast -x265-params log-level=error \
  -pix_fmt yuv420p10le -tag:v hvc1 "$out/plate10.mp4"
