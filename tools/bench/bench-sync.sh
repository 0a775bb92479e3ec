#!/usr/bin/env bash
# The sync's skew between a leader and its followers, and the bytes each follower receives: a
# leader and N followers play a shot on simulated headsets (each its own process, on loopback),
# for SECONDS, the leader seeking to a new time every 20 s and pausing for 2 s every 60 s; each
# writes its frame log, and sync_skew.py puts the followers' frames on the leader's display
# times (frames within 1 s after a jump of the leader's left out). The follower's shot time
# minus the leader's at the same display time: p50 and p99 over every follower's frames.
#   tools/bench/bench-sync.sh BUILD_DIR SHOT FOLLOWERS SECONDS
set -euo pipefail
build="$1" shot="$2" followers="$3" seconds="$4"
bin="$build/tools/perfectshot/perfectshot"
export XR_RUNTIME_JSON="$build/xr/sim/perfectshot_sim.json"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/bench_sync.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
waitfor() {  # waitfor SECONDS FILE PATTERN
  for _ in $(seq $(($1 * 10))); do grep -q "$3" "$2" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench-sync: no '$3' in $2" >&2; tail -n 20 "$2" >&2; exit 1
}
echo '{"display": {"refresh_hz": 30, "width": 32, "height": 32}}' > "$dir/script.json"
headset() {
  local name="$1"; shift
  PERFECTSHOT_SIM_SCRIPT="$dir/script.json" PERFECTSHOT_SIM_LOG_LEVEL=warn "$bin" --log-level info play "$shot" \
    --display xr --no-audio --no-timeline --frame-log "$dir/$name.csv" "$@" > "$dir/$name.log" 2>&1 &
  pids+=($!)
}
headset leader --sync lead --osc-port 0
waitfor 120 "$dir/leader.log" 'OSC on udp'
port=$(grep -o 'sync: leading .* on 127.0.0.1:[0-9]*' "$dir/leader.log" | grep -o '[0-9]*$')
osc=$(grep -o 'OSC on udp 127.0.0.1:[0-9]*' "$dir/leader.log" | grep -o '[0-9]*$')
for i in $(seq "$followers"); do headset "follower$i" --sync follow --sync-leader "127.0.0.1:$port"; done
for i in $(seq "$followers"); do waitfor 120 "$dir/follower$i.log" 'sync: in step'; done
start=$(date +%s)
length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$shot/plate.mp4" 2>/dev/null || echo 8)
RANDOM=7
while (( $(date +%s) - start < seconds )); do
  sleep 20
  elapsed=$(( $(date +%s) - start ))
  oscsend localhost "$osc" /perfectshot/seek d "$(awk -v r=$RANDOM -v l="$length" 'BEGIN { printf "%.3f", (r / 32767) * (l - 1) }')"
  if (( elapsed % 60 < 20 )); then
    oscsend localhost "$osc" /perfectshot/pause; sleep 2; oscsend localhost "$osc" /perfectshot/play
  fi
done
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -INT "${pids[$i]}" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()
played=$(( $(date +%s) - start ))
logs=()
for i in $(seq "$followers"); do logs+=("$dir/follower$i.csv"); done
echo "bench sync: $followers followers for ${played} s on loopback (simulated headsets at 30 Hz, the machine's load: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 "$here/sync_skew.py" 30 1.0 1.0 "$dir/leader.csv" "${logs[@]}" | sed 's/^/  /' || true
for i in $(seq "$followers"); do
  bytes=$(grep -o 'followed [0-9]* states ([0-9]* bytes)' "$dir/follower$i.log" | grep -o '([0-9]*' | tr -d '(')
  seeks=$(grep -o '[0-9]* seeks, [0-9]* frames at a nudged rate' "$dir/follower$i.log" | head -n 1)
  echo "  follower$i: $(awk -v b="${bytes:-0}" -v s="$played" 'BEGIN { printf "%.0f", b / s }') bytes/s received, $seeks"
done
grep -h 'play: sync: led' "$dir/leader.log" | sed 's/^.*play: /  leader: /'
