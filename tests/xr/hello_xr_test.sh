#!/usr/bin/env bash
# Runs Debian's hello_xr (-g Vulkan2) against the simulated runtime with the OpenXR
# core validation layer and the Vulkan validation layer, twice:
#   scripted: the sim asks to exit at frame 120; hello_xr must walk to EXITING and exit 0;
#             frame 60 is captured (both eyes' PNGs and the views' JSON must appear).
#   stdin:    no script; hello_xr quits when its stdin closes (after 4 s) and must exit 0.
# Each run must reach FOCUSED, end more than 30 frames, and print no validation message.
# usage: hello_xr_test.sh <runtime manifest> <output dir> [hello_xr]
# PS_SIM_PRELOAD: a library to LD_PRELOAD into hello_xr (libasan for a sanitized runtime).
set -u
manifest=$1
out=$2
hello=${3:-hello_xr}
mkdir -p "$out"
fail=0

problem() {
  echo "FAIL [$1]: $2" >&2
  fail=1
}

run_hello() {  # name, stdin seconds, script file or ""
  local name=$1 seconds=$2 script=$3
  local log="$out/$name.log" stats="$out/$name.stats.jsonl"
  rm -f "$log" "$stats"
  local rc=0
  # stdin stays open for $seconds: hello_xr quits on any input or EOF. The sleep is
  # ended by its pid afterwards so it does not hold CTest's output pipe open.
  exec 3< <(exec sleep "$seconds" 2> /dev/null)
  local sleeper=$!
  env XR_RUNTIME_JSON="$manifest" \
      XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation \
      VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation \
      PERFECTSHOT_SIM_SCRIPT="$script" \
      PERFECTSHOT_SIM_STATS="$stats" \
      ${PS_SIM_PRELOAD:+LD_PRELOAD="$PS_SIM_PRELOAD"} \
      timeout 60 "$hello" -g Vulkan2 <&3 > "$log" 2>&1 || rc=$?
  exec 3<&-
  kill "$sleeper" 2> /dev/null
  echo "[$name] hello_xr exit code $rc, log $log"
  [ "$rc" -eq 0 ] || problem "$name" "hello_xr exited with $rc (124: it hung past 60 s); see $log"
  grep -q -- '->XR_SESSION_STATE_FOCUSED' "$log" || problem "$name" "hello_xr never saw FOCUSED"
  if grep -nE 'VALID_ERROR|VALID_WARNING|VUID-|Validation Error|Validation Warning|\[Error' "$log" > "$out/$name.validation.txt"; then
    problem "$name" "validation or error messages (first 5 below, all in $out/$name.validation.txt)"
    head -5 "$out/$name.validation.txt" >&2
  fi
  grep -q 'Core Validation output type' "$log" || problem "$name" "the OpenXR core validation layer was not loaded"
  local summary
  summary=$(grep -o 'summary: .*' "$log" | tail -1)
  echo "[$name] sim $summary"
  [ -n "$summary" ] || problem "$name" "the sim printed no session summary"
  local ended
  ended=$(echo "$summary" | sed -n 's/.*frames_ended=\([0-9]*\).*/\1/p')
  [ "${ended:-0}" -gt 30 ] || problem "$name" "only ${ended:-0} frames ended, expected more than 30"
  [ -s "$stats" ] || problem "$name" "PERFECTSHOT_SIM_STATS file $stats not written"
  grep -q 'instance .* destroyed' "$log" || problem "$name" "hello_xr did not destroy its instance"
}

script="$out/exit_at_120.json"
rm -rf "$out/capture"
cat > "$script" <<JSON
{ "capture": { "dir": "$out/capture", "frames": [60] },
  "events": [ { "frame": 120, "type": "exit_requested" } ] }
JSON
run_hello scripted 30 "$script"
# The capture copies out of hello_xr's own images with the Vulkan validation layer watching.
for f in frame_60_left.png frame_60_right.png frame_60.json; do
  [ -s "$out/capture/$f" ] || problem scripted "capture $out/capture/$f missing"
done
grep -q -- '->XR_SESSION_STATE_EXITING' "$out/scripted.log" || problem scripted "hello_xr never saw EXITING"
grep -q 'frames_ended=12[01] ' "$out/scripted.log" || problem scripted "expected 120 or 121 frames before the scripted exit"

run_hello stdin 4 ""

[ "$fail" -eq 0 ] && echo "hello_xr test passed"
exit "$fail"
