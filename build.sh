#!/usr/bin/env bash
# ./build.sh demo  — install what is missing, build, run the demo on an embedded local registry
# ./build.sh test  — install what is missing, build, run every test with ctest
# ./build.sh build — install and build only
# Idempotent: packages already present are skipped, the build folder is reused.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${ARCHIPEL_BUILD_DIR:-build}

# Debian packages the build needs (OpenCASCADE's CMake files also need libtbb-dev).
BUILD_PACKAGES=(
  build-essential cmake pkg-config git
  libocct-foundation-dev libocct-modeling-data-dev libocct-modeling-algorithms-dev
  libocct-ocaf-dev libocct-visualization-dev libocct-data-exchange-dev libtbb-dev
  libassimp-dev libgit2-dev libcli11-dev libfmt-dev doctest-dev nlohmann-json3-dev
  libvalijson-dev libssl-dev libsqlite3-dev libminizip-dev libqhull-dev libzip-dev libexpat1-dev
  libre2-dev openssh-client
)
# npm fetches the pinned SPDX data (below). Machines whose Node.js does not come from Debian already
# have npm, and Debian's npm package would conflict with it: install it only when npm is missing.
command -v npm >/dev/null || BUILD_PACKAGES+=(npm)
# Extra packages the tests use: an independent JSON Schema validator, a real browser to check
# that the SVG drawings render (the test is skipped when chromium is absent), and an independent
# DXF reader for the exported drawings (skipped when python3-ezdxf is absent), and the git servers
# the hub tests run on 127.0.0.1 (sshd, lighttpd + fcgiwrap + git http-backend; skipped when absent).
TEST_PACKAGES=(python3 python3-jsonschema chromium python3-ezdxf openssh-server lighttpd fcgiwrap)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
}

# The official SPDX data (licence ids, full texts for kits' LICENSES/) from npm, pinned by the
# committed package-lock.json; reinstalled only when the lock changes.
spdx_data() {
  local dir="$BUILD_DIR/spdx-data"
  if cmp -s cmake/spdx-data/package-lock.json "$dir/package-lock.json" && [ -d "$dir/node_modules" ]; then
    return 0
  fi
  mkdir -p "$dir"
  cp cmake/spdx-data/package.json cmake/spdx-data/package-lock.json "$dir/"
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null ||
    echo "build.sh: warning: npm ci failed: kits will name licences without their full texts" >&2
}

build() {
  # ccache, when the machine has it, makes rebuilds of several checkouts cheap; CI works without.
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
  spdx_data
}

case "${1:-}" in
  demo)
    install_missing "${BUILD_PACKAGES[@]}"
    build
    bash examples/demo.sh "$BUILD_DIR/cli/archipel"
    ;;
  test)
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
    ;;
  build)
    install_missing "${BUILD_PACKAGES[@]}"
    build
    ;;
  *)
    echo "usage: ./build.sh demo|test|build" >&2
    exit 2
    ;;
esac
