#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc, WIREBENCH_SANITIZE=ON) in build-asan/ and runs it, headless. Any
# sanitizer report fails the test it came from. Extra arguments go to ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
BUILD_DIR="$REPO_DIR/build-asan"
configure_and_build -DWIREBENCH_SANITIZE=ON

export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Only leaks inside third-party libraries are suppressed; see the file.
export LSAN_OPTIONS="suppressions=$REPO_DIR/tests/sanitizers/lsan.supp:print_suppressions=0"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"${WIREBENCH_TEST_JOBS:-2}" "$@"
