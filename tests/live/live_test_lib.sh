# Shared by the live tests' scripts (sourced after they set $dir and $here): the stamp filter,
# until_ok, a failure that shows every log in $dir, and free loopback ports.
# shellcheck shell=bash
# shellcheck source=../show/show_test_lib.sh
source "$here/../show/show_test_lib.sh"
# shellcheck source=../../tools/media/stamp.sh
source "$here/../../tools/media/stamp.sh"
fail() {
  echo "FAIL: $*" >&2
  for f in "$dir"/*.log; do echo "--- $f" >&2; tail -n 30 "$f" >&2; done
  exit 1
}
free_port() { python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
free_tcp_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
