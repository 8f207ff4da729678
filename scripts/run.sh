#!/usr/bin/env bash
# Builds Wirebench and opens it on the built-in demo site
# (http://127.0.0.1:8080/). Extra arguments go to the program.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
configure_and_build

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: running the servers headless instead (Ctrl+C stops them)." >&2
    exec "$BUILD_DIR/wirebench" --headless "$@"
fi
exec "$BUILD_DIR/wirebench" --start "$@"
