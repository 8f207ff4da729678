#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang in build-fuzz/ and
# runs each for SECONDS_PER_TARGET seconds (default 15) on a copy of its seed
# corpus, so tests/fuzz/corpus/ is never written to. Fails if any target finds
# a crash, and says where the crashing input is.
#   ./scripts/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail

SECONDS_PER_TARGET="${1:-15}"
if ! [[ "$SECONDS_PER_TARGET" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [SECONDS_PER_TARGET]   (a whole number of seconds, default 15)" >&2
    exit 2
fi

# The fuzz build needs clang and its libFuzzer/sanitizer runtimes on top of
# what setup.sh installs.
WIREBENCH_EXTRA_PACKAGES="${WIREBENCH_EXTRA_PACKAGES:-} clang-14 libclang-rt-14-dev"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# Only netcore and the fuzz targets: no app, no widgets, no Qt Test suites.
BUILD_DIR="$REPO_DIR/build-fuzz"
configure_and_build -DCMAKE_CXX_COMPILER="$(command -v clang++-14)" \
    -DWIREBENCH_BUILD_APP=OFF -DWIREBENCH_BUILD_TESTS=OFF -DWIREBENCH_FUZZ=ON

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
targets=(fuzz_requestparser fuzz_documentroot fuzz_byterange fuzz_hexinput)
failed=()
for target in "${targets[@]}"; do
    run_dir="$BUILD_DIR/fuzz-runs/$target"
    rm -rf "$run_dir"
    mkdir -p "$run_dir/corpus" "$run_dir/artifacts"
    cp -R "$REPO_DIR/tests/fuzz/corpus/$target/." "$run_dir/corpus/"
    seeds=$(find "$run_dir/corpus" -type f | wc -l)

    # -timeout turns a hang (say, a pipelining loop that never ends) into a
    # finding; the log keeps libFuzzer's report for a failing run.
    status=0
    "$BUILD_DIR/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$run_dir/artifacts/" "$run_dir/corpus" >"$run_dir/log" 2>&1 || status=$?

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run_dir/log" | tail -n1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$run_dir/log" | tail -n1)
    inputs=$(find "$run_dir/corpus" -type f | wc -l)
    artifacts=$(find "$run_dir/artifacts" -type f | sort)
    if [ "$status" -eq 0 ] && [ -z "$artifacts" ]; then
        echo "$target: ok, ${runs:-?} runs in ${SECONDS_PER_TARGET} s (${speed:-?} exec/s), corpus $seeds → $inputs inputs"
        continue
    fi
    failed+=("$target")
    echo "$target: FAILED (exit $status) after ${runs:-?} runs; libFuzzer's log: $run_dir/log" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz check failed|.*runtime error)' "$run_dir/log" | head -n 5 >&2 || true
    while IFS= read -r artifact; do
        [ -n "$artifact" ] || continue
        echo "  crashing input: $artifact ($(stat -c %s "$artifact") bytes); base64: $(base64 -w0 "$artifact" | head -c 2000)" >&2
        echo "  reproduce: '$BUILD_DIR/tests/fuzz/$target' '$artifact'" >&2
    done <<<"$artifacts"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "Fuzzing found crashes in: ${failed[*]}" >&2
    exit 1
fi
