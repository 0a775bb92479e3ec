#!/usr/bin/env bash
# Media for the show control's tests: a small 360 plate of 10 s and a shot over it with
# chapters at 0, 3 and 6 s (next / previous move between them).
#   make_media.sh OUT_DIR
set -euo pipefail
out="$1/shot"
mkdir -p "$out"
cd "$out"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=512x256:r=30:d=10" -c:v libx264 -g 30 -pix_fmt yuv420p plate.mp4
cat > shot.json <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Show control",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": {
    "fps": "30",
    "chapters": [ { "t": 0.0, "title": "One" }, { "t": 3.0, "title": "Two" }, { "t": 6.0, "title": "Three" } ]
  }
}
JSON
