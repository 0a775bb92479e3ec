#!/usr/bin/env bash
# Media for the sync tests: a small 360 plate of 8 s at 30 fps and a shot over it.
#   make_media.sh OUT_DIR
set -euo pipefail
out="$1/sync-shot"
mkdir -p "$out"
cd "$out"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=128x64:r=30:d=8" -c:v libx264 -g 15 -pix_fmt yuv420p plate.mp4
cat > shot.json <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Sync",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30" }
}
JSON
