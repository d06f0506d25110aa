#!/usr/bin/env bash
# Installs the Debian packages the project needs (only those missing), then configures and
# builds one build tree. Used by demo.sh and test.sh; safe to run again.
#   scripts/setup.sh [BUILD_DIR] [extra cmake args...]
# PD_BUILD_TARGETS (optional): build only these targets (e.g. the fuzz harnesses).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-$ROOT/build}"
shift || true

PACKAGES=(cmake g++ ninja-build pkg-config libpoco-dev libboost-dev libboost-filesystem-dev
          libfmt-dev libgtest-dev libgmock-dev libssl-dev openssl binutils curl
          clang libclang-rt-dev)  # clang + its runtimes (libFuzzer): the fuzz build

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing missing packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

JOBS="${PD_JOBS:-$(nproc)}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja "$@" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$JOBS" ${PD_BUILD_TARGETS:+--target $PD_BUILD_TARGETS}
