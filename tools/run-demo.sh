#!/usr/bin/env bash
# Sets up (Debian packages, Release build, demo media) and plays the demo shot:
# in a headset when an OpenXR runtime is active, else in a window when there is a
# display, else as stills rendered headlessly into ./demo-stills/.
#   tools/run-demo.sh [perfectshot play options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/setup.sh" --build-dir "$root/build" --build-type Release
PERFECTSHOT_BUILD_DIR="$root/build" bash "$root/tools/media/make-demo.sh"
exec "$root/build/tools/perfectshot/perfectshot" play "$root/scenes/demo" "$@"
