#!/usr/bin/env bash
# Runs one fuzz harness, for ctest (tests/fuzz/CMakeLists.txt) or by hand (scripts/fuzz.sh):
#   run_harness.sh BINARY NAME SOURCE_DIR WORK_DIR KIND replay
#       every seed and saved regression input once (KIND: libfuzzer or plain, see replay_main.cc)
#   run_harness.sh BINARY NAME SOURCE_DIR WORK_DIR libfuzzer run [SECONDS]
#       fuzz for SECONDS (default $PD_FUZZ_SECONDS, else 15) in this one process
# New inputs libFuzzer finds go to WORK_DIR/corpus/NAME (never into the source tree); a crash
# leaves its input in WORK_DIR/artifacts/ and fails the run: once the driver is fixed, copy the
# input to regressions/NAME/ so every build replays it.
set -euo pipefail
binary="$1" name="$2" src="$3" work="$4" kind="$5" mode="$6"
seconds="${7:-${PD_FUZZ_SECONDS:-15}}"
inputs=("$src/corpus/$name")
[ -d "$src/regressions/$name" ] && inputs+=("$src/regressions/$name")

case "$kind/$mode" in
  plain/replay) exec "$binary" "${inputs[@]}" ;;
  libfuzzer/replay) exec "$binary" -runs=0 "${inputs[@]}" ;;  # -runs=0: run the inputs, fuzz nothing
  libfuzzer/run)
    mkdir -p "$work/corpus/$name" "$work/artifacts"
    dict=()
    [ -f "$src/dict/$name.dict" ] && dict=("-dict=$src/dict/$name.dict")
    # libFuzzer prints a line per new input; the whole log goes to a file, and what is shown is
    # the part that matters: the seed and the final stats, or the failure report with the input.
    log="$work/$name.log"
    rc=0
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/$name-" "${dict[@]}" \
      "$work/corpus/$name" "${inputs[@]}" > "$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
      echo "fuzz $name FAILED (exit $rc); the whole log: $log"
      grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)' "$log" | tail -n 120
      echo "To replay: $binary <the input written above>; once fixed, save it in $src/regressions/$name/"
      exit "$rc"
    fi
    grep -E '^(INFO: Seed|Done|stat::)' "$log" || true ;;
  *) echo "usage: $0 BINARY NAME SOURCE_DIR WORK_DIR libfuzzer|plain replay|run [SECONDS]" >&2
     exit 2 ;;
esac
