# Sourced by scripts/test.sh and scripts/fuzz.sh: how the fuzz tree (build-fuzz/) is configured
# and the sanitizer options its harnesses run with, written once.
# clang with libFuzzer+ASan+UBSan; only the harnesses are built.
PD_FUZZ_CMAKE_ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang
                    -DCMAKE_CXX_COMPILER=clang++ -DPD_SANITIZE=fuzzer)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
