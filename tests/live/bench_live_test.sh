#!/usr/bin/env bash
# perfectshot bench live measures both sides for every protocol: perfectshot's send-to-photon
# latency in the simulated headset and the ffmpeg CLI's receive latency, each over some pictures.
#   bench_live_test.sh PERFECTSHOT   (XR_RUNTIME_JSON names the simulated runtime)
set -euo pipefail
bin="$1"
dir="$(mktemp -d "${TMPDIR:-/tmp}/bench_live.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
echo '{"display": {"refresh_hz": 30, "width": 32, "height": 32}}' > "$dir/script.json"
out=$(PERFECTSHOT_SIM_SCRIPT="$dir/script.json" PERFECTSHOT_SIM_LOG_LEVEL=warn "$bin" bench live --seconds 2 \
  --work-dir "$dir/work" 2>&1) || { echo "$out"; echo "FAIL: bench live failed"; exit 1; }
grep 'bench live:' <<<"$out"
for p in UDP SRT RTSP; do
  for side in "perfectshot, send to photon" "ffmpeg CLI, send to decoded picture"; do
    grep -Eq "bench live: $p: $side.*: p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms over [1-9][0-9]* pictures" <<<"$out" ||
      { echo "$out"; echo "FAIL: $p: no figures for $side"; exit 1; }
  done
done
if grep -q '\[error\]' <<<"$out"; then echo "FAIL: error lines"; exit 1; fi
echo PASS
