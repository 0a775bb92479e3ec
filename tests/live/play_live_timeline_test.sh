#!/usr/bin/env bash
# perfectshot play's live timeline on the simulated headset: a loopback UDP sender's stamped feed
# is kept, with its sound, in the folder named (--live-buffer-dir); the left controller's step back
# moves into the kept feed (which plays its sound, on the null output), the thumbstick shuttles back through it, and when the player ends the folder it made
# is gone. --live-buffer for a recorded shot, and --live-buffer-dir with --live-buffer 0, are
# refused. (The frame-exact landing is media_tests' LiveTimeline.*.)
#   play_live_timeline_test.sh PERFECTSHOT   (XR_RUNTIME_JSON names the simulated runtime)
set -euo pipefail
bin="$1"
here="$(dirname "$0")"
dir="$(mktemp -d "${TMPDIR:-/tmp}/play_live_timeline.XXXXXX")"
sender=""
player=""
cleanup() {
  [ -z "$sender" ] || kill "$sender" 2>/dev/null || true
  [ -z "$player" ] || kill "$player" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
# shellcheck source=live_test_lib.sh
source "$here/live_test_lib.sh"

out=$("$bin" play "$here/../../scenes/demo" --display xr --live-buffer 2 2>&1) && fail "--live-buffer was taken for a shot"
grep -qF "not a live feed" <<<"$out" || fail "--live-buffer for a shot said: $out"
out=$("$bin" play "udp://camera.invalid:1234" --display xr --live-buffer 0 --live-buffer-dir "$dir/none" 2>&1) &&
  fail "--live-buffer-dir was taken with --live-buffer 0"
grep -qF "keeps none" <<<"$out" || fail "--live-buffer-dir with --live-buffer 0 said: $out"

port=$(free_port)
ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=320x160:rate=30 \
  -re -f lavfi -i sine=frequency=440:sample_rate=48000 -vf "$(stamp_filter)" \
  -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -pix_fmt yuv420p -c:a aac -max_delay 20000 \
  -f mpegts "udp://127.0.0.1:$port?pkt_size=1316" > "$dir/sender.log" 2>&1 &
sender=$!

# Seconds from the session's start: the ring has closed a few segments by the step back.
cat > "$dir/script.json" <<'JSON'
{
  "display": {"refresh_hz": 30, "width": 32, "height": 32},
  "controllers": {
    "left": [ {"t": 4.0, "y": true}, {"t": 4.3, "y": false} ],
    "right": [ {"t": 5.0, "thumbstick": [-1, 0]}, {"t": 6.0, "thumbstick": [0, 0]} ]
  }
}
JSON
# With its sound, kept with the pictures and played in the past, on OpenAL Soft's null output.
ALSOFT_DRIVERS=null PERFECTSHOT_SIM_SCRIPT="$dir/script.json" PERFECTSHOT_SIM_LOG_LEVEL=warn "$bin" --log-level info play \
  "udp://127.0.0.1:$port" --display xr --controllers oculus/touch_controller --live-buffer 1 --live-buffer-dir "$dir/ring" > "$dir/play.log" 2>&1 &
player=$!
until_ok 60 grep -q 'live: udp://.*low-latency' "$dir/play.log" || fail "the feed never opened"
until_ok 30 grep -q 'openxr: shown' "$dir/play.log" || fail "the session never showed"
segments() { find "$dir/ring" -name 'segment-*.nut' | wc -l; }
has_segments() { [ "$(segments)" -ge 2 ]; }
until_ok 20 has_segments || fail "the feed was not kept in $dir/ring"
first=$(find "$dir/ring" -name 'segment-*.nut' | sort | head -1)
streams=$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 "$first" | tr '\n' ' ')
[ "$streams" = "video audio " ] || fail "$first keeps $streams, not the picture and its sound"
until_ok 30 grep -q 'live: the kept feed from' "$dir/play.log" || fail "the step back did not move into the kept feed"
sleep 3  # the shuttle back
kill -INT "$player"
code=0
wait "$player" || code=$?
player=""
[ "$code" -eq 0 ] || fail "the player ended with exit $code"
if grep -q '\[error\]' "$dir/play.log"; then fail "error lines: $(grep '\[error\]' "$dir/play.log" | head -3)"; fi
if grep -q 'the kept feed could not be opened\|plays without its sound\|\[warn' "$dir/play.log"; then
  fail "warnings: $(grep 'could not be opened\|without its sound\|\[warn' "$dir/play.log" | head -3)"
fi
grep -q 'live: udp://.*: sound aac' "$dir/play.log" || fail "the feed's sound was not read"
grep -q 'timeline: panel' "$dir/play.log" || fail "no timeline panel for the kept feed"
[ ! -e "$dir/ring" ] || fail "the folder it made is still there: $(ls "$dir/ring")"
echo "PASS"
