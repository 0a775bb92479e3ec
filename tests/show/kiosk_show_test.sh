#!/usr/bin/env bash
# perfectshot kiosk over an episode on the simulated headset, steered over OSC by liblo's own
# oscsend, its replies read by oscdump, its HTTP status by curl: the visit's items stepped with
# next and previous, a seek on the episode's timeline, the attract loop on the operator's word,
# another episode loaded; the status says attract or visit, the episode, the item shown, the
# visitors today. Everything on loopback; every port is picked by the kernel.
#   kiosk_show_test.sh PERFECTSHOT SHOT_DIR   (XR_RUNTIME_JSON names the simulated runtime)
set -euo pipefail
bin="$1"
shot="$2"
dir="$(mktemp -d "${TMPDIR:-/tmp}/kiosk_show.XXXXXX")"
dump_pid=""
kiosk_pid=""
cleanup() {
  [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null || true
  [ -n "$dump_pid" ] && kill "$dump_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
# shellcheck source=show_test_lib.sh
source "$(dirname "$0")/show_test_lib.sh"
fail() {
  echo "FAIL: $*" >&2
  echo "--- kiosk log" >&2; tail -n 40 "$dir/log.txt" >&2 || true
  echo "--- oscdump" >&2; tail -n 20 "$dir/dump.txt" >&2 || true
  echo "--- status" >&2; status >&2 || true
  exit 1
}
# wait_field FIELD VALUE: the status says so within 10 s.
wait_field() { until_ok 10 bash -c "[ \"\$(curl -s http://127.0.0.1:$http/status | grep -o '\"$1\":[^,}]*' | cut -d: -f2- | tr -d '\"')\" = '$2' ]" ||
  fail "$1 is not $2"; }

# Two episodes over the show's 10 s shot: the first with a card between two showings of it.
cp -r "$shot" "$dir/shot"
cat > "$dir/episode.json" <<'JSON'
{ "format": "perfectshot-playlist/1", "title": "Kiosk show", "items": [
  { "shot": "shot" }, { "title_card": { "title": "Between", "text": "A card.", "seconds": 5 } }, { "shot": "shot" } ] }
JSON
cat > "$dir/other.json" <<'JSON'
{ "format": "perfectshot-playlist/1", "title": "Another", "items": [ { "shot": "shot" } ] }
JSON
echo '{"visit_timeout_s": 1, "attract": {"in": 1.0, "out": 3.0}}' > "$dir/kiosk.json"

oscdump -L 0 > "$dir/dump.txt" 2>&1 &
dump_pid=$!
until_ok 10 udp_port_of "$dump_pid" > /dev/null || fail "oscdump did not bind"
dump_port=$(udp_port_of "$dump_pid")

# The visitor wears the headset from the start: a visit begins at once.
echo '{"display": {"refresh_hz": 30, "width": 64, "height": 64}}' > "$dir/script.json"
PERFECTSHOT_SIM_SCRIPT="$dir/script.json" "$bin" --log-level info kiosk "$dir/episode.json" --display xr --mirror none \
  --no-audio --config "$dir/kiosk.json" --osc-port 0 --osc-reply "127.0.0.1:$dump_port" --http-port 0 > "$dir/log.txt" 2>&1 &
kiosk_pid=$!
until_ok 120 grep -q 'kiosk: presence from' "$dir/log.txt" || fail "the kiosk never showed a frame"
osc=$(grep -o 'OSC on udp 127.0.0.1:[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$') || fail "no OSC port logged"
http=$(grep -o 'status on http://127.0.0.1:[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$') || fail "no HTTP port logged"
echo "kiosk: OSC $osc, HTTP $http; oscdump on $dump_port"

wait_field state visit
wait_field episode "$dir/episode.json"
wait_field shot shot
wait_field visitors_today 1
[ "$(field last_error)" = "null" ] || fail "an error at the start: $(field last_error)"
echo "status: $(status)"

send /perfectshot/next
expect_reply next ok "to the next item"
wait_field shot Between
send /perfectshot/next
expect_reply next ok "to the next item"
wait_field shot shot
send /perfectshot/next
expect_reply next error "the last item plays"
send /perfectshot/previous
expect_reply previous ok "to the previous item"
wait_field shot Between
send /perfectshot/seek f 2.0
expect_reply seek ok "at 2.000 s"
wait_field shot shot
until_ok 5 bash -c "s=\$(curl -s http://127.0.0.1:$http/status | grep -o '\"shot_seconds\":[^,}]*' | cut -d: -f2); awk -v s=\"\$s\" 'BEGIN { exit !(s >= 1.9 && s < 4) }'" ||
  fail "seek 2.0 landed at $(field shot_seconds)"
send /perfectshot/seek f 99
expect_reply seek error "outside the episode"
send /perfectshot/volume f 0.5
expect_reply volume error "no sound output"
send /perfectshot/recenter
expect_reply recenter ok "recentred"
send /perfectshot/pause
expect_reply pause ok "paused the visit's programme"
send /perfectshot/play
expect_reply play ok "playing the visit's programme"

# The operator's attract: the visit ends; steering a visit is refused there.
send /perfectshot/attract
expect_reply attract ok "back to the attract loop"
wait_field state attract
wait_field shot attract
send /perfectshot/next
expect_reply next error "the attract loop plays"
send /perfectshot/attract
expect_reply attract ok "plays already"
[ "$(field visitors_today)" = "1" ] || fail "visitors today: $(field visitors_today)"

# Loading: a file that is not there is refused; another episode replaces this one.
send /perfectshot/load s "$dir/missing.json"
expect_reply load error "does not exist"
send /perfectshot/load s "$dir/other.json"
expect_reply load ok "loading"
until_ok 60 grep -q "kiosk: loading $dir/other.json" "$dir/log.txt" || fail "no load logged"
wait_field episode "$dir/other.json"
echo "status: $(status)"
[ "$(field last_error)" = "null" ] || fail "an error after the load: $(field last_error)"

kill -TERM "$kiosk_pid"
code=0; wait "$kiosk_pid" || code=$?
kiosk_pid=""
[ "$code" -eq 0 ] || fail "kiosk exited $code"
if grep -E 'runtime error|ERROR: AddressSanitizer|\[error\]' "$dir/log.txt"; then fail "errors in the log"; fi
echo "kiosk_show: passed"
