#!/usr/bin/env bash
# Test inputs for tests/engine, written into $1:
#   source_1024x512_yuv444p.yuv  a natural-looking equirect (blurred test pattern with a grid),
#                                raw yuv444p, BT.601 limited range
#   views.txt                    one view per line: name yaw pitch roll h_fov v_fov width height
#   v360_<name>.rgb              FFmpeg v360's flat render of the source for that view, raw rgb24
set -euo pipefail
out="$1"
mkdir -p "$out"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

width=1024
height=512
source="$out/source_${width}x${height}_yuv444p.yuv"
ff -f lavfi -i "testsrc2=size=${width}x${height}:rate=1" -frames:v 1 \
   -vf "drawgrid=width=64:height=64:thickness=3:color=white@0.7,gblur=sigma=1.5,format=yuv444p" \
   -f rawvideo "$source"

# Straight up and down, across the +-180 degree seam, with roll, and asymmetric fields of view.
cat > "$out/views.txt" <<VIEWS
front 0 0 0 90 60 256 160
right_up 45 20 0 90 60 256 160
back_left -120 -10 0 100 60 256 160
zenith 0 90 0 90 90 192 192
nadir 30 -90 0 90 90 192 192
seam 180 0 0 90 60 256 160
seam_tilted -170 15 0 80 60 256 160
rolled 30 10 30 90 60 256 160
wide_rolled -60 -30 -45 120 80 256 160
VIEWS

while read -r name yaw pitch roll hfov vfov w h; do
  # v360 runs on planar RGB so its bilinear weights apply to R'G'B', as the engine's do to Y'CbCr
  # before a linear conversion; both read the source as BT.601 limited range.
  ff -f rawvideo -pix_fmt yuv444p -video_size "${width}x${height}" -i "$source" \
     -vf "scale=in_color_matrix=bt601:in_range=tv:flags=accurate_rnd+full_chroma_int,format=gbrp,v360=input=e:output=flat:yaw=$yaw:pitch=$pitch:roll=$roll:h_fov=$hfov:v_fov=$vfov:w=$w:h=$h:interp=linear,format=rgb24" \
     -f rawvideo "$out/v360_$name.rgb"
done < "$out/views.txt"
