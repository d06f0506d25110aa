#!/usr/bin/env bash
# The project's test command (README, and .ci/run): installs what is missing, builds, and runs
# every test through ctest, in a normal build and in AddressSanitizer+UBSan and ThreadSanitizer
# builds, then the libFuzzer harnesses (clang). PD_QUICK=1 runs the normal build only (for local
# iteration; CI runs everything).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

run_suite() {  # name build_dir ctest_jobs ctest_label_args [cmake args...]
  local name="$1" dir="$2" jobs="$3" labels="$4"
  shift 4
  echo "== $name build ($dir)"
  local start=$SECONDS
  scripts/setup.sh "$dir" "$@"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 300 $labels)
  echo "== $name: passed in $((SECONDS - start)) s"
}

JOBS="${PD_JOBS:-$(nproc)}"
# Most tests wait on sockets and clocks, so ctest runs twice as many as there are cores (the
# benchmarks are RUN_SERIAL: alone). Measured on 2 cores: the default tree's tests 175 s -> 110 s.
TEST_JOBS="${PD_TEST_JOBS:-$((2 * JOBS))}"

# Benchmarks (label "bench") check the performance targets in the optimized build only; under
# sanitizers their numbers mean nothing.
# Line tables only (-g1): the same code as -g, stack traces keep file and line, and the tree
# compiles faster (it is built four times in CI).
run_suite "default" build "$TEST_JOBS" "" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
if [ "${PD_QUICK:-0}" != "1" ]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/tests/tsan.supp"
  # Sanitizer builds: no benchmarks built (none run there); line tables only (-g1) are enough for
  # the sanitizers' stack traces and compile faster than full debug info.
  # Unity builds (8 sources per translation unit) halve their compile time (ASan tree on 2 cores:
  # 563 s -> 299 s); the default tree stays one source per unit, so a missing #include still fails.
  # Each test binary runs as a few sharded processes (cmake/test_registration.cmake): a sanitized
  # process is slow to start (ASan tree's tests: 252 s as 724 processes at -j2, 73 s as 39 at -j4).
  SAN_ARGS=(-DCMAKE_BUILD_TYPE=Debug -DPD_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_C_FLAGS_DEBUG=-g1
            -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 -DPD_TEST_SHARDS=ON)
  run_suite "asan+ubsan" build-asan "$TEST_JOBS" "-LE bench" "${SAN_ARGS[@]}" -DPD_SANITIZE=address
  run_suite "tsan" build-tsan "$TEST_JOBS" "-LE bench" "${SAN_ARGS[@]}" -DPD_SANITIZE=thread
  # Fuzzing (clang, libFuzzer+ASan+UBSan; tests/fuzz/README.md): only the harnesses are built;
  # each replays its seeds and saved crash inputs, then fuzzes for PD_FUZZ_SECONDS (15 s).
  source scripts/fuzz_env.sh
  PD_BUILD_TARGETS=fuzz_harnesses run_suite "fuzz" build-fuzz "$JOBS" "-L fuzz" "${PD_FUZZ_CMAKE_ARGS[@]}"
fi
echo "all test suites passed"
