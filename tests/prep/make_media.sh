#!/usr/bin/env bash
# Masters for the prep tests, carrying the frame stamp so a proxy frame can be
# checked against the master's frame at the same time.
#   make_media.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
mkdir -p "$out"
source "$here/../../tools/media/stamp.sh"
cd "$out"
# master SIZE SECONDS OUT: a camera-like master (long GOP, B-frames, sound, BT.709 tags).
master() {
  ffmpeg -v error -y -f lavfi -i "testsrc2=s=$1:r=30:d=$2" -f lavfi -i "sine=frequency=440:duration=$2" \
    -vf "$(stamp_filter 0),format=yuv420p" -c:v libx264 -preset veryfast -g 250 -bf 3 \
    -colorspace bt709 -color_primaries bt709 -color_trc bt709 -c:a aac -shortest "$3.tmp.mp4"
  mv "$3.tmp.mp4" "$3"
}
[ -s master.mp4 ] || master 640x320 4 master.mp4       # 2:1: guessed mono 360
[ -s square.mp4 ] || master 512x512 2 square.mp4       # 1:1: guessed top-bottom stereo 360
[ -s long.mp4 ] || master 1280x640 20 long.mp4         # long enough to interrupt mid-run
# Broken masters. Cut at half with the index in front: the header still promises
# all 4 s; and the same in Matroska, whose header gives the duration too.
if [ ! -s truncated.mkv ]; then
  ffmpeg -v error -y -i master.mp4 -c copy -movflags +faststart faststart.tmp.mp4
  ffmpeg -v error -y -i master.mp4 -c copy whole.tmp.mkv
  head -c $(($(stat -c %s faststart.tmp.mp4) / 2)) faststart.tmp.mp4 > truncated.mp4
  head -c $(($(stat -c %s whole.tmp.mkv) / 2)) whole.tmp.mkv > truncated.tmp.mkv
  rm faststart.tmp.mp4 whole.tmp.mkv
  mv truncated.tmp.mkv truncated.mkv
fi
# A master whose soundtrack is first-order ambisonics (AmbiX, a tone from the left: W = Y), as
# Opus in channel mapping family 2 carries it: FFmpeg reads its layout as "ambisonic 1".
[ -s ambix-master.mp4 ] || { ffmpeg -v error -y -f lavfi -i "testsrc2=s=320x160:r=30:d=2" \
  -f lavfi -i "aevalsrc=0.5*sin(2*PI*440*t)|0.5*sin(2*PI*440*t)|0|0:s=48000:d=2" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a libopus -mapping_family 2 -b:a 256k -shortest ambix.tmp.mp4 &&
  mv ambix.tmp.mp4 ambix-master.mp4; }
[ -s one-frame.mp4 ] || { ffmpeg -v error -y -i master.mp4 -frames:v 1 -an -c:v libx264 one-frame.tmp.mp4 &&
  mv one-frame.tmp.mp4 one-frame.mp4; }
