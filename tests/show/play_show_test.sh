#!/usr/bin/env bash
# perfectshot play on the simulated headset, steered over OSC by liblo's own oscsend, its
# replies and status read by oscdump, its HTTP status by curl; then a fuzz of malformed OSC and
# HTTP, after which it still plays and answers, with no more late or dropped frames than in a
# quiet window as long. Everything on loopback; every port is picked by the kernel.
#   play_show_test.sh PERFECTSHOT SHOT_DIR   (XR_RUNTIME_JSON names the simulated runtime)
set -euo pipefail
bin="$1"
shot="$2"
dir="$(mktemp -d "${TMPDIR:-/tmp}/play_show.XXXXXX")"
dump_pid=""
play_pid=""
cleanup() {
  [ -n "$play_pid" ] && kill "$play_pid" 2>/dev/null || true
  [ -n "$dump_pid" ] && kill "$dump_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
# shellcheck source=show_test_lib.sh
source "$(dirname "$0")/show_test_lib.sh"
fail() {
  echo "FAIL: $*" >&2
  echo "--- player log" >&2; tail -n 40 "$dir/log.txt" >&2 || true
  echo "--- oscdump" >&2; tail -n 20 "$dir/dump.txt" >&2 || true
  exit 1
}

# Refused before anything listens: HTTP open to the network without a token, options that
# would be ignored.
refused() {  # refused TEXT ARGS...
  local text="$1"; shift
  local out code=0
  out=$("$bin" play "$shot" --display offscreen --frames 1 --out "$dir/stills" "$@" 2>&1) || code=$?
  [ "$code" -ne 0 ] || fail "play $* was not refused"
  grep -qF -- "$text" <<<"$out" || fail "play $* said: $out"
}
refused "without a token" --http-port 0 --control-bind 0.0.0.0
refused "given without --osc-port" --osc-reply 127.0.0.1:9
refused "given without --http-port" --http-token abc
refused "is not an IP address" --osc-port 0 --control-bind lo

oscdump -L 0 > "$dir/dump.txt" 2>&1 &
dump_pid=$!
until_ok 10 udp_port_of "$dump_pid" > /dev/null || fail "oscdump did not bind"
dump_port=$(udp_port_of "$dump_pid")

echo '{"display": {"refresh_hz": 30, "width": 128, "height": 128}}' > "$dir/script.json"
PERFECTSHOT_SIM_SCRIPT="$dir/script.json" "$bin" --log-level info play "$shot" --display xr --no-audio \
  --osc-port 0 --osc-reply "127.0.0.1:$dump_port" --osc-status-every 0.5 --http-port 0 > "$dir/log.txt" 2>&1 &
play_pid=$!
until_ok 120 grep -q 'shown: playback' "$dir/log.txt" || fail "the session never showed"
osc=$(grep -o 'OSC on udp 127.0.0.1:[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$') || fail "no OSC port logged"
http=$(grep -o 'status on http://127.0.0.1:[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$') || fail "no HTTP port logged"
echo "player: OSC $osc, HTTP $http; oscdump on $dump_port"

near() {  # near FIELD VALUE: within a frame
  local v; v=$(field "$1")
  awk -v a="$v" -v b="$2" 'BEGIN { exit !(a - b < 0.034 && b - a < 0.034) }'
}

exactly() {  # exactly FIELD VALUE: that frame (within 5 ms)
  local v; v=$(field "$1")
  awk -v a="$v" -v b="$2" 'BEGIN { exit !(a - b < 0.005 && b - a < 0.005) }'
}

send /perfectshot/pause
expect_reply pause ok "paused at"
until_ok 5 bash -c "curl -s http://127.0.0.1:$http/status | grep -q '\"state\":\"paused\"'" || fail "not paused: $(status)"
send /perfectshot/seek f 2.0
expect_reply seek ok "at 2.000 s"
until_ok 5 near shot_seconds 2.0 || fail "seek 2.0 landed at $(field shot_seconds)"
send /perfectshot/next
expect_reply next ok "chapter 'Two' at 3.000 s"
until_ok 5 near shot_seconds 3.0 || fail "next landed at $(field shot_seconds)"
send /perfectshot/next
expect_reply next ok "chapter 'Three' at 6.000 s"
until_ok 5 near shot_seconds 6.0 || fail "next landed at $(field shot_seconds)"
send /perfectshot/next
expect_reply next error "no chapter after 6.000 s"
send /perfectshot/previous
expect_reply previous ok "chapter 'Two' at 3.000 s"
until_ok 5 exactly shot_seconds 3.0 || fail "previous landed at $(field shot_seconds)"
send /perfectshot/step i 3
expect_reply step ok "forward 3 frames from 3.000 s, paused"
until_ok 5 exactly shot_seconds 3.1 || fail "3 frames on landed at $(field shot_seconds)"
send /perfectshot/step i -1
expect_reply step ok "back 1 frame from 3.100 s"
until_ok 5 exactly shot_seconds 3.0667 || fail "1 frame back landed at $(field shot_seconds)"
send /perfectshot/step f 0.5
expect_reply /perfectshot/step error "a whole number of frames"
send /perfectshot/seek i 99
expect_reply seek error "past the shot's end"
send /perfectshot/load s episode.json
expect_reply load error "not available in play mode"
send /perfectshot/attract
expect_reply attract error "not available in play mode"
send /perfectshot/volume f 0.5
expect_reply volume error "no sound output"
send /perfectshot/recenter
expect_reply recenter ok "recentered"
send /perfectshot/play
expect_reply play ok "playing from"
until_ok 5 bash -c "curl -s http://127.0.0.1:$http/status | grep -q '\"state\":\"playing\"'" || fail "not playing: $(status)"
[ "$(field visitors_today)" = "null" ] || fail "visitors_today is not null in play mode"
[ "$(field episode)" = "null" ] || fail "episode is not null in play mode"
[ "$(grep -c '/perfectshot/status sssffiiiffs "playing"' "$dir/dump.txt")" -ge 1 ] ||
  until_ok 5 grep -q '/perfectshot/status sssffiiiffs "playing"' "$dir/dump.txt" || fail "no OSC status while playing"
echo "status: $(status)"

# Late and dropped frames over a quiet window, then over a fuzz window as long.
window=4
bad() { echo $(( $(field late_frames) + $(field dropped_frames) )); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(now_ms); f0=$(field frames); b0=$(bad)
sleep "$window"
t1=$(now_ms); f1=$(field frames); b1=$(bad)
end=$((t1 + window * 1000))
sent=0
while [ "$(now_ms)" -lt "$end" ]; do
  # OSC: noise, a truncated message, a bundle, wrong types, unknown addresses (bash's /dev/udp:
  # one datagram per write, no process per packet).
  for n in 1 3 17 64 500 1400; do head -c "$n" /dev/urandom > "/dev/udp/127.0.0.1/$osc"; done
  printf '/perfectshot/seek\0\0\0,f\0\0\x40' > "/dev/udp/127.0.0.1/$osc"
  printf '#bundle\0\0\0\0\0\0\0\0\1\0\0\0\x10/x\0\0,\0\0\0' > "/dev/udp/127.0.0.1/$osc"
  printf '/perfectshot/volume\0,s\0\0loud\0\0\0\0' > "/dev/udp/127.0.0.1/$osc"
  printf '/perfectshot/play\0\0\0,iii\0\0\0\0' > "/dev/udp/127.0.0.1/$osc"
  printf '\0\0\0\0\0\0\0\0' > "/dev/udp/127.0.0.1/$osc"
  # HTTP: garbage, a bad method, no such path, a huge header, a request cut short.
  { exec 3<>"/dev/tcp/127.0.0.1/$http" && printf '\x01\x02 GARBAGE \xff\r\n\r\n' >&3 && exec 3>&-; } 2>/dev/null || true
  { exec 3<>"/dev/tcp/127.0.0.1/$http" && printf 'GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n' >&3 && exec 3>&-; } 2>/dev/null || true
  curl -s -o /dev/null -X DELETE "http://127.0.0.1:$http/status" || true
  curl -s -o /dev/null "http://127.0.0.1:$http/../../etc/passwd" || true
  curl -s -o /dev/null -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)" "http://127.0.0.1:$http/status" || true
  sent=$((sent + 16))
done
t2=$(now_ms); f2=$(field frames); b2=$(bad)
quiet=$((b1 - b0)); fuzzed=$((b2 - b1))
quiet_fps=$(( (f1 - f0) * 1000 / (t1 - t0) )); fuzz_fps=$(( (f2 - f1) * 1000 / (t2 - t1) ))
echo "quiet window: $((f1 - f0)) frames in $((t1 - t0)) ms ($quiet_fps fps), $quiet late or dropped;" \
  "fuzz window: $((f2 - f1)) frames in $((t2 - t1)) ms ($fuzz_fps fps), $fuzzed late or dropped, $sent bad packets and requests"
kill -0 "$play_pid" 2>/dev/null || fail "the player died under the fuzz"
[ "$fuzz_fps" -ge $(( quiet_fps * 8 / 10 )) ] || fail "frames slowed under the fuzz: $quiet_fps fps, then $fuzz_fps"
# A margin for the machine's own noise (the fuzzing shell shares its cores).
[ "$fuzzed" -le $((quiet + 3 + (f2 - f1) / 50)) ] || fail "more late or dropped frames under the fuzz: $quiet then $fuzzed"

# Still steered and answering.
send /perfectshot/pause
expect_reply pause ok "paused at"
[ "$(field state)" = "paused" ] || until_ok 5 bash -c "curl -s http://127.0.0.1:$http/status | grep -q '\"state\":\"paused\"'" || fail "not paused after the fuzz"
# Logged at most once a minute each.
osc_logged=$(grep -c 'osc: a packet refused' "$dir/log.txt" || true)
http_logged=$(grep -c 'http: a request refused' "$dir/log.txt" || true)
echo "log: $osc_logged OSC and $http_logged HTTP reports"
[ "$osc_logged" -eq 1 ] || fail "OSC refusals logged $osc_logged times"
[ "$http_logged" -eq 1 ] || fail "HTTP refusals logged $http_logged times"

kill -TERM "$play_pid"
code=0; wait "$play_pid" || code=$?
play_pid=""
[ "$code" -eq 0 ] || fail "play exited $code"
if grep -E 'runtime error|ERROR: AddressSanitizer|\[error\]' "$dir/log.txt"; then fail "errors in the log"; fi
echo "play_show: passed"
