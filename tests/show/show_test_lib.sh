# Shell helpers of the show control's tests (sourced): waiting, the port a process bound, and
# the player's HTTP status and OSC replies. The test sets dir (its temp dir, oscdump writes
# dump.txt there), osc and http (the player's ports) and defines fail.
# until SECONDS CMD...: runs CMD every 0.1 s until it succeeds; fails after SECONDS.
until_ok() {
  local n=$(( $1 * 10 )); shift
  for _ in $(seq "$n"); do "$@" && return 0; sleep 0.1; done
  return 1
}
# The UDP port a process listens on, from its socket's inode in /proc/net/udp{,6}.
udp_port_of() {
  local inode hex
  for inode in $(ls -l "/proc/$1/fd" 2>/dev/null | grep -o 'socket:\[[0-9]*\]' | grep -o '[0-9]*'); do
    hex=$(awk -v i="$inode" '$10 == i { split($2, a, ":"); print a[2] }' /proc/net/udp /proc/net/udp6 | head -n 1)
    [ -n "$hex" ] && { echo $((16#$hex)); return 0; }
  done
  return 1
}

status() { curl -sS --max-time 5 "http://127.0.0.1:$http/status"; }
field() { status | grep -o "\"$1\":[^,}]*" | cut -d: -f2- | tr -d '"'; }
# send ADDRESS [TYPES ARGS...]: through oscsend; then expect_reply COMMAND ok|error TEXT.
send() { oscsend localhost "$osc" "$@" || fail "oscsend $*"; }
replies_seen=0
# The first reply after those already seen to COMMAND with ok|error whose message has TEXT.
reply_line() {
  tail -n +$((replies_seen + 1)) "$dir/dump.txt" | grep -nF "/perfectshot/reply sss \"$1\" \"$2\" " |
    grep -F "$3" | head -n 1 | cut -d: -f1
}
has_reply() { [ -n "$(reply_line "$@")" ]; }
expect_reply() {
  until_ok 10 has_reply "$@" || fail "no reply to $1 ($2) saying: $3"
  replies_seen=$((replies_seen + $(reply_line "$@")))
  echo "reply: $(sed -n "${replies_seen}p" "$dir/dump.txt" | cut -d' ' -f2-)"
}
