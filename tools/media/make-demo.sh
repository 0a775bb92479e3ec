#!/usr/bin/env bash
# Generates the demo shot's media in scenes/demo/ (or the folder given) with FFmpeg
# filters and the project's own set generator: nothing large is committed. Skips work
# already done. The set needs a build: PERFECTSHOT_BUILD_DIR names it (default build/).
#   tools/media/make-demo.sh [OUT_DIR] [--force]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/stamp.sh"
source "$here/calibration.sh"
out="${1:-$here/../../scenes/demo}"
force="${2:-}"
mkdir -p "$out"
fps=30
seconds=10
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A ball circling the horizon once every 10 s and a bobbing one near the zenith:
# motion that shows playback and seeking at a glance.
ball() {  # ball SIZE COLOUR OUT
  ffmpeg -v error -y -f lavfi -i "color=${2}:s=${1}x${1}:d=1,format=rgba" -frames:v 1 \
    -vf "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='255*lt(hypot(X-W/2,Y-H/2),W/2)'" "$3"
}

encode() {  # encode W H LABEL OUT [stereo-top-bottom]
  local w="$1" h="$2" label="$3" dst="$4" tb="${5:-}"
  if [ -s "$dst" ] && [ "$force" != "--force" ]; then return; fi
  local eh=$h
  [ -n "$tb" ] && eh=$((h / 2))
  calibration_png "$w" "$eh" "$tmp/cal_${label}.png" "$label"
  ball $((eh / 10)) orange "$tmp/ball.png"
  local move="overlay=x='mod(t/${seconds}*W,W)-w/2':y='H/2-h/2+H/5':eval=frame"
  local filter
  if [ -z "$tb" ]; then
    filter="[0][1]${move},drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:fontsize=$((h / 20)):fontcolor=yellow:borderw=2:text='frame %{n}':x=w/2-tw/2:y=h/2+h/6,$(stamp_filter 0),format=yuv420p"
  else
    # Left eye on top. The right eye sees the ball shifted, as a nearer object would be.
    local shift="overlay=x='mod(t/${seconds}*W,W)-w/2-W/200':y='H/2-h/2+H/5':eval=frame"
    calibration_png "$w" "$eh" "$tmp/cal_R.png" "${label} R"
    filter="[0][1]${move},$(stamp_filter 0)[l];[2][1]${shift},$(stamp_filter 0)[r];[l][r]vstack,format=yuv420p"
  fi
  local inputs=(-loop 1 -framerate $fps -i "$tmp/cal_${label}.png" -loop 1 -framerate $fps -i "$tmp/ball.png")
  [ -n "$tb" ] && inputs+=(-loop 1 -framerate $fps -i "$tmp/cal_R.png")
  ffmpeg -v error -y "${inputs[@]}" -filter_complex "$filter" -t $seconds -r $fps \
    -c:v libx264 -preset veryfast -crf 18 -g $fps -bf 2 -colorspace bt709 -color_primaries bt709 \
    -color_trc bt709 -color_range tv -movflags +faststart "$tmp/out.mp4"
  mv "$tmp/out.mp4" "$dst"
  echo "make-demo: wrote $dst"
}

encode 2048 1024 "MONO" "$out/plate.mp4"
encode 1024 1024 "L" "$out/plate_tb.mp4" top-bottom

# The "finished film shot" for the film-frame overlay: a flat 2.39:1 clip, 24 fps, with its own
# frame counter, so the clip inside the frame visibly plays in step with the timeline.
film="$out/film.mp4"
if [ ! -s "$film" ] || [ "$force" = "--force" ]; then
  ffmpeg -v error -y -f lavfi -i "testsrc2=s=478x200:r=24:d=${seconds}" \
    -vf "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:fontsize=28:fontcolor=white:borderw=2:text='FILM %{n}':x=12:y=h-th-12,format=yuv420p" \
    -c:v libx264 -preset veryfast -crf 23 -g 24 -movflags +faststart "$tmp/film.mp4"
  mv "$tmp/film.mp4" "$film"
  echo "make-demo: wrote $film"
fi

# The set standing in the capture (tools/make_set/include/make_set/known_sets.h has its exact
# geometry): a 6 x 6 m floor and three boxes in front of the capture point.
set_glb="$out/set.glb"
if [ ! -s "$set_glb" ] || [ "$force" = "--force" ]; then
  make_set="${PERFECTSHOT_BUILD_DIR:-$here/../../build}/tools/make_set/ps_make_set"
  if [ ! -x "$make_set" ]; then
    echo "make-demo: $make_set is not built; build first (tools/setup.sh)" >&2
    exit 1
  fi
  "$make_set" --demo -o "$tmp/set.glb"
  mv "$tmp/set.glb" "$set_glb"
  echo "make-demo: wrote $set_glb"
fi

# The volumetric performer (make_set/performer_frames.h): a figure walking behind the red box,
# 60 frames at the shot's 30 fps, generated as GLB frames and put through `perfectshot prep`
# as a studio's capture would be: Draco-compressed frames and their listing, frames.json.
performer="$out/performer"
if [ ! -s "$performer/frames.json" ] || [ "$force" = "--force" ]; then
  build="${PERFECTSHOT_BUILD_DIR:-$here/../../build}"
  for tool in "$build/tools/make_set/ps_make_set" "$build/tools/perfectshot/perfectshot"; do
    if [ ! -x "$tool" ]; then
      echo "make-demo: $tool is not built; build first (tools/setup.sh)" >&2
      exit 1
    fi
  done
  "$build/tools/make_set/ps_make_set" --performer 60 -o "$tmp/capture"
  "$build/tools/perfectshot/perfectshot" --log-level warn prep "$tmp/capture" -o "$performer" --compression draco \
    --force 2>/dev/null
  echo "make-demo: wrote $performer"
fi

# The RGB-D capture (make_rgbd/rgbd_room.h has its exact geometry): a room with boxes at 1.5 m
# and 3 m and walls at 5 m, colour on top of inverse depth in one HEVC Main 10 video, with its
# own shot.json in rgbd/ (the demo's main shot does not show it yet). 30 frames, about 100 KB.
rgbd="$out/rgbd"
if [ ! -s "$rgbd/shot.json" ] || [ "$force" = "--force" ]; then
  make_rgbd="${PERFECTSHOT_BUILD_DIR:-$here/../../build}/tools/make_rgbd/ps_make_rgbd"
  if [ ! -x "$make_rgbd" ]; then
    echo "make-demo: $make_rgbd is not built; build first (tools/setup.sh)" >&2
    exit 1
  fi
  "$make_rgbd" -o "$tmp/rgbd" --encoding inverse --codec hevc10 --packing top-bottom --width 1024 --frames 30 \
    --fps $fps
  rm -rf "$rgbd"
  mv "$tmp/rgbd" "$rgbd"
  echo "make-demo: wrote $rgbd"
fi

# The splat capture (make_splats/object_set.h): a sphere, a box and a cylinder on a floor disc,
# 3,648 Gaussian splats with view-dependent colour, made by the build's ps_make_splats and put
# through `perfectshot prep` as a capture would be (splats/splats.spz): it stands beside the glTF
# set, with a floor mark behind it (shot.json).
splats="$out/splats"
if [ ! -s "$splats/splats.spz" ] || [ "$force" = "--force" ]; then
  build="${PERFECTSHOT_BUILD_DIR:-$here/../../build}"
  for tool in "$build/tools/make_splats/ps_make_splats" "$build/tools/perfectshot/perfectshot"; do
    if [ ! -x "$tool" ]; then
      echo "make-demo: $tool is not built; build first (tools/setup.sh)" >&2
      exit 1
    fi
  done
  "$build/tools/make_splats/ps_make_splats" -o "$tmp/objects.ply"
  "$build/tools/perfectshot/perfectshot" --log-level warn prep "$tmp/objects.ply" -o "$splats" --force 2>/dev/null
  echo "make-demo: wrote $splats"
fi
