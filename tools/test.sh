#!/usr/bin/env bash
# Sets up (Debian packages, build) and runs the whole test suite: a Debug build
# with ASan+UBSan and the Vulkan validation layer on, on lavapipe.
#   tools/test.sh [ctest args...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PERFECTSHOT_TEST_BUILD_DIR:-$root/build-test}"
# CI treats warnings as errors; so does anyone who sets PERFECTSHOT_WERROR=ON.
if [ "${CI:-}" = "true" ]; then export PERFECTSHOT_WERROR=ON; fi
bash "$root/tools/setup.sh" --build-dir "$build" --build-type Debug --sanitize
PERFECTSHOT_BUILD_DIR="$build" bash "$root/tools/media/make-demo.sh"

export PERFECTSHOT_VALIDATION=1
# Leaks inside the Vulkan loader and Mesa are not ours; see tests/lsan.supp.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
[ -f "$root/tests/lsan.supp" ] && export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build"
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
