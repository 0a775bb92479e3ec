#!/usr/bin/env bash
# perfectshot play --sync: a leader and FOLLOWERS followers, each on its own simulated headset in
# its own process, on loopback, every port picked by the kernel. The leader is steered over OSC
# (liblo's oscsend): it plays, seeks, pauses, steps, plays again and loops. Every headset writes its
# frame log; tools/bench/sync_skew.py puts them on the same display times and checks that the shot time
# each showed is the leader's (median under 5 ms, frames more than half a frame off only just
# after the leader jumps). One follower loses its network for 3 s (a test hook) and plays on in
# step; one follower is then killed and started again: it is back in step
# within 2 s. One follower's wall clock is moved by a test hook: it reports the offset it measured
# (within 2 ms). Last, a follower of another group is refused by the leader and shows nothing of it.
#   play_sync_test.sh PERFECTSHOT SHOT_DIR FOLLOWERS   (XR_RUNTIME_JSON names the simulated runtime)
set -euo pipefail
bin="$1"
shot="$2"
followers="${3:-4}"
here="$(dirname "$0")"
dir="$(mktemp -d "${TMPDIR:-/tmp}/play_sync.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
# shellcheck source=../show/show_test_lib.sh
source "$here/../show/show_test_lib.sh"
fail() {
  echo "FAIL: $*" >&2
  for f in "$dir"/*.log; do echo "--- $f" >&2; tail -n 25 "$f" >&2; done
  exit 1
}
send() { oscsend localhost "$osc" "$@" || fail "oscsend $*"; }

# Options that cannot apply are refused before anything starts.
refused() {  # refused TEXT ARGS...
  local text="$1"; shift
  local out code=0
  out=$("$bin" play "$shot" --display offscreen --frames 1 --out "$dir/stills" "$@" 2>&1) || code=$?
  [ "$code" -ne 0 ] || fail "play $* was not refused"
  grep -qF -- "$text" <<<"$out" || fail "play $* said: $out"
}
refused "needs the leader's address" --sync follow
refused "this headset leads" --sync lead --sync-leader 127.0.0.1:9
refused "requires --sync" --sync-leader 127.0.0.1:9
refused "not host:port" --sync follow --sync-leader nowhere

echo '{"display": {"refresh_hz": 30, "width": 32, "height": 32}}' > "$dir/script.json"
headset() {  # headset NAME ARGS...: plays the shot on a simulated headset of its own, in the background
  local name="$1"; shift
  PERFECTSHOT_SIM_SCRIPT="$dir/script.json" PERFECTSHOT_SIM_LOG_LEVEL=warn "$bin" --log-level info play "$shot" \
    --display xr --no-audio --no-timeline --frame-log "$dir/$name.csv" "$@" > "$dir/$name.log" 2>&1 &
  pids+=($!)
}

headset leader --sync lead --osc-port 0
until_ok 120 grep -q 'sync: leading' "$dir/leader.log" || fail "the leader never started"
port=$(grep -o 'sync: leading .* on 127.0.0.1:[0-9]*' "$dir/leader.log" | grep -o '[0-9]*$')
until_ok 120 grep -q 'OSC on udp' "$dir/leader.log" || fail "no OSC port logged"
osc=$(grep -o 'OSC on udp 127.0.0.1:[0-9]*' "$dir/leader.log" | grep -o '[0-9]*$')
echo "leader: sync on $port, OSC on $osc"
# The first follower's wall clock as if 0.25 s ahead of the leader's (a test hook): it measures
# the offset and makes up for it.
headset follower1 --sync follow --sync-leader "127.0.0.1:$port" --sync-clock-offset-test 0.25 --http-port 0
# The second follower loses every packet while a file exists (a test hook).
headset follower2 --sync follow --sync-leader "127.0.0.1:$port" --sync-drop-test-while "$dir/cut"
for i in $(seq 3 "$followers"); do headset "follower$i" --sync follow --sync-leader "127.0.0.1:$port"; done
for i in $(seq "$followers"); do
  until_ok 120 grep -q 'sync: in step' "$dir/follower$i.log" || fail "follower $i never got in step"
done

# Follower 1 reports the offset it measured in its show control's status.
until_ok 60 grep -q 'HTTP status on' "$dir/follower1.log" || fail "follower 1 has no HTTP status"
status_url=$(grep -o 'http://127.0.0.1:[0-9]*/status' "$dir/follower1.log" | head -n 1)
until_ok 30 bash -c "curl -s '$status_url' | python3 -c 'import json, sys; s = json.load(sys.stdin)[\"sync\"]; sys.exit(not (s[\"role\"] == \"follow\" and -252 < s[\"offset_ms\"] < -248))'" ||
  fail "follower 1's status does not report its offset: $(curl -s "$status_url")"
echo "follower 1's status: $(curl -s "$status_url")"

# Follower 2 cut off for 3 s while the leader plays on: it plays on alone, in step, says so, and
# hears the leader again (the leader's seek after it must reach it).
touch "$dir/cut"
sleep 3
rm "$dir/cut"
until_ok 10 grep -q 'sync: the leader is back' "$dir/follower2.log" || fail "follower 2 never heard the leader again"
grep -q 'playing on alone' "$dir/follower2.log" || fail "follower 2 did not say it lost the leader"
send /perfectshot/seek d 1.5
sleep 3
send /perfectshot/pause
sleep 2
send /perfectshot/seek d 4.0
sleep 2
send /perfectshot/step i 2
sleep 1
send /perfectshot/step i -1
sleep 2
send /perfectshot/play
sleep 5  # past the shot's end: it loops

# The last follower killed and started again.
kill -9 "${pids[-1]}"
sleep 1
restart=$(date +%s.%N)
headset "follower${followers}b" --sync follow --sync-leader "127.0.0.1:$port"
until_ok 120 grep -q 'sync: in step' "$dir/follower${followers}b.log" || fail "the restarted follower never got in step"
sleep 3

# A follower of another group: refused, it never follows.
headset stranger --sync follow --sync-leader "127.0.0.1:$port" --sync-group elsewhere
until_ok 60 grep -q "refused a packet of group 'elsewhere'" "$dir/leader.log" || fail "the leader took another group"
grep -q 'sync: in step' "$dir/stranger.log" && fail "a follower of another group followed"

# Each ends on its own (SIGINT), leader last, and says what the sync did.
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -INT "${pids[$i]}" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()
for f in "$dir"/*.log; do
  grep -q '\[error\]' "$f" && fail "$f has errors"
  grep -h 'play: sync:' "$f" || true
done

offset=$(grep -o 'clock offset to the leader -\?[0-9.]* ms' "$dir/follower1.log" | grep -o -- '-\?[0-9.]* ms' | cut -d' ' -f1)
awk -v o="$offset" 'BEGIN { exit !(o > -252 && o < -248) }' || fail "follower 1 measured an offset of ${offset:-nothing} ms, not -250"
echo "follower 1 measured its clock $offset ms off the leader's"
logs=()
for i in $(seq $((followers - 1))); do logs+=("$dir/follower$i.csv"); done
python3 "$here/../../tools/bench/sync_skew.py" 30 1.0 0.05 "$dir/leader.csv" "${logs[@]}" || fail "the followers were not in step"
# The restarted follower: in step 2 s after it started (its frames from then on).
awk -F, -v t="$restart" 'NR == 1 || $1 >= t + 2' "$dir/follower${followers}b.csv" > "$dir/restarted.csv"
python3 "$here/../../tools/bench/sync_skew.py" 30 1.0 0.05 "$dir/leader.csv" "$dir/restarted.csv" ||
  fail "the restarted follower was not in step 2 s after it started"
echo "PASS"
