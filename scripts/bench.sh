#!/usr/bin/env bash
# The benchmark command (README "Performance"): builds the optimized tree and runs every
# benchmark against the in-process PMS emulator, full length, printing medians and whether each
# target is met; exits non-zero when one is missed. CI runs the same programs in short mode
# (PD_BENCH_SHORT=1) through ctest's "bench" label, so they cannot rot.
#   scripts/bench.sh            all benchmarks
#   scripts/bench.sh sync load  only those
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${PD_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh" "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "build:   $(grep -m1 CMAKE_BUILD_TYPE "$BUILD/CMakeCache.txt" | cut -d= -f2), $(c++ --version | head -n1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (a busy machine makes the times worse)"

ALL=(sync requests comparison push planning index parse load provider)
BENCHES=("${@:-${ALL[@]}}")
failed=()
for name in "${BENCHES[@]}"; do
  echo
  echo "== $name"
  if ! "$BUILD/tests/bench/${name}_bench"; then failed+=("$name"); fi
done
echo
if ((${#failed[@]})); then
  echo "targets missed in: ${failed[*]}"
  exit 1
fi
echo "every target met"
