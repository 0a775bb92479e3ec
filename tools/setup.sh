#!/usr/bin/env bash
# Installs the Debian packages PerfectShot needs, then configures and builds.
# Idempotent and non-interactive: safe to run again on a machine that has everything.
#   tools/setup.sh [--deps-only] [--build-dir DIR] [--build-type Debug|Release] [--sanitize]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build"
build_type="Release"
sanitize=OFF
deps_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --deps-only) deps_only=1 ;;
    --build-dir) build_dir="$2"; shift ;;
    --build-type) build_type="$2"; shift ;;
    --sanitize) sanitize=ON ;;
    *) echo "setup.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done

packages=(
  build-essential cmake pkg-config ninja-build
  libvulkan-dev glslc vulkan-validationlayers mesa-vulkan-drivers vulkan-tools
  libopenxr-dev libopenxr-loader1 openxr-layer-corevalidation libopenxr-utils
  libglfw3-dev libtinygltf-dev
  ffmpeg libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libspdlog-dev nlohmann-json3-dev libglm-dev libstb-dev libopenal-dev libcli11-dev
  libgtest-dev libgmock-dev libimgui-dev xvfb xauth fonts-dejavu-core
  assimp-testmodels  # Khronos glTF samples for the loader tests
  libdraco-dev libmeshoptimizer-dev draco  # compressed glTF; draco_encoder for its tests
  libassimp-dev  # OBJ and PLY captures for perfectshot prep
  liblo-dev liblo-tools libcpp-httplib-dev curl  # show control: OSC (oscsend, oscdump in its tests), HTTP status
  clang libclang-rt-dev  # libFuzzer and its sanitizers, for tests/fuzz
  libsystemd-dev  # sd_notify: the systemd service's readiness and watchdog
  zlib1g-dev libzstd-dev  # splat files: .spz is gzip (versions 2, 3) or zstd (version 4)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ "$deps_only" -eq 1 ] && exit 0

cmake -S "$root" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="$build_type" -DPERFECTSHOT_SANITIZE="$sanitize" \
  ${PERFECTSHOT_WERROR:+-DPERFECTSHOT_WERROR=$PERFECTSHOT_WERROR}
cmake --build "$build_dir" --parallel "$(nproc)"
