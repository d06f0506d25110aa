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
# Packaging (.deb with dependencies from dpkg-shlibdeps, checked by lintian; tests/install).
PACKAGES+=(dpkg-dev file lintian)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The Node.js host adapter (host_stub/node): node and npm from Debian when missing (a node from
# elsewhere, e.g. NodeSource's, is used as it is); then, below, the packages pinned in its
# package-lock.json from the npm registry, only when the lockfile changed.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing missing packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

NODE_DIR="$ROOT/host_stub/node"
if [ ! -f "$NODE_DIR/node_modules/.package-lock.json" ] ||
   [ "$NODE_DIR/package-lock.json" -nt "$NODE_DIR/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in host_stub/node" >&2
  # --ignore-scripts: koffi loads its prebuilt binary from @koromix/koffi-<platform>; nothing
  # is compiled or fetched by install scripts.
  (cd "$NODE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi

JOBS="${PD_JOBS:-$(nproc)}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja "$@" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$JOBS" ${PD_BUILD_TARGETS:+--target $PD_BUILD_TARGETS}
