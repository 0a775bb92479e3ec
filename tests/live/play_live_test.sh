#!/usr/bin/env bash
# perfectshot play on a live feed, on the simulated headset: a loopback ffmpeg sender of a stamped
# test picture and a tone over UDP (MPEG-TS) and SRT, joined mid-GOP without an error line, and
# over RTMP pushed to the player, which listens. Over UDP the sound plays (on the null output) and
# starts again in step after each stall; --no-audio leaves it unread. The UDP sender is
# killed for 5 s: the player says the feed stalled, holds the picture, and plays again once the
# sender is back. SIGINT after the sender has stopped ends the player, exit 0, within a second.
#   play_live_test.sh PERFECTSHOT   (XR_RUNTIME_JSON names the simulated runtime)
set -euo pipefail
bin="$1"
here="$(dirname "$0")"
dir="$(mktemp -d "${TMPDIR:-/tmp}/play_live.XXXXXX")"
pids=()
sender=""
cleanup() {
  [ -z "$sender" ] || kill "$sender" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
# shellcheck source=live_test_lib.sh
source "$here/live_test_lib.sh"

# A keyframe every 3 s: a player started a second after the sender joins mid-GOP. With a tone.
send_to() {  # send_to URL LOG: starts the sender in the background
  ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=320x160:rate=30 \
    -re -f lavfi -i sine=frequency=440:sample_rate=48000 -vf "$(stamp_filter)" \
    -c:v libx264 -preset ultrafast -tune zerolatency -g 90 -pix_fmt yuv420p -c:a aac -max_delay 20000 \
    -f mpegts "$1" > "$2" 2>&1 &
  sender=$!
}
stop_sender() { kill "$sender" 2>/dev/null || true; wait "$sender" 2>/dev/null || true; sender=""; }

echo '{"display": {"refresh_hz": 30, "width": 32, "height": 32}}' > "$dir/script.json"
play_live() {  # play_live NAME URL [ARGS...]: the player in the background, its own process (SIGINT reaches it)
  local name="$1" url="$2"
  shift 2
  PERFECTSHOT_SIM_SCRIPT="$dir/script.json" PERFECTSHOT_SIM_LOG_LEVEL=warn "$bin" --log-level info play "$url" \
    --display xr "$@" > "$dir/$name.log" 2>&1 &
  player=$!
  pids+=("$player")
}
# SIGINT ends it within a second, with exit 0. Under the sanitizers the exit's own leak check and
# the instrumented teardown take their share of a loaded machine: 3 s there.
limit_ms=1000
[ -z "${PS_SANITIZED:-}" ] || limit_ms=3000
quit_within_a_second() {  # quit_within_a_second NAME
  local start end code=0
  start=$(date +%s%N)
  kill -INT "$player"
  wait "$player" || code=$?
  end=$(date +%s%N)
  [ "$code" -eq 0 ] || fail "$1: SIGINT ended the player with exit $code"
  (( (end - start) / 1000000 < limit_ms )) || fail "$1: SIGINT took $(( (end - start) / 1000000 )) ms to end the player"
  echo "$1: SIGINT ended it in $(( (end - start) / 1000000 )) ms"
}
more_than() {  # more_than N PATTERN FILE: the pattern's lines in the file outnumber N (read at each call)
  [ "$(grep -c "$2" "$3" || true)" -gt "$1" ]
}
no_errors() {  # no_errors NAME
  if grep -q '\[error\]' "$dir/$1.log"; then fail "$1: error lines: $(grep '\[error\]' "$dir/$1.log" | head -3)"; fi
}

# Refused before anything waits: what needs a recorded shot, and a display with no clock of its own.
refused() {  # refused TEXT ARGS...
  local text="$1"; shift
  local out code=0
  out=$("$bin" play "udp://127.0.0.1:$(free_port)" "$@" 2>&1) || code=$?
  [ "$code" -ne 0 ] || fail "play $* was not refused"
  grep -qF -- "$text" <<<"$out" || fail "play $* said: $out"
}
refused "offscreen stills step a recording" --display offscreen
refused "is a live feed" --display xr --edit
refused "listening applies to RTSP and RTMP" --display xr --listen
refused "a live feed decodes in software" --display xr --hwdec vaapi
out=$("$bin" play "$here/../../scenes/demo" --display xr --listen 2>&1) && fail "--listen was taken for a shot"
grep -qF "not a live feed" <<<"$out" || fail "--listen for a shot said: $out"
out=$("$bin" play "http://camera.invalid/page.html" --display xr 2>&1) && fail "a web page was played"
grep -qF ".m3u8" <<<"$out" || fail "a web page's refusal said: $out"

# UDP: join, stall, come back, quit while the sender is down.
port=$(free_port)
send_to "udp://127.0.0.1:$port?pkt_size=1316" "$dir/sender-udp-1.log"
sleep 1
# Its sound plays too, on OpenAL Soft's null output (no sound card here).
ALSOFT_DRIVERS=null play_live udp "udp://127.0.0.1:$port"
until_ok 60 grep -q 'live: udp://.*low-latency' "$dir/udp.log" || fail "udp: the feed never opened"
until_ok 30 grep -q 'openxr: shown' "$dir/udp.log" || fail "udp: the session never showed"
sleep 4
stop_sender
until_ok 5 grep -q 'live: stalled' "$dir/udp.log" || fail "udp: the stall was not noticed"
sleep 5
back=$(grep -c 'live: pictures again' "$dir/udp.log" || true)
send_to "udp://127.0.0.1:$port?pkt_size=1316" "$dir/sender-udp-2.log"
# Back at the new sender's next keyframe (within 3 s of reconnecting).
until_ok 20 more_than "$back" 'live: pictures again' "$dir/udp.log" || fail "udp: the feed did not come back"
sleep 2
stalls=$(grep -c 'live: stalled' "$dir/udp.log")
stop_sender
until_ok 5 more_than "$stalls" 'live: stalled' "$dir/udp.log" || fail "udp: the second stall was not noticed"
sleep 1.5  # past the read timeout: the player is reconnecting, its demuxer waiting on a silent socket
quit_within_a_second udp
no_errors udp
summary=$(grep 'play: live:' "$dir/udp.log") || fail "udp: no summary"
echo "udp: $summary"
shown=$(sed -E 's/.*live: ([0-9]+) pictures shown.*/\1/' <<<"$summary")
(( shown >= 60 )) || fail "udp: only $shown pictures shown"
grep -q '[1-9][0-9]* reconnects' <<<"$summary" || fail "udp: no reconnect counted: $summary"
grep -q 'live: udp://.*: sound aac 48000 Hz mono' "$dir/udp.log" || fail "udp: the sound was not found"
sound=$(grep 'play: live sound:' "$dir/udp.log") || fail "udp: no sound summary"
echo "udp: $sound"
# Once at the start, and again after each stall (it ran dry, or came back far off).
grep -qE 'started in step with the picture ([2-9]|[1-9][0-9]+) times' <<<"$sound" || fail "udp: the sound did not start again after the stall"
if grep -q '\[warning\]' "$dir/udp.log"; then fail "udp: warnings: $(grep '\[warning\]' "$dir/udp.log" | head -3)"; fi

# SRT: the player calls the sender, which listens.
port=$(free_port)
send_to "srt://127.0.0.1:$port?mode=listener&latency=50000" "$dir/sender-srt.log"
sleep 1
play_live srt "srt://127.0.0.1:$port?mode=caller&latency=50000" --no-audio
until_ok 60 grep -q 'live: srt://.*low-latency' "$dir/srt.log" || fail "srt: the feed never opened"
until_ok 30 grep -q 'openxr: shown' "$dir/srt.log" || fail "srt: the session never showed"
sleep 4
stop_sender
until_ok 5 grep -q 'live: stalled' "$dir/srt.log" || fail "srt: the stall was not noticed"
quit_within_a_second srt
no_errors srt
if grep -q ': sound ' "$dir/srt.log"; then fail "srt: --no-audio read the sound: $(grep ': sound ' "$dir/srt.log")"; fi
summary=$(grep 'play: live:' "$dir/srt.log") || fail "srt: no summary"
echo "srt: $summary"
shown=$(sed -E 's/.*live: ([0-9]+) pictures shown.*/\1/' <<<"$summary")
(( shown >= 40 )) || fail "srt: only $shown pictures shown"
# RTMP: the player listens (--listen), the sender pushes FLV to it, as a camera streaming out does.
port=$(free_tcp_port)
PERFECTSHOT_SIM_SCRIPT="$dir/script.json" PERFECTSHOT_SIM_LOG_LEVEL=warn "$bin" --log-level info play \
  "rtmp://127.0.0.1:$port/live/cam" --listen --display xr --no-audio > "$dir/rtmp.log" 2>&1 &
player=$!
pids+=("$player")
listening() { grep -q "^ *[0-9]*: 0100007F:$(printf '%04X' "$port") 00000000:0000 0A" /proc/net/tcp; }
until_ok 60 listening || fail "rtmp: the player never listened on $port"
ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=320x160:rate=30 -t 4 -vf "$(stamp_filter)" \
  -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -pix_fmt yuv420p -f flv "rtmp://127.0.0.1:$port/live/cam" \
  > "$dir/sender-rtmp.log" 2>&1 || fail "rtmp: the sender could not push to the listening player"
grep -q 'live: rtmp://.*low-latency' "$dir/rtmp.log" || fail "rtmp: the feed never opened"
quit_within_a_second rtmp
no_errors rtmp
summary=$(grep 'play: live:' "$dir/rtmp.log") || fail "rtmp: no summary"
echo "rtmp: $summary"
shown=$(sed -E 's/.*live: ([0-9]+) pictures shown.*/\1/' <<<"$summary")
(( shown >= 40 )) || fail "rtmp: only $shown pictures shown"
echo "PASS"
