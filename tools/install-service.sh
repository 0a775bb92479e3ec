#!/usr/bin/env bash
# Installs PerfectShot as a systemd service that runs for weeks unattended: Type=notify (ready
# at the first frame shown), a watchdog the render loop pings while frames flow, restarted
# within seconds on a crash, a hang, a kill -9 or any exit, and a rotating log file.
#
#   tools/install-service.sh [--user] [--name NAME] [--binary PATH] [--watchdog-sec N]
#       [--log-file PATH] [--env KEY=VALUE]... [--print] [--no-start] -- COMMAND [ARGS...]
#
# COMMAND ARGS are the perfectshot command line, e.g. `-- play /srv/shots/episode.json`.
#   --user      a user unit (~/.config/systemd/user), for a player in the user's desktop
#               session (the usual case: the OpenXR runtime and the mirror window live there);
#               without it a system unit in /etc/systemd/system, run as the invoking user.
#   --print     write the unit to stdout and change nothing (to review it, or for tests).
#   --no-start  install and enable it, but do not (re)start it now.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
user_unit=0
name="perfectshot"
binary=""
watchdog_sec=10
log_file=""
print_only=0
start=1
envs=()
die() { echo "install-service.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --user) user_unit=1 ;;
    --name) [ $# -ge 2 ] || die "--name needs a value"; name="$2"; shift ;;
    --binary) [ $# -ge 2 ] || die "--binary needs a value"; binary="$2"; shift ;;
    --watchdog-sec) [ $# -ge 2 ] || die "--watchdog-sec needs a value"; watchdog_sec="$2"; shift ;;
    --log-file) [ $# -ge 2 ] || die "--log-file needs a value"; log_file="$2"; shift ;;
    --env) [ $# -ge 2 ] || die "--env needs KEY=VALUE"; envs+=("$2"); shift ;;
    --print) print_only=1 ;;
    --no-start) start=0 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (the perfectshot command line goes after --)" ;;
  esac
  shift
done
[ $# -gt 0 ] || die "no perfectshot command: give it after --, e.g. -- play /srv/shots/episode.json"
[[ "$name" =~ ^[A-Za-z0-9_.-]+$ ]] || die "--name '$name': letters, digits, '_', '.', '-' only"
[[ "$watchdog_sec" =~ ^[0-9]+$ ]] && [ "$watchdog_sec" -ge 2 ] && [ "$watchdog_sec" -le 600 ] ||
  die "--watchdog-sec '$watchdog_sec': a whole number of seconds from 2 to 600"
for e in "${envs[@]}"; do [[ "$e" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "--env '$e': not KEY=VALUE"; done

if [ -z "$binary" ]; then
  for b in "$root/build/tools/perfectshot/perfectshot" "$(command -v perfectshot || true)"; do
    [ -n "$b" ] && [ -x "$b" ] && { binary="$b"; break; }
  done
  [ -n "$binary" ] || die "no perfectshot binary found: build it (tools/setup.sh) or give --binary"
fi
[ -x "$binary" ] || die "--binary '$binary' is not an executable file"
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

if [ "$user_unit" -eq 1 ]; then
  unit_dir="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
  [ -n "$log_file" ] || log_file="${XDG_STATE_HOME:-$HOME/.local/state}/perfectshot/$name.log"
else
  unit_dir="/etc/systemd/system"
  run_as="${SUDO_USER:-$(id -un)}"
  [ -n "$log_file" ] || log_file="/var/log/perfectshot/$name.log"
fi

# One word of ExecStart=/Environment=: systemd's own quoting, with its specifiers (%) and
# variables ($) taken literally.
quote() {
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//%/%%}"; s="${s//\$/\$\$}"
  printf '"%s"' "$s"
}
exec_start="$(quote "$binary") --log-file $(quote "$log_file")"
for a in "$@"; do exec_start+=" $(quote "$a")"; done

unit() {
  cat <<UNIT
# Written by tools/install-service.sh; run it again to change this unit.
[Unit]
Description=PerfectShot player ($name)
$([ "$user_unit" -eq 1 ] && echo "After=graphical-session.target" || echo "After=network.target")
# An installation restarts for as long as it takes: no limit on restarts.
StartLimitIntervalSec=0

[Service]
Type=notify
NotifyAccess=main
ExecStart=$exec_start
# Relative paths on the command line are taken from where the unit was installed.
WorkingDirectory=${PWD//%/%%}
Restart=always
RestartSec=1
# The player pings only while its render loop shows frames; a hung loop is killed (SIGABRT,
# then SIGKILL) and restarted. Starting (Vulkan, the headset, the first frame) may take longer.
WatchdogSec=$watchdog_sec
TimeoutStartSec=120
TimeoutStopSec=10
# A core dump of a hung player would delay its restart by as long as it takes to write.
LimitCORE=0
UNIT
  for e in "${envs[@]}"; do echo "Environment=$(quote "$e")"; done
  if [ "$user_unit" -eq 0 ]; then
    [ "$run_as" = root ] || echo "User=$run_as"
    [ "$log_file" = "/var/log/perfectshot/$name.log" ] && echo "LogsDirectory=perfectshot"
  fi
  cat <<UNIT

[Install]
WantedBy=$([ "$user_unit" -eq 1 ] && echo "default.target" || echo "multi-user.target")
UNIT
}

if [ "$print_only" -eq 1 ]; then
  unit
  exit 0
fi

systemctl_cmd=(systemctl)
[ "$user_unit" -eq 1 ] && systemctl_cmd+=(--user)
mkdir -p "$unit_dir" "$([ "$user_unit" -eq 1 ] && dirname "$log_file" || echo "$unit_dir")"
unit > "$unit_dir/$name.service"
echo "install-service: wrote $unit_dir/$name.service"
"${systemctl_cmd[@]}" daemon-reload
"${systemctl_cmd[@]}" enable "$name.service"
if [ "$start" -eq 1 ]; then
  "${systemctl_cmd[@]}" restart "$name.service"
  journal="journalctl $([ "$user_unit" -eq 1 ] && echo "--user ")-u $name -f"
  echo "install-service: started; follow it with: ${systemctl_cmd[*]} status $name, $journal"
fi
