#!/usr/bin/env bash
# Generates the shot package the narration tests read, into $1: a short plate
# whose soundtrack is a steady 200 Hz tone (its level shows the ducking), and
# two markers, one to the left (yaw -90) and one to the right (yaw +90), each
# with a mono narration clip of pink noise above 600 Hz (broadband, where the
# head's shadow makes left and right differ; nothing at 200 Hz) and captions.
set -euo pipefail
out="${1:?usage: make_media.sh <outdir>}"
mkdir -p "$out/narration"
cd "$out"

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
ff -f lavfi -i "testsrc2=size=256x128:rate=30:duration=4" \
   -f lavfi -i "aevalsrc=0.5*sin(2*PI*200*t)|0.5*sin(2*PI*200*t):s=48000:d=4" \
   -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a flac plate.mkv
for side in left right; do
  seed=$([ "$side" = left ] && echo 1 || echo 2)
  ff -f lavfi -i "anoisesrc=color=pink:amplitude=0.5:sample_rate=48000:duration=1.5:seed=${seed},highpass=f=600:poles=2,highpass=f=600:poles=2" \
     -ac 1 -c:a pcm_f32le "narration/${side}.wav"
done
cat > narration/left.vtt <<'VTT'
WEBVTT

00:00.000 --> 00:00.700
Left, first words

00:00.700 --> 00:01.500
Left, second words
VTT

cat > shot.json <<'JSON'
{
  "format": "perfectshot/1",
  "title": "Narration test",
  "film": "PerfectShot tests",
  "director": "PerfectShot",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mkv", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 4.0 },
  "markers": [
    { "id": "right", "t_in": 2.5, "t_out": 4.0, "at": { "yaw_deg": 90, "pitch_deg": 0, "distance_m": 3 },
      "title": "Right", "text": "To the right.", "category": "sound", "audio": "narration/right.wav" },
    { "id": "left", "t_in": 1.0, "t_out": 3.0, "at": { "yaw_deg": -90, "pitch_deg": 0, "distance_m": 3 },
      "title": "Left", "text": "To the left.", "category": "sound", "audio": "narration/left.wav",
      "captions": "narration/left.vtt" },
    { "id": "silent", "t_in": 0.5, "t_out": 1.0, "at": { "yaw_deg": 0, "pitch_deg": 0, "distance_m": 3 },
      "title": "Silent", "text": "No clip.", "category": "production" }
  ]
}
JSON
