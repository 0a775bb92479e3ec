#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, with clang, apart from the main GCC build) and runs them.
#   tools/fuzz.sh [--build-dir DIR] [TARGET|all] [SECONDS]
#       fuzzes each target for SECONDS (default 3600), then merges the inputs that reach new
#       code into tests/fuzz/corpus/TARGET; a crash is copied into tests/fuzz/regressions/TARGET.
#       PS_FUZZ_JOBS=N runs N fuzzing processes per target (libFuzzer's -fork).
#   tools/fuzz.sh [--build-dir DIR] --ci TARGET SECONDS
#       what the test suite runs: the target's regressions once each, then SECONDS of fuzzing
#       on its committed corpus; writes nothing into the source tree; exits non-zero on a crash.
#   tools/fuzz.sh [--build-dir DIR] --build-only
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/tests/fuzz"
build="$root/build-fuzz"
mode=long
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift ;;
    --build-only) mode=build ;;
    --ci) mode=ci ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
targets=$(sed -n 's/^set(PS_FUZZ_TARGETS \(.*\))$/\1/p' "$fuzz/CMakeLists.txt")
target="${1:-all}"
seconds="${2:-3600}"
if [ "$target" != all ] && ! grep -qw -- "$target" <<<"$targets"; then
  echo "fuzz.sh: no fuzz target '$target' (there are: $targets)" >&2
  exit 2
fi
[ "$target" = all ] && selected=$targets || selected=$target
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "fuzz.sh: SECONDS must be a positive whole number, not '$seconds'" >&2
  exit 2
fi
if [ "$mode" = ci ] && [ $# -ne 2 ]; then
  echo "fuzz.sh: --ci needs TARGET and SECONDS" >&2
  exit 2
fi

# The build: configured once, with ccache when there is one; warnings are errors unless told otherwise.
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CXX=clang++ cmake -S "$fuzz" -B "$build" -G Ninja "${launcher[@]}" \
    -DPERFECTSHOT_WERROR="${PERFECTSHOT_WERROR:-ON}" >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)" -- $(for t in $selected; do echo "fuzz_$t"; done)
[ "$mode" = build ] && exit 0

# Temporary files of the targets (their shot packages) and fresh inputs live here, never in the tree.
work="$(mktemp -d "${TMPDIR:-/tmp}/ps_fuzz_run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
for t in $selected; do
  bin="$build/fuzz_$t"
  corpus="$fuzz/corpus/$t"
  regressions="$fuzz/regressions/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$artifacts" "$work/new_$t"
  options=(-dict="$fuzz/$t.dict" -timeout=10 -rss_limit_mb=2048 -max_len=16384
           -artifact_prefix="$artifacts/" -print_final_stats=1 -print_funcs=0)
  seeds=("$corpus")
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    seeds+=("$regressions")
    # Each regression at full length (as corpus entries they would be cut to -max_len).
    echo "fuzz: $t: $(ls "$regressions" | wc -l) regression input(s)"
    if ! "$bin" "${options[@]}" "$regressions"/* >"$work/regressions_$t.log" 2>&1; then
      cat "$work/regressions_$t.log" >&2
      echo "fuzz: $t: a regression input fails again" >&2
      status=1
      continue
    fi
  fi
  echo "fuzz: $t for $seconds s (crash inputs go to $artifacts/)"
  jobs=()
  [ "$mode" = long ] && [ -n "${PS_FUZZ_JOBS:-}" ] && jobs=(-fork="$PS_FUZZ_JOBS")
  rc=0
  "$bin" "${options[@]}" "${jobs[@]}" -max_total_time="$seconds" "$work/new_$t" "${seeds[@]}" || rc=$?
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz: $t crashed (exit $rc); the input is in $artifacts/" >&2
    if [ "$mode" = long ]; then
      mkdir -p "$regressions"
      for a in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
        [ -f "$a" ] && cp -n "$a" "$regressions/" && echo "fuzz: kept $(basename "$a") as a regression input" >&2
      done
    fi
    continue
  fi
  if [ "$mode" = long ]; then
    # Only the inputs that reach code the corpus does not are added.
    "$bin" -merge=1 "${options[@]}" "$corpus" "$work/new_$t" 2>&1 | grep -E '^MERGE-OUTER: [0-9]+ new files' || true
  fi
done
exit "$status"
