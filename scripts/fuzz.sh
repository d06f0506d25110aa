#!/usr/bin/env bash
# Longer fuzzing sessions by hand (scripts/test.sh runs each harness for 15 s):
#   scripts/fuzz.sh                  every harness in turn, PD_FUZZ_SECONDS (default 300) s each
#   scripts/fuzz.sh NAME [SECONDS]   one harness (names: ls tests/fuzz/*_fuzzer.cc)
# Builds build-fuzz/ first (clang, libFuzzer+ASan+UBSan). One harness runs at a time, in one
# process. New inputs accumulate in build-fuzz/tests/fuzz/work/corpus/NAME (kept between runs);
# a crash stops the run and leaves its input in build-fuzz/tests/fuzz/work/artifacts/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/fuzz_env.sh
PD_BUILD_TARGETS=fuzz_harnesses scripts/setup.sh build-fuzz "${PD_FUZZ_CMAKE_ARGS[@]}"
names=()
if [ $# -ge 1 ]; then
  names=("$1")
else
  for f in tests/fuzz/*_fuzzer.cc; do names+=("$(basename "$f" _fuzzer.cc)"); done
fi
seconds="${2:-${PD_FUZZ_SECONDS:-300}}"
for name in "${names[@]}"; do
  echo "== fuzzing $name for $seconds s"
  tests/fuzz/run_harness.sh "build-fuzz/tests/fuzz/${name}_fuzzer" "$name" "$ROOT/tests/fuzz" \
    "$ROOT/build-fuzz/tests/fuzz/work" libfuzzer run "$seconds"
done
