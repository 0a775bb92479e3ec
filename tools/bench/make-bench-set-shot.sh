#!/usr/bin/env bash
# A shot package for `bench xr` with 6DoF content: the demo shot (its plate, film clip and
# markers) with its set replaced by a generated sphere of about N triangles (default 100k,
# tools/make_set's benchmark sphere: 1 m radius at (0, 1.5, -3)). Needs a build (PERFECTSHOT_BUILD_DIR,
# default build/) and the demo media (tools/media/make-demo.sh).
#   tools/bench/make-bench-set-shot.sh OUT_DIR [TRIANGLES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: make-bench-set-shot.sh OUT_DIR [TRIANGLES]}"
triangles="${2:-100000}"
demo="$here/../../scenes/demo"
make_set="${PERFECTSHOT_BUILD_DIR:-$here/../../build}/tools/make_set/ps_make_set"
mkdir -p "$out"
for f in shot.json plate.mp4 plate_tb.mp4 film.mp4; do cp "$demo/$f" "$out/$f"; done
"$make_set" --triangles "$triangles" -o "$out/set.glb"
echo "make-bench-set-shot: wrote $out (set of about $triangles triangles)"
